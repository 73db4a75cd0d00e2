// NamespaceTransformer (kustomization `namespace:`), after kustomize's
// api/filters/namespace: metadata.namespace of namespaced objects, the
// subjects named "default" of role bindings, then the configured fields.
#include <unordered_set>

#include "k8s/scope.h"
#include "kustomize/transformers.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

bool IsRoleBinding(std::string_view kind) {
  return kind == "RoleBinding" || kind == "ClusterRoleBinding";
}

Status SetString(yaml::Node* n, std::string_view value) {
  yaml::Mark m = n->mark();
  *n = yaml::Node::Str(value);
  n->set_mark(m);
  return Status::Ok();
}

}  // namespace

Status TransformNamespace(std::string_view ns,
                          const std::vector<FieldSpec>& specs, ResMap* m,
                          const NamespaceOptions& options) {
  if (ns.empty()) return Status::Ok();
  auto setter = [ns, &options](yaml::Node* n) {
    if (!n->IsScalar() && !n->IsNull())
      return yaml::ErrorAt(*n, "namespace field specs must target scalar "
                               "nodes: wrong node kind: expected ScalarNode");
    if (options.unset_only && !n->value().empty()) return Status::Ok();
    return SetString(n, ns);
  };
  for (Resource& r : *m) {
    r.StorePreviousId();
    k8s::Gvk gvk = k8s::Gvk::FromNode(r.node);
    if (!k8s::IsClusterScoped(gvk)) {
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, FieldSpec{{}, "metadata/namespace", true}, setter,
          yaml::Kind::kScalar));
    }
    bool role_binding = IsRoleBinding(gvk.kind);
    if (role_binding && options.subjects != NamespaceOptions::Subjects::kNone) {
      if (yaml::Node* subjects = r.node.Get("subjects");
          subjects && subjects->IsSeq()) {
        for (yaml::Node& s : subjects->items()) {
          if (!s.IsMap()) continue;
          if (options.subjects == NamespaceOptions::Subjects::kDefaultOnly
                  ? s.GetString("name") != "default"
                  : s.GetString("kind") != "ServiceAccount")
            continue;
          yaml::Node* field = s.Get("namespace");
          if (!field) field = &s.Set("namespace", yaml::Node::Str(""));
          FERRY_RETURN_IF_ERROR(setter(field));
        }
      }
    }
    for (const FieldSpec& fs : specs) {
      if (fs.path == "metadata/namespace") continue;
      if (role_binding && IsRoleBinding(fs.gvk.kind) && fs.path == "subjects/namespace")
        continue;
      FERRY_RETURN_IF_ERROR(
          ApplyFieldSpec(&r.node, fs, setter, yaml::Kind::kScalar));
    }
  }
  // Moving objects into one namespace may make two of them the same.
  std::unordered_set<std::string> seen;
  seen.reserve(m->size());
  for (const Resource& r : *m) {
    k8s::ResId id = r.CurId();
    if (!seen.insert(id.GvknString() + "|" + id.EffectiveNamespace()).second)
      return yaml::ErrorAt(r.node,
                           "namespace transformation produces ID conflict: " +
                               id.String() + " (another object has that id)");
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
