#include "kustomize/nameref.h"

#include <unordered_map>

#include <functional>
#include <string_view>

#include "k8s/scope.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

using Candidates = std::vector<const Resource *>;

// go-yaml's !!null: a null node, or a scalar that resolves to null.
bool IsNullNode(const yaml::Node &n) {
  return n.IsNull() ||
         (n.IsScalar() && yaml::ResolveV3(n) == yaml::ScalarType::kNull);
}


// kustomize's utils.SameEndingSubSlice: the shorter list is the tail of the
// longer one; an empty list matches only an empty one.
bool SameEndingSubSlice(const std::vector<std::string> &a,
                        const std::vector<std::string> &b) {
  const auto &shortest = a.size() <= b.size() ? a : b;
  const auto &longest = a.size() <= b.size() ? b : a;
  size_t diff = longest.size() - shortest.size();
  if (shortest.empty()) return diff == 0;
  for (size_t i = 0; i < shortest.size(); ++i)
    if (longest[i + diff] != shortest[i]) return false;
  return true;
}

bool IsClusterScoped(const k8s::ResId &id) {
  return k8s::IsClusterScoped(id.gvk);
}

bool IsNsEquals(const k8s::ResId &a, const k8s::ResId &b) {
  return a.EffectiveNamespace() == b.EffectiveNamespace();
}

template <typename Pred>
Candidates Sieve(const Candidates &in, Pred pred) {
  Candidates out;
  for (const Resource *r : in)
    if (pred(*r)) out.push_back(r);
  return out;
}

bool PreviousIdSelectedBy(const Resource &r, const k8s::Gvk &gvk) {
  for (const k8s::ResId &id : r.previous_ids)
    if (id.gvk.IsSelectedBy(gvk)) return true;
  return false;
}

std::string Join(const std::vector<std::string> &parts, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) s += sep;
    s += parts[i];
  }
  return s;
}

// Namespaces of the ServiceAccount subjects of a RoleBinding (kustomize's
// getNamespacesForRoleBinding): objects there may be referenced from it.
Status RoleBindingNamespaces(const Resource &r, std::vector<std::string> *out) {
  if (r.CurId().gvk.kind != "RoleBinding") return Status::Ok();
  const yaml::Node *subjects = r.node.Get("subjects");
  if (!subjects || !subjects->IsSeq()) return Status::Ok();
  for (const yaml::Node &s : subjects->items()) {
    if (!s.IsMap()) continue;
    const yaml::Node *ns = s.Get("namespace");
    const yaml::Node *kind = s.Get("kind");
    if (!ns || !kind || kind->value() != "ServiceAccount") continue;
    if (!ns->IsScalar() || IsNullNode(*ns))
      return Status::Error("Invalid Input: namespace is blank for resource \"" +
                           KyamlIdString(r.CurId()) + "\"\n");
    out->push_back(ns->value());
  }
  return Status::Ok();
}

// What the fixing needs of every object, computed once: objects are not
// renamed while references are fixed.
class Index {
 public:
  explicit Index(const ResMap& all) : all_(all) {
    cur_.reserve(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
      const Resource& r = all[i];
      Info info;
      info.cur = r.CurId();
      info.cluster = IsClusterScoped(info.cur);
      info.ens = info.cur.EffectiveNamespace();
      cur_.push_back(std::move(info));
      for (const k8s::ResId& id : r.previous_ids) {
        std::vector<size_t>& v = by_old_name_[id.name];
        if (v.empty() || v.back() != i) v.push_back(i);
      }
    }
  }
  struct Info {
    k8s::ResId cur;
    bool cluster;
    std::string ens;  // effective namespace
  };
  const Info& info(const Resource* r) const { return cur_[r - all_.data()]; }
  const ResMap& all() const { return all_; }
  // Objects that had `name` as one of their previous names.
  Candidates ByOldName(std::string_view name) const {
    Candidates out;
    auto it = by_old_name_.find(std::string(name));
    if (it != by_old_name_.end())
      for (size_t i : it->second) out.push_back(&all_[i]);
    return out;
  }

 private:
  const ResMap& all_;
  std::vector<Info> cur_;
  std::unordered_map<std::string, std::vector<size_t>> by_old_name_;
};

// kustomize's ResMap.SubsetThatCouldBeReferencedByResource, as a predicate:
// which objects `referrer` may name.
class Referable {
 public:
  static Status Make(const Resource& referrer, const Index& index,
                     Referable* out) {
    out->index_ = &index;
    out->rid_ = &index.info(&referrer);
    return RoleBindingNamespaces(referrer, &out->rb_namespaces_);
  }
  bool operator()(const Resource& r) const {
    if (rid_->cluster) return true;
    const Index::Info& id = index_->info(&r);
    if (id.cluster || id.ens == rid_->ens) return true;
    for (const std::string& ns : rb_namespaces_)
      if (ns == id.cur.ns) return true;
    return false;
  }

