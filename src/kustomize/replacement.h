// Replacements: kustomize's `replacements:` field (api/filters/replacement),
// which copies one field of one source object into fields of target objects.
#ifndef FERRY_KUSTOMIZE_REPLACEMENT_H_
#define FERRY_KUSTOMIZE_REPLACEMENT_H_

#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Applies a list of replacements, in order, to `resources`. Each entry is
/// {source: {group, version, kind, name, namespace, fieldPath, options:
/// {delimiter, index}}, targets: [{select, reject: [...], fieldPaths,
/// options: {delimiter, index, create}}]} (entries given as `path:` files are
/// loaded by the caller). Objects are matched by their current or any
/// previous id; select/reject also take labelSelector and
/// annotationSelector. Field paths use kyaml's syntax (field_path.h).
///
/// As kustomize: exactly one object must match the source ("nothing
/// selected by ...", "multiple matches for selector ..."); the source field
/// must exist and not be null or empty; every target field path must match
/// at least one field in each selected object unless `create` adds it
/// ("unable to find field ... in replacement target"). A scalar target keeps
/// its type and only takes the new text (an int target given "abc" fails as
/// kustomize fails); a mapping or sequence target is replaced by the value.
Status ApplyReplacements(const yaml::Node &replacements, ResMap *resources);

} // namespace ferry::kustomize

#endif // FERRY_KUSTOMIZE_REPLACEMENT_H_
