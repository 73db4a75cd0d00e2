// The Flux Kustomization (kustomize.toolkit.fluxcd.io v1, and the older
// v1beta1/v1beta2 with their extra fields): what to build from which source,
// how to apply it, and what it depends on.
#ifndef FERRY_REPO_FLUX_KUSTOMIZATION_H_
#define FERRY_REPO_FLUX_KUSTOMIZATION_H_

#include <optional>
#include <string>
#include <vector>

#include "k8s/duration.h"
#include "repo/flux_common.h"

namespace ferry::repo {

/// Selects the resources a patch applies to (kustomize's patch target).
struct PatchSelector {
  std::string group, version, kind, name, namespace_;
  std::string label_selector, annotation_selector;
};

/// One entry of spec.patches: a strategic-merge or JSON6902 patch as text.
struct KustomizationPatch {
  std::string patch;
  std::optional<PatchSelector> target;
  yaml::Mark mark;
};

/// One entry of v1beta1/v1beta2 spec.patchesJson6902: operations and target.
struct JSON6902PatchEntry {
  yaml::Node patch;  // the sequence of operations
  PatchSelector target;
  yaml::Mark mark;
};

/// One entry of spec.images: kustomize's image override.
struct ImageOverride {
  std::string name, new_name, new_tag, digest;
  yaml::Mark mark;
};

/// spec.decryption: how to decrypt SOPS-encrypted files of the build.
struct Decryption {
  std::string provider;  // "sops"
  std::optional<LocalReference> secret_ref;
  std::string service_account_name;
  yaml::Mark mark;
};

/// One entry of spec.postBuild.substituteFrom: a ConfigMap or Secret whose
/// data keys become substitution variables.
struct SubstituteReference {
  std::string kind;  // "ConfigMap" or "Secret"
  std::string name;
  bool optional = false;
  yaml::Mark mark;
};

/// spec.postBuild: variable substitution after the kustomize build.
struct PostBuild {
  StringMap substitute;
  std::vector<SubstituteReference> substitute_from;
  yaml::Mark mark;
};

/// One entry of spec.healthCheckExprs: CEL health rules for a kind.
struct HealthCheckExpr {
  std::string api_version, kind, current, in_progress, failed;
  yaml::Mark mark;
};

/// spec.kubeConfig: apply to a remote cluster.
struct KubeConfigReference {
  std::optional<SecretKeyReference> secret_ref;
  std::optional<LocalReference> config_map_ref;
  yaml::Mark mark;
};

/// spec of a Flux Kustomization; optional fields are unset when not written.
struct KustomizationSpec {
  std::optional<k8s::Duration> interval;  // required
  std::optional<k8s::Duration> retry_interval;
  std::optional<k8s::Duration> timeout;
  std::optional<std::string> path;  // Flux defaults it to the source root
  std::optional<bool> prune;        // required
  std::string deletion_policy;  // MirrorPrune|Delete|WaitForTermination|Orphan
  std::vector<NamespacedReference> depends_on;
  NamespacedReference source_ref;  // required
  std::string target_namespace;
  std::string name_prefix;
  std::string name_suffix;
  std::optional<StringMap> common_labels;       // commonMetadata.labels
  std::optional<StringMap> common_annotations;  // commonMetadata.annotations
  std::vector<KustomizationPatch> patches;
  std::vector<ImageOverride> images;
  std::vector<std::string> components;
  std::optional<bool> ignore_missing_components;
  std::optional<Decryption> decryption;
  std::optional<PostBuild> post_build;
  std::vector<NamespacedReference> health_checks;
  std::vector<HealthCheckExpr> health_check_exprs;
  std::optional<bool> wait;
  std::optional<bool> force;
  std::optional<bool> suspend;
  std::string service_account_name;
  std::optional<KubeConfigReference> kube_config;
  // v1beta1/v1beta2 only.
  std::string validation;                            // none|client|server
  std::vector<yaml::Node> patches_strategic_merge;   // v1beta1/v1beta2
  std::vector<JSON6902PatchEntry> patches_json6902;  // v1beta1/v1beta2
};

/// A Flux Kustomization object.
struct Kustomization {
  ObjectMeta meta;
  KustomizationSpec spec;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_KUSTOMIZATION_H_