 private:
  const Index* index_ = nullptr;
  const Index::Info* rid_ = nullptr;
  std::vector<std::string> rb_namespaces_;
};

// One nameref.Filter: fixes the field `spec` of `referrer` that names
// objects of kind `target`, choosing among `candidates`.
class ReferenceFixer {
 public:
  ReferenceFixer(Resource *referrer, const FieldSpec &spec,
                 const k8s::Gvk &target, const Index &index,
                 const Referable &referable)
      : referrer_(referrer),
        referrer_id_(index.info(referrer).cur),
        spec_(spec),
        target_(target),
        index_(index),
        referable_(referable) {}

  Status Run() {
    std::vector<std::string> path = SplitFieldPath(spec_.path);
    Status st = Walk(&referrer_->node, path, 0);
    if (st.ok()) return st;
    std::string id = KyamlIdString(referrer_id_);
    return Status::Error("updating name reference in '" + spec_.path +
                         "' field of '" + id + "': considering field '" +
                         spec_.path + "' of object " + id + ": " +
                         st.message());
  }

 private:
  // kustomize's fieldspec filter, without creation: sequences along the
  // path are walked element by element; the node the path ends at is set.
  Status Walk(yaml::Node *n, const std::vector<std::string> &path, size_t i) {
    if (i == path.size()) return Set(n);
    if (IsNullNode(*n)) return Status::Ok();
    if (n->IsSeq()) {
      for (yaml::Node &item : n->items()) {
        Status st = Walk(&item, path, i);
        if (!st.ok()) {
          std::vector<std::string> rest(path.begin() + i, path.end());
          return Status::Error("visit traversal on path: [" + Join(rest, " ") +
                               "]: " + st.message());
        }
      }
      return Status::Ok();
    }
    if (!n->IsMap()) return Status::Error("expected sequence or mapping node");
    std::string_view name = path[i];
    if (name.ends_with("[]")) name.remove_suffix(2);
    yaml::Node *field = n->Get(name);
    if (!field) return Status::Ok();
    return Walk(field, path, i + 1);
  }

  Status Set(yaml::Node *n) {
    if (IsNullNode(*n)) return Status::Ok();
    if (n->IsScalar()) return SetScalar(n);
    if (n->IsMap()) return SetMapping(n);
    for (yaml::Node &item : n->items()) {
      if (IsNullNode(item)) continue;
      if (item.IsScalar()) {
        FERRY_RETURN_IF_ERROR(SetScalar(&item));
      } else if (item.IsMap()) {
        FERRY_RETURN_IF_ERROR(SetMapping(&item));
      } else {
        return yaml::ErrorAt(
            item,
            "sequence element is expected to be either a string or a "
            "map of string");
      }
    }
    return Status::Ok();
  }

  Status SetScalar(yaml::Node *n) {
    const Resource *referral = nullptr;
    FERRY_RETURN_IF_ERROR(SelectReferral(
        n->value(), Sieve(index_.ByOldName(n->value()), referable_), false,
        &referral));
    if (!referral || referral->Name() == n->value()) return Status::Ok();
    n->set_value(std::string(referral->Name()));
    return Status::Ok();
  }

  Status SetMapping(yaml::Node *n) {
    yaml::Node *name = n->Get("name");
    if (!name)
      return Status::Error("path config error; no 'name' field in node");
    std::string old_name = name->value();
    Candidates candidates =
        Sieve(index_.ByOldName(old_name), referable_);
    if (const yaml::Node *ns = n->Get("namespace")) {
      // By original namespace first, else by current namespace; "first" is
      // decided over every object the referrer may name.
      auto in_ns = [&](const Resource &r, bool original) {
        k8s::ResId id = original ? r.OrgId() : index_.info(&r).cur;
        return !IsClusterScoped(id) && id.EffectiveNamespace() == ns->value();
      };
      bool any_original = false;
      for (const Resource &r : index_.all())
        if (referable_(r) && in_ns(r, true)) {
          any_original = true;
          break;
        }
      candidates = Sieve(candidates, [&](const Resource &r) {
        return in_ns(r, any_original);
      });
    }
    const Resource *referral = nullptr;
    FERRY_RETURN_IF_ERROR(
        SelectReferral(old_name, candidates, true, &referral));
    if (!referral) return Status::Ok();
    std::string new_name(referral->Name());
    std::string new_ns(referral->Namespace());
    if (new_name == old_name && new_ns.empty()) return Status::Ok();
    n->Set("name", yaml::Node::Str(new_name));
    if (new_ns.empty()) return Status::Ok();  // "" must not replace "default"
    n->Set("namespace", yaml::Node::Str(new_ns));
    return Status::Ok();
  }

