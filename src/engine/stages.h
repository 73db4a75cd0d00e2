// Apply stages and order, as fluxcd/pkg's ssa ResourceManager applies a
// build: cluster definitions first (CRDs, Namespaces, ClusterRoles), then
// class definitions (StorageClass, IngressClass, PriorityClass, ...), then
// the rest; within a stage, Flux's kind order.
#ifndef FERRY_ENGINE_STAGES_H_
#define FERRY_ENGINE_STAGES_H_

#include <vector>

#include "engine/object_id.h"

namespace ferry::yaml {
class Node;
}

namespace ferry::engine {

/// Which stage of ApplyAllStaged an object is applied in.
enum class ApplyStage { kClusterDefinitions = 0, kClassDefinitions = 1, kRest = 2 };

/// The stage of an object: CustomResourceDefinition (apiextensions.k8s.io),
/// Namespace (v1) and ClusterRole (rbac.authorization.k8s.io) are cluster
/// definitions; any kind whose name ends in "Class" is a class definition.
ApplyStage StageOf(const ObjectId& id);
const char* StageName(ApplyStage s);

/// ssa's sort order: by kind rank (CustomResourceDefinition, Namespace,
/// ResourceQuota, StorageClass, ServiceAccount, PodSecurityPolicy, Role,
/// ClusterRole, RoleBinding, ClusterRoleBinding, ConfigMap, Secret, Service,
/// LimitRange, PriorityClass, Deployment, StatefulSet, CronJob,
/// PodDisruptionBudget first; other kinds next; Mutating- and
/// ValidatingWebhookConfiguration last), then group, kind, namespace, name.
bool ApplyOrderLess(const ObjectId& a, const ObjectId& b);

/// Objects split into their stages, each stage sorted in apply order;
/// indices into the input.
struct StagedOrder {
  std::vector<int> stages[3];
};

StagedOrder OrderForApply(const std::vector<ObjectId>& ids);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_STAGES_H_
