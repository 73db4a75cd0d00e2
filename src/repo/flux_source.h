// Flux sources (source.toolkit.fluxcd.io v1, and v1beta2 read too):
// GitRepository, OCIRepository and HelmRepository — where the files a
// Kustomization builds come from.
#ifndef FERRY_REPO_FLUX_SOURCE_H_
#define FERRY_REPO_FLUX_SOURCE_H_

#include <optional>
#include <string>
#include <vector>

#include "k8s/duration.h"
#include "repo/flux_common.h"

namespace ferry::repo {

/// spec.ref of a GitRepository: which revision to check out.
struct GitReference {
  std::string branch, tag, semver, name, commit;
  yaml::Mark mark;
};

/// One entry of spec.include: another GitRepository's files copied in.
struct GitInclude {
  LocalReference repository;
  std::string from_path, to_path;
  yaml::Mark mark;
};

/// spec of a GitRepository.
struct GitRepositorySpec {
  std::string url;                   // required
  std::optional<k8s::Duration> interval;  // required
  std::optional<k8s::Duration> timeout;
  std::optional<GitReference> ref;
  std::optional<LocalReference> secret_ref;
  std::string provider;  // v1: generic|azure|github
  std::optional<std::string> ignore;
  std::optional<bool> recurse_submodules;
  std::optional<bool> suspend;
  std::vector<GitInclude> include;
  std::vector<std::string> sparse_checkout;
  std::optional<LocalReference> proxy_secret_ref;
  std::string verify_mode;  // spec.verify.mode
  std::optional<LocalReference> verify_secret_ref;
};

/// A GitRepository object.
struct GitRepository {
  ObjectMeta meta;
  GitRepositorySpec spec;
};

/// spec.ref of an OCIRepository: which artifact to pull.
struct OCIReference {
  std::string digest, tag, semver, semver_filter;
  yaml::Mark mark;
};

/// spec of an OCIRepository.
struct OCIRepositorySpec {
  std::string url;                   // required, oci://...
  std::optional<k8s::Duration> interval;  // required
  std::optional<k8s::Duration> timeout;
  std::optional<OCIReference> ref;
  std::string layer_media_type, layer_operation;  // spec.layerSelector
  std::string provider;                           // generic|aws|azure|gcp
  std::optional<LocalReference> secret_ref;
  std::optional<LocalReference> cert_secret_ref;
  std::string service_account_name;
  std::optional<std::string> ignore;
  std::optional<bool> insecure;
  std::optional<bool> suspend;
};

/// An OCIRepository object.
struct OCIRepository {
  ObjectMeta meta;
  OCIRepositorySpec spec;
};

/// spec of a HelmRepository (the fields ferry reads).
struct HelmRepositorySpec {
  std::string url;
  std::string type;  // default|oci
  std::optional<k8s::Duration> interval;
  std::optional<k8s::Duration> timeout;
  std::optional<LocalReference> secret_ref;
  std::string provider;
  std::optional<bool> suspend;
};

/// A HelmRepository object.
struct HelmRepository {
  ObjectMeta meta;
  HelmRepositorySpec spec;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_SOURCE_H_
