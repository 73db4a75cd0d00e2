// Resource and ResMap: the objects of a kustomize build and their ordered
// collection, with the bookkeeping kustomize keeps beside each object (the
// names it had before prefixes, suffixes and namespaces changed them, and
// whether a generator asked for a content-hash suffix).
#ifndef FERRY_KUSTOMIZE_RESOURCE_H_
#define FERRY_KUSTOMIZE_RESOURCE_H_

#include <string>
#include <utility>
#include <vector>

#include "k8s/resource_id.h"
#include "yaml/node.h"

namespace ferry::kustomize {

/// How a generated object combines with one of the same id already built.
enum class GeneratorBehavior { kUnspecified, kCreate, kMerge, kReplace };

/// One object of the build and what kustomize remembers about it.
struct Resource {
  yaml::Node node;
  /// Ids this object had before transformers renamed it, oldest first
  /// (kustomize's previousNames/previousKinds/previousNamespaces).
  std::vector<k8s::ResId> previous_ids;
  /// Set by generators unless disableNameSuffixHash; the hash is appended
  /// to the name at the end of the top-level build.
  bool needs_hash = false;
  GeneratorBehavior behavior = GeneratorBehavior::kUnspecified;
  /// Name prefixes and suffixes added by each kustomization, innermost
  /// first (kustomize's internal prefixes/suffixes annotations), used to
  /// tell apart references in name-reference fixing.
  std::vector<std::string> name_prefixes;
  std::vector<std::string> name_suffixes;
  /// The file the object was read from, relative to the build root, for
  /// buildMetadata: [originAnnotations]; for a generated object, the
  /// kustomization file that generated it.
  std::string origin_path;
  /// For generated objects: the generator kind ("ConfigMapGenerator").
  std::string origin_generator;
  /// Transformers that changed the object, as {kustomization file, kind}
  /// (buildMetadata: [transformerAnnotations]).
  std::vector<std::pair<std::string, std::string>> transformations;

  /// The object's current id.
  k8s::ResId CurId() const { return k8s::ResId::FromNode(node); }
  /// The id it was first loaded or generated with.
  k8s::ResId OrgId() const {
    return previous_ids.empty() ? CurId() : previous_ids.front();
  }
  /// Records the current id as a previous one before a rename.
  void StorePreviousId() { previous_ids.push_back(CurId()); }

  std::string_view Name() const {
    return node.GetPath({"metadata", "name"}) ? std::string_view(node.GetPath({"metadata", "name"})->value()) : "";
  }
  std::string_view Namespace() const {
    const yaml::Node* n = node.GetPath({"metadata", "namespace"});
    return n ? std::string_view(n->value()) : "";
  }
  void SetName(std::string_view name);
  void SetNamespace(std::string_view ns);
};

/// The ordered objects of a build.
using ResMap = std::vector<Resource>;

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_RESOURCE_H_
