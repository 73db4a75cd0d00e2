#include "kustomize/generator.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kustomize/envfile.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"
#include "yaml/scalar_analysis.h"

namespace ferry::kustomize {
namespace {

using StringMap = std::map<std::string, std::string>;

// generatorOptions / options of one generator.
struct Options {
  StringMap labels;
  StringMap annotations;
  bool disable_hash = false;
  bool immutable = false;
};

// One key/value pair and where it was given (for error messages).
struct KvPair {
  std::string key;
  std::string value;
  const yaml::Node* node = nullptr;
  std::string file;
  int line = 0;
};

bool IsNullWord(std::string_view s) {
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// The YAML 1.1 booleans that kustomize's YAML-to-JSON step (go-yaml v2)
// recognizes, or -1.
int V2Bool(std::string_view s) {
  static const char* kTrue[] = {"y",  "Y",  "yes",  "Yes",  "YES", "on",
                                "On", "ON", "true", "True", "TRUE"};
  static const char* kFalse[] = {"n",   "N",   "no",    "No",    "NO",   "off",
                                 "Off", "OFF", "false", "False", "FALSE"};
  for (const char* w : kTrue)
    if (s == w) return 1;
  for (const char* w : kFalse)
    if (s == w) return 0;
  return -1;
}

// Plain text go-yaml v2 keeps a string although it looks like a timestamp.
bool LooksLikeDate(std::string_view s) {
  return s.size() >= 8 && std::all_of(s.begin(), s.begin() + 4, ::isdigit) &&
         s[4] == '-';
}

// What the JSON type of a plain scalar is for kustomize's strict decoding.
const char* PlainJsonType(std::string_view s) {
  if (IsNullWord(s) || s.empty()) return "null";
  if (V2Bool(s) >= 0) return "bool";
  if (yaml::V2ResolvesAsNonString(s) && !LooksLikeDate(s)) return "number";
  return "string";
}

std::string FieldPath(std::string_view kind_field, std::string_view name) {
  return std::string(kind_field) + "." + std::string(name);
}

// Reads a string field; null reads as "".
Status ReadString(const yaml::Node& n, std::string_view what,
                  std::string* out) {
  out->clear();
  if (n.IsNull()) return Status::Ok();
  if (!n.IsScalar())
    return yaml::ErrorAt(n, std::string(what) + " must be a string");
  if (n.IsQuotedString() || !n.tag().empty()) {
    *out = n.value();
    return Status::Ok();
  }
  std::string_view t = PlainJsonType(n.value());
  if (t == "null") return Status::Ok();
  if (t != "string")
    return yaml::ErrorAt(n, std::string("cannot unmarshal ") + std::string(t) +
                                " into " + std::string(what) +
                                " of type string");
  *out = n.value();
  return Status::Ok();
}

Status ReadBool(const yaml::Node& n, std::string_view what, bool* out) {
  *out = false;
  if (n.IsNull()) return Status::Ok();
  if (n.IsScalar() && !n.IsQuotedString()) {
    int b = V2Bool(n.value());
    if (b >= 0) {
      *out = b == 1;
      return Status::Ok();
    }
    if (IsNullWord(n.value())) return Status::Ok();
  }
  return yaml::ErrorAt(n, std::string(what) + " must be true or false");
}

Status ReadStringList(
    const yaml::Node& n, std::string_view what,
    std::vector<std::pair<std::string, const yaml::Node*>>* out) {
  if (n.IsNull()) return Status::Ok();
  if (!n.IsSeq())
    return yaml::ErrorAt(n, std::string(what) + " must be a list of strings");
  for (const yaml::Node& item : n.items()) {
    std::string s;
    FERRY_RETURN_IF_ERROR(ReadString(item, what, &s));
    out->emplace_back(std::move(s), &item);
  }
  return Status::Ok();
}

Status ReadStringMap(const yaml::Node& n, std::string_view what,
                     StringMap* out) {
  if (n.IsNull()) return Status::Ok();
  if (!n.IsMap())
    return yaml::ErrorAt(n, std::string(what) + " must be a map of strings");
  for (const yaml::Pair& p : n.pairs()) {
    std::string v;
    FERRY_RETURN_IF_ERROR(ReadString(p.value, what, &v));
    (*out)[p.key.value()] = std::move(v);
  }
  return Status::Ok();
}

Status ReadOptions(const yaml::Node& n, std::string_view what, Options* o) {
  if (n.IsNull()) return Status::Ok();
  if (!n.IsMap())
    return yaml::ErrorAt(n, std::string(what) + " must be a mapping");
  for (const yaml::Pair& p : n.pairs()) {
    const std::string& k = p.key.value();
    std::string path = FieldPath(what, k);
    if (k == "labels") {
      FERRY_RETURN_IF_ERROR(ReadStringMap(p.value, path, &o->labels));
    } else if (k == "annotations") {
      FERRY_RETURN_IF_ERROR(ReadStringMap(p.value, path, &o->annotations));
    } else if (k == "disableNameSuffixHash") {
      FERRY_RETURN_IF_ERROR(ReadBool(p.value, path, &o->disable_hash));
    } else if (k == "immutable") {
      FERRY_RETURN_IF_ERROR(ReadBool(p.value, path, &o->immutable));
    } else {
      return yaml::ErrorAt(
          p.key, "unknown field \"" + k + "\" in " + std::string(what));
    }
  }
  return Status::Ok();
}

// kustomize's MergeGlobalOptionsIntoLocal: local labels and annotations win,
// a global true wins over a local false.
void MergeGlobalOptions(const Options& global, Options* local) {
  for (const auto& [k, v] : global.labels) local->labels.emplace(k, v);
  for (const auto& [k, v] : global.annotations)
    local->annotations.emplace(k, v);
  if (global.disable_hash) local->disable_hash = true;
  if (global.immutable) local->immutable = true;
}

// Go's path.Base.
std::string PathBase(std::string_view p) {
  if (p.empty()) return ".";
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  if (p == "/") return "/";
  size_t slash = p.rfind('/');
  if (slash != std::string_view::npos) p.remove_prefix(slash + 1);
  return std::string(p);
}

// The message of a Status without its "file:line:col: error: " prefix.
std::string Bare(const Status& st) {
  const std::string& m = st.message();
  size_t e = m.find("error: ");
  return e == std::string::npos ? m : m.substr(e + 7);
}

// kustomize's base64 for Secret data and ConfigMap binaryData: standard
// alphabet, lines of 70 characters each ended by '\n' once it is longer
// than one line.
std::string Base64Wrapped(std::string_view raw) {
  std::string enc(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(enc.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()),
                          static_cast<int>(raw.size()));
  enc.resize(n);
  constexpr size_t kLine = 70;
  size_t lines = enc.size() / kLine + 1;
  if (lines <= 1) return enc;
  std::string out;
  for (size_t i = 0; i < enc.size(); i += kLine) {
    out += enc.substr(i, kLine);
    out.push_back('\n');
  }
  return out;
}

// A literal source KEY=VALUE.
Status ParseLiteral(const std::string& src, const yaml::Node& at,
                    std::string* key, std::string* value) {
  size_t eq = src.find('=');
  if (eq == std::string::npos || eq == 0)
    return yaml::ErrorAt(
        at, "invalid literal source " + src + ", expected key=value");
  *key = src.substr(0, eq);
  std::string v = src.substr(eq + 1);
  // One pair of matching surrounding quotes is removed.
  if (v.size() >= 2 && v.front() == v.back() &&
      (v.front() == '"' || v.front() == '\''))
    v = v.substr(1, v.size() - 2);
  *value = std::move(v);
  return Status::Ok();
}

// A file source "path" or "key=path".
Status ParseFileSource(const std::string& src, const yaml::Node& at,
                       std::string* key, std::string* path) {
  size_t eq = src.find('=');
  if (eq == std::string::npos) {
    *key = PathBase(src);
    *path = src;
    return Status::Ok();
  }
  if (eq == 0)
    return yaml::ErrorAt(at, "missing key name for file path \"" +
                                 src.substr(1) + "\" in source \"" + src +
                                 "\"");
  *key = src.substr(0, eq);
  *path = src.substr(eq + 1);
  if (path->find('=') != std::string::npos)
    return yaml::ErrorAt(
        at, "source \"" + src + "\" key name or file path contains '='");
  if (path->empty())
    return yaml::ErrorAt(at, "missing file path for key name \"" + *key +
                                 "\" in source \"" + src + "\"");
  return Status::Ok();
}

// A file path as kustomize cleans it before reading ("dir/f.txt/" reads
// dir/f.txt).
std::string CleanFilePath(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

// Everything a generator entry says.
struct Args {
  std::string name;
  std::string ns;
  std::string behavior;
  std::string type;
  std::vector<std::pair<std::string, const yaml::Node*>> literals, files, envs;
  Options options;
};

Status ReadArgs(GeneratorKind kind, const yaml::Node& n, Args* a) {
  const char* what = kind == GeneratorKind::kConfigMap ? "configMapGenerator"
                                                       : "secretGenerator";
  if (!n.IsMap())
    return yaml::ErrorAt(n, std::string(what) + " entries must be mappings");
  std::vector<std::pair<std::string, const yaml::Node*>> legacy_env;
  for (const yaml::Pair& p : n.pairs()) {
    const std::string& k = p.key.value();
    std::string path = FieldPath(what, k);
    if (k == "name") {
      FERRY_RETURN_IF_ERROR(ReadString(p.value, path, &a->name));
    } else if (k == "namespace") {
      FERRY_RETURN_IF_ERROR(ReadString(p.value, path, &a->ns));
    } else if (k == "behavior") {
      FERRY_RETURN_IF_ERROR(ReadString(p.value, path, &a->behavior));
    } else if (k == "literals") {
      FERRY_RETURN_IF_ERROR(ReadStringList(p.value, path, &a->literals));
    } else if (k == "files") {
      FERRY_RETURN_IF_ERROR(ReadStringList(p.value, path, &a->files));
    } else if (k == "envs") {
      FERRY_RETURN_IF_ERROR(ReadStringList(p.value, path, &a->envs));
    } else if (k == "env") {
      std::string s;
      FERRY_RETURN_IF_ERROR(ReadString(p.value, path, &s));
      if (!s.empty()) legacy_env.emplace_back(std::move(s), &p.value);
    } else if (k == "options") {
      FERRY_RETURN_IF_ERROR(ReadOptions(p.value, path, &a->options));
    } else if (k == "type" && kind == GeneratorKind::kSecret) {
      FERRY_RETURN_IF_ERROR(ReadString(p.value, path, &a->type));
    } else {
      return yaml::ErrorAt(p.key, "unknown field \"" + k + "\" in " + what);
    }
  }
  // kustomize's fix-up appends the legacy `env` to `envs`.
  for (auto& e : legacy_env) a->envs.push_back(std::move(e));
  return Status::Ok();
}

// Loads the pairs in kustomize's order: env files, literals, files. A
// Secret's sources go through the loader's secret source filter.
Status LoadPairs(GeneratorKind kind, const Args& a, const Loader& loader,
                 std::vector<KvPair>* pairs) {
  auto read = [&](const std::string& path, bool env, std::string* content,
                  std::string* abs) {
    return kind == GeneratorKind::kSecret
               ? loader.ReadSecretSource(CleanFilePath(path), env, content, abs)
               : loader.ReadFile(CleanFilePath(path), content, abs);
  };
  for (const auto& [path, node] : a.envs) {
    std::string content, abs;
    Status st = read(path, true, &content, &abs);
    if (!st.ok())
      return yaml::ErrorAt(*node,
                           "env source file \"" + path + "\": " + Bare(st));
    std::vector<EnvEntry> entries;
    std::string rel = loader.Relative(abs);
    FERRY_RETURN_IF_ERROR(ParseEnvFile(content, rel, &entries));
    for (EnvEntry& e : entries) {
      KvPair kv;
      kv.key = std::move(e.key);
      kv.value = std::move(e.value);
      kv.node = node;
      kv.file = rel;
      kv.line = e.line;
      pairs->push_back(std::move(kv));
    }
  }
  for (const auto& [src, node] : a.literals) {
    KvPair kv;
    FERRY_RETURN_IF_ERROR(ParseLiteral(src, *node, &kv.key, &kv.value));
    kv.node = node;
    pairs->push_back(std::move(kv));
  }
  for (const auto& [src, node] : a.files) {
    KvPair kv;
    std::string path;
    FERRY_RETURN_IF_ERROR(ParseFileSource(src, *node, &kv.key, &path));
    Status st = read(path, false, &kv.value, nullptr);
    if (!st.ok())
      return yaml::ErrorAt(*node, "file source \"" + src + "\": " + Bare(st));
    kv.node = node;
    pairs->push_back(std::move(kv));
  }
  return Status::Ok();
}

// A mapping of string scalars in key order.
yaml::Node StringMapNode(const StringMap& m) {
  yaml::Node n = yaml::Node::Map();
  for (const auto& [k, v] : m) n.Set(k, yaml::Node::Str(v));
  return n;
}

// kyaml's GetLabels/GetAnnotations/GetDataMap: a mapping's keys and scalar
// texts (non-scalar values read as "").
StringMap ReadMap(const yaml::Node* n) {
  StringMap m;
  if (!n || !n->IsMap()) return m;
  for (const yaml::Pair& p : n->pairs())
    m[p.key.value()] = p.value.IsScalar() ? p.value.value() : "";
  return m;
}

// Sets `key` of `parent` to the mapping `m`, or removes it when `m` is empty.
void SetOrRemoveMap(yaml::Node* parent, std::string_view key,
                    const StringMap& m) {
  if (m.empty()) {
    parent->Remove(key);
  } else {
    parent->Set(key, StringMapNode(m));
  }
}

// `base` overlaid with `top` (top wins).
StringMap Overlay(StringMap base, const StringMap& top) {
  for (const auto& [k, v] : top) base[k] = v;
  return base;
}

GeneratorBehavior ParseBehavior(std::string_view s) {
  if (s == "create") return GeneratorBehavior::kCreate;
  if (s == "merge") return GeneratorBehavior::kMerge;
  if (s == "replace") return GeneratorBehavior::kReplace;
  return GeneratorBehavior::kUnspecified;
}

}  // namespace

Status Generate(GeneratorKind kind, const yaml::Node& args,
                const yaml::Node* generator_options, const Loader& loader,
                Resource* out) {
  Args a;
  FERRY_RETURN_IF_ERROR(ReadArgs(kind, args, &a));
  if (generator_options) {
    Options global;
    FERRY_RETURN_IF_ERROR(
        ReadOptions(*generator_options, "generatorOptions", &global));
    MergeGlobalOptions(global, &a.options);
  }
  if (a.name.empty()) {
    const yaml::Node* at = args.Get("name");
    return yaml::ErrorAt(at ? *at : args, "a configmap must have a name");
  }

  std::vector<KvPair> pairs;
  FERRY_RETURN_IF_ERROR(LoadPairs(kind, a, loader, &pairs));
  std::set<std::string> seen;
  StringMap data, binary;
  for (const KvPair& kv : pairs) {
    if (!seen.insert(kv.key).second) {
      std::string msg =
          "configmap " + a.name + " illegally repeats the key `" + kv.key + "`";
      if (!kv.file.empty()) return Status::At(kv.file, kv.line, 0, msg);
      return yaml::ErrorAt(*kv.node, msg);
    }
    if (kind == GeneratorKind::kSecret) {
      data[kv.key] = Base64Wrapped(kv.value);
    } else if (yaml::IsValidUtf8(kv.value)) {
      data[kv.key] = kv.value;
    } else {
      binary[kv.key] = Base64Wrapped(kv.value);
    }
  }

  yaml::Node n = yaml::Node::Map();
  n.Set("apiVersion", yaml::Node::Str("v1"));
  n.Set("kind", yaml::Node::Str(kind == GeneratorKind::kConfigMap ? "ConfigMap"
                                                                  : "Secret"));
  yaml::Node& md = n.GetOrAddMap("metadata");
  md.Set("name", yaml::Node::Str(a.name));
  if (!a.ns.empty()) md.Set("namespace", yaml::Node::Str(a.ns));
  if (!a.options.labels.empty())
    md.Set("labels", StringMapNode(a.options.labels));
  if (!a.options.annotations.empty())
    md.Set("annotations", StringMapNode(a.options.annotations));
  if (kind == GeneratorKind::kSecret || !data.empty())
    n.Set("data", StringMapNode(data));
  if (!binary.empty()) n.Set("binaryData", StringMapNode(binary));
  if (kind == GeneratorKind::kSecret)
    n.Set("type", yaml::Node::Str(a.type.empty() ? "Opaque" : a.type));
  if (a.options.immutable) n.Set("immutable", yaml::Node::Plain("true"));

  *out = Resource();
  out->node = std::move(n);
  out->needs_hash = !a.options.disable_hash;
  out->behavior = ParseBehavior(a.behavior);
  return Status::Ok();
}

Status MergeGenerated(Resource* existing, const Resource& generated) {
  if (!generated.node.IsMap())
    return Status::Error("generated object is not a mapping");
  // kustomize keeps the build annotations of the existing object (rename
  // history, name prefixes and suffixes, behavior, origin): start from it
  // and take the generated object's content.
  Resource r = *existing;
  r.node = generated.node;
  const yaml::Node* old_md = existing->node.Get("metadata");
  yaml::Node& md = r.node.GetOrAddMap("metadata");

  // CopyMergeMetaDataFieldsFrom: labels and annotations merged, the
  // existing object's name and namespace kept.
  SetOrRemoveMap(&md, "labels",
                 Overlay(ReadMap(old_md ? old_md->Get("labels") : nullptr),
                         ReadMap(md.Get("labels"))));
  SetOrRemoveMap(&md, "annotations",
                 Overlay(ReadMap(old_md ? old_md->Get("annotations") : nullptr),
                         ReadMap(md.Get("annotations"))));
  md.Set("name", yaml::Node::Str(existing->Name()));
  std::string_view ns = existing->Namespace();
  if (ns.empty()) {
    md.Remove("namespace");
  } else {
    md.Set("namespace", yaml::Node::Str(ns));
  }

  if (generated.behavior == GeneratorBehavior::kMerge) {
    // MergeDataMapFrom / MergeBinaryDataMapFrom: the merged maps replace
    // the fields, which disappear when empty.
    StringMap data = Overlay(ReadMap(existing->node.Get("data")),
                             ReadMap(r.node.Get("data")));
    StringMap binary = Overlay(ReadMap(existing->node.Get("binaryData")),
                               ReadMap(r.node.Get("binaryData")));
    r.node.Remove("data");
    StringMap text, moved;
    for (auto& [k, v] : data) (yaml::IsValidUtf8(v) ? text : moved)[k] = v;
    if (!text.empty()) r.node.Set("data", StringMapNode(text));
    for (auto& [k, v] : moved) binary[k] = Base64Wrapped(v);
    SetOrRemoveMap(&r.node, "binaryData", binary);
  } else if (!generated.origin_path.empty() ||
             !generated.origin_generator.empty()) {
    // Replace: the generated object's origin annotation wins.
    r.origin_path = generated.origin_path;
    r.origin_generator = generated.origin_generator;
  }

  // A hash suffix survives only if both asked for it (kubectl, every
  // combination of disableNameSuffixHash, merge and replace).
  r.needs_hash = existing->needs_hash && generated.needs_hash;
  *existing = std::move(r);
  return Status::Ok();
}

}  // namespace ferry::kustomize
