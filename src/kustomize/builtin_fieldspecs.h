// TransformerConfig: which fields of which kinds kustomize's built-in
// transformers touch (its api/konfig/builtinpluginconsts tables), the
// `configurations:` files that extend them, and the config a `crds:` file
// adds. kustomize merges every such config into one per build; the name
// reference fixer (nameref.h) and the simple transformers read it.
#ifndef FERRY_KUSTOMIZE_BUILTIN_FIELDSPECS_H_
#define FERRY_KUSTOMIZE_BUILTIN_FIELDSPECS_H_

#include <string_view>
#include <vector>

#include "k8s/gvk.h"
#include "kustomize/fieldspec.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// The fields (referrers) that may hold the name of objects of one kind
/// (target), e.g. ConfigMap <- Deployment spec/template/spec/volumes/...
struct NameBackReference {
  k8s::Gvk target;
  std::vector<FieldSpec> referrers;
};

/// kustomize's TransformerConfig: the fieldspecs of every built-in
/// transformer.
struct TransformerConfig {
  std::vector<FieldSpec> name_prefix;
  std::vector<FieldSpec> name_suffix;
  std::vector<FieldSpec> namespace_;
  std::vector<FieldSpec> common_labels;
  std::vector<FieldSpec> labels;           // `labels:` key of a config file
  std::vector<FieldSpec> template_labels;  // `templateLabels:` key
  std::vector<FieldSpec> common_annotations;
  std::vector<FieldSpec> var_reference;
  std::vector<FieldSpec> images;
  std::vector<FieldSpec> replicas;
  std::vector<NameBackReference> name_reference;

  /// Merges `other` in as kustomize's TransformerConfig.Merge does: a
  /// fieldspec whose path equals an existing one's and whose gvk selects it
  /// is dropped (an error, "conflicting fieldspecs", when their `create`
  /// differ); back references of an equal target gvk pool their referrers.
  /// Then each list is sorted by gvk (kind rank as in the legacy output
  /// order, then "group_version_kind"); name_reference by target gvk.
  Status Merge(const TransformerConfig &other);
};

/// The default config kustomize v5.5.0 builds with: its builtin tables, as
/// merged into a build's (empty) config, so deduplicated and sorted. Parsed
/// once on first use.
const TransformerConfig &DefaultTransformerConfig();

/// The builtin tables as kustomize v5.5.0 embeds them (the YAML text of
/// builtinpluginconsts, in GetDefaultFieldSpecs order), for tests and
/// `ferry` diagnostics.
std::string_view BuiltinFieldSpecsYaml();

/// Reads a `configurations:` file (kustomize's TransformerConfig YAML: keys
/// namePrefix, nameSuffix, namespace, commonLabels, labels, templateLabels,
/// commonAnnotations, nameReference, varReference, images, replicas; matched
/// case-insensitively, unknown keys ignored, as Go's JSON decoding does).
/// Replaces *out; lists are sorted as kustomize does after reading.
Status ParseTransformerConfig(const yaml::Node &doc, TransformerConfig *out);

/// The config a `crds:` file adds (kustomize's LoadConfigFromCRDs): the file
/// maps OpenAPI type names to {Schema: ...}; for every type whose schema has
/// kind, apiVersion and metadata properties, the kind (the type name after
/// its last '.') gets, walking properties and following $ref:
///   x-kubernetes-annotation     -> commonAnnotations fieldspec
///   x-kubernetes-label-selector -> commonLabels fieldspec
///   x-kubernetes-identity       -> namePrefix fieldspec
///   x-kubernetes-object-ref-api-version + -kind (+ -name-key, default
///   "name")                     -> nameReference to that version/kind.
/// Replaces *out.
Status ParseCrdConfig(const yaml::Node &doc, TransformerConfig *out);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_BUILTIN_FIELDSPECS_H_
