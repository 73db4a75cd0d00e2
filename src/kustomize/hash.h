// The content hash kustomize appends to the names of generated objects
// (api/hasher): a SHA-256 over a Go encoding/json encoding of the parts of
// the object that matter, shortened to 10 characters.
#ifndef FERRY_KUSTOMIZE_HASH_H_
#define FERRY_KUSTOMIZE_HASH_H_

#include <string>
#include <string_view>

#include "yaml/node.h"

namespace ferry::kustomize {

/// The 10-character name suffix for `obj` (e.g. "bdg947hgcc").
///
/// A ConfigMap is hashed as {binaryData (when it is a mapping), data, kind,
/// name}, a Secret as {data, kind, name, stringData (when a mapping), type}.
/// As in kustomize v5, "name" is always "" (its lookup of "metadata/name"
/// finds nothing), so two objects differing only by name, labels,
/// annotations or `immutable` share a hash. Values go through kustomize's
/// JSON round trip (42 and true stay a number and a boolean, numbers are
/// float64). Other kinds are hashed as the JSON of the whole object, which
/// is not what kustomize does (it encodes its internal node struct).
std::string ContentHash(const yaml::Node& obj);

/// The JSON text that ContentHash digests (Go encoding/json style: sorted
/// keys, no spaces, <, > and & escaped as \u003c, \u003e and \u0026).
std::string ContentHashInput(const yaml::Node& obj);

/// The suffix for already-encoded bytes: the first 10 hex digits of their
/// SHA-256 with 0, 1, 3, a and e replaced by g, h, k, m and t.
std::string HashSuffix(std::string_view encoded);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_HASH_H_
