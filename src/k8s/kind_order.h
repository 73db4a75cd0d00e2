// KindOrder: kustomize's legacy output order (sortOptions.order: legacy, the
// default of `kustomize build`).
#ifndef FERRY_K8S_KIND_ORDER_H_
#define FERRY_K8S_KIND_ORDER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "k8s/resource_id.h"

namespace ferry::k8s {

/// The kinds kustomize puts first by default (api/resid/gvk.go orderFirst):
/// Namespace, ResourceQuota, ..., PodDisruptionBudget.
const std::vector<std::string> &DefaultOrderFirst();
/// The kinds it puts last: MutatingWebhookConfiguration,
/// ValidatingWebhookConfiguration.
const std::vector<std::string> &DefaultOrderLast();

/// Compares resource ids as kustomize's legacy sorter does
/// (api/internal/builtins/SortOrderTransformer.go): by the rank of the kind
/// (orderFirst kinds ranked -n..-1 in list order, unlisted kinds 0, orderLast
/// kinds 1..m), then by the gvk string "group_version_kind" ("~G" for the
/// core group, so core sorts after named groups; except that two Namespaces
/// one of which is core compare reversed, putting v1 Namespace first), and
/// for equal gvks by "gvk|namespace|name" ("~X" for no namespace, so
/// namespaced resources precede un-namespaced ones).
class KindOrder {
 public:
  /// The default lists.
  KindOrder();
  /// User lists (kustomization sortOptions.legacySortOptions). kustomize
  /// uses the user's lists as given, without the defaults.
  KindOrder(const std::vector<std::string> &order_first,
            const std::vector<std::string> &order_last);

  /// Rank of a kind: negative for orderFirst, 0 unlisted, positive orderLast.
  int Rank(std::string_view kind) const;
  /// True when `a` sorts before `b`.
  bool Less(const ResId &a, const ResId &b) const;
  /// Gvk comparison used by Less for different gvks.
  bool GvkLess(const Gvk &a, const Gvk &b) const;

  /// Sorts ids in place.
  void Sort(std::vector<ResId> *ids) const;

 private:
  std::unordered_map<std::string, int> rank_;
};

}  // namespace ferry::k8s

#endif  // FERRY_K8S_KIND_ORDER_H_
