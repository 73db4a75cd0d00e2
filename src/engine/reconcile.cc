#include "engine/reconcile.h"

#include "engine/apply_set.h"
#include "engine/build_objects.h"
#include "engine/inventory.h"
#include "engine/prune.h"

namespace ferry::engine {
namespace {

using Clock = std::chrono::steady_clock;

std::string FormatDuration(std::chrono::milliseconds d) {
  char buf[32];
  if (d.count() < 1000)
    std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(d.count()));
  else
    std::snprintf(buf, sizeof buf, "%.1fs", d.count() / 1000.0);
  return buf;
}

std::chrono::milliseconds Timeout(const repo::Kustomization& ks,
                                  const ReconcileOptions& o) {
  if (o.timeout) return *o.timeout;
  if (ks.spec.timeout) return std::chrono::milliseconds(ks.spec.timeout->nanos / 1000000);
  if (ks.spec.interval) return std::chrono::milliseconds(ks.spec.interval->nanos / 1000000);
  return std::chrono::minutes(5);
}

// The objects health is checked for: all applied ones with wait: true,
// else spec.healthChecks.
std::vector<ObjectId> HealthTargets(const repo::Kustomization& ks,
                                    const std::vector<Change>& applied) {
  std::vector<ObjectId> ids;
  if (ks.spec.wait.value_or(false)) {
    for (const Change& c : applied)
      if (c.action != Action::kSkipped && c.action != Action::kDeleted)
        ids.push_back(c.id);
    return ids;
  }
  for (const repo::NamespacedReference& r : ks.spec.health_checks) {
    ObjectId id;
    k8s::Gvk gvk = k8s::Gvk::FromApiVersion(r.api_version, r.kind);
    id.group = gvk.group;
    id.version = gvk.version;
    id.kind = r.kind;
    id.name = r.name;
    id.ns = r.namespace_.empty() ? KustomizationNamespace(ks) : r.namespace_;
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

std::string KustomizationName(const repo::Kustomization& ks) {
  return KustomizationNamespace(ks) + "/" + ks.meta.name;
}

k8s::ResId KustomizationId(const repo::Kustomization& ks) {
  k8s::ResId id;
  id.gvk = k8s::Gvk::FromApiVersion(ks.meta.api_version, "Kustomization");
  id.ns = KustomizationNamespace(ks);
  id.name = ks.meta.name;
  return id;
}

ReconcileResult Reconcile(const kube::Client& client,
                          const repo::Kustomization& ks, const std::string& dir,
                          const std::string& revision,
                          const ReconcileOptions& options,
                          const ReconcileObserver& observer) {
  auto start = Clock::now();
  ReconcileResult res;
  ReconcileOutcome& out = res.outcome;
  out.attempted_revision = revision;
  yaml::Node live;
  bool record = options.record && !options.dry_run;
  if (record) {
    Status st = client.Get(KustomizationId(ks), &live);
    if (!st.ok()) {
      out.reason = kReasonFailed;
      out.message = "cannot read the Kustomization: " + st.message();
      return res;
    }
  }
  if (ks.spec.suspend.value_or(false)) {
    res.suspended = true;
    out.ready = false;
    out.reason = "Suspended";
    out.message = "reconciliation is suspended";
    return res;
  }
  Inventory old_inv = Inventory::FromKustomization(live);
  auto finish = [&](bool ready, const std::string& reason, const std::string& message) {
    out.ready = ready;
    out.reason = reason;
    out.message = message;
    res.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    if (!record) return;
    // Status first (what `get` shows), then the Events.
    Status st = WriteKustomizationStatus(client, live, StatusAfter(live, out, NowRfc3339()));
    if (!st.ok()) {
      out.ready = false;
      out.reason = kReasonFailed;
      out.message += (out.message.empty() ? "" : "; ") + ("writing status: " + st.message());
    }
    std::string cs = ChangeSetText(res.changes);
    if (!cs.empty()) (void)RecordEvent(client, live, "Normal", kReasonProgressing, cs, revision);
    std::string msg = ready ? "Reconciliation finished in " + FormatDuration(res.duration)
                            : out.message;
    (void)RecordEvent(client, live, ready ? "Normal" : "Warning", out.reason, msg, revision);
  };

  // Build.
  std::vector<yaml::Node> objects;
  BuildStep step = BuildStep::kNone;
  Status st = BuildObjects(client, ks, dir, &objects, &step);
  if (!st.ok()) {
    std::string what = step == BuildStep::kDecrypt      ? "decryption failed: "
                       : step == BuildStep::kSubstitute ? "post build failed: "
                                                        : "kustomize build failed: ";
    finish(false, kReasonBuildFailed, what + st.message());
    return res;
  }

  // Apply, as the service account when there is one.
  kube::Client applier = client;
  if (!ks.spec.service_account_name.empty())
    applier = client.Impersonating(
        {"system:serviceaccount:" + KustomizationNamespace(ks) + ":" + ks.spec.service_account_name, {}});
  ApplySetOptions ao;
  ao.field_manager = options.field_manager;
  ao.force = ks.spec.force.value_or(false);
  ao.dry_run = options.dry_run;
  ao.concurrency = options.concurrency;
  ao.on_change = observer.on_change;
  st = ApplyAllStaged(applier, objects, ao, &res.changes);
  if (!st.ok()) {
    finish(false, kReasonFailed, st.message());
    return res;
  }
  Inventory new_inv;
  for (const Change& c : res.changes) new_inv.Add(c.id);
  out.applied = true;
  out.inventory = new_inv;

  // Prune what left the build.
  if (ks.spec.prune.value_or(false)) {
    PruneOptions po;
    po.dry_run = options.dry_run;
    po.concurrency = options.concurrency;
    std::vector<Change> pruned;
    st = Prune(applier, StaleObjects(old_inv, new_inv), ks.meta.name, KustomizationNamespace(ks), po, &pruned);
    for (const Change& c : pruned) {
      if (observer.on_change) observer.on_change(c);
      res.changes.push_back(c);
    }
    if (!st.ok()) {
      finish(false, kReasonFailed, st.message());
      return res;
    }
  }

  // Health.
  std::vector<ObjectId> targets = HealthTargets(ks, res.changes);
  if (!targets.empty() && !options.dry_run) {
    auto hstart = Clock::now();
    Status hs = WaitForHealth(applier, targets, hstart + Timeout(ks, options),
                              observer.on_health, nullptr);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - hstart);
    out.healthy = hs.ok();
    if (!hs.ok()) {
      out.health_message = "health check failed after " + FormatDuration(took) + ": " + hs.message();
      finish(false, kReasonHealthCheckFailed, out.health_message);
      return res;
    }
    out.health_message = "Health check passed in " + FormatDuration(took);
  }
  finish(true, kReasonSucceeded, "Applied revision: " + revision);
  return res;
}

}  // namespace ferry::engine
