// Finding: one problem a CloudNativePG check found in the repository's
// objects, at the node that shows it.
#ifndef FERRY_CNPG_FINDING_H_
#define FERRY_CNPG_FINDING_H_

#include <string>

namespace ferry::yaml {
class Node;
}

namespace ferry::cnpg {

/// A problem found by a check: where (node position), what, and which rule.
struct Finding {
  const yaml::Node* node = nullptr;  // the node at fault (file:line:col)
  std::string message;               // for the user, without position
  std::string rule;                  // rule id, e.g. "cnpg-schedule"
};

}  // namespace ferry::cnpg

#endif  // FERRY_CNPG_FINDING_H_
