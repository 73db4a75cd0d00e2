#include "engine/health.h"

#include <climits>
#include <cstdlib>
#include <string_view>

#include "k8s/gvk.h"
#include "yaml/node.h"

namespace ferry::engine {
namespace {

using yaml::Node;

Health Make(HealthStatus s, std::string reason, std::string message) {
  return Health{s, std::move(reason), std::move(message)};
}
Health InProgress(std::string reason, std::string message) {
  return Make(HealthStatus::kInProgress, std::move(reason), std::move(message));
}
Health Current(std::string message) {
  return Make(HealthStatus::kCurrent, "", std::move(message));
}
Health Failed(std::string reason, std::string message) {
  return Make(HealthStatus::kFailed, std::move(reason), std::move(message));
}

// The integer at a path, or `def` when absent or not an integer.
long long Int(const Node& obj, std::initializer_list<std::string_view> path,
              long long def) {
  const Node* n = obj.GetPath(path);
  if (!n || !n->IsScalar() || n->value().empty()) return def;
  char* end = nullptr;
  long long v = std::strtoll(n->value().c_str(), &end, 10);
  if (!end || *end != '\0') return def;
  return v;
}

bool HasInt(const Node& obj, std::initializer_list<std::string_view> path) {
  return Int(obj, path, LLONG_MIN) != LLONG_MIN;
}

std::string Str(const Node& obj, std::initializer_list<std::string_view> path,
                std::string def = "") {
  const Node* n = obj.GetPath(path);
  if (!n || !n->IsScalar()) return def;
  return n->value();
}

// One entry of status.conditions.
struct Cond {
  std::string type, status, reason, message;
};

std::vector<Cond> Conditions(const Node& obj) {
  std::vector<Cond> out;
  const Node* cs = obj.GetPath({"status", "conditions"});
  if (!cs || !cs->IsSeq()) return out;
  for (const Node& c : cs->items()) {
    if (!c.IsMap()) continue;
    out.push_back({std::string(c.GetString("type")),
                   std::string(c.GetString("status")),
                   std::string(c.GetString("reason")),
                   std::string(c.GetString("message"))});
  }
  return out;
}

std::string Fmt(const char* label, long long a, long long b) {
  return std::string(label) + ": " + std::to_string(a) + "/" +
         std::to_string(b);
}

Health Deployment(const Node& o) {
  bool progressing =
      Int(o, {"spec", "progressDeadlineSeconds"}, INT_MAX) == INT_MAX;
  bool available = false;
  for (const Cond& c : Conditions(o)) {
    if (c.type == "Progressing") {
      if (c.reason == "ProgressDeadlineExceeded")
        return Failed(c.reason, "Progress deadline exceeded");
      if (c.status == "True" && c.reason == "NewReplicaSetAvailable")
        progressing = true;
    } else if (c.type == "Available" && c.status == "True") {
      available = true;
    }
  }
  long long spec = Int(o, {"spec", "replicas"}, 1);
  long long st = Int(o, {"status", "replicas"}, 0);
  long long updated = Int(o, {"status", "updatedReplicas"}, 0);
  long long ready = Int(o, {"status", "readyReplicas"}, 0);
  long long avail = Int(o, {"status", "availableReplicas"}, 0);
  if (spec > st) return InProgress("LessReplicas", Fmt("replicas", st, spec));
  if (spec > updated)
    return InProgress("LessUpdated", Fmt("Updated", updated, spec));
  if (st > spec)
    return InProgress("ExtraPods",
                      "Pending termination: " + std::to_string(st - spec));
  if (updated > avail)
    return InProgress("LessAvailable", Fmt("Available", avail, updated));
  if (spec > ready) return InProgress("LessReady", Fmt("Ready", ready, spec));
  if (!progressing)
    return InProgress("ReplicaSetNotAvailable", "ReplicaSet not Available");
  if (!available)
    return InProgress("DeploymentNotAvailable", "Deployment not Available");
  return Current("Deployment is available. Replicas: " + std::to_string(st));
}

Health StatefulSet(const Node& o) {
  if (Str(o, {"spec", "updateStrategy", "type"}) == "OnDelete")
    return Current("StatefulSet is using the ondelete update strategy");
  long long spec = Int(o, {"spec", "replicas"}, 1);
  long long ready = Int(o, {"status", "readyReplicas"}, 0);
  long long current = Int(o, {"status", "currentReplicas"}, 0);
  long long updated = Int(o, {"status", "updatedReplicas"}, 0);
  long long st = Int(o, {"status", "replicas"}, 0);
  long long partition =
      Int(o, {"spec", "updateStrategy", "rollingUpdate", "partition"}, -1);
  if (spec > st) return InProgress("LessReplicas", Fmt("Replicas", st, spec));
  if (spec > ready) return InProgress("LessReady", Fmt("Ready", ready, spec));
  if (st > spec)
    return InProgress("ExtraPods",
                      "Pending termination: " + std::to_string(st - spec));
  if (partition != -1) {
    if (updated < spec - partition)
      return InProgress("PartitionRollout",
                        Fmt("updated", updated, spec - partition));
    return Current("Partition rollout complete. updated: " +
                   std::to_string(updated));
  }
  if (spec > current)
    return InProgress("LessCurrent", Fmt("current", current, spec));
  if (Str(o, {"status", "currentRevision"}) !=
      Str(o, {"status", "updateRevision"}))
    return InProgress("RevisionMismatch",
                      "Waiting for updated revision to match current");
  return Current("All replicas scheduled as expected. Replicas: " +
                 std::to_string(st));
}

Health DaemonSet(const Node& o) {
  long long desired = Int(o, {"status", "desiredNumberScheduled"}, -1);
  long long current = Int(o, {"status", "currentNumberScheduled"}, 0);
  long long updated = Int(o, {"status", "updatedNumberScheduled"}, 0);
  long long avail = Int(o, {"status", "numberAvailable"}, 0);
  long long ready = Int(o, {"status", "numberReady"}, 0);
  if (desired == -1)
    return InProgress("NoDesiredNumber",
                      "Missing .status.desiredNumberScheduled");
  if (desired > current)
    return InProgress("LessCurrent", Fmt("Current", current, desired));
  if (desired > updated)
    return InProgress("LessUpdated", Fmt("Updated", updated, desired));
  if (desired > avail)
    return InProgress("LessAvailable", Fmt("Available", avail, desired));
  if (desired > ready)
    return InProgress("LessReady", Fmt("Ready", ready, desired));
  return Current("All replicas scheduled as expected. Replicas: " +
                 std::to_string(desired));
}

Health ReplicaSet(const Node& o) {
  for (const Cond& c : Conditions(o))
    if (c.type == "ReplicaFailure" && c.status == "True")
      return InProgress("ReplicaFailure",
                        "Replica Failure condition. Check Pods");
  long long spec = Int(o, {"spec", "replicas"}, 1);
  long long st = Int(o, {"status", "replicas"}, 0);
  long long ready = Int(o, {"status", "readyReplicas"}, 0);
  long long avail = Int(o, {"status", "availableReplicas"}, 0);
  long long labelled = Int(o, {"status", "fullyLabeledReplicas"}, 0);
  if (spec > labelled)
    return InProgress("LessLabelled", Fmt("Labelled", labelled, spec));
  if (spec > avail)
    return InProgress("LessAvailable", Fmt("Available", avail, spec));
  if (spec > ready) return InProgress("LessReady", Fmt("Ready", ready, spec));
  if (st > spec)
    return InProgress("ExtraPods",
                      "Pending termination: " + std::to_string(st - spec));
  return Current("ReplicaSet is available. Replicas: " + std::to_string(st));
}

Health Pvc(const Node& o) {
  std::string phase = Str(o, {"status", "phase"}, "unknown");
  if (phase != "Bound")
    return InProgress("NotBound", "PVC is not Bound. phase: " + phase);
  return Current("PVC is Bound");
}

Health Pod(const Node& o) {
  std::string phase = Str(o, {"status", "phase"});
  std::vector<Cond> conds = Conditions(o);
  if (phase == "Succeeded") return Current("Pod has completed successfully");
  if (phase == "Failed") return Current("Pod has completed, but not successfully");
  if (phase == "Running") {
    for (const Cond& c : conds)
      if (c.type == "Ready" && c.status == "True") return Current("Pod is Ready");
    std::string looping;
    if (const Node* css = o.GetPath({"status", "containerStatuses"});
        css && css->IsSeq()) {
      for (const Node& cs : css->items()) {
        if (!cs.IsMap()) continue;
        const Node* r = cs.GetPath({"state", "waiting", "reason"});
        if (r && r->value() == "CrashLoopBackOff") {
          if (!looping.empty()) looping += ",";
          looping += cs.GetString("name");
        }
      }
    }
    if (!looping.empty())
      return Failed("ContainerCrashLooping",
                    "Containers in CrashLoop state: " + looping);
    return InProgress("PodRunningNotReady", "Pod is running but is not Ready");
  }
  if (phase == "Pending") {
    for (const Cond& c : conds)
      if (c.type == "PodScheduled" && c.status == "False" &&
          c.reason == "Unschedulable")
        return Failed("PodUnschedulable", "Pod could not be scheduled");
    return InProgress("PodPending", "Pod is in the Pending phase");
  }
  if (phase.empty())
    return InProgress("PodNotObserved", "Pod phase not available");
  return Make(HealthStatus::kUnknown, "", "unknown phase " + phase);
}

Health Job(const Node& o) {
  long long parallelism = Int(o, {"spec", "parallelism"}, 1);
  long long completions = Int(o, {"spec", "completions"}, parallelism);
  long long succeeded = Int(o, {"status", "succeeded"}, 0);
  long long active = Int(o, {"status", "active"}, 0);
  long long failed = Int(o, {"status", "failed"}, 0);
  for (const Cond& c : Conditions(o)) {
    if (c.type == "Complete" && c.status == "True")
      return Current("Job Completed. " + Fmt("succeeded", succeeded, completions));
    if (c.type == "Failed" && c.status == "True")
      return Failed("JobFailed",
                    "Job Failed. " + Fmt("failed", failed, completions));
  }
  if (Str(o, {"status", "startTime"}).empty())
    return InProgress("JobNotStarted", "Job not started");
  return Current("Job in progress. success:" + std::to_string(succeeded) +
                 ", active: " + std::to_string(active) +
                 ", failed: " + std::to_string(failed));
}

Health Service(const Node& o) {
  if (Str(o, {"spec", "type"}, "ClusterIP") == "LoadBalancer" &&
      Str(o, {"spec", "clusterIP"}).empty())
    return InProgress("NoIPAssigned",
                      "ClusterIP not set. Service type: LoadBalancer");
  return Current("Service is ready");
}

Health Crd(const Node& o) {
  for (const Cond& c : Conditions(o)) {
    if (c.type == "NamesAccepted" && c.status == "False")
      return Failed(c.reason, c.message);
    if (c.type == "Established") {
      if (c.status == "False" && c.reason != "Installing")
        return Failed(c.reason, c.message);
      if (c.status == "True") return Current("CRD is established");
    }
  }
  return InProgress("Installing", "Install in progress");
}

Health Generic(const Node& o, const k8s::Gvk& gvk) {
  if (gvk.group.empty() && gvk.kind == "Namespace" &&
      Str(o, {"status", "phase"}) == "Terminating")
    return Make(HealthStatus::kTerminating, "", "Namespace is terminating");
  for (const Cond& c : Conditions(o)) {
    if (c.type != "Ready") continue;
    if (c.status == "True") return Current(c.message.empty() ? "Resource is Ready" : c.message);
    if (c.status == "False")
      return InProgress(c.reason, c.message.empty() ? "Resource is not Ready" : c.message);
    return InProgress(c.reason, c.message.empty() ? "Ready condition is Unknown" : c.message);
  }
  return Current("Resource is current");
}

}  // namespace

const char* HealthStatusName(HealthStatus s) {
  switch (s) {
    case HealthStatus::kCurrent: return "Current";
    case HealthStatus::kInProgress: return "InProgress";
    case HealthStatus::kFailed: return "Failed";
    case HealthStatus::kTerminating: return "Terminating";
    case HealthStatus::kNotFound: return "NotFound";
    case HealthStatus::kUnknown: break;
  }
  return "Unknown";
}

Health ComputeHealth(const Node& obj) {
  if (!obj.IsMap()) return Make(HealthStatus::kUnknown, "", "not an object");
  if (!Str(obj, {"metadata", "deletionTimestamp"}).empty())
    return Make(HealthStatus::kTerminating, "", "Resource scheduled for deletion");
  if (HasInt(obj, {"metadata", "generation"}) &&
      HasInt(obj, {"status", "observedGeneration"})) {
    long long gen = Int(obj, {"metadata", "generation"}, 0);
    long long seen = Int(obj, {"status", "observedGeneration"}, 0);
    if (gen != seen)
      return InProgress("LatestGenerationNotObserved",
                        std::string(obj.GetString("kind")) + " generation is " +
                            std::to_string(gen) +
                            ", but latest observed generation is " +
                            std::to_string(seen));
  }
  for (const Cond& c : Conditions(obj)) {
    if (c.type == "Reconciling" && c.status == "True")
      return InProgress(c.reason, c.message);
    if (c.type == "Stalled" && c.status == "True")
      return Failed(c.reason, c.message);
  }
  k8s::Gvk gvk = k8s::Gvk::FromNode(obj);
  const std::string& g = gvk.group;
  const std::string& k = gvk.kind;
  bool apps = g == "apps" || g == "extensions";
  if (g.empty() && k == "Service") return Service(obj);
  if (g.empty() && k == "Pod") return Pod(obj);
  if (g.empty() && (k == "Secret" || k == "ConfigMap"))
    return Current("Resource is always ready");
  if (g == "batch" && k == "CronJob") return Current("Resource is always ready");
  if (g.empty() && k == "PersistentVolumeClaim") return Pvc(obj);
  if (g == "apps" && k == "StatefulSet") return StatefulSet(obj);
  if (apps && k == "DaemonSet") return DaemonSet(obj);
  if (apps && k == "Deployment") return Deployment(obj);
  if (apps && k == "ReplicaSet") return ReplicaSet(obj);
  if (g == "policy" && k == "PodDisruptionBudget")
    return Current("AllowedDisruptions has been computed.");
  if (g == "batch" && k == "Job") return Job(obj);
  if (g == "apiextensions.k8s.io" && k == "CustomResourceDefinition")
    return Crd(obj);
  return Generic(obj, gvk);
}

}  // namespace ferry::engine
