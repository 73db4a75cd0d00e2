#include "kustomize/replacement.h"

#include <charconv>
#include <string>
#include <vector>

#include "k8s/resource_id.h"
#include "kustomize/field_path.h"
#include "kustomize/selector.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

constexpr std::string_view kDefaultFieldPath = "metadata.name";

// kustomize's FieldOptions.
struct FieldOptions {
  std::string delimiter;
  long long index = 0;
  bool create = false;
};

// kustomize's Selector: a ResId plus label and annotation selectors.
struct ObjectSelector {
  k8s::ResId id;
  std::string label_selector;
  std::string annotation_selector;
  bool IdEmpty() const {
    return id.name.empty() && id.ns.empty() && id.gvk.group.empty() &&
           id.gvk.version.empty() && id.gvk.kind.empty();
  }
};

struct Target {
  ObjectSelector select;
  std::vector<ObjectSelector> reject;
  std::vector<std::string> field_paths;
  FieldOptions options;
};

// kyaml's Gvk.String(): "Kind.version.group" with [noKind], [noVer], [noGrp].
std::string GvkString(const k8s::Gvk &g) {
  return (g.kind.empty() ? "[noKind]" : g.kind) + "." +
         (g.version.empty() ? "[noVer]" : g.version) + "." +
         (g.group.empty() ? "[noGrp]" : g.group);
}

// kyaml's ResId.String(): "<gvk>/name.namespace".
std::string ResIdString(const k8s::ResId &id) {
  return GvkString(id.gvk) + "/" + (id.name.empty() ? "[noName]" : id.name) +
         "." + (id.ns.empty() ? "[noNs]" : id.ns);
}

bool ParseBool(const yaml::Node &n) {
  const std::string &v = n.value();
  return v == "true" || v == "True" || v == "TRUE";
}

Status ParseOptions(const yaml::Node *n, FieldOptions *out) {
  if (!n || !n->IsMap())
    return Status::Ok();
  out->delimiter = n->GetString("delimiter");
  if (const yaml::Node *i = n->Get("index"); i && !i->value().empty()) {
    int64_t v;
    if (!yaml::ParseGoInt(i->value(), &v))
      return yaml::ErrorAt(*i, "options.index must be an integer");
    out->index = v;
  }
  if (const yaml::Node *c = n->Get("create"))
    out->create = ParseBool(*c);
  return Status::Ok();
}

void ParseResId(const yaml::Node &n, k8s::ResId *id) {
  id->gvk.group = n.GetString("group");
  id->gvk.version = n.GetString("version");
  id->gvk.kind = n.GetString("kind");
  id->name = n.GetString("name");
  id->ns = n.GetString("namespace");
}

void ParseSelector(const yaml::Node &n, ObjectSelector *s) {
  ParseResId(n, &s->id);
  s->label_selector = n.GetString("labelSelector");
  s->annotation_selector = n.GetString("annotationSelector");
}

// Every id an object is known by: its current one, then its previous ones.
std::vector<k8s::ResId> AllIds(const Resource &r) {
  std::vector<k8s::ResId> ids{r.CurId()};
  ids.insert(ids.end(), r.previous_ids.begin(), r.previous_ids.end());
  return ids;
}

Status MatchesMeta(const Resource &r, const std::string &expr,
                   std::string_view field, bool *ok) {
  *ok = true;
  if (expr.empty())
    return Status::Ok();
  std::vector<std::vector<std::string>> reqs;
  FERRY_RETURN_IF_ERROR(ParseLabelSelector(expr, &reqs));
  *ok = MatchesLabelSelector(reqs, r.node.GetPath({"metadata", field}));
  return Status::Ok();
}

Status MatchesAnnoAndLabel(const Resource &r, const ObjectSelector &s,
                           bool *ok) {
  bool anno, label;
  FERRY_RETURN_IF_ERROR(
      MatchesMeta(r, s.annotation_selector, "annotations", &anno));
  FERRY_RETURN_IF_ERROR(MatchesMeta(r, s.label_selector, "labels", &label));
  *ok = anno && label;
  return Status::Ok();
}

// kustomize's selectByAnnoAndLabel: the select's selectors hold and no
// reject's selectors do.
Status SelectedByAnnoAndLabel(const Resource &r, const Target &t, bool *ok) {
  FERRY_RETURN_IF_ERROR(MatchesAnnoAndLabel(r, t.select, ok));
  if (!*ok)
    return Status::Ok();
  for (const ObjectSelector &rej : t.reject) {
    if (rej.label_selector.empty() && rej.annotation_selector.empty())
      continue;
    bool m;
    FERRY_RETURN_IF_ERROR(MatchesAnnoAndLabel(r, rej, &m));
    if (m) {
      *ok = false;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// kustomize's containsRejectId: a reject matching any of the object's ids
// (current or previous) rejects it.
bool Rejected(const std::vector<ObjectSelector> &rejects,
              const std::vector<k8s::ResId> &ids) {
  for (const ObjectSelector &r : rejects)
    if (!r.IdEmpty())
      for (const k8s::ResId &id : ids)
        if (id.IsSelectedBy(r.id))
          return true;
  return false;
}

std::vector<std::string> Split(const std::string &s, const std::string &d) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(d, start);
    if (p == std::string::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + d.size();
  }
}

std::string Join(const std::vector<std::string> &v, const std::string &d) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i)
      out += d;
    out += v[i];
  }
  return out;
}

