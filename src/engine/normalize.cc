#include "engine/normalize.h"

#include <string_view>

#include "k8s/gvk.h"
#include "sops/base64.h"
#include "yaml/node.h"

namespace ferry::engine {
namespace {

void DefaultPortProtocols(yaml::Node* ports) {
  if (!ports || !ports->IsSeq()) return;
  for (yaml::Node& p : ports->items()) {
    if (!p.IsMap()) continue;
    const yaml::Node* proto = p.Get("protocol");
    if (!proto || proto->IsNull() || proto->value().empty())
      p.Set("protocol", yaml::Node::Str("TCP"));
  }
}

void DefaultPodSpec(yaml::Node* spec) {
  if (!spec || !spec->IsMap()) return;
  for (std::string_view list : {"containers", "initContainers"}) {
    yaml::Node* cs = spec->Get(list);
    if (!cs || !cs->IsSeq()) continue;
    for (yaml::Node& c : cs->items())
      if (c.IsMap()) DefaultPortProtocols(c.Get("ports"));
  }
}

// The pod spec of a workload kind, or nullptr.
yaml::Node* PodSpecOf(yaml::Node* obj, const k8s::Gvk& gvk) {
  const std::string& k = gvk.kind;
  if (gvk.group.empty()) {
    if (k == "Pod") return obj->Get("spec");
    if (k == "ReplicationController")
      return obj->GetPath({"spec", "template", "spec"});
    return nullptr;
  }
  if (gvk.group == "apps" &&
      (k == "Deployment" || k == "StatefulSet" || k == "DaemonSet" ||
       k == "ReplicaSet"))
    return obj->GetPath({"spec", "template", "spec"});
  if (gvk.group == "batch" && k == "Job")
    return obj->GetPath({"spec", "template", "spec"});
  if (gvk.group == "batch" && k == "CronJob")
    return obj->GetPath({"spec", "jobTemplate", "spec", "template", "spec"});
  return nullptr;
}

void MoveStringData(yaml::Node* secret) {
  const yaml::Node* found = secret->Get("stringData");
  if (!found || !found->IsMap()) return;
  // A copy: adding `data` below may move the mapping's pairs.
  const yaml::Node sd = *found;
  if (sd.size() > 0) {
    yaml::Node* data = secret->Get("data");
    if (!data || !data->IsMap()) {
      secret->Set("data", yaml::Node::Map());
      data = secret->Get("data");
    }
    for (const yaml::Pair& p : sd.pairs())
      data->Set(p.key.value(),
                yaml::Node::Str(sops::Base64Encode(p.value.value())));
  }
  secret->Remove("stringData");
}

}  // namespace

void NormalizeForApply(yaml::Node* obj) {
  if (!obj || !obj->IsMap()) return;
  k8s::Gvk gvk = k8s::Gvk::FromNode(*obj);
  if (gvk.group.empty() && gvk.version == "v1" && gvk.kind == "Service")
    DefaultPortProtocols(obj->GetPath({"spec", "ports"}));
  if (gvk.group.empty() && gvk.version == "v1" && gvk.kind == "Secret")
    MoveStringData(obj);
  DefaultPodSpec(PodSpecOf(obj, gvk));
  if (yaml::Node* md = obj->Get("metadata"); md && md->IsMap())
    md->Remove("creationTimestamp");
  bool crd = gvk.group == "apiextensions.k8s.io" &&
             gvk.kind == "CustomResourceDefinition";
  if (!crd) obj->Remove("status");
}

}  // namespace ferry::engine
