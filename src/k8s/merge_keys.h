// MergeKeys: strategic-merge metadata of built-in Kubernetes types, the part
// of the OpenAPI schema (Kubernetes v1.21.2) that kustomize v5 embeds and
// consults when it merges patches.
#ifndef FERRY_K8S_MERGE_KEYS_H_
#define FERRY_K8S_MERGE_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "k8s/gvk.h"

namespace ferry::k8s {

/// The declared schema of one value of a built-in type: its fields, its list
/// elements, and the patch strategy of the field holding it. Only the parts
/// that change how a patch merges are recorded; a value whose schema is
/// unknown merges as maps-merged, lists-replaced, scalars-replaced.
class FieldSchema {
 public:
  /// Schema of property `name` of a map value, or nullptr when unknown.
  const FieldSchema *Field(std::string_view name) const;
  /// Schema of the elements of a list value, or nullptr when unknown.
  const FieldSchema *Elements() const { return elements_; }
  /// x-kubernetes-patch-strategy: "", "merge", "retainKeys" or
  /// "merge,retainKeys".
  std::string_view patch_strategy() const { return strategy_; }
  /// Merge keys as kyaml reads them: x-kubernetes-list-map-keys when present
  /// (e.g. {"containerPort", "protocol"} for container ports), else
  /// {x-kubernetes-patch-merge-key}, else {} (a merged list of scalars such as
  /// finalizers).
  const std::vector<std::string> &merge_keys() const { return keys_; }
  /// True when the strategy includes "merge": the list is associative.
  bool IsMergeList() const;
  /// True when the strategy includes "retainKeys".
  bool HasRetainKeys() const;

 private:
  friend class SchemaTable;
  friend class CustomSchema;
  struct Prop {
    std::string name;
    const FieldSchema *schema;
  };
  std::vector<Prop> props_;
  const FieldSchema *elements_ = nullptr;
  std::string strategy_;
  std::vector<std::string> keys_;
};

/// The schema of a built-in type by exact apiVersion and kind (for instance
/// apps/v1 Deployment; not extensions/v1beta1 Deployment, which the v1.21
/// schema no longer has), or nullptr for custom and unknown types.
const FieldSchema *SchemaForType(const Gvk &gvk);

/// A schema type of the built-in table by its OpenAPI definition name
/// ("io.k8s.api.core.v1.PodSpec" or "PodSpec"), or nullptr.
const FieldSchema *BuiltinTypeSchema(std::string_view definition);

/// How a patch merges the list at a path of field names from the object
/// root of a built-in type.
struct ListMerge {
  bool merge = false;             // associative (merged) or replaced
  std::vector<std::string> keys;  // merge keys; empty for scalar lists
  bool retain_keys = false;       // strategy also has retainKeys
};

/// Looks up the list at `path` (field names, list levels skipped
/// implicitly: {"spec","template","spec","containers","ports"} reaches the
/// ports of each container). Unknown paths give a replaced list.
ListMerge ListMergeAt(const Gvk &gvk, const std::vector<std::string> &path);

}  // namespace ferry::k8s

#endif  // FERRY_K8S_MERGE_KEYS_H_
