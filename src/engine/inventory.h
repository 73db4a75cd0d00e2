// Inventory: the objects a Flux Kustomization applied, recorded in its
// status as kustomize-controller records them
// (status.inventory.entries[{id: <ns>_<name>_<group>_<kind>, v: <version>}]),
// and what a new inventory leaves behind for pruning.
#ifndef FERRY_ENGINE_INVENTORY_H_
#define FERRY_ENGINE_INVENTORY_H_

#include <string>
#include <vector>

#include "engine/object_id.h"
#include "yaml/node.h"

namespace ferry::engine {

/// One entry of status.inventory.entries.
struct InventoryEntry {
  std::string id;  // ObjectId::InventoryId()
  std::string v;   // the version the object was applied with
};

/// The inventory of one Kustomization, in the order Flux writes it (the
/// order of its change set: apply order).
struct Inventory {
  std::vector<InventoryEntry> entries;

  /// Reads status.inventory of a Kustomization object (empty when absent).
  static Inventory FromKustomization(const yaml::Node& ks);
  /// {entries: [{id, v}, ...]} as a node for the status.
  yaml::Node ToNode() const;
  void Add(const ObjectId& id);
  bool Contains(const ObjectId& id) const;
  /// The entries as ids; entries that do not parse are left out.
  std::vector<ObjectId> Objects() const;
};

/// Objects of `old_inv` that `new_inv` does not hold (compared without the
/// version), in reverse apply order: what prune deletes, dependents first.
std::vector<ObjectId> StaleObjects(const Inventory& old_inv,
                                   const Inventory& new_inv);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_INVENTORY_H_
