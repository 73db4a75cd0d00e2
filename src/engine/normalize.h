// Normalize: what fluxcd/pkg's ssa does to built objects before a
// server-side apply (normalize.UnstructuredList, once SetNativeKindsDefaults),
// working around API server bugs: Kubernetes < 1.22 refuses an apply whose
// Service or container ports omit `protocol` (a key of those associative
// lists), and Secret stringData merges badly with data.
#ifndef FERRY_ENGINE_NORMALIZE_H_
#define FERRY_ENGINE_NORMALIZE_H_

namespace ferry::yaml {
class Node;
}

namespace ferry::engine {

/// Normalizes one object in place: `protocol: TCP` on every Service port and
/// every container and initContainer port of a Pod or of the pod template
/// of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or
/// ReplicationController that has none; a Secret's stringData moved into
/// data (base64, overriding the same key); metadata.creationTimestamp
/// removed; status removed except from CustomResourceDefinitions.
void NormalizeForApply(yaml::Node* obj);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_NORMALIZE_H_
