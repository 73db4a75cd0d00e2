// KustomizationFields: a kustomization file's field names read as kustomize
// v5.5 reads them (sigs.k8s.io/yaml to JSON, then encoding/json with unknown
// fields refused): names match their Go field case-insensitively, names
// that fold to one field are decoded in byte order (later ones win, maps
// and objects merge), and a name no type knows is an error.
#ifndef FERRY_KUSTOMIZE_KUSTOMIZATION_FIELDS_H_
#define FERRY_KUSTOMIZE_KUSTOMIZATION_FIELDS_H_

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Renames every field of `doc` (a kustomization's top-level mapping) and
/// of its nested kustomize types to kustomize's spelling, folding fields
/// that differ only in case; fails at the first unknown field with
/// "file:line:col: error: unknown field \"x\" in kustomization".
Status NormalizeKustomizationFields(yaml::Node* doc);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_KUSTOMIZATION_FIELDS_H_
