// Validation of custom resources against the openAPIV3Schema of their
// CustomResourceDefinition, as the API server does before it stores them:
// types, nullable, required, enum, unknown fields, bounds and lengths.
#ifndef FERRY_K8S_OPENAPI_VALIDATE_H_
#define FERRY_K8S_OPENAPI_VALIDATE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/gvk.h"
#include "yaml/status.h"

namespace ferry::yaml {
class Node;
}

namespace ferry::k8s {

/// The openAPIV3Schema of every CRD version seen, by group, kind and
/// version. Keeps pointers into the CRD nodes, which must outlive it.
class CrdSchemas {
 public:
  /// Indexes an apiextensions.k8s.io CustomResourceDefinition (v1, or
  /// v1beta1 with its top-level spec.validation). A CRD added again for the
  /// same group and kind replaces the earlier one's versions.
  Status Add(const yaml::Node& crd);

  /// The schema for objects of `gvk` (the version must be one the CRD
  /// lists), or nullptr when no CRD of that group and kind was added, the
  /// version is not among its versions, or the version has no schema.
  const yaml::Node* SchemaFor(const Gvk& gvk) const;

  /// True when a CRD for this group and kind was added (whatever version).
  bool HasKind(std::string_view group, std::string_view kind) const;
  /// The version names the CRD for group and kind lists, in CRD order.
  std::vector<std::string> Versions(std::string_view group,
                                    std::string_view kind) const;

 private:
  struct Version {
    std::string name;
    const yaml::Node* schema = nullptr;
  };
  // "group/kind" -> versions.
  std::map<std::string, std::vector<Version>, std::less<>> kinds_;
};

/// One way an object breaks its schema.
struct SchemaViolation {
  const yaml::Node* node = nullptr;  // where (the value, key or object)
  std::string path;                  // e.g. "spec.instances", "spec.x[0]"
  std::string message;               // e.g. "must be of type integer, ..."
};

/// Options of Validate.
struct ValidateOptions {
  /// Matches `value` against a `pattern` keyword (Go/RE2 syntax). Returns
  /// false when the pattern itself is invalid. When unset, `pattern` is not
  /// checked (the k8s layer does not link a regular expression engine).
  std::function<bool(std::string_view pattern, std::string_view value,
                     bool* matched)>
      match_pattern;
};

/// Validates `obj` (a whole object) against `schema` (an openAPIV3Schema).
/// Keywords: type (object, array, string, integer, number, boolean),
/// nullable, required, enum, properties, additionalProperties (schema or
/// bool), items, minimum/maximum (and exclusive*), multipleOf,
/// minLength/maxLength, minItems/maxItems, minProperties/maxProperties,
/// uniqueItems, pattern (see ValidateOptions), allOf/anyOf/oneOf/not,
/// x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields,
/// x-kubernetes-embedded-resource. Fields not in the schema are reported
/// unless preserved; apiVersion, kind and metadata are always allowed at the
/// root. Defaulting and pruning come first, as in the API server: a missing
/// or null field with a `default` counts as present, a null non-nullable
/// field without one as absent. Scalars are typed as go-yaml v3 does
/// (yaml::ResolveV3). `format`, the values of `default` and
/// x-kubernetes-validations (CEL) are not checked.
std::vector<SchemaViolation> Validate(
    const yaml::Node& obj, const yaml::Node& schema,
    const ValidateOptions& options = ValidateOptions());

}  // namespace ferry::k8s

#endif  // FERRY_K8S_OPENAPI_VALIDATE_H_
