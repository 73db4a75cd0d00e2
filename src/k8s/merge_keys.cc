#include "k8s/merge_keys.h"

#include "k8s/openapi_schema.h"

#include <map>
#include <memory>
#include <mutex>

namespace ferry::k8s {
namespace {

/// One property of a schema type: `field` of `type` holds a `target` (a
/// list of them when `list`), with a patch strategy and merge keys
/// (comma-separated).
struct PropRow {
  const char *type;
  const char *field;
  const char *target;  // "" for scalars and untyped values
  bool list;
  const char *strategy;
  const char *keys;
};

// From the Kubernetes v1.21.2 OpenAPI schema (k8s.io/api types' patchStrategy,
// patchMergeKey and listMapKey tags): every path that leads to a list with a
// merge strategy.
constexpr PropRow kProps[] = {
    // Every object.
    {"ObjectMeta", "finalizers", "", true, "merge", ""},
    {"ObjectMeta", "ownerReferences", "", true, "merge", "uid"},
    // Pods.
    {"PodTemplateSpec", "metadata", "ObjectMeta", false, "", ""},
    {"PodTemplateSpec", "spec", "PodSpec", false, "", ""},
    {"PodSpec", "volumes", "", true, "merge,retainKeys", "name"},
    {"PodSpec", "initContainers", "Container", true, "merge", "name"},
    {"PodSpec", "containers", "Container", true, "merge", "name"},
    {"PodSpec", "ephemeralContainers", "Container", true, "merge", "name"},
    {"PodSpec", "imagePullSecrets", "", true, "merge", "name"},
    {"PodSpec", "hostAliases", "", true, "merge", "ip"},
    {"PodSpec", "topologySpreadConstraints", "", true, "merge",
     "topologyKey,whenUnsatisfiable"},
    {"Container", "ports", "", true, "merge", "containerPort,protocol"},
    {"Container", "env", "", true, "merge", "name"},
    {"Container", "volumeMounts", "", true, "merge", "mountPath"},
    {"Container", "volumeDevices", "", true, "merge", "devicePath"},
    {"PodStatus", "conditions", "", true, "merge", "type"},
    {"PodStatus", "podIPs", "", true, "merge", "ip"},
    {"Pod", "spec", "PodSpec", false, "", ""},
    {"Pod", "status", "PodStatus", false, "", ""},
    {"PodTemplate", "template", "PodTemplateSpec", false, "", ""},
    // Workloads.
    {"Deployment", "spec", "DeploymentSpec", false, "", ""},
    {"Deployment", "status", "ConditionsStatus", false, "", ""},
    {"DeploymentSpec", "template", "PodTemplateSpec", false, "", ""},
    {"DeploymentSpec", "strategy", "", false, "retainKeys", ""},
    {"WorkloadSpec", "template", "PodTemplateSpec", false, "", ""},
    {"ConditionsStatus", "conditions", "", true, "merge", "type"},
    {"Workload", "spec", "WorkloadSpec", false, "", ""},
    {"Workload", "status", "ConditionsStatus", false, "", ""},
    {"CronJob", "spec", "CronJobSpec", false, "", ""},
    {"CronJobSpec", "jobTemplate", "JobTemplateSpec", false, "", ""},
    {"JobTemplateSpec", "metadata", "ObjectMeta", false, "", ""},
    {"JobTemplateSpec", "spec", "WorkloadSpec", false, "", ""},
    // Services and accounts.
    {"Service", "spec", "ServiceSpec", false, "", ""},
    {"Service", "status", "ConditionsStatus", false, "", ""},
    {"ServiceSpec", "ports", "", true, "merge", "port,protocol"},
    {"ServiceAccount", "secrets", "", true, "merge", "name"},
    // Cluster objects.
    {"Node", "spec", "NodeSpec", false, "", ""},
    {"Node", "status", "NodeStatus", false, "", ""},
    {"NodeSpec", "podCIDRs", "", true, "merge", ""},
    {"NodeStatus", "conditions", "", true, "merge", "type"},
    {"NodeStatus", "addresses", "", true, "merge", "type"},
    {"StatusOnly", "status", "ConditionsStatus", false, "", ""},
    {"WebhookConfiguration", "webhooks", "", true, "merge", "name"},
};

/// A built-in type by apiVersion and kind, and the schema type it has.
struct RootRow {
  const char *api_version;
  const char *kind;
  const char *type;  // "" when only its metadata matters
};

// Every type of kyaml's precomputed v1.21.2 type list.
constexpr RootRow kRoots[] = {
    {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration",
     "WebhookConfiguration"},
    {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration",
     "WebhookConfiguration"},
    {"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration",
     "WebhookConfiguration"},
    {"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration",
     "WebhookConfiguration"},
    {"apiextensions.k8s.io/v1", "CustomResourceDefinition", ""},
    {"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", ""},
    {"apiregistration.k8s.io/v1", "APIService", "StatusOnly"},
    {"apiregistration.k8s.io/v1beta1", "APIService", "StatusOnly"},
    {"apps/v1", "ControllerRevision", ""},
    {"apps/v1", "DaemonSet", "Workload"},
    {"apps/v1", "Deployment", "Deployment"},
    {"apps/v1", "ReplicaSet", "Workload"},
    {"apps/v1", "StatefulSet", "Workload"},
    {"autoscaling/v1", "HorizontalPodAutoscaler", ""},
    {"autoscaling/v1", "Scale", ""},
    {"autoscaling/v2beta1", "HorizontalPodAutoscaler", ""},
    {"autoscaling/v2beta2", "HorizontalPodAutoscaler", ""},
    {"batch/v1", "CronJob", "CronJob"},
    {"batch/v1", "Job", "Workload"},
    {"batch/v1beta1", "CronJob", "CronJob"},
    {"certificates.k8s.io/v1", "CertificateSigningRequest", ""},
    {"certificates.k8s.io/v1beta1", "CertificateSigningRequest", ""},
    {"coordination.k8s.io/v1", "Lease", ""},
    {"coordination.k8s.io/v1beta1", "Lease", ""},
    {"discovery.k8s.io/v1", "EndpointSlice", ""},
    {"discovery.k8s.io/v1beta1", "EndpointSlice", ""},
    {"events.k8s.io/v1", "Event", ""},
    {"events.k8s.io/v1beta1", "Event", ""},
    {"extensions/v1beta1", "Ingress", ""},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", ""},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", ""},
    {"networking.k8s.io/v1", "Ingress", ""},
    {"networking.k8s.io/v1", "IngressClass", ""},
    {"networking.k8s.io/v1", "NetworkPolicy", ""},
    {"networking.k8s.io/v1beta1", "Ingress", ""},
    {"networking.k8s.io/v1beta1", "IngressClass", ""},
    {"node.k8s.io/v1", "RuntimeClass", ""},
    {"node.k8s.io/v1beta1", "RuntimeClass", ""},
    {"policy/v1", "PodDisruptionBudget", "StatusOnly"},
    {"policy/v1beta1", "PodDisruptionBudget", "StatusOnly"},
    {"policy/v1beta1", "PodSecurityPolicy", ""},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", ""},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", ""},
    {"rbac.authorization.k8s.io/v1", "Role", ""},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", ""},
    {"rbac.authorization.k8s.io/v1beta1", "ClusterRole", ""},
    {"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", ""},
    {"rbac.authorization.k8s.io/v1beta1", "Role", ""},
    {"rbac.authorization.k8s.io/v1beta1", "RoleBinding", ""},
    {"scheduling.k8s.io/v1", "PriorityClass", ""},
    {"scheduling.k8s.io/v1beta1", "PriorityClass", ""},
    {"storage.k8s.io/v1", "CSIDriver", ""},
    {"storage.k8s.io/v1", "CSINode", ""},
    {"storage.k8s.io/v1", "StorageClass", ""},
    {"storage.k8s.io/v1", "VolumeAttachment", ""},
    {"storage.k8s.io/v1beta1", "CSIDriver", ""},
    {"storage.k8s.io/v1beta1", "CSINode", ""},
    {"storage.k8s.io/v1beta1", "CSIStorageCapacity", ""},
    {"storage.k8s.io/v1beta1", "StorageClass", ""},
    {"storage.k8s.io/v1beta1", "VolumeAttachment", ""},
    {"v1", "ComponentStatus", ""},
    {"v1", "ConfigMap", ""},
    {"v1", "Endpoints", ""},
    {"v1", "Event", ""},
    {"v1", "LimitRange", ""},
    {"v1", "Namespace", "StatusOnly"},
    {"v1", "Node", "Node"},
    {"v1", "PersistentVolume", ""},
    {"v1", "PersistentVolumeClaim", "StatusOnly"},
    {"v1", "Pod", "Pod"},
    {"v1", "PodTemplate", "PodTemplate"},
    {"v1", "ReplicationController", "Workload"},
    {"v1", "ResourceQuota", ""},
    {"v1", "Secret", ""},
    {"v1", "Service", "Service"},
    {"v1", "ServiceAccount", "ServiceAccount"},
};

