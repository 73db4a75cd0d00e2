// The patch transformers: `patches` (strategic merge or JSON 6902, with or
// without a target selector), the legacy `patchesStrategicMerge` and
// `patchesJson6902`, as kustomize's PatchTransformer and its predecessors.
#ifndef FERRY_KUSTOMIZE_PATCH_TRANSFORMER_H_
#define FERRY_KUSTOMIZE_PATCH_TRANSFORMER_H_

#include "kustomize/loader.h"
#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

struct BuildNote;

/// Applies one `patches:` entry ({path|patch, target, options}).
/// A target that selects nothing is legal; it is recorded in `notes`
/// (which may be null).
Status ApplyPatchEntry(const yaml::Node& entry, const Loader& loader,
                       ResMap* m, std::vector<BuildNote>* notes = nullptr);

/// Applies one `patchesStrategicMerge:` entry (a file path or inline YAML);
/// adds the number of patches it held to *loaded when given (kustomize
/// refuses a PatchStrategicMergeTransformer whose entries hold none).
Status ApplyLegacyStrategicMerge(const yaml::Node& entry, const Loader& loader,
                                 ResMap* m, size_t* loaded = nullptr);

/// Applies one `patchesJson6902:` entry ({target, path|patch}).
Status ApplyLegacyJson6902(const yaml::Node& entry, const Loader& loader,
                           ResMap* m, std::vector<BuildNote>* notes = nullptr);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_PATCH_TRANSFORMER_H_
