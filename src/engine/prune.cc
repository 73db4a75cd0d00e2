#include "engine/prune.h"

#include "engine/apply_policy.h"
#include "engine/parallel.h"

namespace ferry::engine {

k8s::ResId ResIdOf(const ObjectId& id) {
  k8s::ResId r;
  r.gvk = {id.group, id.version, id.kind};
  r.name = id.name;
  r.ns = id.ns;
  return r;
}

Status Prune(const kube::Client& client, const std::vector<ObjectId>& stale,
             std::string_view ks_name, std::string_view ks_namespace,
             const PruneOptions& options, std::vector<Change>* changes) {
  struct Outcome {
    bool present = false;
    Change change;
    std::string error;
  };
  std::vector<Outcome> out(stale.size());
  ForEachParallel(stale.size(), options.concurrency, [&](size_t i) {
    Outcome& o = out[i];
    o.change.id = stale[i];
    k8s::ResId id = ResIdOf(stale[i]);
    yaml::Node live;
    Status st = client.Get(id, &live);
    if (kube::IsNotFound(st) || kube::ReasonOf(st) == kube::Reason::kNoKindMatch)
      return;
    if (!st.ok()) {
      o.error = st.message();
      return;
    }
    o.present = true;
    if (!IsOwnedBy(live, ks_name, ks_namespace)) {
      o.change.action = Action::kSkipped;
      o.change.note = "not owned by this Kustomization";
      return;
    }
    if (PruneDisabled(live)) {
      o.change.action = Action::kSkipped;
      o.change.note = "prune disabled";
      return;
    }
    o.change.action = Action::kDeleted;
    if (options.dry_run) return;
    kube::DeleteOptions del;
    del.propagation_policy = "Background";
    const yaml::Node* md = live.Get("metadata");
    if (md) del.precondition_uid = std::string(md->GetString("uid"));
    st = client.Delete(id, del);
    if (!st.ok() && !kube::IsNotFound(st)) o.error = st.message();
  });
  std::string errors;
  for (size_t i = 0; i < out.size(); ++i) {
    if (!out[i].error.empty()) {
      errors += (errors.empty() ? "" : "\n") + stale[i].Display() +
                ": prune: " + out[i].error;
    } else if (out[i].present) {
      changes->push_back(out[i].change);
    }
  }
  return errors.empty() ? Status::Ok() : Status::Error(errors);
}

}  // namespace ferry::engine
