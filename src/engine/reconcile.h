// Reconcile: one Flux Kustomization brought into the cluster as
// kustomize-controller's reconcile does: build (overlay, decryption,
// substitution), staged server-side apply of what drifted, prune of what
// left the build (never after a failure), health wait, then its status and
// Events written to the Kustomization object.
#ifndef FERRY_ENGINE_RECONCILE_H_
#define FERRY_ENGINE_RECONCILE_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/change.h"
#include "engine/ks_status.h"
#include "engine/wait.h"
#include "kube/client.h"
#include "repo/flux_kustomization.h"

namespace ferry::engine {

/// What the caller observes while a reconcile runs (callbacks may come
/// from worker threads, one at a time per reconcile).
struct ReconcileObserver {
  std::function<void(const Change&)> on_change;
  std::function<void(const std::vector<ObjectHealth>&)> on_health;
};

/// How to reconcile.
struct ReconcileOptions {
  bool dry_run = false;  // --dry-run=server: nothing written, status included
  int concurrency = 16;
  /// Overrides spec.timeout (itself defaulting to spec.interval).
  std::optional<std::chrono::milliseconds> timeout;
  /// Write status and Events (off for dry runs).
  bool record = true;
  std::string field_manager = "kustomize-controller";
};

/// The result of one reconcile.
struct ReconcileResult {
  ReconcileOutcome outcome;
  std::vector<Change> changes;  // applied, then pruned
  bool suspended = false;
  std::chrono::milliseconds duration{0};
};

/// Reconciles `ks`, whose spec.path is the folder `dir` of the source at
/// `revision`. `client` is the cluster admin; applies and prunes
/// impersonate spec.serviceAccountName when set. The Kustomization object
/// must exist in the cluster unless options.record is false.
ReconcileResult Reconcile(const kube::Client& client,
                          const repo::Kustomization& ks, const std::string& dir,
                          const std::string& revision,
                          const ReconcileOptions& options,
                          const ReconcileObserver& observer);

/// Flux's name for a Kustomization in messages: "namespace/name".
std::string KustomizationName(const repo::Kustomization& ks);

/// The Kustomization object as a cluster id.
k8s::ResId KustomizationId(const repo::Kustomization& ks);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_RECONCILE_H_
