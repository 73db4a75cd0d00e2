// KustomizationStatus: what a reconcile writes back to the Flux
// Kustomization object, as kustomize-controller writes it — conditions
// Ready/Healthy/Reconciling with Flux's reasons, observedGeneration,
// lastAttemptedRevision, lastAppliedRevision, inventory — and the
// Kubernetes Events it records, so `kubectl get kustomizations`,
// `kubectl describe` and `flux get` read ferry's work as Flux's.
#ifndef FERRY_ENGINE_KS_STATUS_H_
#define FERRY_ENGINE_KS_STATUS_H_

#include <optional>
#include <string>
#include <string_view>

#include "engine/inventory.h"
#include "k8s/gvk.h"
#include "kube/client.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::engine {

// Flux's condition reasons (fluxcd/pkg/apis/meta and kustomize-controller).
inline constexpr char kReasonSucceeded[] = "ReconciliationSucceeded";
inline constexpr char kReasonFailed[] = "ReconciliationFailed";
inline constexpr char kReasonBuildFailed[] = "BuildFailed";
inline constexpr char kReasonHealthCheckFailed[] = "HealthCheckFailed";
inline constexpr char kReasonDependencyNotReady[] = "DependencyNotReady";
inline constexpr char kReasonArtifactFailed[] = "ArtifactFailed";
inline constexpr char kReasonProgressing[] = "Progressing";

/// The Kustomization kind ferry reads and writes in the cluster.
inline k8s::Gvk KustomizationGvk() {
  return {"kustomize.toolkit.fluxcd.io", "v1", "Kustomization"};
}

/// The outcome of one reconcile, to record.
struct ReconcileOutcome {
  bool ready = false;
  std::string reason;   // one of the reasons above
  std::string message;  // "Applied revision: main@sha1:..." or the error
  /// Set when health was checked (wait: true or healthChecks).
  std::optional<bool> healthy;
  std::string health_message;
  std::string attempted_revision;  // "" leaves the recorded one
  bool applied = false;  // the set was applied: revision and inventory recorded
  Inventory inventory;
};

/// The new status of Kustomization `live` after `outcome`, starting from
/// its current status (a condition keeps its lastTransitionTime when its
/// status did not change). `now` is RFC 3339 ("2026-12-04T18:00:00Z").
yaml::Node StatusAfter(const yaml::Node& live, const ReconcileOutcome& outcome,
                       std::string_view now);

/// Writes `status` through the status subresource (a merge patch), as field
/// manager kustomize-controller.
Status WriteKustomizationStatus(const kube::Client& client,
                                const yaml::Node& live, const yaml::Node& status);

/// Records a core/v1 Event about `live` (type Normal or Warning) from
/// component kustomize-controller, with Flux's revision annotation.
Status RecordEvent(const kube::Client& client, const yaml::Node& live,
                   std::string_view type, std::string_view reason,
                   std::string_view message, std::string_view revision);

/// The current time, RFC 3339 in UTC, seconds precision.
std::string NowRfc3339();

/// The Ready condition of a Flux object (nullptr when it has none).
const yaml::Node* ReadyCondition(const yaml::Node& obj);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_KS_STATUS_H_
