// PrefixSuffixTransformer and the map-entry transformers behind labels,
// commonLabels and commonAnnotations.
#include "kustomize/transformers.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Kinds kustomize never prefixes or suffixes.
bool SkipsPrefixSuffix(const k8s::Gvk& gvk) {
  return gvk.kind == "CustomResourceDefinition" || gvk.kind == "Namespace" ||
         (gvk.kind == "APIService" && gvk.group == "apiregistration.k8s.io");
}

}  // namespace

Status TransformPrefixSuffix(std::string_view prefix, std::string_view suffix,
                             const std::vector<FieldSpec>& specs, ResMap* m) {
  for (Resource& r : *m) {
    k8s::ResId org = r.OrgId();
    if (SkipsPrefixSuffix(org.gvk)) continue;
    for (const FieldSpec& fs : specs) {
      if (!org.gvk.IsSelectedBy(fs.gvk)) continue;
      if (fs.path == "metadata/name") {
        if (!prefix.empty()) r.name_prefixes.emplace_back(prefix);
        if (!suffix.empty()) r.name_suffixes.emplace_back(suffix);
        if (!prefix.empty() || !suffix.empty()) r.StorePreviousId();
      }
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, fs,
          [&](yaml::Node* n) {
            if (!n->IsScalar())
              return yaml::ErrorAt(*n, "name field '" + fs.path +
                                           "' is not a string");
            std::string v = std::string(prefix) + n->value() +
                            std::string(suffix);
            n->set_value(std::move(v));
            return Status::Ok();
          },
          yaml::Kind::kScalar));
    }
  }
  return Status::Ok();
}

Status TransformMapEntries(
    const std::vector<std::pair<std::string, std::string>>& entries,
    const std::vector<FieldSpec>& specs, ResMap* m) {
  if (entries.empty()) return Status::Ok();
  for (Resource& r : *m) {
    for (const FieldSpec& fs : specs) {
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, fs,
          [&](yaml::Node* n) {
            if (!n->IsMap())
              return yaml::ErrorAt(*n, "field '" + fs.path +
                                           "' is not a mapping");
            for (const auto& [k, v] : entries) n->Set(k, yaml::Node::Str(v));
            return Status::Ok();
          },
          yaml::Kind::kMapping));
    }
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
