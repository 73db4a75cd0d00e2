// Vars: kustomize's legacy `vars:` ($(NAME) references replaced by a field
// of an object), as api/internal/accumulator and api/filters/refvar do it.
#ifndef FERRY_KUSTOMIZE_VARS_H_
#define FERRY_KUSTOMIZE_VARS_H_

#include <string>
#include <vector>

#include "k8s/gvk.h"
#include "kustomize/fieldspec.h"
#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// One entry of `vars:`: {name, objref: {apiVersion | group+version, kind,
/// name, namespace}, fieldref: {fieldpath}}.
struct VarDef {
  std::string name;
  k8s::Gvk gvk;
  std::string obj_name;
  std::string obj_namespace;
  std::string field_path = "metadata.name";
  yaml::Node node; // the entry as written, for error positions
};

/// Reads a `vars:` list.
Status ParseVars(const yaml::Node &list, std::vector<VarDef> *out);

/// Resolves `vars` against the built resources and replaces $(NAME) in the
/// fields `var_reference` designates (kustomize's varReference fieldspecs;
/// see DefaultVarReferenceYaml). As kustomize:
/// - a var's object is found by gvk and name among the current and previous
///   ids (and by namespace when the objref gives one or the kind is
///   cluster-scoped); none: "var '{NAME Kind.version.group {path}}' cannot be
///   mapped to a field in the set of known resources"; several: "found N
///   resId matches for var ... (unable to disambiguate)"; a missing field:
///   "field specified in var '...' not found in corresponding resource";
/// - the value is read from the object as it is now (after prefixes and
///   namespaces changed it); a mapping or sequence value is never
///   substituted;
/// - only string fields are expanded: "$(NAME)" alone takes the value with
///   its type (an int stays an int), inside a longer string the value's
///   text; "$$" is a literal "$"; unknown and unclosed references stay as
///   written; unused vars are fine.
Status ResolveVars(const std::vector<VarDef> &vars,
                   const std::vector<FieldSpec> &var_reference,
                   ResMap *resources);

/// kustomize v5.5.0's builtin varReference fieldspecs (YAML list of
/// {path, kind}), for callers that have no TransformerConfig.
std::string_view DefaultVarReferenceYaml();

} // namespace ferry::kustomize

#endif // FERRY_KUSTOMIZE_VARS_H_
