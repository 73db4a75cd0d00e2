// FluxBuild: builds the folder a Flux Kustomization's spec.path names, as
// kustomize-controller does: with its kustomization.yaml when it has one,
// otherwise from every manifest file below it.
#ifndef FERRY_REPO_FLUX_BUILD_H_
#define FERRY_REPO_FLUX_BUILD_H_

#include <string>

#include "kustomize/build.h"
#include "yaml/status.h"

namespace ferry::repo {

/// Builds `dir`. Without a kustomization file, Flux generates one: every
/// .yaml/.yml/.json file below `dir` (in path order, hidden entries
/// skipped) that holds objects with apiVersion and kind, and every
/// sub-folder with a kustomization file built as such.
/// `options` apply to every kustomize build it runs.
Status FluxBuild(const std::string& dir, kustomize::BuildResult* out,
                 const kustomize::BuildOptions& options = {});

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_BUILD_H_
