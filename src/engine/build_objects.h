// BuildObjects: what kustomize-controller makes of one Flux Kustomization
// before applying it — the build of spec.path with the spec's overlay,
// SOPS decryption with the keys of decryption.secretRef read from the
// cluster (only where decryption.provider is sops), postBuild substitution
// with substituteFrom ConfigMaps and Secrets read from the cluster,
// commonMetadata, the owner labels, and the normalisation ssa does. A
// decrypted Secret exists only in the returned objects (memory).
#ifndef FERRY_ENGINE_BUILD_OBJECTS_H_
#define FERRY_ENGINE_BUILD_OBJECTS_H_

#include <string>
#include <vector>

#include "kube/client.h"
#include "repo/flux_kustomization.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::engine {

/// The namespace of a Flux Kustomization: metadata.namespace, or
/// flux-system as the repository model reads one that names none.
std::string KustomizationNamespace(const repo::Kustomization& ks);

/// Which step failed, for Flux's condition reason.
enum class BuildStep { kNone, kBuild, kDecrypt, kSubstitute };

/// Builds `ks` from the folder `dir` (its spec.path in the source). Reads
/// the decryption Secret and substituteFrom objects through `client` in the
/// Kustomization's namespace. On failure `failed_step` says where.
Status BuildObjects(const kube::Client& client, const repo::Kustomization& ks,
                    const std::string& dir, std::vector<yaml::Node>* objects,
                    BuildStep* failed_step);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_BUILD_OBJECTS_H_
