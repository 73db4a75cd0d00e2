// FluxBuild: builds the folder a Flux Kustomization's spec.path names, as
// kustomize-controller does: with its kustomization.yaml when it has one,
// otherwise from every manifest file below it.
#ifndef FERRY_REPO_FLUX_BUILD_H_
#define FERRY_REPO_FLUX_BUILD_H_

#include <string>

#include "kustomize/build.h"
#include "yaml/status.h"

namespace ferry::repo {

/// Builds `dir`. Without a kustomization file, every .yaml/.yml/.json file
/// below `dir` (recursively, in path order) that holds objects with
/// apiVersion and kind is taken, as Flux's generated kustomization does.
Status FluxBuild(const std::string& dir, kustomize::BuildResult* out);

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_BUILD_H_
