// Emitting Node trees: the bytes `kubectl kustomize` writes, and JSON.
#ifndef FERRY_YAML_EMIT_H_
#define FERRY_YAML_EMIT_H_

#include <string>
#include <vector>

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

/// Writes one document as go-yaml v3's encoder (SetIndent(indent)) writes
/// the Go values the document decodes to, as sops's YAML store does: keys
/// in tree order; scalars by their decoded type ("0x10" -> 16, "True" ->
/// true, "~" -> null, "2020-01-01" -> a string, double-quoted); strings
/// plain when they read back as strings, else quoted; multi-line strings as
/// literal blocks; no line folding; sequences indented under their key;
/// the tree's head, line and foot comments written on their own lines.
void EmitGoYamlV3Document(const Node& doc, int indent, std::string* out);

/// Writes documents as a go-yaml v3 encoder writes a stream: "---\n"
/// between documents.
std::string EmitGoYamlV3Stream(const std::vector<Node>& docs, int indent = 4);

/// The text go-yaml v3 writes for a scalar (after decoding it to its Go
/// value), as a value in block context: "16", "true", "'#x'", "\"1.5\"".
/// Multi-line strings are not handled here (they become literal blocks).
std::string GoYamlV3Scalar(const Node& scalar);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_EMIT_H_
