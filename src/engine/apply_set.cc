#include "engine/apply_set.h"

#include <mutex>
#include <thread>

#include "engine/object_id.h"
#include "engine/parallel.h"
#include "engine/stages.h"

namespace ferry::engine {
namespace {

using Clock = std::chrono::steady_clock;

struct Outcome {
  bool done = false;  // produced a change entry
  Change change;
  std::string error;  // "" when ok
};

// Waits until a deleted object is gone (recreate after an immutable field).
Status WaitGone(const kube::Client& client, const k8s::ResId& id) {
  auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline) {
    Status st = client.Get(id, nullptr);
    if (kube::IsNotFound(st)) return Status::Ok();
    if (!st.ok()) return st;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::Error("still terminating after 30s");
}

Outcome ApplyOne(const kube::Client& client, const yaml::Node& desired,
                 const ApplySetOptions& opts) {
  Outcome o;
  auto fail = [&o](std::string error) {
    o.done = false;
    o.error = std::move(error);
    return o;
  };
  o.change.id = ObjectId::FromNode(desired);
  k8s::ResId id = kube::IdOf(desired);
  kube::RestMapping mapping;
  Status st = client.Mapping(id.gvk, &mapping);
  if (!st.ok()) {
    o.error = kube::ReasonOf(st) == kube::Reason::kNoKindMatch
                  ? o.change.id.Display() + ": no matches for kind \"" + id.gvk.kind +
                        "\" in version \"" + id.gvk.ApiVersion() +
                        "\" (is its CRD installed?)"
                  : st.message();
    return o;
  }
  if (mapping.namespaced && id.ns.empty()) {
    o.error = o.change.id.Display() +
              ": namespace not specified (set metadata.namespace, or the "
              "Kustomization's targetNamespace)";
    return o;
  }
  yaml::Node live;
  st = client.Get(id, &live);
  bool exists = st.ok();
  if (!exists && !kube::IsNotFound(st)) {
    o.error = st.message();
    return o;
  }
  ApplyPolicy policy = PolicyFor(desired, exists ? &live : nullptr);
  o.done = true;
  if (policy.exclude) {
    o.change.action = Action::kSkipped;
    o.change.note = "reconcile disabled";
    return o;
  }
  if (policy.if_not_present && exists) {
    o.change.action = Action::kSkipped;
    o.change.note = "ssa: IfNotPresent";
    return o;
  }
  kube::ApplyOptions ao;
  ao.field_manager = opts.field_manager;
  ao.force = true;  // Flux takes the fields over from other managers
  if (!exists) {
    ao.dry_run = opts.dry_run;
    st = client.Apply(desired, ao, nullptr);
    if (opts.dry_run && kube::IsNotFound(st) &&
        st.message().find("namespaces \"") != std::string::npos) {
      // Its Namespace is applied by the same set (not by a dry run).
      o.change.action = Action::kCreated;
      o.change.note = "its namespace does not exist yet";
      return o;
    }
    if (!st.ok()) return fail(st.message());
    o.change.action = Action::kCreated;
    return o;
  }
  ao.dry_run = true;
  yaml::Node dry;
  st = client.Apply(desired, ao, &dry);
  if (!st.ok() && kube::IsImmutableError(st) && (opts.force || policy.force)) {
    if (opts.dry_run) {
      o.change.action = Action::kCreated;
      o.change.note = "would be recreated (immutable field changed)";
      return o;
    }
    kube::DeleteOptions del;
    del.propagation_policy = "Background";
    Status ds = client.Delete(id, del);
    if (!ds.ok() && !kube::IsNotFound(ds))
      return fail(ds.message() + " (deleting it to recreate it)");
    if (Status ws = WaitGone(client, id); !ws.ok())
      return fail(o.change.id.Display() + ": recreate: " + ws.message());
    ao.dry_run = false;
    st = client.Apply(desired, ao, nullptr);
    if (!st.ok()) return fail(st.message());
    o.change.action = Action::kCreated;
    o.change.note = "recreated (immutable field changed)";
    return o;
  }
  if (!st.ok()) return fail(st.message());
  if (SameLive(live, dry)) {
    o.change.action = Action::kUnchanged;
    return o;
  }
  if (!opts.dry_run) {
    ao.dry_run = false;
    st = client.Apply(desired, ao, nullptr);
    if (!st.ok()) return fail(st.message());
  }
  o.change.action = Action::kConfigured;
  return o;
}

bool Established(const yaml::Node& crd) {
  const yaml::Node* conds = crd.GetPath({"status", "conditions"});
  if (!conds || !conds->IsSeq()) return false;
  for (const yaml::Node& c : conds->items())
    if (c.GetString("type") == "Established" && c.GetString("status") == "True")
      return true;
  return false;
}

Status WaitEstablished(const kube::Client& client,
                       const std::vector<const yaml::Node*>& crds,
                       std::chrono::seconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (const yaml::Node* crd : crds) {
    k8s::ResId id = kube::IdOf(*crd);
    for (;;) {
      yaml::Node live;
      Status st = client.Get(id, &live);
      if (st.ok() && Established(live)) break;
      if (!st.ok() && !kube::IsNotFound(st)) return st;
      if (Clock::now() > deadline)
        return Status::Error(ObjectId::FromNode(*crd).Display() +
                             ": not Established after " +
                             std::to_string(timeout.count()) + "s");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  client.InvalidateDiscovery();
  return Status::Ok();
}

}  // namespace

bool SameLive(const yaml::Node& live, const yaml::Node& dry_run) {
  // 1.20 moves a manager's managedFields time on some no-op applies; what
  // counts is who owns which fields, so the times are left out.
  auto without_times = [](yaml::Node n) {
    if (yaml::Node* mf = n.GetPath({"metadata", "managedFields"}); mf && mf->IsSeq())
      for (yaml::Node& e : mf->items()) e.Remove("time");
    return n;
  };
  if (live == dry_run) return true;
  return without_times(live) == without_times(dry_run);
}

Status ApplyAllStaged(const kube::Client& client,
                      const std::vector<yaml::Node>& objects,
                      const ApplySetOptions& options,
                      std::vector<Change>* changes) {
  std::vector<ObjectId> ids;
  ids.reserve(objects.size());
  for (const yaml::Node& o : objects) ids.push_back(ObjectId::FromNode(o));
  StagedOrder order = OrderForApply(ids);
  std::mutex mu;
  for (int s = 0; s < 3; ++s) {
    const std::vector<int>& stage = order.stages[s];
    if (stage.empty()) continue;
    std::vector<Outcome> outcomes(stage.size());
    ForEachParallel(stage.size(), options.concurrency, [&](size_t i) {
      outcomes[i] = ApplyOne(client, objects[stage[i]], options);
      if (outcomes[i].done && options.on_change) {
        std::lock_guard<std::mutex> lock(mu);
        options.on_change(outcomes[i].change);
      }
    });
    std::string errors;
    std::vector<const yaml::Node*> crds;
    for (size_t i = 0; i < stage.size(); ++i) {
      const Outcome& o = outcomes[i];
      if (o.done) changes->push_back(o.change);
      if (!o.error.empty()) {
        if (!errors.empty()) errors += "\n";
        errors += o.error;
      } else if (o.done && o.change.action != Action::kSkipped &&
                 ids[stage[i]].kind == "CustomResourceDefinition" &&
                 !options.dry_run) {
        crds.push_back(&objects[stage[i]]);
      }
    }
    if (!errors.empty()) return Status::Error(errors);
    if (ApplyStage(s) == ApplyStage::kClusterDefinitions)
      FERRY_RETURN_IF_ERROR(WaitEstablished(client, crds, options.crd_timeout));
  }
  return Status::Ok();
}

}  // namespace ferry::engine
