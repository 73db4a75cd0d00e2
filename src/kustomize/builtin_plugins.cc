// The built-in plugins of kustomize v5.5, configured by plugin config
// objects, after api/internal/builtins/*.go. The work is done by the same
// code as the kustomization fields that configure these plugins; this file
// reads the plugin structs.
#include "kustomize/builtin_plugins.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <utility>

#include "kustomize/build.h"
#include "kustomize/generator.h"
#include "kustomize/hash.h"
#include "kustomize/patch_transformer.h"
#include "kustomize/replacement.h"
#include "kustomize/selector.h"
#include "kustomize/transformers.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

constexpr std::string_view kGenerators[] = {
    "ConfigMapGenerator", "SecretGenerator", "IAMPolicyGenerator",
    "HelmChartInflationGenerator"};
constexpr std::string_view kTransformers[] = {
    "AnnotationsTransformer",       "HashTransformer",
    "ImageTagTransformer",          "LabelTransformer",
    "NamespaceTransformer",         "PatchJson6902Transformer",
    "PatchStrategicMergeTransformer", "PatchTransformer",
    "PrefixSuffixTransformer",      "PrefixTransformer",
    "SuffixTransformer",            "ReplacementTransformer",
    "ReplicaCountTransformer",      "ValueAddTransformer"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

bool EqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// A field of a plugin struct as encoding/json finds it: the last key that
// equals the field name without regard to case.
const yaml::Node* Field(const yaml::Node& m, std::string_view name) {
  if (!m.IsMap()) return nullptr;
  const yaml::Node* found = nullptr;
  for (const yaml::Pair& p : m.pairs())
    if (EqualFold(p.key.value(), name)) found = &p.value;
  return found && !found->IsNull() ? found : nullptr;
}

// The fields `names` of `m` under their canonical spelling (others dropped).
yaml::Node Canonical(const yaml::Node& m,
                     std::initializer_list<std::string_view> names) {
  yaml::Node out = yaml::Node::Map();
  out.set_mark(m.mark());
  for (std::string_view n : names)
    if (const yaml::Node* v = Field(m, n)) out.Set(n, *v);
  return out;
}

std::string String(const yaml::Node& m, std::string_view name) {
  const yaml::Node* n = Field(m, name);
  return n && n->IsScalar() ? n->value() : std::string();
}

Status StringField(const yaml::Node& m, std::string_view name,
                   std::string* out) {
  const yaml::Node* n = Field(m, name);
  if (!n) return Status::Ok();
  // sigs.k8s.io/yaml turns a number or boolean into the string a string
  // field expects.
  if (!n->IsScalar())
    return yaml::ErrorAt(*n, "json: cannot unmarshal object into Go field '" +
                                 std::string(name) + "' of type string");
  *out = n->value();
  return Status::Ok();
}

Status BoolField(const yaml::Node& m, std::string_view name, bool* out) {
  const yaml::Node* n = Field(m, name);
  if (!n) return Status::Ok();
  std::string_view v = n->value();
  if (n->IsScalar() && n->style() == yaml::Style::kPlain &&
      (v == "true" || v == "True" || v == "TRUE" || v == "false" ||
       v == "False" || v == "FALSE")) {
    *out = v[0] == 't' || v[0] == 'T';
    return Status::Ok();
  }
  return yaml::ErrorAt(*n, "json: cannot unmarshal into Go field '" +
                               std::string(name) + "' of type bool");
}

Status IntField(const yaml::Node& m, std::string_view name, int64_t* out) {
  const yaml::Node* n = Field(m, name);
  if (!n) return Status::Ok();
  if (!n->IsScalar() || n->style() != yaml::Style::kPlain ||
      !yaml::ParseGoInt(n->value(), out))
    return yaml::ErrorAt(*n, "json: cannot unmarshal into Go field '" +
                                 std::string(name) + "' of type int");
  return Status::Ok();
}

// A map[string]string field, in key order (how kustomize applies it).
Status StringMapField(const yaml::Node& m, std::string_view name,
                      std::vector<std::pair<std::string, std::string>>* out) {
  const yaml::Node* n = Field(m, name);
  if (!n) return Status::Ok();
  if (!n->IsMap())
    return yaml::ErrorAt(*n, "field '" + std::string(name) +
                                 "' must be a map of strings");
  for (const yaml::Pair& p : n->pairs()) {
    std::string v;
    if (!p.value.IsNull()) {
      if (!p.value.IsScalar())
        return yaml::ErrorAt(p.value, "json: cannot unmarshal value of '" +
                                          p.key.value() + "' in field '" +
                                          std::string(name) +
                                          "' into a string (quote it)");
      v = p.value.value();
    }
    // A later key replaces an earlier one, as in a Go map.
    auto it = std::find_if(out->begin(), out->end(),
                           [&](const auto& e) { return e.first == p.key.value(); });
    if (it != out->end()) it->second = v;
    else out->emplace_back(p.key.value(), v);
  }
  std::sort(out->begin(), out->end());
  return Status::Ok();
}

// The fieldSpecs field, entries read case-insensitively.
Status FieldSpecsField(const yaml::Node& m, std::vector<FieldSpec>* out,
                       bool* present = nullptr) {
  const yaml::Node* n = Field(m, "fieldSpecs");
  if (present) *present = n != nullptr;
  if (!n) return Status::Ok();
  if (!n->IsSeq()) return yaml::ErrorAt(*n, "fieldSpecs must be a list");
  yaml::Node list = yaml::Node::Seq();
  for (const yaml::Node& item : n->items()) {
    if (!item.IsMap()) return yaml::ErrorAt(item, "expected a fieldSpec mapping");
    yaml::Node c = Canonical(item, {"group", "version", "kind", "path", "create"});
    c.set_mark(item.mark());
    list.Append(std::move(c));
  }
  return ParseFieldSpecs(list, out);
}

// The `metadata` of a plugin config, its name and namespace.
std::string MetaString(const yaml::Node& config, std::string_view name) {
  const yaml::Node* md = Field(config, "metadata");
  return md ? String(*md, name) : std::string();
}

Status ConfigMapOrSecret(const yaml::Node& config, GeneratorKind kind,
                         const Loader& loader, ResMap* out) {
  yaml::Node args = Canonical(
      config, {"name", "namespace", "behavior", "literals", "files", "envs",
               "env", "options", "type"});
  if (kind == GeneratorKind::kConfigMap) args.Remove("type");
  args.set_mark(config.mark());
  if (args.GetString("name").empty()) {
    std::string name = MetaString(config, "name");
    if (!name.empty()) args.Set("name", yaml::Node::Str(name));
  }
  if (args.GetString("namespace").empty()) {
    std::string ns = MetaString(config, "namespace");
    if (!ns.empty()) args.Set("namespace", yaml::Node::Str(ns));
  }
  if (yaml::Node* o = args.Get("options"); o && o->IsMap())
    *o = Canonical(*o, {"labels", "annotations", "disableNameSuffixHash",
                        "immutable"});
  Resource r;
  FERRY_RETURN_IF_ERROR(Generate(kind, args, nullptr, loader, &r));
  r.origin_generator = kind == GeneratorKind::kConfigMap ? "ConfigMapGenerator"
                                                         : "SecretGenerator";
  out->push_back(std::move(r));
  return Status::Ok();
}

// IAMPolicyGenerator: a GKE workload-identity ServiceAccount.
Status IamPolicy(const yaml::Node& config, ResMap* out) {
  std::string cloud;
  FERRY_RETURN_IF_ERROR(StringField(config, "cloud", &cloud));
  if (cloud != "gke")
    return yaml::ErrorAt(config, "cloud provider " + cloud +
                                     " not supported yet");
  std::string ksa, ns, gsa, project;
  if (const yaml::Node* k = Field(config, "kubernetesService")) {
    FERRY_RETURN_IF_ERROR(StringField(*k, "name", &ksa));
    FERRY_RETURN_IF_ERROR(StringField(*k, "namespace", &ns));
  }
  if (const yaml::Node* s = Field(config, "serviceAccount")) {
    FERRY_RETURN_IF_ERROR(StringField(*s, "name", &gsa));
    FERRY_RETURN_IF_ERROR(StringField(*s, "projectId", &project));
  }
  std::string text = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n"
                     "  annotations:\n    iam.gke.io/gcp-service-account: " +
                     gsa + "@" + project + ".iam.gserviceaccount.com\n"
                     "  name: " + ksa + "\n";
  if (!ns.empty()) text += "  namespace: " + ns + "\n";
  yaml::Node doc;
  FERRY_RETURN_IF_ERROR(yaml::ParseDocument(text, "IAMPolicyGenerator", &doc));
  Resource r;
  r.node = std::move(doc);
  r.origin_generator = "IAMPolicyGenerator";
  out->push_back(std::move(r));
  return Status::Ok();
}

Status PrefixOrSuffix(const yaml::Node& config, bool prefix, bool suffix,
                      ResMap* m) {
  std::vector<FieldSpec> specs;
  bool present = false;
  FERRY_RETURN_IF_ERROR(FieldSpecsField(config, &specs, &present));
  if (!present)
    return yaml::ErrorAt(config, "fieldSpecs is not expected to be nil");
  std::string p, s;
  FERRY_RETURN_IF_ERROR(StringField(config, "prefix", &p));
  FERRY_RETURN_IF_ERROR(StringField(config, "suffix", &s));
  if (prefix) FERRY_RETURN_IF_ERROR(TransformPrefixSuffix(p, "", specs, m));
  if (suffix) FERRY_RETURN_IF_ERROR(TransformPrefixSuffix("", s, specs, m));
  return Status::Ok();
}

Status MapEntries(const yaml::Node& config, std::string_view field,
                  ResMap* m) {
  std::vector<std::pair<std::string, std::string>> entries;
  FERRY_RETURN_IF_ERROR(StringMapField(config, field, &entries));
  std::vector<FieldSpec> specs;
  FERRY_RETURN_IF_ERROR(FieldSpecsField(config, &specs));
  return TransformMapEntries(entries, specs, m);
}

Status Namespace(const yaml::Node& config, ResMap* m) {
  std::string ns = MetaString(config, "namespace");
  std::vector<FieldSpec> specs;
  FERRY_RETURN_IF_ERROR(FieldSpecsField(config, &specs));
  NamespaceOptions opts;
  FERRY_RETURN_IF_ERROR(BoolField(config, "unsetOnly", &opts.unset_only));
  std::string mode;
  FERRY_RETURN_IF_ERROR(StringField(config, "setRoleBindingSubjects", &mode));
  if (mode == "allServiceAccounts") {
    opts.subjects = NamespaceOptions::Subjects::kAllServiceAccounts;
  } else if (mode == "none") {
    opts.subjects = NamespaceOptions::Subjects::kNone;
  } else if (!mode.empty() && mode != "defaultOnly") {
    return yaml::ErrorAt(*Field(config, "setRoleBindingSubjects"),
                         "invalid value \"" + mode +
                             "\" for setRoleBindingSubjects: must be one of "
                             "\"defaultOnly\", \"none\" or "
                             "\"allServiceAccounts\"");
  }
  return TransformNamespace(ns, specs, m, opts);
}

Status Images(const yaml::Node& config, ResMap* m) {
  ImageRule rule;
  if (const yaml::Node* t = Field(config, "imageTag")) {
    FERRY_RETURN_IF_ERROR(StringField(*t, "name", &rule.name));
    FERRY_RETURN_IF_ERROR(StringField(*t, "newName", &rule.new_name));
    FERRY_RETURN_IF_ERROR(StringField(*t, "newTag", &rule.new_tag));
    FERRY_RETURN_IF_ERROR(StringField(*t, "digest", &rule.digest));
  }
  std::vector<FieldSpec> specs;
  FERRY_RETURN_IF_ERROR(FieldSpecsField(config, &specs));
  return TransformImages(rule, specs, m);
}

Status Replicas(const yaml::Node& config, ResMap* m) {
  std::string name;
  int64_t count = 0;
  const yaml::Node* replica = Field(config, "replica");
  if (replica) {
    FERRY_RETURN_IF_ERROR(StringField(*replica, "name", &name));
    FERRY_RETURN_IF_ERROR(IntField(*replica, "count", &count));
  }
  std::vector<FieldSpec> specs;
  FERRY_RETURN_IF_ERROR(FieldSpecsField(config, &specs));
  return TransformReplicas(name, count, replica ? *replica : config, specs, m);
}

Status StrategicMergePlugin(const yaml::Node& config, const Loader& loader,
                            ResMap* m) {
  const yaml::Node* paths = Field(config, "paths");
  const yaml::Node* patches = Field(config, "patches");
  if ((!paths || (paths->IsSeq() && paths->items().empty())) &&
      (!patches || patches->value().empty()))
    return yaml::ErrorAt(config, "empty file path and empty patch content");
  size_t loaded = 0;
  if (paths) {
    if (!paths->IsSeq()) return yaml::ErrorAt(*paths, "paths must be a list");
    for (const yaml::Node& p : paths->items())
      FERRY_RETURN_IF_ERROR(ApplyLegacyStrategicMerge(p, loader, m, &loaded));
  }
  if (patches)
    FERRY_RETURN_IF_ERROR(
        ApplyLegacyStrategicMerge(*patches, loader, m, &loaded));
  if (loaded == 0) return yaml::ErrorAt(config, "patch appears to be empty");
  return Status::Ok();
}

Status Json6902Plugin(const yaml::Node& config, const Loader& loader,
                      ResMap* m, std::vector<BuildNote>* notes) {
  yaml::Node entry = Canonical(config, {"target", "path", "jsonOp"});
  entry.set_mark(config.mark());
  const yaml::Node* target = entry.Get("target");
  if (!target || !target->IsMap() ||
      String(*target, "name").empty())
    return yaml::ErrorAt(config, "must specify the target name");
  entry.Set("target", Canonical(*target, {"group", "version", "kind", "name",
                                          "namespace", "labelSelector",
                                          "annotationSelector"}));
  if (yaml::Node* op = entry.Get("jsonOp")) {
    yaml::Node v = *op;
    entry.Remove("jsonOp");
    entry.Set("patch", std::move(v));
  }
  return ApplyLegacyJson6902(entry, loader, m, notes);
}

Status PatchPlugin(const yaml::Node& config, const Loader& loader, ResMap* m,
                   std::vector<BuildNote>* notes) {
  yaml::Node entry = Canonical(config, {"path", "patch", "target", "options"});
  entry.set_mark(config.mark());
  if (yaml::Node* t = entry.Get("target"); t && t->IsMap())
    *t = Canonical(*t, {"group", "version", "kind", "name", "namespace",
                        "labelSelector", "annotationSelector"});
  return ApplyPatchEntry(entry, loader, m, notes);
}

Status ReplacementPlugin(const yaml::Node& config, const Loader& loader,
                         ResMap* m) {
  const yaml::Node* list = Field(config, "replacements");
  if (!list) return Status::Ok();
  if (!list->IsSeq())
    return yaml::ErrorAt(*list, "replacements must be a list");
  for (const yaml::Node& e : list->items())
    if (e.IsMap() && e.Get("path") && (e.Get("source") || e.Get("targets")))
      return yaml::ErrorAt(e, "cannot specify both path and inline replacement");
  yaml::Node all = yaml::Node::Seq();
  FERRY_RETURN_IF_ERROR(ExpandReplacementPaths(*list, loader, &all));
  return ApplyReplacements(all, m);
}

// kyaml's filesys.InsertPathPart.
std::string InsertPathPart(const std::string& path, int64_t pos,
                           const std::string& part) {
  if (part.empty()) return path;
  std::vector<std::string> parts;
  if (!path.empty()) {
    bool abs = path[0] == '/';
    if (abs) parts.push_back("");
    size_t start = abs ? 1 : 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string seg = path.substr(start, end - start);
      if (!seg.empty()) parts.push_back(seg);
      start = end + 1;
    }
  }
  if (pos < 0) pos = 0;
  if (pos > static_cast<int64_t>(parts.size())) pos = parts.size();
  if (!parts.empty() && parts[0].empty() &&
      pos < static_cast<int64_t>(parts.size()))
    ++pos;
  parts.insert(parts.begin() + pos, part);
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i == 0 && parts[0].empty()) {
      out = "/";
      continue;
    }
    if (!out.empty() && out.back() != '/') out.push_back('/');
    out += parts[i];
  }
  return out;
}

