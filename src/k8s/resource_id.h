// ResId: what identifies a resource in a kustomize build.
#ifndef FERRY_K8S_RESOURCE_ID_H_
#define FERRY_K8S_RESOURCE_ID_H_

#include <string>
#include <string_view>

#include "k8s/gvk.h"

namespace ferry::k8s {

/// A resource's identity: its Gvk, name and namespace ("" when unset), as
/// kustomize's resid.ResId.
struct ResId {
  Gvk gvk;
  std::string name;
  std::string ns;

  /// Reads apiVersion, kind, metadata.name and metadata.namespace.
  static ResId FromNode(const yaml::Node &obj);

  /// kustomize's ResId.String(): "group_version_kind|namespace|name" with
  /// "~X" for no namespace and "~N" for no name, e.g.
  /// "apps_v1_Deployment|prod|web", "~G_v1_ConfigMap|~X|cm".
  std::string String() const;
  /// "group_version_kind|name" (kustomize's GvknString).
  std::string GvknString() const;

  /// The namespace used to compare ids: "_non_namespaceable_" for
  /// cluster-scoped kinds, "default" when unset or "default".
  std::string EffectiveNamespace() const;
  /// Same gvk and name (namespace ignored).
  bool GvknEquals(const ResId &o) const {
    return name == o.name && gvk == o.gvk;
  }
  /// kustomize's ResId.Equals: same gvk, name and effective namespace.
  bool Equals(const ResId &o) const {
    return GvknEquals(o) && EffectiveNamespace() == o.EffectiveNamespace();
  }
  /// kustomize's IsSelectedBy: empty selector fields match anything; the
  /// namespace is compared by effective namespace.
  bool IsSelectedBy(const ResId &selector) const;

  /// Exact field equality and a plain total order (for maps).
  friend bool operator==(const ResId &a, const ResId &b) = default;
  friend auto operator<=>(const ResId &a, const ResId &b) = default;
};

}  // namespace ferry::k8s

#endif  // FERRY_K8S_RESOURCE_ID_H_
