// Flux postBuild variable substitution: ${var}, ${var:=default},
// ${var:-default}, ${var=default}, bash string functions (${#var},
// ${var^^}, ${var/a/b}, ${var:1:2}, ${var#pre}, ...) and $${var} escapes,
// with the semantics of the envsubst package Flux uses (a fork of
// drone/envsubst), applied to the keys and string values of each object as
// Flux applies it to the object's YAML text.
#ifndef FERRY_REPO_SUBSTITUTE_H_
#define FERRY_REPO_SUBSTITUTE_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "repo/flux_kustomization.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::repo {

/// Values of postBuild variables by name.
using Variables = std::map<std::string, std::string, std::less<>>;

/// The pattern Flux requires of variable names.
inline constexpr char kVariableNamePattern[] =
    "^[_[:alpha:]][_[:alpha:][:digit:]]*$";

/// True when `name` matches kVariableNamePattern (ASCII, as in Go's RE2).
bool IsValidVariableName(std::string_view name);

/// Expands the expressions of `text` as Flux's envsubst.Eval does. Outside
/// expressions "$$" stands for "$" (so "$${var}" gives "${var}") and "$var"
/// is left alone. In strict mode an unset variable is an error unless a
/// default operator (-, :-, =, :=, +, :+, ?, :?) handles it; otherwise it
/// expands to "". On failure returns false, sets `error` to envsubst's
/// message ("variable not set (strict mode): \"x\"", "missing closing
/// brace", "bad substitution", ...) and `offset` to the byte offset in
/// `text` of the expression at fault (best effort).
bool ExpandVariables(std::string_view text, const Variables& vars, bool strict,
                     std::string* out, std::string* error,
                     size_t* offset = nullptr);

/// True when the object has the label or annotation
/// kustomize.toolkit.fluxcd.io/substitute: disabled.
bool SubstitutionDisabled(const yaml::Node& obj);

/// Substitutes the variables in every mapping key and scalar value of `obj`,
/// in place. As Flux: nothing happens to an object with substitution
/// disabled, nor (unless `always`) when `vars` is empty; a value that
/// changed is typed again from its new text as Flux's YAML round trip types
/// it (`replicas: "${n}"` with n=3 becomes the integer 3, an empty result
/// becomes null), except multi-line and other strings that Flux's YAML
/// writer keeps quoted. Errors carry the file:line:col of the scalar where
/// the expression is.
Status Substitute(yaml::Node* obj, const Variables& vars, bool strict,
                  bool always = false);

/// Finds a ConfigMap or Secret of the repository by kind and name; nullptr
/// when the repository has none.
using ObjectLookup = std::function<const yaml::Node*(std::string_view kind,
                                                     std::string_view name)>;

/// Builds a Kustomization's variables as Flux does: the data keys of each
/// substituteFrom ConfigMap or Secret in order (a later one overrides an
/// earlier one), then spec.postBuild.substitute, which overrides them all;
/// newlines are removed from values. Secret data is base64-decoded, and
/// stringData read as it is. A reference that `lookup` does not find, or a
/// Secret still SOPS-encrypted, is appended to `unresolved` unless it is
/// optional (Flux would read it from the cluster; the caller decides).
/// Invalid variable names and undecodable values are errors at their
/// position.
Status CollectVariables(const PostBuild& post_build, const ObjectLookup& lookup,
                        Variables* out,
                        std::vector<const SubstituteReference*>* unresolved);

}  // namespace ferry::repo

#endif  // FERRY_REPO_SUBSTITUTE_H_
