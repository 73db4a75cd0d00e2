#include "k8s/resource_id.h"

#include "k8s/scope.h"
#include "yaml/node.h"

namespace ferry::k8s {

ResId ResId::FromNode(const yaml::Node &obj) {
  ResId id;
  id.gvk = Gvk::FromNode(obj);
  if (!obj.IsMap()) return id;
  if (const yaml::Node *md = obj.Get("metadata"); md && md->IsMap()) {
    id.name = std::string(md->GetString("name"));
    id.ns = std::string(md->GetString("namespace"));
  }
  return id;
}

std::string ResId::String() const {
  std::string s = gvk.String();
  s += '|';
  s += ns.empty() ? "~X" : ns;
  s += '|';
  s += name.empty() ? "~N" : name;
  return s;
}

std::string ResId::GvknString() const { return gvk.String() + "|" + name; }

std::string ResId::EffectiveNamespace() const {
  if (!IsNamespaceable(gvk)) return "_non_namespaceable_";
  if (ns.empty() || ns == "default") return "default";
  return ns;
}

bool ResId::IsSelectedBy(const ResId &selector) const {
  return (selector.name.empty() || selector.name == name) &&
         (selector.ns.empty() ||
          selector.EffectiveNamespace() == EffectiveNamespace()) &&
         gvk.IsSelectedBy(selector.gvk);
}

}  // namespace ferry::k8s
