// Prune: deletes the objects a Kustomization applied before and no longer
// builds, as kustomize-controller's garbage collection does — only objects
// whose owner labels name this Kustomization, never one annotated
// kustomize.toolkit.fluxcd.io/prune: disabled, dependents first.
#ifndef FERRY_ENGINE_PRUNE_H_
#define FERRY_ENGINE_PRUNE_H_

#include <string_view>
#include <vector>

#include "engine/change.h"
#include "engine/object_id.h"
#include "kube/client.h"
#include "yaml/status.h"

namespace ferry::engine {

/// What prune does with one stale object.
struct PruneOptions {
  bool dry_run = false;
  int concurrency = 16;
};

/// Deletes (background propagation) each object of `stale` (in the order
/// given, see StaleObjects) that is still there and owned by ks_namespace/
/// ks_name; kept objects are kSkipped with the reason, objects already gone
/// or of kinds the server no longer serves are left out. Fails listing each
/// delete that failed.
Status Prune(const kube::Client& client, const std::vector<ObjectId>& stale,
             std::string_view ks_name, std::string_view ks_namespace,
             const PruneOptions& options, std::vector<Change>* changes);

/// The ResId of an ObjectId (its version as the group version).
k8s::ResId ResIdOf(const ObjectId& id);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_PRUNE_H_
