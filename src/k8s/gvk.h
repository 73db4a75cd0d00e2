// Gvk: the group, version and kind of a Kubernetes object, as kustomize's
// resid.Gvk models it.
#ifndef FERRY_K8S_GVK_H_
#define FERRY_K8S_GVK_H_

#include <string>
#include <string_view>

namespace ferry::yaml {
class Node;
}

namespace ferry::k8s {

/// Identifies a Kubernetes API type: group ("" for core), version, kind.
struct Gvk {
  std::string group;
  std::string version;
  std::string kind;

  /// Splits an apiVersion ("apps/v1" -> apps, v1; "v1" -> "", v1) and pairs
  /// it with `kind`. The group is what precedes the first '/', as in
  /// kustomize's resid.ParseGroupVersion.
  static Gvk FromApiVersion(std::string_view api_version,
                            std::string_view kind);
  /// Reads apiVersion and kind of an object (missing fields give "").
  static Gvk FromNode(const yaml::Node &obj);

  /// "group/version", or "version" for the core group.
  std::string ApiVersion() const;
  /// kustomize's Gvk.String(): "group_version_kind" with "~G", "~V", "~K"
  /// for empty fields.
  std::string String() const;

  /// kustomize's Gvk.IsSelected: empty fields of `selector` match anything.
  bool IsSelectedBy(const Gvk &selector) const;

  friend bool operator==(const Gvk &a, const Gvk &b) = default;
  /// Orders by group, then version, then kind (a plain total order for maps;
  /// for kustomize's output order see kind_order.h).
  friend auto operator<=>(const Gvk &a, const Gvk &b) = default;
};

}  // namespace ferry::k8s

#endif  // FERRY_K8S_GVK_H_
