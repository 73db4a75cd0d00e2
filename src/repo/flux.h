// The Flux objects of a sync.yaml, read into typed models: Kustomizations,
// sources, image automation and notifications; any other kind is kept as it
// is. Fields are checked as the API server's schema checks them, so a wrong
// type or duration is reported at its file:line:col before Flux sees it.
#ifndef FERRY_REPO_FLUX_H_
#define FERRY_REPO_FLUX_H_

#include <vector>

#include "repo/diagnostic.h"
#include "repo/flux_common.h"
#include "repo/flux_image.h"
#include "repo/flux_kustomization.h"
#include "repo/flux_notification.h"
#include "repo/flux_source.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::repo {

/// An object of a kind ferry has no model for (ConfigMap, HelmRelease, ...),
/// or of an API version it does not know.
struct UnknownObject {
  ObjectMeta meta;
};

/// Every object read from one or more sync.yaml files, by kind, each list in
/// document order.
struct FluxObjects {
  std::vector<Kustomization> kustomizations;
  std::vector<GitRepository> git_repositories;
  std::vector<OCIRepository> oci_repositories;
  std::vector<HelmRepository> helm_repositories;
  std::vector<ImageRepository> image_repositories;
  std::vector<ImagePolicy> image_policies;
  std::vector<ImageUpdateAutomation> image_update_automations;
  std::vector<NotificationProvider> providers;
  std::vector<Alert> alerts;
  std::vector<Receiver> receivers;
  std::vector<UnknownObject> others;

  /// The Kustomization with this name (and namespace, when not empty).
  const Kustomization* FindKustomization(std::string_view name,
                                         std::string_view ns = "") const;
  const GitRepository* FindGitRepository(std::string_view name,
                                         std::string_view ns = "") const;
};

/// Reads every document of `docs` (null documents are skipped) into `out`,
/// appending to it. Every problem becomes a Diagnostic in `diags`: errors
/// for what the API server would reject (wrong types, missing required
/// fields, invalid durations and enums, documents that are not objects),
/// warnings for deprecated API versions and unknown fields. Objects with
/// errors are still kept, with the fields that could be read.
void ReadFluxObjects(const std::vector<yaml::Node>& docs, FluxObjects* out,
                     std::vector<Diagnostic>* diags);

/// As ReadFluxObjects; fails with every error (one "file:line:col: error:
/// message" line each) when there is any, and appends the warnings to
/// `warnings` (which may be null).
Status ParseFluxObjects(const std::vector<yaml::Node>& docs, FluxObjects* out,
                        std::vector<Diagnostic>* warnings);

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_H_
