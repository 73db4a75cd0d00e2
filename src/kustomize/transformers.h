// The built-in transformers a kustomization's fields turn on: namespace,
// namePrefix/nameSuffix, labels and commonLabels, commonAnnotations, images
// and replicas. Each follows its kustomize plugin of the same name.
#ifndef FERRY_KUSTOMIZE_TRANSFORMERS_H_
#define FERRY_KUSTOMIZE_TRANSFORMERS_H_

#include <string>
#include <utility>
#include <vector>

#include "kustomize/fieldspec.h"
#include "kustomize/resource.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// The NamespaceTransformer plugin's options beyond namespace and fieldSpecs.
struct NamespaceOptions {
  bool unset_only = false;  // set only fields that are empty
  /// Which (Cluster)RoleBinding subjects get the namespace: the ones named
  /// "default" (kustomize's default), every ServiceAccount, or none.
  enum class Subjects { kDefaultOnly, kAllServiceAccounts, kNone };
  Subjects subjects = Subjects::kDefaultOnly;
};

/// Sets the namespace of namespaced objects and the namespace fields of
/// `specs` (NamespaceTransformer, with RoleBinding subjects handled as
/// `options` say).
Status TransformNamespace(std::string_view ns,
                          const std::vector<FieldSpec>& specs, ResMap* m,
                          const NamespaceOptions& options = {});

/// Adds prefix and suffix to names (PrefixSuffixTransformer).
Status TransformPrefixSuffix(std::string_view prefix, std::string_view suffix,
                             const std::vector<FieldSpec>& specs, ResMap* m);

/// Sets string entries in the maps `specs` designate (labels, annotations).
Status TransformMapEntries(
    const std::vector<std::pair<std::string, std::string>>& entries,
    const std::vector<FieldSpec>& specs, ResMap* m);

/// One `images:` entry.
struct ImageRule {
  std::string name, new_name, new_tag, digest;
};
/// Rewrites container images (ImageTagTransformer, legacy walk included).
Status TransformImages(const ImageRule& rule,
                       const std::vector<FieldSpec>& specs, ResMap* m);

/// Sets replicas of the objects named `name` (ReplicaCountTransformer).
Status TransformReplicas(std::string_view name, int64_t count,
                         const yaml::Node& where,
                         const std::vector<FieldSpec>& specs, ResMap* m);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_TRANSFORMERS_H_
