#include "k8s/kind_order.h"

#include <algorithm>

namespace ferry::k8s {

const std::vector<std::string> &DefaultOrderFirst() {
  static const auto *v = new std::vector<std::string>{
      "Namespace",
      "ResourceQuota",
      "StorageClass",
      "CustomResourceDefinition",
      "ServiceAccount",
      "PodSecurityPolicy",
      "Role",
      "ClusterRole",
      "RoleBinding",
      "ClusterRoleBinding",
      "ConfigMap",
      "Secret",
      "Endpoints",
      "Service",
      "LimitRange",
      "PriorityClass",
      "PersistentVolume",
      "PersistentVolumeClaim",
      "Deployment",
      "StatefulSet",
      "CronJob",
      "PodDisruptionBudget",
  };
  return *v;
}

const std::vector<std::string> &DefaultOrderLast() {
  static const auto *v = new std::vector<std::string>{
      "MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration",
  };
  return *v;
}

KindOrder::KindOrder() : KindOrder(DefaultOrderFirst(), DefaultOrderLast()) {}

KindOrder::KindOrder(const std::vector<std::string> &order_first,
                     const std::vector<std::string> &order_last) {
  // As Go's map assignment: a kind listed twice keeps its last rank.
  int n = static_cast<int>(order_first.size());
  for (int i = 0; i < n; ++i) rank_[order_first[i]] = -n + i;
  for (size_t i = 0; i < order_last.size(); ++i)
    rank_[order_last[i]] = 1 + static_cast<int>(i);
}

int KindOrder::Rank(std::string_view kind) const {
  auto it = rank_.find(std::string(kind));
  return it == rank_.end() ? 0 : it->second;
}

bool KindOrder::GvkLess(const Gvk &a, const Gvk &b) const {
  int ra = Rank(a.kind), rb = Rank(b.kind);
  if (ra != rb) return ra < rb;
  if (a.kind == "Namespace" && b.kind == "Namespace" &&
      (a.group.empty() || b.group.empty()))
    return a.String() > b.String();
  return a.String() < b.String();
}

bool KindOrder::Less(const ResId &a, const ResId &b) const {
  if (a.gvk != b.gvk) return GvkLess(a.gvk, b.gvk);
  return a.String() < b.String();
}

void KindOrder::Sort(std::vector<ResId> *ids) const {
  std::stable_sort(
      ids->begin(), ids->end(),
      [this](const ResId &a, const ResId &b) { return Less(a, b); });
}

}  // namespace ferry::k8s
