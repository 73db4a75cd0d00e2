#include "kustomize/vars.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <variant>

#include "k8s/resource_id.h"
#include "k8s/scope.h"
#include "kustomize/field_path.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

// A var's value as kustomize's GetFieldValue returns it; monostate for a
// mapping or sequence (which the replacer refuses to substitute).
using VarValue =
    std::variant<std::monostate, std::string, long long, double, bool>;

std::string GvkString(const k8s::Gvk &g) {
  return (g.kind.empty() ? "[noKind]" : g.kind) + "." +
         (g.version.empty() ? "[noVer]" : g.version) + "." +
         (g.group.empty() ? "[noGrp]" : g.group);
}

// Go's %v of a types.Var.
std::string VarString(const VarDef &v) {
  return "{" + v.name + " " + GvkString(v.gvk) + " {" + v.field_path + "}}";
}

// kyaml's convertSliceIndex: "ports[0]" -> "ports", "0".
std::vector<std::string> ConvertSliceIndex(std::vector<std::string> parts) {
  std::vector<std::string> out;
  for (std::string &p : parts) {
    size_t open = p.rfind('[');
    bool digits =
        open != std::string::npos && p.size() > open + 2 && p.back() == ']';
    for (size_t i = open + 1; digits && i + 1 < p.size(); ++i)
      if (p[i] < '0' || p[i] > '9')
        digits = false;
    if (!digits) {
      out.push_back(std::move(p));
      continue;
    }
    if (open > 0)
      out.push_back(p.substr(0, open));
    out.push_back(p.substr(open + 1, p.size() - open - 2));
  }
  return out;
}

bool GoAtoi(const std::string &s, long long *out) {
  std::string_view v = s;
  if (!v.empty() && v[0] == '+')
    v.remove_prefix(1);
  if (v.empty() || (v.size() == 1 && v[0] == '-'))
    return false;
  auto r = std::from_chars(v.data(), v.data() + v.size(), *out);
  return r.ec == std::errc() && r.ptr == v.data() + v.size();
}

Status FieldValue(Resource *r, const VarDef &v, VarValue *out) {
  Status not_found =
      yaml::ErrorAt(v.node, "field specified in var '" + VarString(v) +
                                "' not found in corresponding resource");
  yaml::Node *n = nullptr;
  Status st = LookupKyamlPath(
      &r->node, ConvertSliceIndex(SplitKyamlPath(v.field_path)), &n);
  if (!st.ok() || !n)
    return not_found;
  if (n->IsMap() || n->IsSeq()) {
    *out = std::monostate();
    return Status::Ok();
  }
  const std::string &s = n->value();
  switch (yaml::ResolveV3(*n)) {
  case yaml::ScalarType::kString:
    *out = s;
    return Status::Ok();
  case yaml::ScalarType::kInt: {
    long long i;
    if (!GoAtoi(s, &i))
      return not_found;
    *out = i;
    return Status::Ok();
  }
  case yaml::ScalarType::kFloat: {
    char *end;
    double d = std::strtod(s.c_str(), &end);
    if (*end)
      return not_found;
    *out = d;
    return Status::Ok();
  }
  case yaml::ScalarType::kBool:
    *out = s == "true" || s == "True" || s == "TRUE";
    return Status::Ok();
  default:
    return not_found;
  }
}

// The var names and values, and whether each was used.
struct Replacer {
  std::vector<std::pair<std::string, VarValue>> values;

  // The value of `name`, or nullptr when unknown or not a primitive.
  const VarValue *Find(std::string_view name) const {
    for (const auto &[n, v] : values)
      if (n == name && !std::holds_alternative<std::monostate>(v))
        return &v;
    return nullptr;
  }
};

std::string FormatInString(const VarValue &v) {
  if (auto *s = std::get_if<std::string>(&v))
    return *s;
  if (auto *i = std::get_if<long long>(&v))
    return std::to_string(*i);
  if (auto *d = std::get_if<double>(&v))
    return yaml::FormatGoFloatG(*d);
  if (auto *b = std::get_if<bool>(&v))
    return *b ? "true" : "false";
  return "";
}

