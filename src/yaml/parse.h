// Parsing YAML (and JSON, its subset) into Node trees with libfyaml.
#ifndef FERRY_YAML_PARSE_H_
#define FERRY_YAML_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::yaml {

/// Limits that keep a hostile file from taking the machine down.
struct ParseLimits {
  size_t max_bytes = 64u << 20;       // file size
  size_t max_documents = 100000;      // documents in one stream
  size_t max_depth = 512;             // nesting of collections
  size_t max_alias_nodes = 1u << 20;  // nodes created by alias expansion
  // A duplicate mapping key replaces the earlier pair (the last one wins,
  // as go-yaml v2 and so sigs.k8s.io/yaml read it) instead of failing.
  bool duplicate_keys_last_wins = false;
};

/// Parses every document of `text` (empty documents are kept as null nodes).
/// `file` names the source in marks and error messages.
Status ParseDocuments(std::string_view text, std::string_view file,
                      std::vector<Node>* docs,
                      const ParseLimits& limits = ParseLimits());

/// Parses a stream that must hold exactly one document (an empty stream
/// gives a null node).
Status ParseDocument(std::string_view text, std::string_view file, Node* doc,
                     const ParseLimits& limits = ParseLimits());

/// ParseDocuments that also keeps the comments of the text on the nodes
/// (head, line and foot comments, placed as go-yaml v3 places them closely
/// enough for the sops round trip). Slower; the other parsers drop comments.
Status ParseDocumentsWithComments(std::string_view text, std::string_view file,
                                  std::vector<Node>* docs,
                                  const ParseLimits& limits = ParseLimits());

/// Fails when a file of `size` bytes is larger than limits.max_bytes
/// ("file:1:1: error: file size N exceeds the limit of M bytes"). Readers
/// check it before they read a file, so that a huge one costs no memory.
Status CheckFileSize(std::string_view file, uint64_t size,
                     const ParseLimits& limits = ParseLimits());

/// Reads and parses a file from disk (refusing one that is too large
/// before reading it).
Status ParseFile(const std::string& path, std::vector<Node>* docs,
                 const ParseLimits& limits = ParseLimits());

/// Fails at the first mapping or sequence used as a mapping key in `n`
/// ("invalid map key"): the Go maps with string keys that kustomize and
/// sops decode documents into cannot hold one, nor can ferry's emitters.
Status CheckScalarKeys(const Node& n);

/// Error at a node's position: "file:line:col: error: msg".
Status ErrorAt(const Node& n, std::string_view msg);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_PARSE_H_
