#include "kustomize/strategic_merge.h"

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "k8s/merge_keys.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

// The merge is a port of kyaml's walk.Walker + merge2.Merger. kyaml works on
// shared *yaml.Node pointers and relies on it: a target list element merged
// in place is the same object in the target list and in the list of items
// being built. So the merge runs on a tree of shared nodes (RNode), built
// from the yaml::Node trees and converted back at the end.

struct RNode;
using R = std::shared_ptr<RNode>;

/// A node of the working tree; scalars keep their yaml::Node (text, tag,
/// style, mark), collections hold shared children.
struct RNode {
  yaml::Node self;  // without children
  std::vector<R> items;
  std::vector<std::pair<yaml::Node, R>> fields;
  // A null kyaml rebuilt without its !!null tag: written as null, but not
  // taken for a deletion.
  bool untagged = false;

  yaml::Kind kind() const { return self.kind(); }
  bool IsMap() const { return self.IsMap(); }
  bool IsSeq() const { return self.IsSeq(); }
  bool IsScalar() const { return self.IsScalar() || self.IsNull(); }
  const std::string &value() const { return self.value(); }

  R Field(std::string_view key) const {
    if (!IsMap()) return nullptr;
    for (const auto &[k, v] : fields)
      if (k.value() == key) return v;
    return nullptr;
  }
  bool HasField(std::string_view key) const {
    if (!IsMap()) return false;
    for (const auto &f : fields)
      if (f.first.value() == key) return true;
    return false;
  }
  void Clear(std::string_view key) {
    for (auto it = fields.begin(); it != fields.end(); ++it)
      if (it->first.value() == key) {
        fields.erase(it);
        return;
      }
  }
};

R FromNode(const yaml::Node &n) {
  auto r = std::make_shared<RNode>();
  r->self = n.ShallowCopy();
  r->items.reserve(n.items().size());
  for (const yaml::Node &item : n.items()) r->items.push_back(FromNode(item));
  r->fields.reserve(n.pairs().size());
  for (const yaml::Pair &p : n.pairs())
    r->fields.emplace_back(p.key, FromNode(p.value));
  return r;
}

yaml::Node ToNode(const RNode &r) {
  yaml::Node n = r.self.ShallowCopy();
  n.items().reserve(r.items.size());
  for (const R &item : r.items) n.items().push_back(ToNode(*item));
  n.pairs().reserve(r.fields.size());
  for (const auto &[k, v] : r.fields) n.pairs().push_back({k, ToNode(*v)});
  return n;
}

R NewScalar(std::string_view text) {
  auto r = std::make_shared<RNode>();
  r->self = yaml::Node::Plain(text);
  return r;
}

// A null value (go-yaml v3 gives it the tag !!null).
bool IsTaggedNull(const R &r) {
  if (!r || r->untagged) return false;
  if (r->self.IsNull()) return true;
  return r->self.IsScalar() &&
         yaml::ResolveV3(r->self) == yaml::ScalarType::kNull;
}
bool IsMissingOrNull(const R &r) { return !r || IsTaggedNull(r); }
bool IsEmptyMap(const R &r) { return r && r->IsMap() && r->fields.empty(); }

// The text kyaml's ElementValuesList reads for a key: "" when the field is
// missing, null or an empty collection.
std::string KeyValue(const R &elem, std::string_view key) {
  R f = elem ? elem->Field(key) : nullptr;
  if (!f || IsTaggedNull(f)) return "";
  return f->value();
}

std::string_view KindName(yaml::Kind k) {
  switch (k) {
    case yaml::Kind::kMapping:
      return "MappingNode";
    case yaml::Kind::kSequence:
      return "SequenceNode";
    default:
      return "ScalarNode";
  }
}

Status WrongKind(yaml::Kind want, const R &got) {
  std::string msg = "wrong node kind: expected ";
  msg += KindName(want);
  msg += " but got ";
  msg += KindName(got->kind());
  return yaml::ErrorAt(got->self, msg);
}