Status ValueAdd(const yaml::Node& config, const Loader& loader, ResMap* m) {
  std::string value;
  FERRY_RETURN_IF_ERROR(StringField(config, "value", &value));
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
    value.pop_back();
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value[0])))
    value.erase(0, 1);
  if (value.empty()) {
    const std::string& dir = loader.dir();
    value = dir.substr(dir.find_last_of('/') + 1);
  }
  std::vector<yaml::Node> targets;
  if (const yaml::Node* t = Field(config, "targets"); t && t->IsSeq())
    targets = t->items();
  std::string file;
  FERRY_RETURN_IF_ERROR(StringField(config, "targetFilePath", &file));
  if (!file.empty()) {
    std::string text, abs;
    Status st = loader.ReadFile(file, &text, &abs);
    if (!st.ok()) return yaml::ErrorAt(*Field(config, "targetFilePath"), st.message());
    yaml::Node doc;
    FERRY_RETURN_IF_ERROR(yaml::ParseDocument(text, loader.Relative(abs), &doc));
    if (const yaml::Node* t = Field(doc, "targets"); t && t->IsSeq())
      for (const yaml::Node& x : t->items()) targets.push_back(x);
  }
  if (targets.empty())
    return yaml::ErrorAt(config, "must specify at least one target");
  for (const yaml::Node& t : targets) {
    std::string path;
    FERRY_RETURN_IF_ERROR(StringField(t, "fieldPath", &path));
    if (path.empty()) return yaml::ErrorAt(t, "fieldPath cannot be empty");
    int64_t pos = 0;
    FERRY_RETURN_IF_ERROR(IntField(t, "filePathPosition", &pos));
    if (pos < 0)
      return yaml::ErrorAt(t, "value of target.filePathPosition (" +
                                  std::to_string(pos) + ") cannot be negative");
  }
  for (const yaml::Node& t : targets) {
    std::vector<size_t> selected;
    if (const yaml::Node* s = Field(t, "selector")) {
      Selector sel;
      FERRY_RETURN_IF_ERROR(Selector::Parse(
          Canonical(*s, {"group", "version", "kind", "name", "namespace",
                         "labelSelector", "annotationSelector"}),
          &sel));
      selected = sel.Select(*m);
    } else {
      for (size_t i = 0; i < m->size(); ++i) selected.push_back(i);
    }
    std::string path = String(t, "fieldPath");
    int64_t pos = 0;
    (void)IntField(t, "filePathPosition", &pos);
    for (size_t i : selected) {
      Resource& r = (*m)[i];
      if (path == "metadata/namespace") {
        ResMap one;
        one.push_back(std::move(r));
        Status st = TransformNamespace(value, {}, &one);
        r = std::move(one[0]);
        FERRY_RETURN_IF_ERROR(st);
        continue;
      }
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, FieldSpec{{}, path, true},
          [&](yaml::Node* n) {
            if (!n->IsScalar() && !n->IsNull())
              return yaml::ErrorAt(*n, "wrong node kind: expected ScalarNode");
            std::string v = pos > 0 ? InsertPathPart(n->value(), pos - 1, value)
                                    : value;
            yaml::Mark mark = n->mark();
            *n = yaml::Node::Str(v);
            n->set_mark(mark);
            return Status::Ok();
          },
          yaml::Kind::kScalar));
    }
  }
  return Status::Ok();
}