  // kustomize's selectReferral.
  Status SelectReferral(std::string_view old_name, Candidates c,
                        bool compare_namespaces, const Resource **out) {
    *out = nullptr;
    c = Sieve(c, [&](const Resource &r) {
      for (const k8s::ResId &id : r.previous_ids)
        if (id.name == old_name) return true;
      return false;
    });
    c = Sieve(
        c, [&](const Resource &r) { return PreviousIdSelectedBy(r, target_); });
    if (spec_.path.ends_with("roleRef/name")) {
      const yaml::Node *role_ref = referrer_->node.Get("roleRef");
      const yaml::Node *group = role_ref ? role_ref->Get("apiGroup") : nullptr;
      const yaml::Node *kind = role_ref ? role_ref->Get("kind") : nullptr;
      if (group && kind) {
        k8s::Gvk gvk{group->value(), "", kind->value()};
        c = Sieve(
            c, [&](const Resource &r) { return PreviousIdSelectedBy(r, gvk); });
      }
    }
    if (!IsClusterScoped(referrer_id_)) {
      c = Sieve(c, [&](const Resource &r) {
        const k8s::ResId &id = index_.info(&r).cur;
        return IsClusterScoped(id) || id.gvk.kind == "ServiceAccount" ||
               IsNsEquals(referrer_id_, id);
      });
    }
    if (c.size() == 1) {
      *out = c[0];
      return Status::Ok();
    }
    std::vector<std::string> prefixes = NamePrefixes(*referrer_);
    std::vector<std::string> suffixes = NameSuffixes(*referrer_);
    c = Sieve(c, [&](const Resource &r) {
      return SameEndingSubSlice(NamePrefixes(r), prefixes) &&
             SameEndingSubSlice(NameSuffixes(r), suffixes);
    });
    if (c.empty()) return Status::Ok();
    bool identical = true;
    for (const Resource *r : c) {
      if (r->Name() != c[0]->Name() ||
          (compare_namespaces && r->Namespace() != c[0]->Namespace()))
        identical = false;
    }
    if (identical) {
      *out = c[0];
      return Status::Ok();
    }
    std::vector<std::string> ids;
    for (const Resource *r : c) ids.push_back(KyamlIdString(r->CurId()));
    return Status::Error("found multiple possible referrals: " +
                         Join(ids, ", "));
  }

  Resource *referrer_;
  k8s::ResId referrer_id_;
  const FieldSpec &spec_;
  const k8s::Gvk &target_;
  const Index &index_;
  const Referable &referable_;
};

}  // namespace

std::vector<std::string> NamePrefixes(const Resource &r) {
  return r.name_prefixes;
}

std::vector<std::string> NameSuffixes(const Resource &r) {
  return r.name_suffixes;
}

std::string KyamlIdString(const k8s::ResId &id) {
  std::string s = id.gvk.kind.empty() ? "[noKind]" : id.gvk.kind;
  s += '.';
  s += id.gvk.version.empty() ? "[noVer]" : id.gvk.version;
  s += '.';
  s += id.gvk.group.empty() ? "[noGrp]" : id.gvk.group;
  s += '/';
  s += id.name.empty() ? "[noName]" : id.name;
  s += '.';
  s += id.ns.empty() ? "[noNs]" : id.ns;
  return s;
}

Status FixNameReferences(const TransformerConfig &config, ResMap *resources) {
  // determineFilters: for each object, the (referrer spec, target) pairs
  // whose gvk selects its original id, in config order.
  struct Filter {
    const FieldSpec *spec;
    const k8s::Gvk *target;
  };
  std::vector<std::vector<Filter>> filters(resources->size());
  std::vector<k8s::ResId> org_ids;
  for (const Resource &r : *resources) org_ids.push_back(r.OrgId());
  for (const NameBackReference &nbr : config.name_reference)
    for (const FieldSpec &spec : nbr.referrers)
      for (size_t i = 0; i < resources->size(); ++i)
        if (org_ids[i].gvk.IsSelectedBy(spec.gvk))
          filters[i].push_back({&spec, &nbr.target});

  Index index(*resources);
  for (size_t i = 0; i < resources->size(); ++i) {
    if (filters[i].empty()) continue;
    Resource *referrer = &(*resources)[i];
    Referable referable;
    FERRY_RETURN_IF_ERROR(Referable::Make(*referrer, index, &referable));
    for (const Filter &f : filters[i]) {
      FERRY_RETURN_IF_ERROR(
          ReferenceFixer(referrer, *f.spec, *f.target, index, referable).Run());
    }
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