// kyaml's FieldMatcher{Name, StringValue} on one element: a field `name`
// whose text is `value`, or any field `name` when `value` is "". For
// name == "" the element itself must be a scalar of that text.
Status MatchFieldLoose(const R &elem, const std::string &name,
                       const std::string &value, bool *matched) {
  *matched = false;
  if (IsMissingOrNull(elem)) return Status::Ok();
  if (name.empty()) {
    if (!elem->IsScalar()) return WrongKind(yaml::Kind::kScalar, elem);
    *matched = elem->value() == value;
    return Status::Ok();
  }
  if (!elem->IsMap()) return WrongKind(yaml::Kind::kMapping, elem);
  for (const auto &[k, v] : elem->fields)
    if (k.value() == name && (value.empty() || v->value() == value)) {
      *matched = true;
      break;
    }
  return Status::Ok();
}

// kyaml's ElementSetter: replaces (or, with a null element, deletes) the
// elements matching keys/values, appends the element when none matched, and
// drops null and empty-map elements on the way.
Status SetElement(RNode *list, const R &element, std::vector<std::string> keys,
                  const std::vector<std::string> &values) {
  if (keys.empty()) keys.push_back("");
  if (!list->IsSeq()) {
    return yaml::ErrorAt(list->self,
                         "wrong node kind: expected SequenceNode but got " +
                             std::string(KindName(list->kind())));
  }
  bool mapping_setter =
      !keys[0].empty() && !values.empty() && !values[0].empty();
  std::vector<R> out;
  bool found_any = false;
  for (const R &elem : list->items) {
    if (IsMissingOrNull(elem) || IsEmptyMap(elem)) continue;
    if (!elem->IsMap() && mapping_setter) {
      out.push_back(elem);
      continue;
    }
    bool found = true;
    bool last = false;
    for (size_t j = 0; j < keys.size(); ++j) {
      if (j < values.size())
        FERRY_RETURN_IF_ERROR(MatchFieldLoose(elem, keys[j], values[j], &last));
      if (!last) {
        found = false;
        break;
      }
    }
    if (!found) {
      if (!values.empty()) out.push_back(elem);
      continue;
    }
    found_any = true;
    if (!element) continue;
    out.push_back(element);
  }
  list->items = std::move(out);
  if (IsMissingOrNull(element)) return Status::Ok();
  if (!found_any) list->items.push_back(element);
  return Status::Ok();
}

// kyaml's ElementMatcher (ElementList/Element): the first element whose
// fields keys[i] have exactly the texts values[i].
R FindElement(const R &list, const std::vector<std::string> &keys,
              const std::vector<std::string> &values) {
  if (!list || !list->IsSeq()) return nullptr;
  std::string v0 = values.empty() ? "" : values[0];
  if (keys.empty() || keys[0].empty()) {
    for (const R &item : list->items)
      if (item->value() == v0) return item;
    return nullptr;
  }
  if (keys.size() != values.size()) return nullptr;
  for (const R &item : list->items) {
    if (!item->IsMap()) continue;
    bool all = true;
    for (size_t i = 0; i < keys.size() && all; ++i) {
      R f = item->Field(keys[i]);
      all = f && f->value() == values[i];
    }
    if (all) return item;
  }
  return nullptr;
}

enum class Directive { kUnknown, kReplace, kDelete, kMerge };

Status ParseDirective(const R &value_node, Directive *d) {
  const std::string &v = value_node ? value_node->value() : "";
  if (v == "delete")
    *d = Directive::kDelete;
  else if (v == "replace")
    *d = Directive::kReplace;
  else if (v == "merge")
    *d = Directive::kMerge;
  else {
    *d = Directive::kUnknown;
    if (value_node)
      return yaml::ErrorAt(value_node->self,
                           "unknown patch strategy '" + v + "'");
    return Status::Error("unknown patch strategy '" + v + "'");
  }
  return Status::Ok();
}

// merge2's determineSmpDirective: reads, and removes from the patch, a
// `$patch` directive of a map or of a list (a lone `- $patch: x` element).
Status DetermineDirective(const R &patch, Directive *d) {
  *d = Directive::kMerge;
  if (!patch) return Status::Ok();
  if (patch->IsMap()) {
    if (!patch->HasField("$patch")) return Status::Ok();
    R v = patch->Field("$patch");
    FERRY_RETURN_IF_ERROR(ParseDirective(v, d));
    patch->Clear("$patch");
    return Status::Ok();
  }
  if (patch->IsSeq()) {
    R holder;
    for (const R &item : patch->items)
      if (item->IsMap() && item->HasField("$patch")) {
        holder = item;
        break;
      }
    if (!holder || holder->fields.size() > 1) return Status::Ok();
    R v = holder->Field("$patch");
    if (!v) return Status::Ok();
    FERRY_RETURN_IF_ERROR(ParseDirective(v, d));
    return SetElement(patch.get(), nullptr, {"$patch"}, {v->value()});
  }
  *d = Directive::kUnknown;
  return yaml::ErrorAt(patch->self,
                       "no implemented strategic merge patch strategy for '" +
                           patch->value() + "'");
}