// Go's strconv.FormatFloat(f, 'f', -1, 64).
std::string FormatFixed(double d) {
  char buf[512];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

// Expands references in a string scalar, in place (refvar's DoReplacements
// followed by updateNodeValue).
void Expand(yaml::Node *n, const Replacer &rep) {
  const std::string &in = n->value();
  std::string buf;
  size_t checkpoint = 0;
  for (size_t cur = 0; cur < in.size(); ++cur) {
    if (in[cur] != '$' || cur + 1 >= in.size())
      continue;
    buf.append(in, checkpoint, cur - checkpoint);
    char next = in[cur + 1];
    size_t advance = 1;
    if (next == '$') {
      buf += '$';
    } else if (next == '(') {
      size_t close = in.find(')', cur + 2);
      if (close == std::string::npos) {
        buf += "$(";
      } else {
        std::string name = in.substr(cur + 2, close - cur - 2);
        advance = close - cur;
        const VarValue *v = rep.Find(name);
        if (cur == 0 && close + 1 == in.size()) {
          // The whole string is the reference: the value keeps its type.
          yaml::Mark m = n->mark();
          if (!v || std::holds_alternative<std::string>(*v)) {
            std::string text = v ? std::get<std::string>(*v) : in;
            if (text != in || n->tag() != "!!str")
              *n = yaml::Node::Str(text);
          } else if (auto *i = std::get_if<long long>(v)) {
            *n = yaml::Node::Plain(std::to_string(*i));
          } else if (auto *d = std::get_if<double>(v)) {
            *n = yaml::Node::Plain(FormatFixed(*d));
            n->set_tag("!!float");
          } else {
            *n = yaml::Node::Plain(std::get<bool>(*v) ? "true" : "false");
          }
          n->set_mark(m);
          return;
        }
        buf += v ? FormatInString(*v) : "$(" + name + ")";
      }
    } else {
      buf += '$';
      buf += next;
    }
    cur += advance;
    checkpoint = cur + 1;
  }
  if (checkpoint < in.size())
    buf.append(in, checkpoint, std::string::npos);
  if (buf != in) {
    yaml::Mark m = n->mark();
    *n = yaml::Node::Str(buf);
    n->set_mark(m);
  }
}

bool IsStringScalar(const yaml::Node &n) {
  return n.IsScalar() && yaml::ResolveV3(n) == yaml::ScalarType::kString;
}

bool IsNullNode(const yaml::Node &n) {
  return n.IsNull() ||
         (n.IsScalar() && yaml::ResolveV3(n) == yaml::ScalarType::kNull);
}

// refvar's set: a scalar, every value of a mapping, every item of a list.
Status SetRefs(yaml::Node *n, const Replacer &rep) {
  if (IsNullNode(*n))
    return Status::Ok();
  if (n->IsScalar()) {
    if (IsStringScalar(*n))
      Expand(n, rep);
    return Status::Ok();
  }
  if (n->IsMap()) {
    for (yaml::Pair &p : n->pairs()) {
      if (!IsStringScalar(p.key))
        return yaml::ErrorAt(p.key, "invalid map key: value='" + p.key.value() +
                                        "', tag='" + p.key.tag() + "'");
      if (IsStringScalar(p.value))
        Expand(&p.value, rep);
    }
    return Status::Ok();
  }
  for (yaml::Node &item : n->items()) {
    if (!IsStringScalar(item))
      return yaml::ErrorAt(item, "invalid value type expect a string");
    Expand(&item, rep);
  }
  return Status::Ok();
}

} // namespace

Status ParseVars(const yaml::Node &list, std::vector<VarDef> *out) {
  if (list.IsNull())
    return Status::Ok();
  if (!list.IsSeq())
    return yaml::ErrorAt(list, "vars must be a list");
  for (const yaml::Node &item : list.items()) {
    if (!item.IsMap())
      return yaml::ErrorAt(item, "a var must be a mapping");
    VarDef v;
    v.node = item;
    v.name = item.GetString("name");
    if (const yaml::Node *o = item.Get("objref"); o && o->IsMap()) {
      v.gvk.group = o->GetString("group");
      v.gvk.version = o->GetString("version");
      v.gvk.kind = o->GetString("kind");
      std::string_view api = o->GetString("apiVersion");
      if (!api.empty()) {
        size_t slash = api.find('/');
        if (slash == std::string_view::npos) {
          v.gvk.version = api;
        } else if (api.find('/', slash + 1) == std::string_view::npos) {
          v.gvk.group = api.substr(0, slash);
          v.gvk.version = api.substr(slash + 1);
        }
      }
      v.obj_name = o->GetString("name");
      v.obj_namespace = o->GetString("namespace");
    }
    if (const yaml::Node *f = item.Get("fieldref"); f && f->IsMap()) {
      std::string_view fp = f->GetString("fieldpath");
      if (fp.empty())
        fp = f->GetString("fieldPath");
      if (!fp.empty())
        v.field_path = fp;
    }
    out->push_back(std::move(v));
  }
  return Status::Ok();
}

