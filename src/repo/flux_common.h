// Pieces shared by the Flux object models: the object header (apiVersion,
// kind, metadata, the document it came from) and the reference types the
// Flux APIs use between objects.
#ifndef FERRY_REPO_FLUX_COMMON_H_
#define FERRY_REPO_FLUX_COMMON_H_

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "yaml/node.h"

namespace ferry::repo {

/// String keys to string values (labels, annotations, substitutions).
using StringMap = std::map<std::string, std::string, std::less<>>;

/// What every object of a sync.yaml has: its type, its metadata, and a copy
/// of the document it was read from (for positions of any field).
struct ObjectMeta {
  std::string api_version;  // "kustomize.toolkit.fluxcd.io/v1"
  std::string kind;
  std::string name;
  std::string namespace_;  // as written; "" when unset
  StringMap labels;
  StringMap annotations;
  yaml::Node node;  // the whole document
  yaml::Mark mark;  // where the document starts

  /// The group of api_version ("" for the core group).
  std::string_view Group() const;
  /// The version of api_version ("v1beta2").
  std::string_view Version() const;
  /// "namespace/name", or "name" when the namespace is unset.
  std::string Key() const;
  /// The position of the value at a path of keys in the document, or of the
  /// deepest mapping on that path that exists.
  yaml::Mark MarkOf(std::initializer_list<std::string_view> path) const;
};

/// A reference to an object by name in the referrer's namespace.
struct LocalReference {
  std::string name;
  yaml::Mark mark;
};

/// A reference to a key of a Secret in the referrer's namespace.
struct SecretKeyReference {
  std::string name;
  std::string key;
  yaml::Mark mark;
};

/// A reference to an object that may live in another namespace (sourceRef,
/// dependsOn, imageRepositoryRef, healthChecks, eventSources).
struct NamespacedReference {
  std::string api_version;  // "" when unset
  std::string kind;         // "" when the API implies it
  std::string name;
  std::string namespace_;  // "" means the referrer's namespace
  StringMap match_labels;  // notification event sources only
  yaml::Mark mark;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_COMMON_H_