// HashTransformer: the content-hash suffix, now rather than at the end.
Status Hash(ResMap* m) {
  for (Resource& r : *m) {
    if (!r.needs_hash) continue;
    r.StorePreviousId();
    r.SetName(std::string(r.Name()) + "-" + ContentHash(r.node));
  }
  return Status::Ok();
}

}  // namespace

Status RunTransformer(const yaml::Node& config, const Loader& loader,
                      ResMap* m, std::vector<BuildNote>* notes);

Status CheckBuiltinPlugin(const yaml::Node& config, bool generator) {
  std::string api(config.GetString("apiVersion"));
  std::string kind(config.GetString("kind"));
  if (api != "builtin")
    return yaml::ErrorAt(
        config, "external plugins disabled; unable to load external plugin '" +
                    kind + "' (ferry runs only kustomize's built-in plugins, "
                    "apiVersion: builtin; exec, Go, container and "
                    "KRM-function plugins are refused, as kubectl does "
                    "without --enable-alpha-plugins)");
  bool is_gen = In(kGenerators, kind);
  bool is_tr = In(kTransformers, kind);
  if (!is_gen && !is_tr)
    return yaml::ErrorAt(config, "unable to load builtin " + kind +
                                     ".builtin.[noGrp]");
  if (generator && !is_gen)
    return yaml::ErrorAt(config, "plugin " + kind +
                                     ".builtin.[noGrp] not a generator");
  if (!generator && !is_tr)
    return yaml::ErrorAt(config, "plugin " + kind +
                                     ".builtin.[noGrp] not a transformer");
  return Status::Ok();
}

