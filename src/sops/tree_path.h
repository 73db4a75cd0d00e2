// Tree paths as the sops command takes them (`--extract`, `set`, `unset`):
// a sequence of ["key"] and [index] components, e.g. '["data"]["token"]' or
// '["hosts"][0]'. Single quotes are accepted for keys too.
#ifndef FERRY_SOPS_TREE_PATH_H_
#define FERRY_SOPS_TREE_PATH_H_

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// One component: a mapping key or a sequence index.
using PathStep = std::variant<std::string, size_t>;
using TreePath = std::vector<PathStep>;

/// Parses a path; an empty or malformed one is an error with
/// kExitInvalidTreePathFormat.
Status ParseTreePath(std::string_view text, TreePath* path);

/// The path written back in the sops syntax (for messages).
std::string FormatTreePath(const TreePath& path);

/// The node at `path`, or null when a component is missing.
const yaml::Node* GetAtPath(const yaml::Node& doc, const TreePath& path);

/// Sets the value at `path` as `sops set` does: missing mapping keys are
/// appended (with the mappings and sequences the rest of the path needs),
/// an index past the end of a sequence appends. *changed says whether the
/// document is different afterwards.
void SetAtPath(yaml::Node* doc, const TreePath& path, yaml::Node value,
               bool* changed);

/// Removes the key or item at `path`; false when it is not there.
bool UnsetAtPath(yaml::Node* doc, const TreePath& path);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_TREE_PATH_H_
