// Health: the status of a live object by kstatus rules
// (sigs.k8s.io/cli-utils pkg/kstatus/status, which Flux's health checks
// use), as a pure function of the object the API server returned.
#ifndef FERRY_ENGINE_HEALTH_H_
#define FERRY_ENGINE_HEALTH_H_

#include <string>

namespace ferry::yaml {
class Node;
}

namespace ferry::engine {

/// kstatus's statuses.
enum class HealthStatus {
  kCurrent,     // reconciled and ready
  kInProgress,  // not there yet
  kFailed,      // will not get there without a change
  kTerminating, // being deleted
  kNotFound,    // not in the cluster
  kUnknown,     // cannot tell
};

/// "Current", "InProgress", "Failed", "Terminating", "NotFound", "Unknown".
const char* HealthStatusName(HealthStatus s);

/// A computed status and why.
struct Health {
  HealthStatus status = HealthStatus::kUnknown;
  std::string reason;  // kstatus's reason where it gives one ("LessReady")
  std::string message; // "Ready: 0/1", "Deployment is available. Replicas: 1"
};

/// kstatus Compute: a deletionTimestamp gives Terminating; an observed
/// generation behind metadata.generation gives InProgress; a Reconciling
/// condition True gives InProgress, Stalled True gives Failed; then the
/// rules of the built-in kind (Deployment, StatefulSet, DaemonSet,
/// ReplicaSet, Job, PersistentVolumeClaim, Pod, Service,
/// PodDisruptionBudget, CustomResourceDefinition; Secret, ConfigMap and
/// CronJob are always ready). Other kinds (custom resources, Namespaces):
/// a Ready condition decides when there is one (True Current, False
/// InProgress, as Flux reads its own kinds), else Current. A Namespace in
/// phase Terminating is Terminating.
Health ComputeHealth(const yaml::Node& obj);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_HEALTH_H_
