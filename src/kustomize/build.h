// Build: the public entry point of the kustomize layer — `kustomize build`
// of one folder, giving the objects in kustomize's output order.
#ifndef FERRY_KUSTOMIZE_BUILD_H_
#define FERRY_KUSTOMIZE_BUILD_H_

#include <string>
#include <string_view>
#include <vector>

#include "kustomize/kustomization.h"
#include "kustomize/loader.h"
#include "kustomize/resource.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Options of one build (the flags of `kustomize build`).
struct BuildOptions {
  LoadRestrictor load_restrictor = LoadRestrictor::kRootOnly;
  /// Applied to every secretGenerator source file (none when empty).
  SecretSourceFilter secret_source_filter;
  /// --enable-managedby-label: app.kubernetes.io/managed-by on every object.
  bool add_managed_by_label = false;
  /// --reorder: the final sort when the kustomization has no sortOptions
  /// (kLegacy is also what no flag gives).
  enum class Reorder { kUnspecified, kLegacy, kNone };
  Reorder reorder = Reorder::kUnspecified;
  /// Rewrites the top-level kustomization before the build (and lets the
  /// folder have none); see KustomizationEdit.
  KustomizationEdit edit_top;
};

/// Something legal but probably a mistake, found while building (kustomize
/// says nothing of it): e.g. a patch whose target selects no object.
struct BuildNote {
  yaml::Mark mark;
  std::string message;
  std::string rule;  // "patch-no-target"
};

/// What a build produced: the objects, warnings kustomize would print on
/// stderr (deprecated fields), and notes for `ferry check`.
struct BuildResult {
  ResMap resources;
  std::vector<std::string> warnings;
  std::vector<BuildNote> notes;
};

/// Builds the kustomization in `dir`. On error nothing is returned but the
/// error, which names the file and line at fault where there is one.
Status Build(std::string_view dir, const BuildOptions& options,
             BuildResult* result);

/// Fails, at the node, on what kustomize cannot write through JSON: an
/// infinity or NaN, or a key that go-yaml reads as another type than a
/// string. Build applies it to every object it returns.
Status CheckJsonEncodable(const yaml::Node& n);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_BUILD_H_