std::vector<std::string> SplitKeys(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    out.emplace_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

/// Owns every FieldSchema, built once from the tables above.
class SchemaTable {
 public:
  static const SchemaTable &Get() {
    static const SchemaTable *table = new SchemaTable();
    return *table;
  }

  const FieldSchema *TypeByName(const std::string &name) const {
    auto it = types_.find(name);
    return it == types_.end() ? nullptr : it->second;
  }

  const FieldSchema *Root(const Gvk &gvk) const {
    auto it = roots_.find(gvk.ApiVersion() + " " + gvk.kind);
    return it == roots_.end() ? nullptr : it->second;
  }

 private:
  SchemaTable() {
    for (const PropRow &r : kProps) {
      FieldSchema *owner = Type(r.type);
      FieldSchema *target = *r.target ? Type(r.target) : nullptr;
      if (!r.list && target) {
        // A property holding a typed map: the type's own node.
        owner->props_.push_back({r.field, target});
        continue;
      }
      auto prop = std::make_unique<FieldSchema>();
      prop->strategy_ = r.strategy;
      prop->keys_ = SplitKeys(r.keys);
      // Lists always get an element schema (empty when untyped).
      if (r.list) prop->elements_ = target ? target : Empty();
      owner->props_.push_back({r.field, prop.get()});
      owned_.push_back(std::move(prop));
    }
    for (const RootRow &r : kRoots)
      roots_[std::string(r.api_version) + " " + r.kind] = NewRoot(r.type);
  }

  FieldSchema *Type(const std::string &name) {
    auto it = types_.find(name);
    if (it != types_.end()) return it->second;
    owned_.push_back(std::make_unique<FieldSchema>());
    return types_[name] = owned_.back().get();
  }

  FieldSchema *Empty() {
    if (!empty_) {
      owned_.push_back(std::make_unique<FieldSchema>());
      empty_ = owned_.back().get();
    }
    return empty_;
  }

  // A root type: its own properties plus metadata: ObjectMeta.
  FieldSchema *NewRoot(const std::string &type) {
    auto key = "root:" + type;
    auto it = types_.find(key);
    if (it != types_.end()) return it->second;
    owned_.push_back(std::make_unique<FieldSchema>());
    FieldSchema *root = owned_.back().get();
    if (!type.empty()) root->props_ = Type(type)->props_;
    root->props_.push_back({"metadata", Type("ObjectMeta")});
    return types_[key] = root;
  }

  std::map<std::string, FieldSchema *> types_;
  std::map<std::string, const FieldSchema *> roots_;
  std::vector<std::unique_ptr<FieldSchema>> owned_;
  FieldSchema *empty_ = nullptr;
};

const FieldSchema *FieldSchema::Field(std::string_view name) const {
  for (const Prop &p : props_)
    if (p.name == name) return p.schema;
  return nullptr;
}

bool FieldSchema::IsMergeList() const {
  std::string_view s = strategy_;
  while (!s.empty()) {
    size_t comma = s.find(',');
    if (s.substr(0, comma) == "merge") return true;
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return false;
}

bool FieldSchema::HasRetainKeys() const {
  return strategy_.find("retainKeys") != std::string::npos;
}

const FieldSchema *SchemaForType(const Gvk &gvk) {
  if (const FieldSchema *s = SchemaTable::Get().Root(gvk)) return s;
  // Types of the custom schema of the build running on this thread.
  if (const CustomSchema *custom = ActiveCustomSchema())
    return custom->Root(gvk);
  return nullptr;
}

const FieldSchema *BuiltinTypeSchema(std::string_view definition) {
  size_t dot = definition.rfind('.');
  std::string name(dot == std::string_view::npos ? definition
                                                 : definition.substr(dot + 1));
  return SchemaTable::Get().TypeByName(name);
}

ListMerge ListMergeAt(const Gvk &gvk, const std::vector<std::string> &path) {
  ListMerge out;
  const FieldSchema *s = SchemaForType(gvk);
  for (const std::string &name : path) {
    if (!s) return out;
    // Step through list levels implicitly.
    if (s->Elements() && !s->Field(name)) s = s->Elements();
    s = s->Field(name);
  }
  if (!s || !s->IsMergeList()) return out;
  out.merge = true;
  out.keys = s->merge_keys();
  out.retain_keys = s->HasRetainKeys();
  return out;
}

}  // namespace ferry::k8s