using Sources = std::vector<R>;  // [dest, origin]

/// One step of the walk: the sources at one path and their schema.
class Walker {
 public:
  Walker(Sources sources, const k8s::FieldSchema *schema, bool parent_known)
      : s_(std::move(sources)), schema_(schema), parent_known_(parent_known) {}

  Status Walk(R *out) {
    if (!schema_ && !parent_known_) schema_ = SchemaFromSources();
    yaml::Kind kind = yaml::Kind::kNull;
    for (const R &r : s_)
      if (!IsMissingOrNull(r)) {
        kind = r->kind();
        break;
      }
    if (kind != yaml::Kind::kNull) {
      for (const R &r : s_)
        if (!IsMissingOrNull(r) && r->kind() != kind) return WrongKind(kind, r);
    }
    switch (kind) {
      case yaml::Kind::kMapping:
      case yaml::Kind::kNull:
        return WalkMap(out);
      case yaml::Kind::kSequence:
        if (schema_ && schema_->IsMergeList()) return WalkAssociative(out);
        *out = s_[1] ? s_[1] : s_[0];  // VisitList, non-associative
        return Status::Ok();
      case yaml::Kind::kScalar:
        *out = s_[1] ? s_[1] : s_[0];  // VisitScalar
        return Status::Ok();
    }
    return Status::Ok();
  }

 private:
  R &dest() { return s_[0]; }
  R &origin() { return s_[1]; }

  // Walker.GetSchema: a nested object with its own apiVersion and kind.
  const k8s::FieldSchema *SchemaFromSources() const {
    for (const R &r : s_) {
      if (IsMissingOrNull(r) || !r->IsMap()) continue;
      R av = r->Field("apiVersion"), k = r->Field("kind");
      std::string a = av ? av->value() : "", kd = k ? k->value() : "";
      if (a.empty() || kd.empty()) continue;
      if (auto *s = k8s::SchemaForType(k8s::Gvk::FromApiVersion(a, kd)))
        return s;
    }
    return nullptr;
  }

  Status VisitMap(R *out) {
    if (IsMissingOrNull(dest())) {
      Directive d;
      (void)DetermineDirective(origin(), &d);  // errors ignored, as kyaml
      if (d == Directive::kDelete) {
        *out = nullptr;
        return Status::Ok();
      }
      if (!origin() && dest() && !dest()->value().empty()) {
        // Keep a null the target spells out ("null", "~").
        *out = NewScalar(dest()->value());
        (*out)->untagged = true;
        return Status::Ok();
      }
      *out = origin();
      return Status::Ok();
    }
    if (IsTaggedNull(origin())) {
      *out = nullptr;
      return Status::Ok();
    }
    Directive d;
    FERRY_RETURN_IF_ERROR(DetermineDirective(origin(), &d));
    *out = d == Directive::kDelete    ? nullptr
           : d == Directive::kReplace ? origin()
                                      : dest();
    return Status::Ok();
  }

  Status WalkMap(R *out) {
    R d;
    FERRY_RETURN_IF_ERROR(VisitMap(&d));
    dest() = d;
    if (!d) {
      *out = nullptr;
      return Status::Ok();
    }
    std::set<std::string> names;
    for (const R &r : s_)
      if (r && r->IsMap())
        for (const auto &f : r->fields) names.insert(f.first.value());
    for (const std::string &key : names) {
      const k8s::FieldSchema *fs = schema_ ? schema_->Field(key) : nullptr;
      Sources fv;
      for (const R &r : s_) fv.push_back(r ? r->Field(key) : nullptr);
      R val;
      FERRY_RETURN_IF_ERROR(
          Walker(std::move(fv), fs, schema_ != nullptr).Walk(&val));
      FERRY_RETURN_IF_ERROR(SetField(d, key, val));
    }
    *out = d;
    return Status::Ok();
  }

