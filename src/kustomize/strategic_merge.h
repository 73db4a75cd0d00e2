// StrategicMerge: applying a strategic merge patch to a resource as kustomize
// v5 does (kyaml's merge2 with list items from the patch prepended).
#ifndef FERRY_KUSTOMIZE_STRATEGIC_MERGE_H_
#define FERRY_KUSTOMIZE_STRATEGIC_MERGE_H_

#include "k8s/gvk.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Merges `patch` into `target`, an object of type `gvk`, with the semantics
/// of kyaml's merge2 as kustomize's patchesStrategicMerge / patches use it:
///  - maps merge key by key; `null` in the patch deletes a key; a null the
///    target has and the patch does not touch stays;
///  - lists that the built-in schema (k8s/merge_keys.h) marks "merge" merge
///    by their keys, all other lists (and every list of a custom resource)
///    are replaced by the patch's; a merged list holds first the patch's
///    elements in patch order (new and merged ones), then the target's
///    elements the patch does not name, in target order; merged scalar lists
///    (finalizers) likewise, without duplicates;
///  - `$patch: delete` on a map or list element removes it, `$patch: replace`
///    on a map replaces it, `- $patch: replace|delete` as a lone list element
///    replaces or removes the list; `$patch: replace` on a list element has
///    no effect (kyaml keeps the target's element), nor has `$patch: replace`
///    on the whole object;
///  - `$retainKeys`, `$setElementOrder/...` and `$deleteFromPrimitiveList/...`
///    are NOT interpreted: kustomize copies them into the output as ordinary
///    fields, and so does this function.
/// When the patch deletes the whole object (`$patch: delete` at the top),
/// `*target` becomes a null node: the caller must drop the resource.
/// Errors (unknown `$patch` value, a map patched with a scalar, ...) carry
/// the position of the offending node.
Status StrategicMerge(yaml::Node *target, const yaml::Node &patch,
                      const k8s::Gvk &gvk);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_STRATEGIC_MERGE_H_
