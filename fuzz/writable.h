// BuildWrites: whether `ferry build` would write a document, for the
// harnesses that check that what they produce can be written and read back.
#ifndef FERRY_FUZZ_WRITABLE_H_
#define FERRY_FUZZ_WRITABLE_H_

#include "any_node.h"
#include "yaml/node.h"
#include "yaml/resolve.h"

namespace ferry::fuzz {

// True when every key of `n` is a string (or empty): `ferry build` refuses a
// mapping, sequence, number, boolean, timestamp or null as a key, as
// kubectl kustomize does.
inline bool HasOnlyStringKeys(const yaml::Node& n) {
  return !AnyNode(n, [](const yaml::Node& m) {
    for (const yaml::Pair& p : m.pairs())
      if (p.key.IsMap() || p.key.IsSeq() ||
          (p.key.IsScalar() &&
           yaml::ResolveV3(p.key) != yaml::ScalarType::kString))
        return true;
    return false;
  });
}

// True for a document `ferry build` writes: a collection with string keys.
// (A multi-line string as the whole document would be written as go-yaml v2
// writes it, a literal block at indent 0 that no YAML parser reads back;
// kustomize only writes objects.)
inline bool BuildWrites(const yaml::Node& doc) {
  return !doc.IsScalar() && !doc.IsNull() && HasOnlyStringKeys(doc);
}

}  // namespace ferry::fuzz

#endif  // FERRY_FUZZ_WRITABLE_H_
