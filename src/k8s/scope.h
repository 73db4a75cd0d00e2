// Scope: whether a kind lives in a namespace, as kustomize decides it.
#ifndef FERRY_K8S_SCOPE_H_
#define FERRY_K8S_SCOPE_H_

#include "k8s/gvk.h"

namespace ferry::k8s {

/// True when kustomize knows `gvk` to be cluster-scoped. kustomize v5 looks
/// the exact apiVersion and kind up in the OpenAPI schema it embeds
/// (Kubernetes v1.21.2), so e.g. rbac.authorization.k8s.io/v1 ClusterRole is
/// cluster-scoped but a ClusterRole of an unknown version, or any custom
/// resource, is not.
bool IsClusterScoped(const Gvk &gvk);

/// kustomize's Gvk.IsNamespaceableKind: !IsClusterScoped(gvk).
inline bool IsNamespaceable(const Gvk &gvk) { return !IsClusterScoped(gvk); }

}  // namespace ferry::k8s

#endif  // FERRY_K8S_SCOPE_H_
