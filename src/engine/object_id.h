// ObjectId: what identifies a live object for applying, pruning and the
// Flux inventory — namespace, name, group, kind (and the version it was
// applied with), as cli-utils' ObjMetadata.
#ifndef FERRY_ENGINE_OBJECT_ID_H_
#define FERRY_ENGINE_OBJECT_ID_H_

#include <string>
#include <string_view>

namespace ferry::yaml {
class Node;
}

namespace ferry::engine {

/// A Kubernetes object's identity as Flux records it.
struct ObjectId {
  std::string ns;  // "" for cluster-scoped objects
  std::string name;
  std::string group;  // "" for the core group
  std::string kind;
  std::string version;  // not part of the identity

  /// Reads apiVersion, kind, metadata.name and metadata.namespace.
  static ObjectId FromNode(const yaml::Node& obj);
  /// Parses an inventory id "<ns>_<name>_<group>_<kind>" (RBAC names have
  /// ':' written as "__"); false when it does not have four fields.
  static bool Parse(std::string_view id, std::string_view version,
                    ObjectId* out);

  /// The inventory id, cli-utils' ObjMetadata.String():
  /// "<ns>_<name>_<group>_<kind>", with ':' in RBAC names as "__".
  std::string InventoryId() const;
  /// "group/version" or "version".
  std::string ApiVersion() const;
  /// Flux's FmtUnstructured: "Kind/namespace/name" or "Kind/name".
  std::string Display() const;

  /// Identity (version ignored).
  bool SameObject(const ObjectId& o) const {
    return ns == o.ns && name == o.name && group == o.group && kind == o.kind;
  }
};

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_OBJECT_ID_H_
