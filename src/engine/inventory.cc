#include "engine/inventory.h"

#include <algorithm>
#include <set>

#include "engine/stages.h"

namespace ferry::engine {

Inventory Inventory::FromKustomization(const yaml::Node& ks) {
  Inventory inv;
  const yaml::Node* es = ks.GetPath({"status", "inventory", "entries"});
  if (!es || !es->IsSeq()) return inv;
  for (const yaml::Node& e : es->items()) {
    if (!e.IsMap()) continue;
    inv.entries.push_back(
        {std::string(e.GetString("id")), std::string(e.GetString("v"))});
  }
  return inv;
}

yaml::Node Inventory::ToNode() const {
  yaml::Node list = yaml::Node::Seq();
  for (const InventoryEntry& e : entries) {
    yaml::Node m = yaml::Node::Map();
    m.Set("id", yaml::Node::Str(e.id));
    m.Set("v", yaml::Node::Str(e.v));
    list.Append(std::move(m));
  }
  yaml::Node out = yaml::Node::Map();
  out.Set("entries", std::move(list));
  return out;
}

void Inventory::Add(const ObjectId& id) {
  entries.push_back({id.InventoryId(), id.version});
}

bool Inventory::Contains(const ObjectId& id) const {
  std::string key = id.InventoryId();
  for (const InventoryEntry& e : entries)
    if (e.id == key) return true;
  return false;
}

std::vector<ObjectId> Inventory::Objects() const {
  std::vector<ObjectId> out;
  for (const InventoryEntry& e : entries) {
    ObjectId id;
    if (ObjectId::Parse(e.id, e.v, &id)) out.push_back(std::move(id));
  }
  return out;
}

std::vector<ObjectId> StaleObjects(const Inventory& old_inv,
                                   const Inventory& new_inv) {
  std::set<std::string> keep;
  for (const InventoryEntry& e : new_inv.entries) keep.insert(e.id);
  std::vector<ObjectId> out;
  std::set<std::string> seen;
  for (const InventoryEntry& e : old_inv.entries) {
    if (keep.count(e.id) || !seen.insert(e.id).second) continue;
    ObjectId id;
    if (ObjectId::Parse(e.id, e.v, &id)) out.push_back(std::move(id));
  }
  // Apply order is stage, then kind order; delete in the reverse.
  std::stable_sort(out.begin(), out.end(),
                   [](const ObjectId& a, const ObjectId& b) {
                     ApplyStage sa = StageOf(a), sb = StageOf(b);
                     if (sa != sb) return sa > sb;
                     return ApplyOrderLess(b, a);
                   });
  return out;
}

}  // namespace ferry::engine
