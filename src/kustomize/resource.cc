#include "kustomize/resource.h"

#include "yaml/parse.h"

namespace ferry::kustomize {

void Resource::SetName(std::string_view name) {
  node.GetOrAddMap("metadata").Set("name", yaml::Node::Str(name));
}

void Resource::SetNamespace(std::string_view ns) {
  node.GetOrAddMap("metadata").Set("namespace", yaml::Node::Str(ns));
}

Status CheckObjectKeys(const yaml::Node& obj) {
  for (const yaml::Node& item : obj.items())
    FERRY_RETURN_IF_ERROR(CheckObjectKeys(item));
  for (const yaml::Pair& p : obj.pairs()) {
    if (p.key.IsMap() || p.key.IsSeq())
      return yaml::ErrorAt(p.key, std::string("invalid map key: a ") +
                                      (p.key.IsMap() ? "mapping" : "sequence") +
                                      " cannot be a key");
    FERRY_RETURN_IF_ERROR(CheckObjectKeys(p.value));
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
