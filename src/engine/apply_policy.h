// ApplyPolicy: the labels and annotations kustomize-controller puts on and
// reads from the objects it applies — the owner labels
// kustomize.toolkit.fluxcd.io/name and /namespace, and the per-object
// annotations (or labels) kustomize.toolkit.fluxcd.io/ssa
// (Override|Merge|IfNotPresent|Ignore), /force: enabled,
// /reconcile: disabled and /prune: disabled.
#ifndef FERRY_ENGINE_APPLY_POLICY_H_
#define FERRY_ENGINE_APPLY_POLICY_H_

#include <string>
#include <string_view>

namespace ferry::yaml {
class Node;
}

namespace ferry::engine {

inline constexpr char kOwnerNameLabel[] = "kustomize.toolkit.fluxcd.io/name";
inline constexpr char kOwnerNamespaceLabel[] =
    "kustomize.toolkit.fluxcd.io/namespace";
inline constexpr char kSsaAnnotation[] = "kustomize.toolkit.fluxcd.io/ssa";
inline constexpr char kForceAnnotation[] = "kustomize.toolkit.fluxcd.io/force";
inline constexpr char kReconcileAnnotation[] =
    "kustomize.toolkit.fluxcd.io/reconcile";
inline constexpr char kPruneAnnotation[] = "kustomize.toolkit.fluxcd.io/prune";
/// The field manager kustomize-controller applies with.
inline constexpr char kFieldManager[] = "kustomize-controller";

/// Sets the owner labels of a Kustomization on an object to apply.
void SetOwnerLabels(yaml::Node* obj, std::string_view ks_name,
                    std::string_view ks_namespace);
/// True when a live object's owner labels name this Kustomization (the
/// only objects prune deletes).
bool IsOwnedBy(const yaml::Node& live, std::string_view ks_name,
               std::string_view ks_namespace);

/// fluxcd/pkg's AnyInMetadata for one pair: the label or annotation `key`
/// has `value`, compared without case.
bool HasMetadata(const yaml::Node& obj, std::string_view key,
                 std::string_view value);

/// How one object is applied, from its desired and live metadata.
struct ApplyPolicy {
  /// ssa: Ignore or reconcile: disabled, on the desired or live object:
  /// never applied (reported as skipped).
  bool exclude = false;
  /// ssa: IfNotPresent on the desired object: applied only when absent.
  bool if_not_present = false;
  /// force: enabled on either: recreated on immutable-field errors.
  bool force = false;
};

/// The policy for `desired`, given the live object (nullptr when absent).
ApplyPolicy PolicyFor(const yaml::Node& desired, const yaml::Node* live);

/// True when prune must keep the live object (prune: disabled).
bool PruneDisabled(const yaml::Node& live);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_APPLY_POLICY_H_
