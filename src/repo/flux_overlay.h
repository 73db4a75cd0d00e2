// FluxOverlay: what kustomize-controller writes into the kustomization at a
// Flux Kustomization's spec.path before building it (fluxcd/pkg/kustomize's
// generator): a generated kustomization listing the folder's manifests when
// there is none, then targetNamespace, namePrefix/nameSuffix, patches (and
// v1beta2's patchesStrategicMerge/patchesJson6902), images (an image of the
// same name replaced) and components. commonMetadata is not part of it:
// Flux sets it on the built objects (SetCommonMetadata).
#ifndef FERRY_REPO_FLUX_OVERLAY_H_
#define FERRY_REPO_FLUX_OVERLAY_H_

#include <string>
#include <vector>

#include "kustomize/kustomization.h"
#include "repo/flux_kustomization.h"
#include "yaml/node.h"

namespace ferry::repo {

/// The edit for the kustomization in `dir` that `spec` asks for (`spec`
/// must outlive it). New nodes carry the marks of the spec fields they come
/// from, so build errors point into sync.yaml.
kustomize::KustomizationEdit FluxOverlay(const KustomizationSpec& spec,
                                         std::string dir);

/// The `resources` Flux generates for a folder without a kustomization
/// file: every .yaml/.yml file below it, and every sub-folder holding a
/// kustomization file (not descended into), in path order, relative to
/// `dir`.
std::vector<std::string> GeneratedResources(const std::string& dir);

/// Sets commonMetadata's labels and annotations on every object's metadata
/// (overriding the same keys), as Flux's SetCommonMetadata.
void SetCommonMetadata(const KustomizationSpec& spec,
                       std::vector<yaml::Node>* objects);

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_OVERLAY_H_