bool IsNullOrEmpty(const yaml::Node &n) {
  if (n.IsNull())
    return true;
  if (n.IsMap() || n.IsSeq())
    return n.size() == 0;
  return yaml::ResolveV3(n) == yaml::ScalarType::kNull &&
         !(n.style() == yaml::Style::kAny && n.tag().empty());
}

const char *TagName(yaml::ScalarType t) {
  switch (t) {
  case yaml::ScalarType::kNull:
    return "!!null";
  case yaml::ScalarType::kBool:
    return "!!bool";
  case yaml::ScalarType::kInt:
    return "!!int";
  case yaml::ScalarType::kFloat:
    return "!!float";
  case yaml::ScalarType::kTimestamp:
    return "!!timestamp";
  case yaml::ScalarType::kString:
    return "!!str";
  }
  return "!!str";
}

// Gives a scalar target new text, keeping its type as kyaml does (it copies
// only the value; the node's tag stays, and a text that does not fit it fails
// when kustomize decodes the object).
Status SetScalarText(yaml::Node *t, const std::string &text) {
  if (t->style() == yaml::Style::kAny && t->tag().empty()) {
    // Created by the path walk: no type of its own yet.
    t->set_value(text);
    t->set_style(yaml::Style::kPlain);
    return Status::Ok();
  }
  yaml::ScalarType tt = yaml::ResolveV3(*t);
  if (tt == yaml::ScalarType::kString || tt == yaml::ScalarType::kTimestamp) {
    t->set_value(text);
    if (yaml::ResolveV3(*t) != tt)
      t->set_tag("!!str");
    return Status::Ok();
  }
  yaml::ScalarType vt = yaml::ResolveV3(yaml::Node::Plain(text));
  bool fits = vt == tt ||
              (tt == yaml::ScalarType::kFloat && vt == yaml::ScalarType::kInt);
  if (!fits)
    return yaml::ErrorAt(*t, std::string("map[string]interface {}(nil): yaml: "
                                         "cannot decode ") +
                                 TagName(vt) + " `" + text + "` as a " +
                                 TagName(tt));
  yaml::Mark m = t->mark();
  t->set_value(text);
  t->set_mark(m);
  return Status::Ok();
}

// kustomize's setFieldValue.
Status SetFieldValue(const FieldOptions &opts, yaml::Node *target,
                     yaml::Node value) {
  if (!opts.delimiter.empty()) {
    if (!target->IsScalar())
      return yaml::ErrorAt(*target,
                           "delimiter option can only be used with scalar "
                           "nodes");
    std::vector<std::string> tv = Split(target->value(), opts.delimiter);
    const std::string &v = value.value();
    if (opts.index < 0)
      tv.insert(tv.begin(), v);
    else if (opts.index >= static_cast<long long>(tv.size()))
      tv.push_back(v);
    else
      tv[opts.index] = v;
    value = yaml::Node::Plain(Join(tv, opts.delimiter));
  }
  // A written null ("key:") keeps its !!null type, as a scalar does.
  if (target->IsScalar() ||
      (target->IsNull() && target->style() == yaml::Style::kPlain))
    return SetScalarText(target, value.value());
  *target = std::move(value);
  return Status::Ok();
}

// kustomize's getRefinedValue: the delimited part of a source value.
Status RefineValue(const FieldOptions &opts, const yaml::Node &rn,
                   yaml::Node *out) {
  *out = rn;
  if (opts.delimiter.empty())
    return Status::Ok();
  if (!rn.IsScalar())
    return yaml::ErrorAt(rn,
                         "delimiter option can only be used with scalar nodes");
  std::vector<std::string> parts = Split(rn.value(), opts.delimiter);
  if (opts.index >= static_cast<long long>(parts.size()) || opts.index < 0)
    return yaml::ErrorAt(rn, "options.index " + std::to_string(opts.index) +
                                 " is out of bounds for value " + rn.value());
  out->set_value(parts[opts.index]);
  return Status::Ok();
}

