// FieldSpec: a path to a field in objects of some kinds, the unit in which
// kustomize configures its transformers ("spec/template/metadata/labels in
// Deployments, created when absent"), and the walk that applies a function
// to every field a spec matches.
#ifndef FERRY_KUSTOMIZE_FIELDSPEC_H_
#define FERRY_KUSTOMIZE_FIELDSPEC_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/gvk.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Which field of which kinds a transformer touches.
struct FieldSpec {
  k8s::Gvk gvk;      // empty fields match any
  std::string path;  // "spec/template/metadata/labels"; "\/" escapes a '/'
  bool create = false;
};

/// Splits a fieldspec path at unescaped '/' ("a/b\/c" -> {"a", "b/c"}).
std::vector<std::string> SplitFieldPath(std::string_view path);

/// Calls `fn` on every node that `spec` designates in `obj` (no call when
/// obj's kind does not match spec.gvk). Sequences met along the path are
/// walked element by element. With spec.create, missing mappings along the
/// path (and the final field, as `create_kind`) are created. A path segment
/// that meets a scalar where a mapping is needed is an error naming the
/// field, as in kustomize.
Status ApplyFieldSpec(yaml::Node* obj, const FieldSpec& spec,
                      const std::function<Status(yaml::Node*)>& fn,
                      yaml::Kind create_kind = yaml::Kind::kMapping);

/// Parses a list of fieldspecs from YAML (group/version/kind/path/create).
Status ParseFieldSpecs(const yaml::Node& list, std::vector<FieldSpec>* out);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_FIELDSPEC_H_
