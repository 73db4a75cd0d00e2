// The build pipeline, after kustomize's KustTarget: accumulate resources
// (files and nested kustomizations), generators, components, then this
// kustomization's transformers; at the top level only, content-hash
// suffixes, name references, vars, local-config removal and the output sort.
#include "kustomize/build.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <unordered_set>

#include <memory>
#include <optional>

#include "k8s/kind_order.h"
#include "k8s/openapi_schema.h"
#include "kustomize/builtin_fieldspecs.h"
#include "kustomize/builtin_plugins.h"
#include "kustomize/generator.h"
#include "kustomize/hash.h"
#include "kustomize/kustomization.h"
#include "kustomize/nameref.h"
#include "kustomize/parallel.h"
#include "kustomize/patch_transformer.h"
#include "kustomize/replacement.h"
#include "kustomize/transformers.h"
#include "kustomize/vars.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

// How origin and transformer annotations name a plugin config: its kind,
// then its name and namespace lines (see ConfiguredBy).
std::string PluginIdentity(const Resource& config) {
  std::string out(config.node.GetString("kind"));
  if (!config.Name().empty()) out += "\nname: " + std::string(config.Name());
  if (!config.Namespace().empty())
    out += "\nnamespace: " + std::string(config.Namespace());
  return out;
}

// The `openapi:` schema of a build: kyaml keeps one for the whole build, set
// by the top-level kustomization, else by the first kustomization below it
// that has the field.
struct OpenApiState {
  bool set = false;
  std::optional<k8s::ScopedCustomSchema> scope;
};

// What a kustomization and the ones below it have built so far.
struct Accumulator {
  ResMap resources;
  TransformerConfig config;
  std::vector<VarDef> vars;
  // Ids of `resources` for the duplicate check while appending; cleared
  // whenever generators or transformers may have changed ids.
  std::unordered_set<std::string> ids;
  bool ids_valid = false;
};

// The key under which kustomize's ResId.Equals considers two ids the same.
std::string IdKey(const k8s::ResId& id) {
  return id.GvknString() + "|" + id.EffectiveNamespace();
}

// Appends resources, refusing an id that is already there.
Status AppendAll(ResMap&& more, Accumulator* ra) {
  if (more.empty()) return Status::Ok();
  if (!ra->ids_valid) {
    ra->ids.clear();
    for (const Resource& existing : ra->resources)
      ra->ids.insert(IdKey(existing.CurId()));
    ra->ids_valid = true;
  }
  for (Resource& r : more) {
    k8s::ResId id = r.CurId();
    if (!ra->ids.insert(IdKey(id)).second)
      return yaml::ErrorAt(
          r.node, "may not add resource with an already registered id: " +
                      id.String());
    ra->resources.push_back(std::move(r));
  }
  return Status::Ok();
}

// A string-valued field as kustomize's typed decoding sees it: a scalar that
// does not resolve to a string is a type error.
Status StringField(const yaml::Node& n, std::string_view field,
                   std::string* out) {
  if (n.IsNull()) return Status::Ok();
  if (!n.IsScalar() || yaml::ResolveV3(n) != yaml::ScalarType::kString)
    return yaml::ErrorAt(n, "field '" + std::string(field) +
                                "' must be a string (quote the value)");
  *out = n.value();
  return Status::Ok();
}

// A map of string to string (commonLabels, commonAnnotations, pairs).
Status StringMap(const yaml::Node* n, std::string_view field,
                 std::vector<std::pair<std::string, std::string>>* out) {
  if (!n || n->IsNull()) return Status::Ok();
  if (!n->IsMap())
    return yaml::ErrorAt(*n, "field '" + std::string(field) +
                                 "' must be a map of strings");
  for (const yaml::Pair& p : n->pairs()) {
    // kustomization.yaml is read with YAML 1.1 rules: an unquoted key such
    // as `on` or `yes` is a boolean, which kustomize cannot use as a key.
    if (p.key.style() == yaml::Style::kPlain && p.key.tag().empty() &&
        yaml::V2ResolvesAsNonString(p.key.value()))
      return yaml::ErrorAt(p.key, "key '" + p.key.value() + "' of field '" +
                                      std::string(field) +
                                      "' is not a string in YAML 1.1 "
                                      "(quote it)");
    std::string v;
    if (!p.value.IsNull()) FERRY_RETURN_IF_ERROR(StringField(p.value, field, &v));
    out->emplace_back(p.key.value(), v);
  }
  // kustomize applies map entries in sorted key order.
  std::sort(out->begin(), out->end());
  return Status::Ok();
}

// Adds the specs of `more` not already in `specs` (kustomize's
// FsSlice.MergeAll).
void MergeFieldSpecs(const std::vector<FieldSpec>& more,
                     std::vector<FieldSpec>* specs) {
  for (const FieldSpec& fs : more) {
    bool present = false;
    for (const FieldSpec& e : *specs)
      present |= e.gvk == fs.gvk && e.path == fs.path;
    if (!present) specs->push_back(fs);
  }
}

