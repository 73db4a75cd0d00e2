#include "engine/apply_policy.h"

#include <strings.h>

#include "yaml/node.h"

namespace ferry::engine {
namespace {

bool EqualFold(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool InMap(const yaml::Node* m, std::string_view key, std::string_view value) {
  if (!m || !m->IsMap()) return false;
  const yaml::Node* v = m->Get(key);
  return v && v->IsScalar() && !v->value().empty() &&
         EqualFold(v->value(), value);
}

}  // namespace

void SetOwnerLabels(yaml::Node* obj, std::string_view ks_name,
                    std::string_view ks_namespace) {
  yaml::Node& labels = obj->GetOrAddMap("metadata").GetOrAddMap("labels");
  if (!labels.IsMap()) labels = yaml::Node::Map();
  labels.Set(kOwnerNameLabel, yaml::Node::Str(ks_name));
  labels.Set(kOwnerNamespaceLabel, yaml::Node::Str(ks_namespace));
}

bool IsOwnedBy(const yaml::Node& live, std::string_view ks_name,
               std::string_view ks_namespace) {
  const yaml::Node* labels = live.GetPath({"metadata", "labels"});
  if (!labels || !labels->IsMap()) return false;
  return labels->GetString(kOwnerNameLabel) == ks_name &&
         labels->GetString(kOwnerNamespaceLabel) == ks_namespace;
}

bool HasMetadata(const yaml::Node& obj, std::string_view key,
                 std::string_view value) {
  return InMap(obj.GetPath({"metadata", "labels"}), key, value) ||
         InMap(obj.GetPath({"metadata", "annotations"}), key, value);
}

ApplyPolicy PolicyFor(const yaml::Node& desired, const yaml::Node* live) {
  auto excluded = [](const yaml::Node& o) {
    return HasMetadata(o, kSsaAnnotation, "Ignore") ||
           HasMetadata(o, kReconcileAnnotation, "disabled");
  };
  ApplyPolicy p;
  p.exclude = excluded(desired) || (live && excluded(*live));
  p.if_not_present = HasMetadata(desired, kSsaAnnotation, "IfNotPresent");
  p.force = HasMetadata(desired, kForceAnnotation, "enabled") ||
            (live && HasMetadata(*live, kForceAnnotation, "enabled"));
  return p;
}

bool PruneDisabled(const yaml::Node& live) {
  return HasMetadata(live, kPruneAnnotation, "disabled");
}

}  // namespace ferry::engine