  // kyaml's FieldSetter: a null or missing value removes the field.
  static Status SetField(const R &map, const std::string &key, const R &val) {
    if (!val || IsTaggedNull(val)) {
      if (map->IsMap()) map->Clear(key);
      return Status::Ok();
    }
    if (!map->IsMap()) return WrongKind(yaml::Kind::kMapping, map);
    for (auto &f : map->fields)
      if (f.first.value() == key) {
        f.second = val;
        return Status::Ok();
      }
    map->fields.emplace_back(yaml::Node::Str(key), val);
    return Status::Ok();
  }

  Status WalkAssociative(R *out) {
    // VisitList for an associative list.
    R d;
    if (IsMissingOrNull(dest())) {
      d = origin();
    } else if (IsTaggedNull(origin())) {
      d = nullptr;
    } else {
      Directive dir;
      FERRY_RETURN_IF_ERROR(DetermineDirective(origin(), &dir));
      d = dir == Directive::kDelete    ? nullptr
          : dir == Directive::kReplace ? origin()
                                       : dest();
    }
    dest() = d;
    if (!d) {
      *out = nullptr;
      return Status::Ok();
    }
    const std::vector<std::string> &keys = schema_->merge_keys();
    std::vector<std::vector<std::string>> values = ElementValues(keys);
    if (!values.empty() || !keys.empty())
      return SetElements(std::move(values), keys, out);
    return SetElements(PrimitiveValues(), {""}, out);
  }

  // Sources in the order kyaml visits them with ListIncreaseDirection
  // prepend: the patch first, then the target.
  std::vector<R> PatchFirst() const { return {s_[1], s_[0]}; }

  std::vector<std::vector<std::string>> ElementValues(
      const std::vector<std::string> &keys) const {
    std::vector<std::vector<std::string>> out;
    std::set<std::vector<std::string>> seen;
    for (const R &src : PatchFirst()) {
      if (!src || !src->IsSeq()) continue;
      for (const R &elem : src->items) {
        std::vector<std::string> v;
        for (const std::string &k : keys) v.push_back(KeyValue(elem, k));
        if (v.empty() || seen.count(v)) continue;
        seen.insert(v);
        out.push_back(std::move(v));
      }
    }
    return out;
  }

  std::vector<std::vector<std::string>> PrimitiveValues() const {
    std::vector<std::vector<std::string>> out;
    std::set<std::string> seen;
    for (const R &src : PatchFirst()) {
      if (!src || !src->IsSeq()) continue;
      for (const R &item : src->items) {
        if (!seen.insert(item->value()).second) continue;
        out.push_back({item->value()});
      }
    }
    return out;
  }

