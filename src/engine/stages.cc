#include "engine/stages.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace ferry::engine {
namespace {

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  return true;
}

int KindIndex(std::string_view kind) {
  static const std::unordered_map<std::string_view, int> index = [] {
    const char* first[] = {
        "CustomResourceDefinition", "Namespace", "ResourceQuota",
        "StorageClass", "ServiceAccount", "PodSecurityPolicy", "Role",
        "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
        "Secret", "Service", "LimitRange", "PriorityClass", "Deployment",
        "StatefulSet", "CronJob", "PodDisruptionBudget"};
    const char* last[] = {"MutatingWebhookConfiguration",
                          "ValidatingWebhookConfiguration"};
    std::unordered_map<std::string_view, int> m;
    int n = static_cast<int>(std::size(first));
    for (int i = 0; i < n; ++i) m[first[i]] = -n + i;
    for (int i = 0; i < static_cast<int>(std::size(last)); ++i)
      m[last[i]] = 1 + i;
    return m;
  }();
  auto it = index.find(kind);
  return it == index.end() ? 0 : it->second;
}

}  // namespace

ApplyStage StageOf(const ObjectId& id) {
  if (EqualsLower(id.kind, "customresourcedefinition") &&
      id.group == "apiextensions.k8s.io")
    return ApplyStage::kClusterDefinitions;
  if (EqualsLower(id.kind, "namespace") && id.group.empty() &&
      id.version == "v1")
    return ApplyStage::kClusterDefinitions;
  if (EqualsLower(id.kind, "clusterrole") &&
      id.group == "rbac.authorization.k8s.io")
    return ApplyStage::kClusterDefinitions;
  std::string_view k = id.kind;
  if (k.size() >= 5 && k.substr(k.size() - 5) == "Class")
    return ApplyStage::kClassDefinitions;
  return ApplyStage::kRest;
}

const char* StageName(ApplyStage s) {
  switch (s) {
    case ApplyStage::kClusterDefinitions:
      return "cluster definitions";
    case ApplyStage::kClassDefinitions:
      return "class definitions";
    case ApplyStage::kRest:
      break;
  }
  return "resources";
}

bool ApplyOrderLess(const ObjectId& a, const ObjectId& b) {
  if (a.group != b.group || a.kind != b.kind) {
    int ia = KindIndex(a.kind), ib = KindIndex(b.kind);
    if (ia != ib) return ia < ib;
    if (a.group != b.group) return a.group < b.group;
    return a.kind < b.kind;
  }
  if (a.ns != b.ns) return a.ns < b.ns;
  return a.name < b.name;
}

StagedOrder OrderForApply(const std::vector<ObjectId>& ids) {
  StagedOrder out;
  for (int i = 0; i < static_cast<int>(ids.size()); ++i)
    out.stages[static_cast<int>(StageOf(ids[i]))].push_back(i);
  for (auto& s : out.stages)
    std::stable_sort(s.begin(), s.end(), [&](int x, int y) {
      return ApplyOrderLess(ids[x], ids[y]);
    });
  return out;
}

}  // namespace ferry::engine
