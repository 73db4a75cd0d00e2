#include "k8s/gvk.h"

#include "yaml/node.h"

namespace ferry::k8s {

Gvk Gvk::FromApiVersion(std::string_view api_version, std::string_view kind) {
  Gvk g;
  g.kind = std::string(kind);
  size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) {
    g.version = std::string(api_version);
  } else {
    g.group = std::string(api_version.substr(0, slash));
    g.version = std::string(api_version.substr(slash + 1));
  }
  return g;
}

Gvk Gvk::FromNode(const yaml::Node &obj) {
  if (!obj.IsMap()) return Gvk();
  return FromApiVersion(obj.GetString("apiVersion"), obj.GetString("kind"));
}

std::string Gvk::ApiVersion() const {
  if (group.empty()) return version;
  return group + "/" + version;
}

std::string Gvk::String() const {
  std::string s = group.empty() ? "~G" : group;
  s += '_';
  s += version.empty() ? "~V" : version;
  s += '_';
  s += kind.empty() ? "~K" : kind;
  return s;
}

bool Gvk::IsSelectedBy(const Gvk &selector) const {
  if (!selector.group.empty() && group != selector.group) return false;
  if (!selector.version.empty() && version != selector.version) return false;
  if (!selector.kind.empty() && kind != selector.kind) return false;
  return true;
}

}  // namespace ferry::k8s
