// ParseSimpleBlock: a fast reader for the plain subset of block YAML that
// data tables compiled into ferry use (block mappings and sequences of
// plain scalars, comments, blank lines). It exists because libfyaml's
// general parser dominates the start-up of a small build when it reads
// kustomize's ~1,000-line default configuration.
#ifndef FERRY_YAML_SIMPLE_BLOCK_H_
#define FERRY_YAML_SIMPLE_BLOCK_H_

#include <string_view>

#include "yaml/node.h"

namespace ferry::yaml {

/// Parses `text` into `doc` when it uses only the subset: indentation with
/// spaces, `key: value`, `key:`, `- item`, `- key: value`, plain scalars
/// without quotes, flow collections, anchors, tags or block scalars.
/// Returns false, leaving `doc` unspecified, for anything else — callers
/// then use ParseDocument. Within the subset the tree equals ParseDocument's.
bool ParseSimpleBlock(std::string_view text, std::string_view file, Node* doc);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_SIMPLE_BLOCK_H_
