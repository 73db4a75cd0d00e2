// Flux image automation (image.toolkit.fluxcd.io v1, v1beta2, v1beta1):
// ImageRepository scans a registry, ImagePolicy picks a tag, and
// ImageUpdateAutomation commits the pick back to git.
#ifndef FERRY_REPO_FLUX_IMAGE_H_
#define FERRY_REPO_FLUX_IMAGE_H_

#include <optional>
#include <string>
#include <vector>

#include "k8s/duration.h"
#include "repo/flux_common.h"

namespace ferry::repo {

/// spec of an ImageRepository.
struct ImageRepositorySpec {
  std::string image;                 // required
  std::optional<k8s::Duration> interval;  // required
  std::optional<k8s::Duration> timeout;
  std::optional<LocalReference> secret_ref;
  std::optional<LocalReference> cert_secret_ref;
  std::string service_account_name;
  std::string provider;  // generic|aws|azure|gcp
  std::vector<std::string> exclusion_list;
  std::optional<bool> insecure;
  std::optional<bool> suspend;
};

/// An ImageRepository object.
struct ImageRepository {
  ObjectMeta meta;
  ImageRepositorySpec spec;
};

/// spec.policy of an ImagePolicy: exactly one of semver, alphabetical,
/// numerical.
struct ImagePolicyChoice {
  std::string semver_range;        // semver.range
  std::string alphabetical_order;  // asc|desc, when alphabetical is set
  std::string numerical_order;     // asc|desc, when numerical is set
  std::string kind;                // "semver", "alphabetical", "numerical"
  yaml::Mark mark;
};

/// spec of an ImagePolicy.
struct ImagePolicySpec {
  NamespacedReference image_repository_ref;  // required
  ImagePolicyChoice policy;                  // required
  std::string filter_pattern;                // filterTags.pattern
  std::string filter_extract;                // filterTags.extract
  std::string digest_reflection_policy;
  std::optional<k8s::Duration> interval;
};

/// An ImagePolicy object.
struct ImagePolicy {
  ObjectMeta meta;
  ImagePolicySpec spec;
};

/// spec of an ImageUpdateAutomation.
struct ImageUpdateAutomationSpec {
  NamespacedReference source_ref;    // required; kind GitRepository
  std::optional<k8s::Duration> interval;  // required
  // spec.git
  std::string checkout_branch, checkout_tag, checkout_semver, checkout_name,
      checkout_commit;
  std::string commit_author_name, commit_author_email;
  std::optional<LocalReference> commit_signing_key;
  std::string commit_message_template;
  std::string push_branch, push_refspec;
  StringMap push_options;
  // spec.update
  std::string update_path;
  std::string update_strategy;  // Setters
  std::optional<StringMap> policy_selector_labels;
  std::optional<bool> suspend;
};

/// An ImageUpdateAutomation object.
struct ImageUpdateAutomation {
  ObjectMeta meta;
  ImageUpdateAutomationSpec spec;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_IMAGE_H_
