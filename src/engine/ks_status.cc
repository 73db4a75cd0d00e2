#include "engine/ks_status.h"

#include <ctime>

namespace ferry::engine {
namespace {

yaml::Node S(std::string_view s) { return yaml::Node::Str(s); }
yaml::Node I(int64_t v) { return yaml::Node::Plain(std::to_string(v)); }

int64_t Generation(const yaml::Node& obj) {
  const yaml::Node* g = obj.GetPath({"metadata", "generation"});
  return g && g->IsScalar() ? std::atoll(g->value().c_str()) : 0;
}

const yaml::Node* FindCondition(const yaml::Node* conds, std::string_view type) {
  if (!conds || !conds->IsSeq()) return nullptr;
  for (const yaml::Node& c : conds->items())
    if (c.GetString("type") == type) return &c;
  return nullptr;
}

yaml::Node Condition(const yaml::Node* old_conds, std::string_view type,
                     bool status, std::string_view reason,
                     std::string_view message, int64_t generation,
                     std::string_view now) {
  std::string st = status ? "True" : "False";
  std::string when(now);
  if (const yaml::Node* old = FindCondition(old_conds, type))
    if (old->GetString("status") == st && !old->GetString("lastTransitionTime").empty())
      when = std::string(old->GetString("lastTransitionTime"));
  yaml::Node c = yaml::Node::Map();
  c.Set("lastTransitionTime", S(when));
  c.Set("message", S(message));
  c.Set("observedGeneration", I(generation));
  c.Set("reason", S(reason));
  c.Set("status", S(st));
  c.Set("type", S(type));
  return c;
}

}  // namespace

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const yaml::Node* ReadyCondition(const yaml::Node& obj) {
  return FindCondition(obj.GetPath({"status", "conditions"}), "Ready");
}

yaml::Node StatusAfter(const yaml::Node& live, const ReconcileOutcome& o,
                       std::string_view now) {
  const yaml::Node* old = live.Get("status");
  yaml::Node status = old && old->IsMap() ? *old : yaml::Node::Map();
  const yaml::Node* old_conds = old ? old->Get("conditions") : nullptr;
  int64_t gen = Generation(live);
  yaml::Node conds = yaml::Node::Seq();
  conds.Append(Condition(old_conds, "Ready", o.ready, o.reason, o.message, gen, now));
  if (o.healthy)
    conds.Append(Condition(old_conds, "Healthy", *o.healthy,
                           *o.healthy ? "Succeeded" : kReasonHealthCheckFailed,
                           o.health_message, gen, now));
  else if (const yaml::Node* h = FindCondition(old_conds, "Healthy"))
    conds.Append(*h);
  status.Set("conditions", std::move(conds));
  if (o.applied) status.Set("inventory", o.inventory.ToNode());
  if (o.ready && !o.attempted_revision.empty())
    status.Set("lastAppliedRevision", S(o.attempted_revision));
  if (!o.attempted_revision.empty())
    status.Set("lastAttemptedRevision", S(o.attempted_revision));
  if (const yaml::Node* req = live.GetPath({"metadata", "annotations"}))
    if (std::string_view at = req->GetString("reconcile.fluxcd.io/requestedAt");
        !at.empty())
      status.Set("lastHandledReconcileAt", S(at));
  status.Set("observedGeneration", I(gen));
  return status;
}

Status WriteKustomizationStatus(const kube::Client& client,
                                const yaml::Node& live,
                                const yaml::Node& status) {
  yaml::Node patch = yaml::Node::Map();
  patch.Set("status", status);
  kube::WriteOptions wo;
  wo.field_manager = "kustomize-controller";
  wo.subresource = "status";
  return client.Patch(kube::IdOf(live), kube::PatchType::kMerge, patch, wo,
                      nullptr);
}

Status RecordEvent(const kube::Client& client, const yaml::Node& live,
                   std::string_view type, std::string_view reason,
                   std::string_view message, std::string_view revision) {
  const yaml::Node* md = live.Get("metadata");
  if (!md) return Status::Error("event: object has no metadata");
  std::string ns(md->GetString("namespace"));
  std::string now = NowRfc3339();
  yaml::Node ev = yaml::Node::Map();
  ev.Set("apiVersion", S("v1"));
  ev.Set("kind", S("Event"));
  yaml::Node& emd = ev.GetOrAddMap("metadata");
  emd.Set("generateName", S(std::string(md->GetString("name")) + "."));
  emd.Set("namespace", S(ns));
  if (!revision.empty()) {
    yaml::Node& ann = emd.GetOrAddMap("annotations");
    ann.Set("kustomize.toolkit.fluxcd.io/revision", S(revision));
  }
  yaml::Node& inv = ev.GetOrAddMap("involvedObject");
  inv.Set("apiVersion", S(live.GetString("apiVersion")));
  inv.Set("kind", S(live.GetString("kind")));
  inv.Set("name", S(md->GetString("name")));
  inv.Set("namespace", S(ns));
  inv.Set("uid", S(md->GetString("uid")));
  inv.Set("resourceVersion", S(md->GetString("resourceVersion")));
  ev.Set("type", S(type));
  ev.Set("reason", S(reason));
  ev.Set("message", S(message));
  ev.GetOrAddMap("source").Set("component", S("kustomize-controller"));
  ev.Set("firstTimestamp", S(now));
  ev.Set("lastTimestamp", S(now));
  ev.Set("count", I(1));
  ev.Set("reportingComponent", S("kustomize-controller"));
  ev.Set("reportingInstance", S("ferry"));
  kube::WriteOptions wo;
  wo.field_manager = "kustomize-controller";
  return client.Create(ev, wo, nullptr);
}

}  // namespace ferry::engine
