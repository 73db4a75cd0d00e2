#include "kustomize/resource.h"

namespace ferry::kustomize {

void Resource::SetName(std::string_view name) {
  node.GetOrAddMap("metadata").Set("name", yaml::Node::Str(name));
}

void Resource::SetNamespace(std::string_view ns) {
  node.GetOrAddMap("metadata").Set("namespace", yaml::Node::Str(ns));
}

}  // namespace ferry::kustomize