// The label fields of pod templates (labels with includeTemplates): the
// configured templateLabels, or else the template entries of commonLabels.
std::vector<FieldSpec> TemplateLabelSpecs(const TransformerConfig& tc) {
  if (!tc.template_labels.empty()) return tc.template_labels;
  std::vector<FieldSpec> out;
  for (const FieldSpec& fs : tc.common_labels)
    if (fs.path != "metadata/labels" && fs.path.ends_with("metadata/labels") &&
        fs.path.find("emplate") != std::string::npos)
      out.push_back(fs);
  return out;
}

// A null (absent value, `~`, `null`).
bool IsNullValue(const yaml::Node& n) {
  return n.IsNull() ||
         (n.IsScalar() && yaml::ResolveV3(n) == yaml::ScalarType::kNull);
}

// An empty document or list item (null, {} or []), which kustomize skips.
bool IsEmptyObject(const yaml::Node& n) {
  return IsNullValue(n) || (n.IsMap() && n.pairs().empty()) ||
         (n.IsSeq() && n.items().empty());
}

// The Go type name kustomize prints for an `items` that is not a list.
std::string GoTypeName(const yaml::Node& n) {
  if (n.IsMap()) return "map[string]interface {}";
  switch (yaml::ResolveV3(n)) {
    case yaml::ScalarType::kInt: return "int";
    case yaml::ScalarType::kFloat: return "float64";
    case yaml::ScalarType::kBool: return "bool";
    default: return "string";
  }
}

// kyaml's ByteReader unwraps a `List` or `ResourceList` that is the only
// document of its input (a file without `---`, or one list item): its items
// take its place. Returns false when `d` is not such a wrapper.
bool UnwrapSingleList(yaml::Node* d, std::vector<yaml::Node>* out) {
  if (!d->IsMap()) return false;
  std::string_view kind = d->GetString("kind");
  if (kind != "List" && kind != "ResourceList") return false;
  yaml::Node* items = d->Get("items");
  if (!items && !d->Get("functionConfig")) return false;
  if (items && items->IsSeq())
    for (yaml::Node& i : items->items()) out->push_back(std::move(i));
  return true;
}

