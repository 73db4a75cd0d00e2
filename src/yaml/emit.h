// Emitting Node trees: the bytes `kubectl kustomize` writes, and JSON.
#ifndef FERRY_YAML_EMIT_H_
#define FERRY_YAML_EMIT_H_

#include <string>

#include "yaml/node.h"

namespace ferry::yaml {

/// Writes one document as kustomize v5 does: the tree goes through JSON
/// (scalars resolved with go-yaml v3 rules: "0x10" -> 16, 2020-01-01 -> a
/// timestamp string) and is written with go-yaml v2: keys sorted, sequences
/// not indented under their key, v2 quoting rules, plain and double-quoted
/// scalars folded at 80 columns, multi-line strings as literal blocks.
void EmitKustomizeDocument(const Node& doc, std::string* out);

/// Writes documents separated by "---\n", as `kubectl kustomize` does.
std::string EmitKustomizeStream(const std::vector<Node>& docs);

/// Writes a node as JSON (2-space indent, key order of the tree, scalars
/// resolved like EmitKustomizeDocument).
void EmitJson(const Node& n, std::string* out, int indent = 0);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_EMIT_H_
