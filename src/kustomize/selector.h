// Selector: the `target:` of a patch or replacement (group, version, kind,
// name, namespace as anchored Go regular expressions, label and annotation
// selectors), and the resources it picks, as kustomize's ResMap.Select.
#ifndef FERRY_KUSTOMIZE_SELECTOR_H_
#define FERRY_KUSTOMIZE_SELECTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "kustomize/resource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace re2 {
class RE2;
}

namespace ferry::kustomize {

/// A parsed `target:` selector.
class Selector {
 public:
  Selector();
  ~Selector();
  Selector(Selector&&) noexcept;
  Selector& operator=(Selector&&) noexcept;

  /// Parses a target mapping; regex or label-selector errors name the node.
  static Status Parse(const yaml::Node& target, Selector* out);

  /// True when `r` is selected: name and namespace match the original or the
  /// current id, gvk matches, and the label/annotation selectors hold.
  bool Matches(const Resource& r) const;

  /// Indexes of the selected resources, in order.
  std::vector<size_t> Select(const ResMap& m) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Evaluates a Kubernetes label selector string ("a=b,c!=d,e in (x,y),!f")
/// against a labels mapping (which may be null).
Status ParseLabelSelector(std::string_view expr,
                          std::vector<std::vector<std::string>>* reqs);
bool MatchesLabelSelector(const std::vector<std::vector<std::string>>& reqs,
                          const yaml::Node* labels);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_SELECTOR_H_