Status RunBuiltinGenerator(const yaml::Node& config, const Loader& loader,
                           ResMap* out) {
  FERRY_RETURN_IF_ERROR(CheckBuiltinPlugin(config, true));
  std::string kind(config.GetString("kind"));
  if (kind == "ConfigMapGenerator")
    return ConfigMapOrSecret(config, GeneratorKind::kConfigMap, loader, out);
  if (kind == "SecretGenerator")
    return ConfigMapOrSecret(config, GeneratorKind::kSecret, loader, out);
  if (kind == "IAMPolicyGenerator") return IamPolicy(config, out);
  return yaml::ErrorAt(config, "HelmChartInflationGenerator needs helm "
                               "(kubectl kustomize --enable-helm); ferry does "
                               "not run helm");
}

Status RunBuiltinTransformer(const yaml::Node& config, const Loader& loader,
                             ResMap* m, std::vector<BuildNote>* notes) {
  Status st = RunTransformer(config, loader, m, notes);
  // An error that names no place names the plugin config.
  if (!st.ok() && st.message().find(": error: ") == std::string::npos)
    return yaml::ErrorAt(config, st.message());
  return st;
}

Status RunTransformer(const yaml::Node& config, const Loader& loader,
                      ResMap* m, std::vector<BuildNote>* notes) {
  FERRY_RETURN_IF_ERROR(CheckBuiltinPlugin(config, false));
  std::string kind(config.GetString("kind"));
  if (kind == "PrefixSuffixTransformer")
    return PrefixOrSuffix(config, true, true, m);
  if (kind == "PrefixTransformer") return PrefixOrSuffix(config, true, false, m);
  if (kind == "SuffixTransformer") return PrefixOrSuffix(config, false, true, m);
  if (kind == "LabelTransformer") return MapEntries(config, "labels", m);
  if (kind == "AnnotationsTransformer")
    return MapEntries(config, "annotations", m);
  if (kind == "NamespaceTransformer") return Namespace(config, m);
  if (kind == "ImageTagTransformer") return Images(config, m);
  if (kind == "ReplicaCountTransformer") return Replicas(config, m);
  if (kind == "PatchStrategicMergeTransformer")
    return StrategicMergePlugin(config, loader, m);
  if (kind == "PatchJson6902Transformer")
    return Json6902Plugin(config, loader, m, notes);
  if (kind == "PatchTransformer") return PatchPlugin(config, loader, m, notes);
  if (kind == "ReplacementTransformer")
    return ReplacementPlugin(config, loader, m);
  if (kind == "ValueAddTransformer") return ValueAdd(config, loader, m);
  return Hash(m);  // HashTransformer
}

