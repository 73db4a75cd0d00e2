// JSON Patch (RFC 6902) on a document tree, with the behaviour of the
// library kustomize applies it with (evanphx/json-patch v4), quirks and
// error messages included.
#ifndef FERRY_KUSTOMIZE_JSON_PATCH_H_
#define FERRY_KUSTOMIZE_JSON_PATCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// One operation of a JSON patch.
struct JsonPatchOp {
  std::string op; // "add", "remove", "replace", "move", "copy", "test", ...
  std::optional<std::string> path; // absent when the op has no "path"
  std::optional<std::string> from;
  std::optional<yaml::Node> value; // absent when the op has no "value"
  yaml::Node node;                 // the op as written (for error positions)
};

/// Parses a patch: a YAML or JSON list of {op, path, from, value}. Text that
/// does not start with '[' is read as YAML the way kustomize converts it to
/// JSON (go-yaml v2: "yes"/"on"/"y" are booleans, dates stay strings).
Status ParseJsonPatch(std::string_view text, std::string_view file,
                      std::vector<JsonPatchOp> *ops);

/// Applies `ops` in order to `doc`. As evanphx/json-patch v4: "add" needs the
/// parent to exist and accepts an index up to the length, "-", or a
/// negative index from the end; "replace" of a missing map key adds it, of a
/// missing index fails; "remove" of a missing key fails; "copy" of a missing
/// map key copies null; "test" compares JSON values (a missing key equals
/// null); a path without a leading '/' addresses the root's child named by
/// its last segment. Errors carry the library's message
/// ("replace operation does not apply: doc is missing path: /a/b: missing
/// value", "testing value /x failed: test failed", "Unexpected kind: upsert")
/// at the position of the failing operation.
Status ApplyJsonPatch(yaml::Node *doc, const std::vector<JsonPatchOp> &ops);

} // namespace ferry::kustomize

#endif // FERRY_KUSTOMIZE_JSON_PATCH_H_
