#include "engine/object_id.h"

#include <vector>

#include "k8s/gvk.h"
#include "yaml/node.h"

namespace ferry::engine {
namespace {

bool IsRbac(std::string_view group, std::string_view kind) {
  return group == "rbac.authorization.k8s.io" &&
         (kind == "Role" || kind == "ClusterRole" || kind == "RoleBinding" ||
          kind == "ClusterRoleBinding");
}

std::string ReplaceAll(std::string s, std::string_view from,
                       std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

}  // namespace

ObjectId ObjectId::FromNode(const yaml::Node& obj) {
  ObjectId id;
  k8s::Gvk gvk = k8s::Gvk::FromNode(obj);
  id.group = gvk.group;
  id.version = gvk.version;
  id.kind = gvk.kind;
  if (const yaml::Node* md = obj.IsMap() ? obj.Get("metadata") : nullptr) {
    id.name = std::string(md->GetString("name"));
    id.ns = std::string(md->GetString("namespace"));
  }
  return id;
}

bool ObjectId::Parse(std::string_view id, std::string_view version,
                     ObjectId* out) {
  // The name may hold "__" (a transcoded ':'), so split from both ends:
  // namespace first, kind and group last.
  size_t first = id.find('_');
  size_t last = id.rfind('_');
  if (first == std::string_view::npos || last == first) return false;
  size_t second_last = id.rfind('_', last - 1);
  if (second_last == std::string_view::npos || second_last <= first)
    return false;
  ObjectId o;
  o.ns = std::string(id.substr(0, first));
  std::string name(id.substr(first + 1, second_last - first - 1));
  o.group = std::string(id.substr(second_last + 1, last - second_last - 1));
  o.kind = std::string(id.substr(last + 1));
  o.version = std::string(version);
  if (o.kind.empty() || name.empty()) return false;
  if (IsRbac(o.group, o.kind)) name = ReplaceAll(name, "__", ":");
  o.name = std::move(name);
  *out = std::move(o);
  return true;
}

std::string ObjectId::InventoryId() const {
  std::string n = IsRbac(group, kind) ? ReplaceAll(name, ":", "__") : name;
  return ns + "_" + n + "_" + group + "_" + kind;
}

std::string ObjectId::ApiVersion() const {
  return group.empty() ? version : group + "/" + version;
}

std::string ObjectId::Display() const {
  if (ns.empty()) return kind + "/" + name;
  return kind + "/" + ns + "/" + name;
}

}  // namespace ferry::engine
