// The file formats sops reads and writes (its "stores"): a file's text to
// the document tree the value walk works on, and back, with the `sops`
// metadata block in each format's place.
#ifndef FERRY_SOPS_STORES_H_
#define FERRY_SOPS_STORES_H_

#include <string>
#include <string_view>
#include <vector>

#include "sops/metadata.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// A sops file format.
enum class Store { kYaml, kJson, kDotenv, kIni, kBinary };

/// The store sops picks for a path: .yaml/.yml, .json, .env, .ini,
/// anything else binary.
Store StoreForPath(std::string_view path);
/// Parses "yaml", "json", "dotenv", "ini", "binary" (the --input-type
/// values); false if unknown.
bool ParseStoreName(std::string_view name, Store* store);

/// Reads a plaintext file into documents (top-level mappings; YAML keeps
/// its comments, multi-document YAML gives several documents).
/// `file` names the input in error messages ("file:line:col: error: ...").
Status LoadPlain(std::string_view text, Store store,
                 std::vector<yaml::Node>* docs, std::string_view file = "");
/// Reads an encrypted file: its documents without the `sops` key, and the
/// metadata (of the first document, as sops). No metadata is the error
/// "sops metadata not found".
Status LoadEncrypted(std::string_view text, Store store,
                     std::vector<yaml::Node>* docs, Metadata* metadata,
                     std::string_view file = "");

/// Writes documents as sops writes a decrypted file.
Status EmitPlain(const std::vector<yaml::Node>& docs, Store store,
                 std::string* out);
/// Writes documents with the metadata appended as the last key of each.
Status EmitEncrypted(const std::vector<yaml::Node>& docs,
                     const Metadata& metadata, Store store, std::string* out);

/// Writes a node as sops's JSON store does: tab indentation, keys in tree
/// order, Go's string escaping. (Exposed for tests.)
void EmitSopsJson(const yaml::Node& n, std::string* out);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_STORES_H_