  static bool MatchValues(const std::vector<std::string> &a,
                          const std::vector<std::string> &b,
                          std::vector<std::string> *res) {
    if (a.size() != b.size()) return false;
    bool common = false;
    res->clear();
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) {
        common = true;
        res->push_back(a[i]);
        continue;
      }
      if (!a[i].empty() && !b[i].empty()) return false;
      res->push_back(a[i].empty() ? b[i] : a[i]);
    }
    return common;
  }

  // kyaml's mergeValues: ports given with and without a protocol are the
  // same port.
  static void MergeValues(std::vector<std::vector<std::string>> *list) {
    for (size_t i = 0; i < list->size(); ++i) {
      std::vector<std::string> v1 = (*list)[i];
      for (size_t j = 0; j < list->size(); ++j) {
        std::vector<std::string> v2 = (*list)[j], res;
        if (MatchValues(v1, v2, &res)) {
          (*list)[i] = res;
          (*list)[j] = res;
        }
      }
    }
  }

  // kyaml's validateKeys: drops the keys no element has a value for.
  static void ValidateKeys(const std::vector<std::vector<std::string>> &list,
                           const std::vector<std::string> &values,
                           const std::vector<std::string> &keys,
                           std::vector<std::string> *valid_keys,
                           std::vector<std::string> *valid_values) {
    std::set<std::string> valid;
    for (const auto &vs : list)
      for (size_t i = 0; i < vs.size() && i < keys.size(); ++i)
        if (!vs[i].empty()) valid.insert(keys[i]);
    if (valid.empty()) {
      *valid_keys = keys;
      *valid_values = values;
      return;
    }
    valid_keys->clear();
    valid_values->clear();
    for (const std::string &k : keys)
      if (valid.count(k)) valid_keys->push_back(k);
    for (size_t i = 0; i < values.size() && i < keys.size(); ++i)
      if (!values[i].empty() || valid.count(keys[i]))
        valid_values->push_back(values[i]);
  }

  Sources ElementSources(const std::vector<std::string> &keys,
                         const std::vector<std::string> &values) const {
    std::vector<std::string> k, v;
    ValidateKeys({values}, values, keys, &k, &v);
    Sources out;
    for (const R &src : s_)
      out.push_back(src ? FindElement(src, k, v) : nullptr);
    return out;
  }

  // kyaml's appendListNode.
  static Status AppendList(const R &dst, const R &src,
                           const std::vector<std::string> &keys) {
    std::vector<R> elems = src->items;
    for (const R &elem : elems) {
      if (keys.empty() || keys[0].empty()) {
        FERRY_RETURN_IF_ERROR(
            SetElement(dst.get(), elem, {""}, {elem->value()}));
        continue;
      }
      std::vector<std::string> v;
      for (const std::string &key : keys) {
        if (IsMissingOrNull(elem)) {
          dst->items.push_back(elem);
          continue;
        }
        if (!elem->IsMap()) return WrongKind(yaml::Kind::kMapping, elem);
        R f = elem->Field(key);
        if (!elem->HasField(key)) {
          dst->items.push_back(elem);
          continue;
        }
        v.push_back(f->value());
      }
      if (keys.size() > 1)
        FERRY_RETURN_IF_ERROR(SetElement(dst.get(), nullptr, keys, v));
      FERRY_RETURN_IF_ERROR(SetElement(dst.get(), elem, keys, v));
    }
    return Status::Ok();
  }

  // kyaml's setAssociativeSequenceElements.
  Status SetElements(std::vector<std::vector<std::string>> values_list,
                     const std::vector<std::string> &keys, R *out) {
    R items = std::make_shared<RNode>();
    items->self = yaml::Node::Seq();
    const k8s::FieldSchema *elem_schema = schema_->Elements();
    if (keys.size() > 1) MergeValues(&values_list);
    std::vector<std::string> valid_keys, valid_values;
    for (const auto &values : values_list) {
      if (values.empty()) continue;
      ValidateKeys(values_list, values, keys, &valid_keys, &valid_values);
      R val;
      FERRY_RETURN_IF_ERROR(
          Walker(ElementSources(valid_keys, valid_values), elem_schema, true)
              .Walk(&val));
      bool exit = false;
      for (size_t i = 0; i < valid_keys.size(); ++i) {
        if (IsMissingOrNull(val) || IsEmptyMap(val)) {
          FERRY_RETURN_IF_ERROR(
              SetElement(dest().get(), nullptr, valid_keys, valid_values));
          exit = true;
        } else if (val->IsMap() && !val->HasField(valid_keys[i]) &&
                   i < valid_values.size() && !valid_values[i].empty()) {
          val->fields.emplace_back(yaml::Node::Str(valid_keys[i]),
                                   NewScalar(valid_values[i]));
        }
      }
      if (exit) continue;
      FERRY_RETURN_IF_ERROR(
          SetElement(items.get(), val, valid_keys, valid_values));
    }
    R d = dest();
    if (!values_list.empty()) {
      // Prepend: the target's elements are set into the new items.
      FERRY_RETURN_IF_ERROR(AppendList(items, d, valid_keys));
      d = items;
    }
    *out = IsMissingOrNull(d) ? nullptr : d;
    return Status::Ok();
  }

  Sources s_;
  const k8s::FieldSchema *schema_;
  bool parent_known_;
};

}  // namespace

Status StrategicMerge(yaml::Node *target, const yaml::Node &patch,
                      const k8s::Gvk &gvk) {
  R dest = FromNode(*target);
  R origin = FromNode(patch);
  const k8s::FieldSchema *schema = k8s::SchemaForType(gvk);
  R result;
  FERRY_RETURN_IF_ERROR(Walker({dest, origin}, schema, false).Walk(&result));
  // kustomize keeps the target object it merged into in place; the node the
  // walk returns only tells whether the object was deleted (a top-level
  // `$patch: replace` thus changes nothing).
  if (!result) {
    *target = yaml::Node::Null();
    return Status::Ok();
  }
  *target = ToNode(*dest);
  return Status::Ok();
}

}  // namespace ferry::kustomize
