// Field paths in kyaml's dotted syntax, as replacements and vars use them:
// "spec.template.spec.containers.[name=app].image", "data.[a.b]",
// "metadata.labels.a\.b", "spec.ports.0.port", "spec.containers.*.image".
#ifndef FERRY_KUSTOMIZE_FIELD_PATH_H_
#define FERRY_KUSTOMIZE_FIELD_PATH_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Splits a dotted path as kustomize's SmarterPathSplitter: '\.' escapes a
/// dot, a leading '.' is dropped, "[k=v]" list selectors stay whole (with
/// their brackets) even when they hold dots, and a bracketed part holding a
/// dot but no '=' ("[a.b]") becomes the plain map key "a.b".
std::vector<std::string> SplitKyamlPath(std::string_view path);

/// Finds the node at `path` as kyaml's PathGetter (yaml.Lookup) does: map
/// fields by name, "[k=v]" the first mapping element whose field k equals v
/// exactly, "[=v]" the first scalar element equal to v, "N" the N-th element,
/// "-" the last element. Sets *out to nullptr when a part is missing or
/// meets a null; errors when a part meets a node of the wrong kind.
Status LookupKyamlPath(yaml::Node *root, const std::vector<std::string> &path,
                       yaml::Node **out);

/// Calls `fn` on every node `path` matches, as kyaml's PathMatcher does:
/// "[k=v]" selects every mapping element whose field k matches the Go
/// regular expression v anywhere (unanchored), "[=v]" every scalar element
/// matching v, "*" every element of a sequence, "N" the N-th element. With
/// `create` set (create_kind is then the kind of the leaf), missing fields
/// are added (as mappings, or sequences before a list part), a missing
/// "[k=v]" element is appended as {k: v}, and index N == length appends.
/// `*matched` counts the calls.
Status MatchKyamlPath(yaml::Node *root, const std::vector<std::string> &path,
                      bool create, yaml::Kind create_kind,
                      const std::function<Status(yaml::Node *)> &fn,
                      int *matched);

} // namespace ferry::kustomize

#endif // FERRY_KUSTOMIZE_FIELD_PATH_H_
