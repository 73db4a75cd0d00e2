// CustomSchema: an OpenAPI (swagger 2) document given by a kustomization's
// `openapi: {path: ...}` field, read for what changes how a strategic-merge
// patch merges custom resources: x-kubernetes-patch-strategy,
// x-kubernetes-patch-merge-key and x-kubernetes-list-map-keys, reached from
// the definitions that carry x-kubernetes-group-version-kind through
// properties, items and $ref (kyaml's openapi.SetSchema / AddDefinitions).
#ifndef FERRY_K8S_OPENAPI_SCHEMA_H_
#define FERRY_K8S_OPENAPI_SCHEMA_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/gvk.h"
#include "k8s/merge_keys.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::k8s {

/// The custom types of one OpenAPI document.
class CustomSchema {
 public:
  /// Parses JSON or YAML text; `file` names it in errors.
  static Status Parse(std::string_view text, std::string_view file,
                      std::shared_ptr<const CustomSchema>* out);
  /// The schema of a type the document declares, or nullptr.
  const FieldSchema *Root(const Gvk &gvk) const;

 private:
  const FieldSchema *Definition(const std::string &name, int depth);
  const FieldSchema *Build(const yaml::Node &n, int depth);

  yaml::Node doc_;
  std::map<std::string, const FieldSchema *> definitions_;
  std::map<std::string, const FieldSchema *> roots_;  // "apiVersion kind"
  std::vector<std::unique_ptr<FieldSchema>> owned_;
};

/// The custom schema SchemaForType consults on this thread (after the
/// built-in types, as kyaml lets the built-in definitions win), or nullptr.
const CustomSchema *ActiveCustomSchema();

/// Makes `schema` the active custom schema of this thread while alive.
class ScopedCustomSchema {
 public:
  explicit ScopedCustomSchema(std::shared_ptr<const CustomSchema> schema);
  ~ScopedCustomSchema();
  ScopedCustomSchema(const ScopedCustomSchema &) = delete;
  ScopedCustomSchema &operator=(const ScopedCustomSchema &) = delete;

 private:
  std::shared_ptr<const CustomSchema> schema_;
  const CustomSchema *previous_;
};

}  // namespace ferry::k8s

#endif  // FERRY_K8S_OPENAPI_SCHEMA_H_