Status ResolveVars(const std::vector<VarDef> &vars,
                   const std::vector<FieldSpec> &var_reference,
                   ResMap *resources) {
  if (vars.empty())
    return Status::Ok();
  std::vector<const VarDef *> sorted;
  for (const VarDef &v : vars)
    sorted.push_back(&v);
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const VarDef *a, const VarDef *b) { return a->name < b->name; });
  Replacer rep;
  for (const VarDef *v : sorted) {
    k8s::ResId want{v->gvk, v->obj_name, v->obj_namespace};
    bool by_ns = !want.ns.empty() || k8s::IsClusterScoped(want.gvk);
    std::vector<Resource *> matched;
    for (Resource &r : *resources) {
      std::vector<k8s::ResId> ids{r.CurId()};
      ids.insert(ids.end(), r.previous_ids.begin(), r.previous_ids.end());
      for (const k8s::ResId &id : ids) {
        if (by_ns ? want.Equals(id) : want.GvknEquals(id)) {
          matched.push_back(&r);
          break;
        }
      }
    }
    if (matched.size() > 1)
      return yaml::ErrorAt(v->node, "found " + std::to_string(matched.size()) +
                                        " resId matches for var " +
                                        VarString(*v) +
                                        " (unable to disambiguate)");
    if (matched.empty())
      return yaml::ErrorAt(v->node, "var '" + VarString(*v) +
                                        "' cannot be mapped to a field in the "
                                        "set of known resources");
    VarValue value;
    FERRY_RETURN_IF_ERROR(FieldValue(matched[0], *v, &value));
    rep.values.emplace_back(v->name, std::move(value));
  }
  for (Resource &r : *resources)
    for (const FieldSpec &fs : var_reference)
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, fs, [&](yaml::Node *n) { return SetRefs(n, rep); }));
  return Status::Ok();
}

std::string_view DefaultVarReferenceYaml() {
  static const std::string *text = [] {
    auto *s = new std::string();
    auto add = [s](std::string_view path, std::string_view kind) {
      *s += "- path: ";
      *s += path;
      *s += "\n";
      if (!kind.empty()) {
        *s += "  kind: ";
        *s += kind;
        *s += "\n";
      }
    };
    const std::pair<std::string_view, std::string_view> pods[] = {
        {"CronJob", "spec/jobTemplate/spec/template/spec/"},
        {"DaemonSet", "spec/template/spec/"},
        {"Deployment", "spec/template/spec/"},
        {"Job", "spec/template/spec/"},
        {"Pod", "spec/"},
        {"ReplicaSet", "spec/template/spec/"},
        {"StatefulSet", "spec/template/spec/"}};
    for (const auto &[kind, pod] : pods) {
      for (std::string_view c : {"containers/", "initContainers/"})
        for (std::string_view f :
             {"args", "command", "env/value", "volumeMounts/mountPath"})
          add(std::string(pod) + std::string(c) + std::string(f), kind);
      add(std::string(pod) + "volumes/nfs/server", kind);
    }
    add("spec/rules/host", "Ingress");
    add("spec/tls/hosts", "Ingress");
    add("spec/tls/secretName", "Ingress");
    add("spec/ports/port", "Service");
    add("spec/ports/targetPort", "Service");
    add("spec/volumeClaimTemplates/spec/nfs/server", "StatefulSet");
    add("spec/nfs/server", "PersistentVolume");
    add("metadata/labels", "");
    add("metadata/annotations", "");
    return s;
  }();
  return *text;
}

} // namespace ferry::kustomize
