// Kustomization: a parsed kustomization.yaml (or Component), checked against
// the fields kustomize v5.5 knows, with the legacy spellings folded in as
// kustomize's FixKustomization does (bases -> resources, imageTags -> images).
#ifndef FERRY_KUSTOMIZE_KUSTOMIZATION_H_
#define FERRY_KUSTOMIZE_KUSTOMIZATION_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kustomize/loader.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// The kustomization file names kustomize recognizes, in its order.
const std::vector<std::string>& KustomizationFileNames();

/// One kustomization file, parsed and validated.
struct Kustomization {
  std::string path;       // absolute path of the file
  std::string file_name;  // "kustomization.yaml", ...
  yaml::Node doc;         // the whole file
  bool is_component = false;
  std::vector<std::string> warnings;  // deprecations, as kustomize prints

  /// The field's value, or nullptr when absent or null.
  const yaml::Node* Field(std::string_view name) const;
  /// A list of strings (resources, components, crds, ...); an error names
  /// the element that is not a string.
  Status StringList(std::string_view name, std::vector<std::string>* out) const;
  /// A string field ("" when absent).
  std::string String(std::string_view name) const;
};

/// Changes a kustomization before it is checked, as Flux's
/// kustomize-controller rewrites the file at spec.path before building it.
/// `found` is false when the folder has no kustomization file: `doc` is
/// then an empty mapping for the edit to fill (Flux generates one).
using KustomizationEdit = std::function<Status(bool found, yaml::Node* doc)>;

/// Finds and loads the kustomization file of `loader`'s folder; with
/// `edit`, the file may be missing and the edit sees it before the checks.
Status LoadKustomization(const Loader& loader, Kustomization* out,
                         const KustomizationEdit* edit = nullptr);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_KUSTOMIZATION_H_
