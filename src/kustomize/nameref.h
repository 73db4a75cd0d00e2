// Name reference fixing: after prefixes, suffixes, namespaces and hashes have
// renamed objects, the fields that name them (a Deployment's configMap
// volume, a RoleBinding's subjects, an HPA's scaleTargetRef...) are set to
// the new names, as kustomize's ResAccumulator.FixBackReferences does
// (api/internal/accumulator/namereferencetransformer.go, api/filters/nameref).
#ifndef FERRY_KUSTOMIZE_NAMEREF_H_
#define FERRY_KUSTOMIZE_NAMEREF_H_

#include <string>
#include <vector>

#include "k8s/resource_id.h"
#include "kustomize/builtin_fieldspecs.h"
#include "kustomize/resource.h"
#include "yaml/status.h"

namespace ferry::kustomize {

/// Rewrites every name reference in `resources` per `config.name_reference`.
///
/// For each object (the referrer) whose original gvk a referrer fieldspec
/// selects, the field at its path is fixed. A string (or each string of a
/// list) is an old name; a mapping (or each mapping of a list: RBAC
/// subjects, webhook clientConfig.service) holds `name` and maybe
/// `namespace`. The new name comes from the one candidate object that:
///  - could be referenced at all: the referrer is cluster-scoped, or the
///    candidate is cluster-scoped, in the referrer's namespace, or (for a
///    RoleBinding) in a namespace one of its ServiceAccount subjects names;
///  - for a mapping with `namespace`, was originally in that namespace (or
///    else is currently in it);
///  - had the old name as one of its previous names (objects never renamed
///    are never candidates);
///  - had a previous id of the target gvk (for roleRef/name: also of the
///    roleRef's apiGroup and kind);
///  - is cluster-scoped, a ServiceAccount, or in the referrer's namespace;
///  - when still more than one: has the referrer's name prefixes and
///    suffixes (as a same-ending list).
/// Several candidates that all have the same current name (and namespace,
/// for mappings) count as one; otherwise it is an error ("found multiple
/// possible referrals"). A mapping gets the candidate's namespace too,
/// unless that is empty. Fields that do not exist are left alone.
Status FixNameReferences(const TransformerConfig &config, ResMap *resources);

/// The name prefixes and suffixes a PrefixSuffixTransformer recorded on an
/// object, innermost first (kustomize keeps them as comma-separated
/// annotations internal.config.kubernetes.io/prefixes and .../suffixes,
/// which the build strips at the end).
std::vector<std::string> NamePrefixes(const Resource &r);
std::vector<std::string> NameSuffixes(const Resource &r);

/// kustomize's (kyaml) ResId.String() used in its error messages:
/// "Kind.version.group/name.namespace" with [noGrp], [noVer], [noKind],
/// [noName], [noNs] for empty fields.
std::string KyamlIdString(const k8s::ResId &id);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_NAMEREF_H_