// kustomize's dropBadNodes: skips empty nodes, and refuses an object without
// kind, or without a name unless its kind ends in `List`.
Status ValidateNodes(std::vector<yaml::Node>* nodes, std::deque<yaml::Node>* out) {
  for (yaml::Node& d : *nodes) {
    if (IsEmptyObject(d)) continue;
    if (!d.IsMap())
      return yaml::ErrorAt(d, "missing Resource metadata: a resource must be "
                              "a mapping (an object)");
    std::string kind(d.GetString("kind"));
    if (kind.empty()) return yaml::ErrorAt(d, "missing kind in resource");
    const yaml::Node* meta = d.Get("metadata");
    const yaml::Node* name = meta && meta->IsMap() ? meta->Get("name") : nullptr;
    if (!kind.ends_with("List") &&
        (!name || !name->IsScalar() || IsNullValue(*name) ||
         name->value().empty()))
      return yaml::ErrorAt(d, "missing metadata.name in " + kind + " object");
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

// Whether a file holds more than one document for kyaml's ByteReader, which
// splits on lines starting with `---` after a newline.
bool HasDocumentSeparator(std::string_view text) {
  for (size_t p = text.find("\n---"); p != std::string_view::npos;
       p = text.find("\n---", p + 1))
    if (text.find('\n', p + 1) != std::string_view::npos) return true;
  return false;
}

// Reads the objects of one resource file, as kustomize's RNodesFromBytes.
// A document whose kind ends in `List` and that has `items` (List, RoleList,
// FooList...) is replaced by its items, queued after the file's other
// documents; a List or ResourceList that is the only document of the file,
// or a whole list item, is unwrapped in place. A *List without `items` is an
// object like any other.
Status LoadResourceFile(const Loader& loader, const std::string& path,
                        ResMap* out) {
  std::string text, abs;
  FERRY_RETURN_IF_ERROR(loader.ReadFile(path, &text, &abs));
  std::vector<yaml::Node> docs;
  FERRY_RETURN_IF_ERROR(yaml::ParseDocuments(text, loader.Relative(abs), &docs));
  std::string origin = loader.RelativeToRoot(abs);
  for (yaml::Node& d : docs) {
    if (IsEmptyObject(d) || !d.IsMap()) continue;
    FERRY_RETURN_IF_ERROR(yaml::CheckScalarKeys(d));
    yaml::ExpandMergeKeys(&d);
  }
  std::vector<yaml::Node> unwrapped;
  if (docs.size() == 1 && !HasDocumentSeparator(text) &&
      UnwrapSingleList(&docs[0], &unwrapped))
    docs = std::move(unwrapped);
  std::deque<yaml::Node> queue;
  FERRY_RETURN_IF_ERROR(ValidateNodes(&docs, &queue));
  while (!queue.empty()) {
    yaml::Node d = std::move(queue.front());
    queue.pop_front();
    std::string kind(d.GetString("kind"));
    yaml::Node* items = kind.ends_with("List") ? d.Get("items") : nullptr;
    if (!items) {
      Resource r;
      r.node = std::move(d);
      r.origin_path = origin;
      out->push_back(std::move(r));
      continue;
    }
    if (IsNullValue(*items)) continue;
    if (!items->IsSeq())
      return yaml::ErrorAt(*items, "expected array in " + kind +
                                       "/items, but found " +
                                       GoTypeName(*items));
    for (yaml::Node& item : items->items()) {
      std::vector<yaml::Node> nodes;
      if (!UnwrapSingleList(&item, &nodes)) nodes.push_back(std::move(item));
      FERRY_RETURN_IF_ERROR(ValidateNodes(&nodes, &queue));
    }
  }
  return Status::Ok();
}

class Target {
 public:
  explicit Target(std::unique_ptr<Loader> loader)
      : loader_(std::move(loader)) {}

  Status Load(std::vector<std::string>* warnings,
              std::vector<BuildNote>* notes,
              const KustomizationEdit* edit = nullptr) {
    FERRY_RETURN_IF_ERROR(LoadKustomization(*loader_, &k_, edit));
    for (std::string& w : k_.warnings) warnings->push_back(std::move(w));
    warnings_ = warnings;
    notes_ = notes;
    return Status::Ok();
  }
  // The top-level kustomization's buildMetadata applies to the whole build.
  void set_track_transformers(bool on) { track_transformers_ = on; }
  void set_openapi(OpenApiState* s) { openapi_ = s; }

  // kyaml's openapi.SetSchema for this kustomization's `openapi:` field:
  // {path: FILE} (JSON or YAML) or {version: v1.21.2}, the one built in.
  Status ApplyOpenApi() {
    const yaml::Node* f = k_.Field("openapi");
    if (!f || openapi_->set) return Status::Ok();
    if (!f->IsMap())
      return yaml::ErrorAt(*f, "field 'openapi' must be a map of strings");
    const yaml::Node* path = f->Get("path");
    const yaml::Node* version = f->Get("version");
    std::string text, abs;
    if (path) {
      Status st = loader_->ReadFile(path->value(), &text, &abs);
      if (!st.ok()) return yaml::ErrorAt(*path, st.message());
      if (version)
        return yaml::ErrorAt(*f, "builtin version and custom schema "
                                 "provided, cannot use both");
      std::shared_ptr<const k8s::CustomSchema> schema;
      Status ps = k8s::CustomSchema::Parse(text, loader_->Relative(abs), &schema);
      if (!ps.ok()) return Status::Error("invalid schema file: " + ps.message());
      openapi_->scope.emplace(std::move(schema));
      openapi_->set = true;
      return Status::Ok();
    }
    if (!version || version->value().empty()) return Status::Ok();
    if (version->value() != "v1.21.2")
      return yaml::ErrorAt(*version,
                           "the specified OpenAPI version is not built in "
                           "(kustomize v5.5 has v1.21.2)");
    openapi_->set = true;
    return Status::Ok();
  }
  const Kustomization& kustomization() const { return k_; }

  // kustomize's accumulateTarget.
  Status Accumulate(Accumulator* ra) {
    FERRY_RETURN_IF_ERROR(AccumulateResources(ra));
    FERRY_RETURN_IF_ERROR(MergeConfigurations(ra));
    FERRY_RETURN_IF_ERROR(RunGenerators(ra));
    FERRY_RETURN_IF_ERROR(AccumulateComponents(ra));
    FERRY_RETURN_IF_ERROR(RunTransformers(ra));
    FERRY_RETURN_IF_ERROR(RunValidators(ra));
    return MergeVars(ra);
  }

 private:
  Status AccumulateResources(Accumulator* ra) {
    return AccumulatePaths(k_.Field("resources"), ra);
  }

  // Files and kustomization folders of `list` (resources, or the plugin
  // config entries that are paths), in order.
  Status AccumulatePaths(const yaml::Node* list, Accumulator* ra) {
    if (!list) return Status::Ok();
    // Files are read and parsed in parallel, then taken in order.
    const std::vector<yaml::Node>& items = list->items();
    std::vector<char> is_dir(items.size());
    std::vector<ResMap> parsed(items.size());
    std::vector<Status> parse_status(items.size());
    for (size_t i = 0; i < items.size(); ++i)
      is_dir[i] = loader_->IsDir(items[i].value());
    ParallelFor(items.size(), [&](size_t i) {
      if (!is_dir[i])
        parse_status[i] =
            LoadResourceFile(*loader_, items[i].value(), &parsed[i]);
    });
    for (size_t i = 0; i < items.size(); ++i) {
      const yaml::Node& item = items[i];
      const std::string& path = item.value();
      if (!is_dir[i]) {
        ResMap loaded = std::move(parsed[i]);
        Status st = std::move(parse_status[i]);
        if (!st.ok()) {
          // A plain "cannot read" points at the kustomization's line.
          if (st.message().find("cannot read") != std::string::npos)
            return yaml::ErrorAt(item, "resource '" + path +
                                           "': " + st.message());
          return st;
        }
        FERRY_RETURN_IF_ERROR(AppendAll(std::move(loaded), ra));
        continue;
      }
      Accumulator sub;
      FERRY_RETURN_IF_ERROR(AccumulateDirectory(item, /*component=*/false, &sub));
      FERRY_RETURN_IF_ERROR(MergeAccumulator(std::move(sub), ra));
    }
    return Status::Ok();
  }

  Status AccumulateDirectory(const yaml::Node& item, bool component,
                             Accumulator* ra) {
    std::unique_ptr<Loader> child;
    Status st = loader_->Child(item.value(), &child);
    if (!st.ok()) return yaml::ErrorAt(item, st.message());
    Target sub(std::move(child));
    FERRY_RETURN_IF_ERROR(sub.Load(warnings_, notes_));
    sub.track_transformers_ = track_transformers_;
    sub.openapi_ = openapi_;
    FERRY_RETURN_IF_ERROR(sub.ApplyOpenApi());
    if (component && !sub.k_.is_component)
      return yaml::ErrorAt(item, "expected kind 'Component' for path '" +
                                     item.value() + "'");
    if (!component && sub.k_.is_component)
      return yaml::ErrorAt(item, "expected kind != 'Component' for path '" +
                                     item.value() + "'");
    return sub.Accumulate(ra);
  }

  static Status MergeAccumulator(Accumulator&& sub, Accumulator* ra) {
    FERRY_RETURN_IF_ERROR(AppendAll(std::move(sub.resources), ra));
    FERRY_RETURN_IF_ERROR(ra->config.Merge(sub.config));
    for (VarDef& v : sub.vars) ra->vars.push_back(std::move(v));
    return Status::Ok();
  }

  Status AccumulateComponents(Accumulator* ra) {
    const yaml::Node* list = k_.Field("components");
    if (!list) return Status::Ok();
    if (!list->IsSeq())
      return yaml::ErrorAt(*list, "field 'components' must be a list");
    for (const yaml::Node& item : list->items()) {
      // A component works on the accumulator of its parent.
      FERRY_RETURN_IF_ERROR(AccumulateDirectory(item, /*component=*/true, ra));
    }
    return Status::Ok();
  }

  Status MergeConfigurations(Accumulator* ra) {
    FERRY_RETURN_IF_ERROR(ra->config.Merge(DefaultTransformerConfig()));
    for (std::string_view field : {"configurations", "crds"}) {
      const yaml::Node* list = k_.Field(field);
      if (!list) continue;
      if (!list->IsSeq())
        return yaml::ErrorAt(*list, "field '" + std::string(field) +
                                        "' must be a list of paths");
      for (const yaml::Node& item : list->items()) {
        std::string text, abs;
        Status st = loader_->ReadFile(item.value(), &text, &abs);
        if (!st.ok()) return yaml::ErrorAt(item, st.message());
        std::vector<yaml::Node> docs;
        FERRY_RETURN_IF_ERROR(
            yaml::ParseDocuments(text, loader_->Relative(abs), &docs));
        for (const yaml::Node& d : docs) {
          if (d.IsNull()) continue;
          TransformerConfig tc;
          if (field == "configurations")
            FERRY_RETURN_IF_ERROR(ParseTransformerConfig(d, &tc));
          else
            FERRY_RETURN_IF_ERROR(ParseCrdConfig(d, &tc));
          FERRY_RETURN_IF_ERROR(ra->config.Merge(tc));
        }
      }
    }
    return Status::Ok();
  }

  Status RunGenerators(Accumulator* ra) {
    ra->ids_valid = false;
    const yaml::Node* options = k_.Field("generatorOptions");
    for (auto [field, kind] :
         {std::pair{"configMapGenerator", GeneratorKind::kConfigMap},
          std::pair{"secretGenerator", GeneratorKind::kSecret}}) {
      const yaml::Node* list = k_.Field(field);
      if (!list) continue;
      if (!list->IsSeq())
        return yaml::ErrorAt(*list, std::string("field '") + field +
                                        "' must be a list");
      for (const yaml::Node& args : list->items()) {
        Resource r;
        FERRY_RETURN_IF_ERROR(Generate(kind, args, options, *loader_, &r));
        r.origin_path = loader_->RelativeToRoot(k_.path);
        r.origin_generator =
            kind == GeneratorKind::kConfigMap ? "ConfigMapGenerator"
                                              : "SecretGenerator";
        FERRY_RETURN_IF_ERROR(Absorb(std::move(r), args, ra));
      }
    }
    ResMap configs;
    FERRY_RETURN_IF_ERROR(LoadPluginConfigs("generators", &configs));
    for (const Resource& c : configs) {
      ResMap generated;
      FERRY_RETURN_IF_ERROR(RunBuiltinGenerator(c.node, *loader_, &generated));
      for (Resource& r : generated) {
        r.origin_path = c.origin_path;
        r.origin_generator = PluginIdentity(c);
        FERRY_RETURN_IF_ERROR(Absorb(std::move(r), c.node, ra));
      }
    }
    return Status::Ok();
  }

  // The plugin configs of generators:, transformers: or validators: —
  // inline entries first, then the files and folders the others name, as
  // kustomize's configureExternalTransformers reads them.
  Status LoadPluginConfigs(std::string_view field, ResMap* out) {
    const yaml::Node* list = k_.Field(field);
    if (!list) return Status::Ok();
    if (!list->IsSeq())
      return yaml::ErrorAt(*list, "field '" + std::string(field) +
                                      "' must be a list of strings");
    Accumulator acc;
    yaml::Node paths = yaml::Node::Seq();
    for (const yaml::Node& item : list->items()) {
      if (!item.IsScalar())
        return yaml::ErrorAt(item, "invalid Kustomization: json: cannot "
                                   "unmarshal object into Go struct field "
                                   "Kustomization." + std::string(field) +
                                   " of type string (write an inline plugin "
                                   "config as a block string: '- |-')");
      std::vector<yaml::Node> docs;
      if (ParseInlinePluginConfig(item, &docs)) {
        ResMap inline_configs;
        for (yaml::Node& d : docs) {
          Resource r;
          r.node = std::move(d);
          r.origin_path = loader_->RelativeToRoot(k_.path);
          inline_configs.push_back(std::move(r));
        }
        FERRY_RETURN_IF_ERROR(AppendAll(std::move(inline_configs), &acc));
      } else {
        paths.Append(item);
      }
    }
    FERRY_RETURN_IF_ERROR(AccumulatePaths(&paths, &acc));
    *out = std::move(acc.resources);
    return Status::Ok();
  }

  // validators: built-in transformers that must leave every object as it is.
  Status RunValidators(Accumulator* ra) {
    ResMap configs;
    FERRY_RETURN_IF_ERROR(LoadPluginConfigs("validators", &configs));
    for (const Resource& c : configs) {
      ResMap copy = ra->resources;
      FERRY_RETURN_IF_ERROR(
          RunBuiltinTransformer(c.node, *loader_, &copy, notes_));
      bool same = copy.size() == ra->resources.size();
      for (size_t i = 0; same && i < copy.size(); ++i)
        same = copy[i].node == ra->resources[i].node;
      if (!same)
        return yaml::ErrorAt(c.node, "validator shouldn't modify the "
                                     "resource map");
    }
    return Status::Ok();
  }

  // kustomize's appendReplaceOrMerge for generated objects.
  static Status Absorb(Resource r, const yaml::Node& args, Accumulator* ra) {
    k8s::ResId id = r.CurId();
    std::vector<size_t> hits;
    for (size_t i = 0; i < ra->resources.size(); ++i) {
      const Resource& e = ra->resources[i];
      bool match = e.CurId().Equals(id);
      for (const k8s::ResId& p : e.previous_ids) match |= p.Equals(id);
      if (match) hits.push_back(i);
    }
    if (hits.empty()) {
      if (r.behavior == GeneratorBehavior::kMerge ||
          r.behavior == GeneratorBehavior::kReplace)
        return yaml::ErrorAt(args, "id " + id.String() +
                                       " does not exist; cannot merge or "
                                       "replace");
      ra->resources.push_back(std::move(r));
      return Status::Ok();
    }
    if (hits.size() > 1)
      return yaml::ErrorAt(args, "found multiple objects that could accept "
                                 "merge of " + id.String());
    if (r.behavior != GeneratorBehavior::kMerge &&
        r.behavior != GeneratorBehavior::kReplace)
      return yaml::ErrorAt(args, "id " + id.String() +
                                     " exists; behavior must be merge or "
                                     "replace");
    return MergeGenerated(&ra->resources[hits[0]], r);
  }

  // Runs one transformer; with transformer annotations on, records it on
  // every object it changed.
  template <typename Fn>
  Status Track(ResMap* m, std::string_view kind, Fn fn,
               const std::string* configured_in = nullptr) {
    if (!track_transformers_) return fn();
    std::vector<yaml::Node> before;
    before.reserve(m->size());
    for (const Resource& r : *m) before.push_back(r.node);
    FERRY_RETURN_IF_ERROR(fn());
    if (before.size() != m->size()) return Status::Ok();
    for (size_t i = 0; i < m->size(); ++i)
      if (!(before[i] == (*m)[i].node))
        (*m)[i].transformations.emplace_back(
            configured_in ? *configured_in : loader_->RelativeToRoot(k_.path),
            std::string(kind));
    return Status::Ok();
  }

  Status RunTransformers(Accumulator* ra) {
    ra->ids_valid = false;
    ResMap* m = &ra->resources;
    const TransformerConfig& tc = ra->config;
    if (const yaml::Node* list = k_.Field("patchesStrategicMerge")) {
      size_t loaded = 0;
      for (const yaml::Node& e : list->items())
        FERRY_RETURN_IF_ERROR(Track(m, "PatchStrategicMergeTransformer", [&] {
          return ApplyLegacyStrategicMerge(e, *loader_, m, &loaded);
        }));
      if (!list->items().empty() && loaded == 0)
        return yaml::ErrorAt(*list, "patch appears to be empty");
    }
    if (const yaml::Node* list = k_.Field("patches")) {
      if (!list->IsSeq())
        return yaml::ErrorAt(*list, "field 'patches' must be a list");
      for (const yaml::Node& e : list->items())
        FERRY_RETURN_IF_ERROR(Track(m, "PatchTransformer", [&] {
          return ApplyPatchEntry(e, *loader_, m, notes_);
        }));
    }
    if (const yaml::Node* ns = k_.Field("namespace")) {
      std::string v;
      FERRY_RETURN_IF_ERROR(StringField(*ns, "namespace", &v));
      FERRY_RETURN_IF_ERROR(Track(m, "NamespaceTransformer", [&] {
        return TransformNamespace(v, tc.namespace_, m);
      }));
    }
    {
      std::string prefix, suffix;
      if (const yaml::Node* n = k_.Field("namePrefix"))
        FERRY_RETURN_IF_ERROR(StringField(*n, "namePrefix", &prefix));
      if (const yaml::Node* n = k_.Field("nameSuffix"))
        FERRY_RETURN_IF_ERROR(StringField(*n, "nameSuffix", &suffix));
      if (!prefix.empty())
        FERRY_RETURN_IF_ERROR(Track(m, "PrefixTransformer", [&] {
          return TransformPrefixSuffix(prefix, "", tc.name_prefix, m);
        }));
      if (!suffix.empty())
        FERRY_RETURN_IF_ERROR(Track(m, "SuffixTransformer", [&] {
          return TransformPrefixSuffix("", suffix, tc.name_suffix, m);
        }));
    }
    FERRY_RETURN_IF_ERROR(
        Track(m, "LabelTransformer", [&] { return RunLabels(tc, m); }));
    {
      std::vector<std::pair<std::string, std::string>> annotations;
      FERRY_RETURN_IF_ERROR(StringMap(k_.Field("commonAnnotations"),
                                      "commonAnnotations", &annotations));
      FERRY_RETURN_IF_ERROR(Track(m, "AnnotationsTransformer", [&] {
        return TransformMapEntries(annotations, tc.common_annotations, m);
      }));
    }
    if (const yaml::Node* list = k_.Field("patchesJson6902")) {
      for (const yaml::Node& e : list->items())
        FERRY_RETURN_IF_ERROR(Track(m, "PatchJson6902Transformer", [&] {
          return ApplyLegacyJson6902(e, *loader_, m, notes_);
        }));
    }
    FERRY_RETURN_IF_ERROR(Track(m, "ReplicaCountTransformer",
                                [&] { return RunReplicas(tc, m); }));
    FERRY_RETURN_IF_ERROR(
        Track(m, "ImageTagTransformer", [&] { return RunImages(tc, m); }));
    if (const yaml::Node* list = k_.Field("replacements"))
      FERRY_RETURN_IF_ERROR(Track(m, "ReplacementTransformer", [&] {
        return RunReplacements(*list, m);
      }));
    ResMap configs;
    FERRY_RETURN_IF_ERROR(LoadPluginConfigs("transformers", &configs));
    for (const Resource& c : configs)
      FERRY_RETURN_IF_ERROR(Track(
          m, PluginIdentity(c),
          [&] { return RunBuiltinTransformer(c.node, *loader_, m, notes_); },
          &c.origin_path));
    return Status::Ok();
  }

  Status RunLabels(const TransformerConfig& tc, ResMap* m) {
    if (const yaml::Node* list = k_.Field("labels")) {
      if (!list->IsSeq())
        return yaml::ErrorAt(*list, "field 'labels' must be a list");
      for (const yaml::Node& l : list->items()) {
        std::vector<std::pair<std::string, std::string>> pairs;
        FERRY_RETURN_IF_ERROR(StringMap(l.Get("pairs"), "pairs", &pairs));
        std::vector<FieldSpec> specs;
        if (const yaml::Node* f = l.Get("fields"))
          FERRY_RETURN_IF_ERROR(ParseFieldSpecs(*f, &specs));
        auto flag = [&](std::string_view name) {
          std::string_view v = l.GetString(name);
          return v == "true" || v == "True" || v == "TRUE";
        };
        if (flag("includeSelectors")) {
          MergeFieldSpecs(tc.common_labels, &specs);
        } else {
          MergeFieldSpecs({FieldSpec{{}, "metadata/labels", true}}, &specs);
          if (flag("includeTemplates"))
            MergeFieldSpecs(TemplateLabelSpecs(tc), &specs);
        }
        FERRY_RETURN_IF_ERROR(TransformMapEntries(pairs, specs, m));
      }
    }
    std::vector<std::pair<std::string, std::string>> common;
    FERRY_RETURN_IF_ERROR(
        StringMap(k_.Field("commonLabels"), "commonLabels", &common));
    return TransformMapEntries(common, tc.common_labels, m);
  }

  Status RunReplicas(const TransformerConfig& tc, ResMap* m) {
    const yaml::Node* list = k_.Field("replicas");
    if (!list) return Status::Ok();
    for (const yaml::Node& r : list->items()) {
      const yaml::Node* count = r.Get("count");
      int64_t c = 0;
      if (!count || !yaml::ParseGoInt(count->value(), &c))
        return yaml::ErrorAt(r, "replicas entry needs an integer count");
      FERRY_RETURN_IF_ERROR(
          TransformReplicas(r.GetString("name"), c, r, tc.replicas, m));
    }
    return Status::Ok();
  }

  Status RunImages(const TransformerConfig& tc, ResMap* m) {
    const yaml::Node* list = k_.Field("images");
    if (!list) return Status::Ok();
    for (const yaml::Node& i : list->items()) {
      if (!i.IsMap()) return yaml::ErrorAt(i, "an image entry must be a mapping");
      ImageRule rule;
      rule.name = i.GetString("name");
      rule.new_name = i.GetString("newName");
      rule.new_tag = i.GetString("newTag");
      rule.digest = i.GetString("digest");
      FERRY_RETURN_IF_ERROR(TransformImages(rule, tc.images, m));
    }
    return Status::Ok();
  }

  Status RunReplacements(const yaml::Node& list, ResMap* m) {
    if (!list.IsSeq())
      return yaml::ErrorAt(list, "field 'replacements' must be a list");
    yaml::Node all = yaml::Node::Seq();
    FERRY_RETURN_IF_ERROR(ExpandReplacementPaths(list, *loader_, &all));
    return ApplyReplacements(all, m);
  }

  Status MergeVars(Accumulator* ra) {
    const yaml::Node* list = k_.Field("vars");
    if (!list) return Status::Ok();
    std::vector<VarDef> defs;
    FERRY_RETURN_IF_ERROR(ParseVars(*list, &defs));
    for (VarDef& d : defs) {
      for (const VarDef& existing : ra->vars)
        if (existing.name == d.name)
          return yaml::ErrorAt(*list, "var '" + d.name + "' already encountered");
      ra->vars.push_back(std::move(d));
    }
    return Status::Ok();
  }

  std::unique_ptr<Loader> loader_;
  Kustomization k_;
  std::vector<std::string>* warnings_ = nullptr;
  std::vector<BuildNote>* notes_ = nullptr;
  bool track_transformers_ = false;
  OpenApiState* openapi_ = nullptr;
};

// The `buildMetadata:` options of the top-level kustomization.
struct BuildMetadata {
  bool origin = false, transformers = false, managed_by = false;
};

BuildMetadata ReadBuildMetadata(const Kustomization& k) {
  BuildMetadata b;
  if (const yaml::Node* list = k.Field("buildMetadata")) {
    for (const yaml::Node& i : list->items()) {
      b.origin |= i.value() == "originAnnotations";
      b.transformers |= i.value() == "transformerAnnotations";
      b.managed_by |= i.value() == "managedByLabel";
    }
  }
  return b;
}

// The YAML text of a "configuredIn/configuredBy" origin; `by` is the kind,
// then for a plugin config the "name: ..." and "namespace: ..." lines.
std::string ConfiguredBy(const std::string& in, const std::string& by,
                         std::string_view indent) {
  std::string out = std::string("configuredIn: ") + in + "\n" +
                    std::string(indent) + "configuredBy:\n" +
                    std::string(indent) + "  apiVersion: builtin\n";
  size_t start = 0;
  bool first = true;
  while (start <= by.size()) {
    size_t end = std::min(by.find('\n', start), by.size());
    out += std::string(indent) + "  " + (first ? "kind: " : "") +
           by.substr(start, end - start) + "\n";
    first = false;
    start = end + 1;
  }
  return out;
}

void AddBuildMetadata(const BuildMetadata& b, Resource* r) {
  if (b.origin || (b.transformers && !r->transformations.empty())) {
    yaml::Node& ann =
        r->node.GetOrAddMap("metadata").GetOrAddMap("annotations");
    if (b.origin && !r->origin_path.empty()) {
      std::string v = r->origin_generator.empty()
                          ? "path: " + r->origin_path + "\n"
                          : ConfiguredBy(r->origin_path, r->origin_generator, "");
      ann.Set("config.kubernetes.io/origin", yaml::Node::Str(v));
    }
    if (b.transformers && !r->transformations.empty()) {
      std::string v;
      for (const auto& [in, kind] : r->transformations)
        v += "- " + ConfiguredBy(in, kind, "  ");
      ann.Set("alpha.config.kubernetes.io/transformations", yaml::Node::Str(v));
    }
  }
  if (b.managed_by)
    r->node.GetOrAddMap("metadata")
        .GetOrAddMap("labels")
        .Set("app.kubernetes.io/managed-by", yaml::Node::Str("kustomize-(devel)"));
}

// kustomize rewrites annotations as a map of strings before writing, so an
// annotation value is always a string ("5", not 5).
void StringifyAnnotations(Resource* r) {
  yaml::Node* meta = r->node.Get("metadata");
  yaml::Node* ann = meta && meta->IsMap() ? meta->Get("annotations") : nullptr;
  if (!ann) return;
  // kyaml clears `metadata.annotations` when it holds nothing (an empty map,
  // null, a scalar or an empty list), after every transformation; templates
  // and other empty maps are kept.
  if (ann->IsScalar() || ann->IsNull() || (ann->IsMap() && ann->pairs().empty()) ||
      (ann->IsSeq() && ann->items().empty())) {
    meta->Remove("annotations");
    return;
  }
  if (!ann->IsMap()) return;
  for (yaml::Pair& p : ann->pairs()) {
    if (p.value.IsScalar() || p.value.IsNull()) {
      yaml::Mark m = p.value.mark();
      p.value = yaml::Node::Str(p.value.value());
      p.value.set_mark(m);
    }
  }
}

// Appends the content-hash suffix to every generated object that asked.
void AddHashes(ResMap* m) {
  for (Resource& r : *m) {
    if (!r.needs_hash) continue;
    r.StorePreviousId();
    r.SetName(std::string(r.Name()) + "-" + ContentHash(r.node));
  }
}

bool IsLocalConfig(const Resource& r) {
  const yaml::Node* a =
      r.node.GetPath({"metadata", "annotations", "config.kubernetes.io/local-config"});
  return a && a->value() == "true";
}

Status SortOutput(const Kustomization& k, BuildOptions::Reorder reorder,
                  ResMap* m) {
  const yaml::Node* opts = k.Field("sortOptions");
  k8s::KindOrder order;
  // The kustomization's sortOptions win over --reorder.
  if (!opts && reorder == BuildOptions::Reorder::kNone) return Status::Ok();
  if (opts) {
    std::string_view o = opts->GetString("order");
    const yaml::Node* legacy = opts->Get("legacySortOptions");
    if (legacy && legacy->IsNull()) legacy = nullptr;
    if (o == "fifo" && legacy)
      return yaml::ErrorAt(*legacy,
                           "the field 'sortOptions.legacySortOptions' is set "
                           "but the selected sort order is 'fifo', not "
                           "'legacy'");
    if (o == "fifo") return Status::Ok();
    if (o != "legacy")
      return yaml::ErrorAt(*opts, "sortOptions.order must be legacy or fifo");
    if (legacy) {
      std::vector<std::string> first, last;
      if (const yaml::Node* f = legacy->Get("orderFirst"))
        for (const yaml::Node& i : f->items()) first.push_back(i.value());
      if (const yaml::Node* l = legacy->Get("orderLast"))
        for (const yaml::Node& i : l->items()) last.push_back(i.value());
      order = k8s::KindOrder(first, last);
    }
  }
  std::vector<std::pair<k8s::ResId, size_t>> ids;
  ids.reserve(m->size());
  for (size_t i = 0; i < m->size(); ++i) ids.emplace_back((*m)[i].CurId(), i);
  std::stable_sort(ids.begin(), ids.end(), [&](const auto& a, const auto& b) {
    return order.Less(a.first, b.first);
  });
  ResMap sorted;
  sorted.reserve(m->size());
  for (auto& [id, i] : ids) sorted.push_back(std::move((*m)[i]));
  *m = std::move(sorted);
  return Status::Ok();
}

}  // namespace

// JSON, through which kustomize writes every object, has no infinity or
// NaN, and only strings as keys: such a value, or a key that go-yaml reads
// as a number, boolean, timestamp or null (an empty key is ""), fails the
// build.
Status CheckJsonEncodable(const yaml::Node& n) {
  if (n.IsScalar()) {
    const std::string& v = n.value();
    if (!v.empty() && (v[0] == '.' || ((v[0] == '+' || v[0] == '-') &&
                                       v.size() > 1 && v[1] == '.')) &&
        yaml::ResolveV3(n) == yaml::ScalarType::kFloat) {
      std::string lower;
      for (char c : v) lower.push_back(static_cast<char>(std::tolower(c)));
      if (lower.find("inf") != std::string::npos ||
          lower.find("nan") != std::string::npos)
        return yaml::ErrorAt(n, "json: unsupported value: " + v);
    }
    return Status::Ok();
  }
  for (const yaml::Node& i : n.items())
    FERRY_RETURN_IF_ERROR(CheckJsonEncodable(i));
  for (const yaml::Pair& p : n.pairs()) {
    if (p.key.IsScalar() && yaml::ResolveV3(p.key) != yaml::ScalarType::kString)
      return yaml::ErrorAt(p.key, "json: unsupported type: key \"" +
                                      p.key.value() +
                                      "\" is not a string; quote it");
    FERRY_RETURN_IF_ERROR(CheckJsonEncodable(p.value));
  }
  return Status::Ok();
}

Status Build(std::string_view dir, const BuildOptions& options,
             BuildResult* result) {
  std::unique_ptr<Loader> loader;
  FERRY_RETURN_IF_ERROR(Loader::ForRoot(dir, options.load_restrictor, &loader));
  if (options.secret_source_filter)
    loader->set_secret_source_filter(options.secret_source_filter);
  Target top(std::move(loader));
  std::vector<std::string> warnings;
  std::vector<BuildNote> notes;
  FERRY_RETURN_IF_ERROR(top.Load(&warnings, &notes,
                                 options.edit_top ? &options.edit_top : nullptr));
  BuildMetadata metadata = ReadBuildMetadata(top.kustomization());
  metadata.managed_by |= options.add_managed_by_label;
  top.set_track_transformers(metadata.transformers);
  OpenApiState openapi;
  top.set_openapi(&openapi);
  FERRY_RETURN_IF_ERROR(top.ApplyOpenApi());
  Accumulator ra;
  FERRY_RETURN_IF_ERROR(top.Accumulate(&ra));
  ResMap& m = ra.resources;
  AddHashes(&m);
  FERRY_RETURN_IF_ERROR(FixNameReferences(ra.config, &m));
  FERRY_RETURN_IF_ERROR(ResolveVars(ra.vars, ra.config.var_reference, &m));
  m.erase(std::remove_if(m.begin(), m.end(), IsLocalConfig), m.end());
  for (Resource& r : m) {
    FERRY_RETURN_IF_ERROR(yaml::CheckScalarKeys(r.node));
    FERRY_RETURN_IF_ERROR(CheckJsonEncodable(r.node));
    const yaml::Node* ann = r.node.GetPath({"metadata", "annotations"});
    if (ann && ann->IsSeq() && !ann->items().empty())
      return yaml::ErrorAt(*ann, "metadata.annotations must be a map of "
                                 "strings, not a list (kubectl crashes on it)");
    AddBuildMetadata(metadata, &r);
    StringifyAnnotations(&r);
  }
  FERRY_RETURN_IF_ERROR(SortOutput(top.kustomization(), options.reorder, &m));
  result->resources = std::move(m);
  result->warnings = std::move(warnings);
  result->notes = std::move(notes);
  return Status::Ok();
}

}  // namespace ferry::kustomize