Status ExpandReplacementPaths(const yaml::Node& list, const Loader& loader,
                              yaml::Node* all) {
  for (const yaml::Node& e : list.items()) {
    const yaml::Node* path = e.IsMap() ? e.Get("path") : nullptr;
    if (!path) {
      all->Append(e);
      continue;
    }
    std::string text, abs;
    Status st = loader.ReadFile(path->value(), &text, &abs);
    if (!st.ok()) return yaml::ErrorAt(*path, st.message());
    std::vector<yaml::Node> docs;
    FERRY_RETURN_IF_ERROR(
        yaml::ParseDocuments(text, loader.Relative(abs), &docs));
    for (yaml::Node& d : docs) {
      if (d.IsSeq())
        for (yaml::Node& x : d.items()) all->Append(std::move(x));
      else if (!d.IsNull())
        all->Append(std::move(d));
    }
  }
  return Status::Ok();
}

bool ParseInlinePluginConfig(const yaml::Node& entry,
                             std::vector<yaml::Node>* docs) {
  if (!entry.IsScalar()) return false;
  const std::string& text = entry.value();
  if (text.find('\n') == std::string::npos &&
      text.find(": ") == std::string::npos)
    return false;
  std::vector<yaml::Node> parsed;
  std::string where = std::string(entry.mark().File()) + ":" +
                      std::to_string(entry.mark().line) + " (inline)";
  if (!yaml::ParseDocuments(text, where, &parsed).ok()) return false;
  docs->clear();
  for (yaml::Node& d : parsed) {
    if (d.IsNull()) continue;
    if (!d.IsMap()) return false;
    docs->push_back(std::move(d));
  }
  return !docs->empty();
}

}  // namespace ferry::kustomize
