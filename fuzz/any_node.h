// AnyNode: whether some node of a tree (the root, every key, value and item)
// satisfies a predicate; the harnesses use it to skip documents a property
// does not apply to.
#ifndef FERRY_FUZZ_ANY_NODE_H_
#define FERRY_FUZZ_ANY_NODE_H_

#include "yaml/node.h"

namespace ferry::fuzz {

template <typename Pred>
bool AnyNode(const yaml::Node& n, const Pred& pred) {
  if (pred(n)) return true;
  for (const yaml::Pair& p : n.pairs())
    if (AnyNode(p.key, pred) || AnyNode(p.value, pred)) return true;
  for (const yaml::Node& item : n.items())
    if (AnyNode(item, pred)) return true;
  return false;
}

}  // namespace ferry::fuzz

#endif  // FERRY_FUZZ_ANY_NODE_H_
