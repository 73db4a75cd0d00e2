// BuildWrites: whether `ferry build` would write a document, for the
// harnesses that check that what they produce can be written and read back.
#ifndef FERRY_FUZZ_WRITABLE_H_
#define FERRY_FUZZ_WRITABLE_H_

#include "kustomize/build.h"
#include "yaml/node.h"
#include "yaml/parse.h"

namespace ferry::fuzz {

// True for a document `ferry build` writes: a collection that kustomize
// can write through JSON (kustomize::CheckJsonEncodable), with scalar keys
// (yaml::CheckScalarKeys). (A multi-line string as the whole document would
// be written as go-yaml v2 writes it, a literal block at indent 0 that no
// YAML parser reads back; kustomize only writes objects.)
inline bool BuildWrites(const yaml::Node& doc) {
  return (doc.IsMap() || doc.IsSeq()) && yaml::CheckScalarKeys(doc).ok() &&
         kustomize::CheckJsonEncodable(doc).ok();
}

}  // namespace ferry::fuzz

#endif  // FERRY_FUZZ_WRITABLE_H_
