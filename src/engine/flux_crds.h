// FluxCrds: the CustomResourceDefinitions ferry installs (`ferry install
// crds`) for the Flux kinds it reads and writes: Kustomization
// (kustomize.toolkit.fluxcd.io v1, v1beta2 served), GitRepository,
// OCIRepository and Bucket (source.toolkit.fluxcd.io v1, v1beta2 served),
// with Flux's names, short names, printer columns and status schema; the
// specs are kept as written (x-kubernetes-preserve-unknown-fields).
#ifndef FERRY_ENGINE_FLUX_CRDS_H_
#define FERRY_ENGINE_FLUX_CRDS_H_

#include <string_view>
#include <vector>

#include "yaml/node.h"

namespace ferry::engine {

/// The CRDs as one YAML stream (apiextensions.k8s.io/v1), ready to apply.
std::string_view FluxCrdsYaml();

/// The CRDs parsed, one node each.
std::vector<yaml::Node> FluxCrds();

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_FLUX_CRDS_H_