Status GetReplacementValue(const yaml::Node &source, ResMap *resources,
                           yaml::Node *value) {
  k8s::ResId sel;
  ParseResId(source, &sel);
  std::string field_path(source.GetString("fieldPath"));
  std::string sel_str = ResIdString(sel);
  if (!field_path.empty())
    sel_str += ":" + field_path;
  Resource *found = nullptr;
  for (Resource &r : *resources) {
    for (const k8s::ResId &id : AllIds(r)) {
      if (!id.IsSelectedBy(sel))
        continue;
      if (found)
        return yaml::ErrorAt(source,
                             "multiple matches for selector " + sel_str);
      found = &r;
      break;
    }
  }
  if (!found)
    return yaml::ErrorAt(source, "nothing selected by " + sel_str);
  if (field_path.empty())
    field_path = kDefaultFieldPath;
  yaml::Node *rn = nullptr;
  Status st = LookupKyamlPath(&found->node, SplitKyamlPath(field_path), &rn);
  if (!st.ok())
    return yaml::ErrorAt(source, "error looking up replacement source: " +
                                     st.message());
  if (!rn || IsNullOrEmpty(*rn))
    return yaml::ErrorAt(source, "fieldPath `" + field_path +
                                     "` is missing for replacement source " +
                                     ResIdString(sel));
  FieldOptions opts;
  FERRY_RETURN_IF_ERROR(ParseOptions(source.Get("options"), &opts));
  return RefineValue(opts, *rn, value);
}

Status ParseTarget(const yaml::Node &n, Target *t) {
  if (!n.IsMap())
    return yaml::ErrorAt(n, "a replacement target must be a mapping");
  const yaml::Node *select = n.Get("select");
  if (!select || select->IsNull() ||
      (select->IsScalar() &&
       yaml::ResolveV3(*select) == yaml::ScalarType::kNull))
    return yaml::ErrorAt(n, "target must specify resources to select");
  ParseSelector(*select, &t->select);
  if (const yaml::Node *rej = n.Get("reject"); rej && rej->IsSeq()) {
    for (const yaml::Node &r : rej->items()) {
      ObjectSelector s;
      ParseSelector(r, &s);
      t->reject.push_back(std::move(s));
    }
  }
  if (const yaml::Node *fps = n.Get("fieldPaths"); fps && fps->IsSeq())
    for (const yaml::Node &fp : fps->items())
      t->field_paths.push_back(fp.value());
  if (t->field_paths.empty())
    t->field_paths.emplace_back(kDefaultFieldPath);
  return ParseOptions(n.Get("options"), &t->options);
}

// kustomize's copyValueToTarget.
Status CopyValueToTarget(Resource *r, const yaml::Node &value, const Target &t,
                         const yaml::Node &target_node) {
  for (const std::string &fp : t.field_paths) {
    bool create = t.options.create;
    std::string what = std::string(create ? "unable to find or create field"
                                          : "unable to find field") +
                       " \"" + fp + "\" in replacement target";
    int matched = 0;
    Status st = MatchKyamlPath(
        &r->node, SplitKyamlPath(fp), create, value.kind(),
        [&](yaml::Node *f) { return SetFieldValue(t.options, f, value); },
        &matched);
    if (!st.ok()) {
      // Errors from setting a value stand alone; path errors get the prefix.
      if (st.message().find("cannot decode") != std::string::npos ||
          st.message().find("delimiter option") != std::string::npos)
        return st;
      return yaml::ErrorAt(target_node, what + ": " + st.message());
    }
    if (matched == 0)
      return yaml::ErrorAt(target_node, what);
  }
  return Status::Ok();
}

Status ApplyOne(const yaml::Node &rep, ResMap *resources) {
  const yaml::Node *source = rep.IsMap() ? rep.Get("source") : nullptr;
  const yaml::Node *targets = rep.IsMap() ? rep.Get("targets") : nullptr;
  if (!source || !source->IsMap() || !targets || !targets->IsSeq())
    return yaml::ErrorAt(
        rep, "replacements must specify a source and at least one target");
  yaml::Node value;
  FERRY_RETURN_IF_ERROR(GetReplacementValue(*source, resources, &value));
  for (const yaml::Node &tn : targets->items()) {
    Target t;
    FERRY_RETURN_IF_ERROR(ParseTarget(tn, &t));
    for (Resource &r : *resources) {
      bool ok;
      FERRY_RETURN_IF_ERROR(SelectedByAnnoAndLabel(r, t, &ok));
      if (!ok)
        continue;
      std::vector<k8s::ResId> ids = AllIds(r);
      for (const k8s::ResId &id : ids) {
        if (id.IsSelectedBy(t.select.id) && !Rejected(t.reject, ids)) {
          FERRY_RETURN_IF_ERROR(CopyValueToTarget(&r, value, t, tn));
          break;
        }
      }
    }
  }
  return Status::Ok();
}

} // namespace

Status ApplyReplacements(const yaml::Node &replacements, ResMap *resources) {
  if (replacements.IsNull())
    return Status::Ok();
  if (!replacements.IsSeq())
    return yaml::ErrorAt(replacements, "replacements must be a list");
  for (const yaml::Node &rep : replacements.items())
    FERRY_RETURN_IF_ERROR(ApplyOne(rep, resources));
  return Status::Ok();
}

} // namespace ferry::kustomize
