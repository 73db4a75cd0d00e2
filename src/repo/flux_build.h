// FluxBuild: builds the folder a Flux Kustomization's spec.path names, as
// kustomize-controller does: with its kustomization.yaml when it has one,
// otherwise from every manifest file below it.
#ifndef FERRY_REPO_FLUX_BUILD_H_
#define FERRY_REPO_FLUX_BUILD_H_

#include <string>

#include "kustomize/build.h"
#include "repo/flux_kustomization.h"
#include "yaml/status.h"

namespace ferry::repo {

/// Builds what kustomize-controller builds for a Kustomization with `spec`
/// from `dir`: the kustomization there, or the one Flux generates (every
/// .yaml/.yml file below `dir` and every sub-folder with a kustomization
/// file, in path order, hidden entries skipped), rewritten with the spec's
/// targetNamespace, name prefix/suffix, patches, images and components
/// (FluxOverlay). `options` apply to the build; their edit_top is replaced.
Status FluxBuild(const std::string& dir, const KustomizationSpec& spec,
                 kustomize::BuildOptions options, kustomize::BuildResult* out);

/// FluxBuild with an empty spec: the folder as Flux builds it.
Status FluxBuild(const std::string& dir, kustomize::BuildResult* out,
                 const kustomize::BuildOptions& options = {});

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_BUILD_H_
