#include "sops/config.h"

#include <re2/re2.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sops/age.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;
using yaml::Node;

constexpr int kMaxDepth = 100;

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string_view KindName(const Node& n) {
  switch (n.kind()) {
    case yaml::Kind::kNull:
      return "null";
    case yaml::Kind::kScalar:
      return "a scalar";
    case yaml::Kind::kSequence:
      return "a list";
    case yaml::Kind::kMapping:
      return "a mapping";
  }
  return "?";
}

std::string_view TypeName(yaml::ScalarType t) {
  switch (t) {
    case yaml::ScalarType::kNull:
      return "null";
    case yaml::ScalarType::kBool:
      return "bool";
    case yaml::ScalarType::kInt:
      return "int";
    case yaml::ScalarType::kFloat:
      return "float";
    case yaml::ScalarType::kTimestamp:
      return "timestamp";
    case yaml::ScalarType::kString:
      return "string";
  }
  return "?";
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string RemoveSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t i = s.find(sep, start);
    if (i == std::string_view::npos) {
      out.emplace_back(s.substr(start));
      return out;
    }
    out.emplace_back(s.substr(start, i - start));
    start = i + 1;
  }
}

// A string field (go-yaml v3 stores the text of any scalar in a string).
Status DecodeString(const Node& n, std::string_view field, std::string* out) {
  if (n.IsNull()) {
    out->clear();
    return Status::Ok();
  }
  if (!n.IsScalar()) {
    return yaml::ErrorAt(n, std::string(field) + ": expected a string, got " +
                                std::string(KindName(n)));
  }
  *out = n.value();
  return Status::Ok();
}

Status DecodeInt(const Node& n, std::string_view field, int* out) {
  if (n.IsNull()) {
    *out = 0;
    return Status::Ok();
  }
  int64_t v = 0;
  if (n.IsScalar()) {
    yaml::ScalarType t = yaml::ResolveV3(n);
    if (t == yaml::ScalarType::kInt && yaml::ParseGoInt(n.value(), &v) &&
        v >= INT32_MIN && v <= INT32_MAX) {
      *out = static_cast<int>(v);
      return Status::Ok();
    }
  }
  return yaml::ErrorAt(n, std::string(field) + ": expected an integer, got " +
                              (n.IsScalar() ? "\"" + n.value() + "\""
                                            : std::string(KindName(n))));
}

// A bool field: true/false, and the YAML 1.1 words go-yaml v3 accepts when
// it decodes into a bool.
Status DecodeBool(const Node& n, std::string_view field, bool* out) {
  if (n.IsNull()) {
    *out = false;
    return Status::Ok();
  }
  if (n.IsScalar()) {
    const std::string& v = n.value();
    if (yaml::ResolveV3(n) == yaml::ScalarType::kBool) {
      *out = v == "true" || v == "True" || v == "TRUE";
      return Status::Ok();
    }
    for (std::string_view w :
         {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"}) {
      if (v == w) {
        *out = true;
        return Status::Ok();
      }
    }
    for (std::string_view w :
         {"n", "N", "no", "No", "NO", "off", "Off", "OFF"}) {
      if (v == w) {
        *out = false;
        return Status::Ok();
      }
    }
  }
  return yaml::ErrorAt(
      n,
      std::string(field) + ": expected true or false, got " +
          (n.IsScalar() ? "\"" + n.value() + "\"" : std::string(KindName(n))));
}

// A []string field: a list of scalars (null is empty).
Status DecodeStringList(const Node& n, std::string_view field,
                        std::vector<const Node*>* out) {
  out->clear();
  if (n.IsNull()) return Status::Ok();
  if (!n.IsSeq()) {
    return yaml::ErrorAt(n, std::string(field) + ": expected a list, got " +
                                std::string(KindName(n)));
  }
  for (const Node& item : n.items()) {
    if (!item.IsScalar() && !item.IsNull()) {
      return yaml::ErrorAt(item, std::string(field) +
                                     ": expected a string in the list, got " +
                                     std::string(KindName(item)));
    }
    out->push_back(&item);
  }
  return Status::Ok();
}

// A key field of a rule (`age`, `pgp`, ...): a comma-separated string or a
// list of strings (sops's parseKeyField). Each result keeps its node.
struct KeyText {
  std::string text;
  const Node* node;
};

Status DecodeKeyField(const Node& n, std::string_view field,
                      std::vector<KeyText>* out) {
  out->clear();
  if (n.IsNull()) return Status::Ok();
  auto bad = [&](const Node& at, yaml::ScalarType t, bool in_list) {
    return yaml::ErrorAt(
        at, "invalid " + std::string(field) + " key configuration: expected " +
                (in_list ? std::string("string in list")
                         : std::string("string, []string, or nil")) +
                ", got " + std::string(TypeName(t)));
  };
  if (n.IsScalar()) {
    yaml::ScalarType t = yaml::ResolveV3(n);
    if (t != yaml::ScalarType::kString) return bad(n, t, false);
    for (const std::string& piece : Split(n.value(), ',')) {
      std::string key = Trim(piece);
      if (!key.empty()) out->push_back({key, &n});
    }
    return Status::Ok();
  }
  if (n.IsSeq()) {
    for (const Node& item : n.items()) {
      if (!item.IsScalar()) {
        return yaml::ErrorAt(item, "invalid " + std::string(field) +
                                       " key configuration: expected string "
                                       "in list, got " +
                                       std::string(KindName(item)));
      }
      yaml::ScalarType t = yaml::ResolveV3(item);
      if (t != yaml::ScalarType::kString) return bad(item, t, true);
      out->push_back({item.value(), &item});
    }
    return Status::Ok();
  }
  return yaml::ErrorAt(n, "invalid " + std::string(field) +
                              " key configuration: expected string, "
                              "[]string, or nil, got a mapping");
}

KeySpec Spec(std::string type, std::string id, const Node& at) {
  KeySpec k;
  k.type = std::move(type);
  k.id = std::move(id);
  k.mark = at.mark();
  return k;
}

// A key list of .sops.yaml (see ParseKeyList), its keys placed at `at`.
Status AddKeys(std::string_view type, std::string_view text, const Node& at,
               std::vector<KeySpec>* group) {
  size_t first = group->size();
  Status st = ParseKeyList(type, text, group);
  if (!st.ok()) {
    std::string msg = st.message();
    if (msg.rfind("error: ", 0) == 0) msg = msg.substr(7);
    return yaml::ErrorAt(at, msg);
  }
  for (size_t i = first; i < group->size(); ++i) (*group)[i].mark = at.mark();
  return Status::Ok();
}

// An AWS KMS ARN with an optional "+role-arn" suffix.
KeySpec KmsSpec(std::string_view arn, const Node& at) {
  KeySpec k = Spec("kms", std::string(arn), at);
  size_t plus = k.id.find('+');
  if (plus != std::string::npos) {
    k.aws_role = k.id.substr(plus + 1);
    k.id.resize(plus);
  }
  return k;
}

void Dedup(std::vector<KeySpec>* group) {
  std::vector<KeySpec> out;
  for (KeySpec& k : *group) {
    bool seen = false;
    for (const KeySpec& o : out) seen = seen || o == k;
    if (!seen) out.push_back(std::move(k));
  }
  *group = std::move(out);
}

Status DecodeMapping(const Node& n, std::string_view what) {
  if (n.IsMap() || n.IsNull()) return Status::Ok();
  return yaml::ErrorAt(n, std::string(what) + ": expected a mapping, got " +
                              std::string(KindName(n)));
}

Status DecodeList(const Node& n, std::string_view what) {
  if (n.IsSeq() || n.IsNull()) return Status::Ok();
  return yaml::ErrorAt(n, std::string(what) + ": expected a list, got " +
                              std::string(KindName(n)));
}

// Reads the entries of a list of mappings, calling fn(entry) for each.
template <typename Fn>
Status ForEachMapping(const Node* list, std::string_view what, Fn fn) {
  if (list == nullptr) return Status::Ok();
  FERRY_RETURN_IF_ERROR(DecodeList(*list, what));
  for (const Node& entry : list->items()) {
    FERRY_RETURN_IF_ERROR(DecodeMapping(entry, what));
    FERRY_RETURN_IF_ERROR(fn(entry));
  }
  return Status::Ok();
}

std::string Field(const Node& map, std::string_view key) {
  const Node* v = map.IsMap() ? map.Get(key) : nullptr;
  return v && v->IsScalar() ? v->value() : "";
}

Status DecodeKeyGroup(const Node& g, int depth, std::vector<KeySpec>* group) {
  FERRY_RETURN_IF_ERROR(DecodeMapping(g, "key_groups"));
  if (depth > 64) return yaml::ErrorAt(g, "key_groups: merge nested too deep");
  if (g.IsNull()) return Status::Ok();
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(g.Get("merge"), "merge", [&](const Node& sub) -> Status {
        std::vector<KeySpec> keys;
        FERRY_RETURN_IF_ERROR(DecodeKeyGroup(sub, depth + 1, &keys));
        for (KeySpec& k : keys) group->push_back(std::move(k));
        return Status::Ok();
      }));
  std::vector<const Node*> items;
  if (const Node* age = g.Get("age")) {
    FERRY_RETURN_IF_ERROR(DecodeStringList(*age, "age", &items));
    for (const Node* item : items) {
      FERRY_RETURN_IF_ERROR(AddKeys("age", item->value(), *item, group));
    }
  }
  if (const Node* pgp = g.Get("pgp")) {
    FERRY_RETURN_IF_ERROR(DecodeStringList(*pgp, "pgp", &items));
    for (const Node* item : items) {
      group->push_back(Spec("pgp", RemoveSpaces(item->value()), *item));
    }
  }
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(g.Get("kms"), "kms", [&](const Node& e) -> Status {
        KeySpec k = Spec("kms", Field(e, "arn"), e);
        k.aws_role = Field(e, "role");
        k.aws_profile = Field(e, "aws_profile");
        if (const Node* ctx = e.Get("context")) {
          FERRY_RETURN_IF_ERROR(DecodeMapping(*ctx, "context"));
          for (const yaml::Pair& p : ctx->pairs()) {
            k.aws_context.emplace_back(p.key.value(), p.value.value());
          }
        }
        group->push_back(std::move(k));
        return Status::Ok();
      }));
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(g.Get("gcp_kms"), "gcp_kms", [&](const Node& e) -> Status {
        group->push_back(
            Spec("gcp_kms", RemoveSpaces(Field(e, "resource_id")), e));
        return Status::Ok();
      }));
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(g.Get("hckms"), "hckms", [&](const Node& e) -> Status {
        group->push_back(Spec("hckms", Field(e, "key_id"), e));
        return Status::Ok();
      }));
  FERRY_RETURN_IF_ERROR(ForEachMapping(
      g.Get("azure_keyvault"), "azure_keyvault", [&](const Node& e) -> Status {
        std::string id = Field(e, "vaultUrl") + "/keys/" + Field(e, "key");
        std::string version = Field(e, "version");
        if (!version.empty()) id += "/" + version;
        group->push_back(Spec("azure_kv", id, e));
        return Status::Ok();
      }));
  if (const Node* vault = g.Get("hc_vault")) {
    FERRY_RETURN_IF_ERROR(DecodeStringList(*vault, "hc_vault", &items));
    for (const Node* item : items) {
      group->push_back(Spec("hc_vault", item->value(), *item));
    }
  }
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(g.Get("plugins"), "plugins", [&](const Node& e) -> Status {
        group->push_back(Spec("plugin", Field(e, "binary_name"), e));
        return Status::Ok();
      }));
  Dedup(group);
  return Status::Ok();
}

// The flat key fields of a rule: one group, in sops's order.
Status DecodeFlatKeys(const Node& r, const std::string& aws_profile,
                      std::vector<KeySpec>* group) {
  std::vector<KeyText> keys;
  auto field = [&](std::string_view name,
                   std::string_view error_name) -> Status {
    keys.clear();
    const Node* n = r.Get(name);
    if (n == nullptr) return Status::Ok();
    return DecodeKeyField(*n, error_name, &keys);
  };
  FERRY_RETURN_IF_ERROR(field("age", "age"));
  for (const KeyText& k : keys) {
    FERRY_RETURN_IF_ERROR(AddKeys("age", k.text, *k.node, group));
  }
  FERRY_RETURN_IF_ERROR(field("pgp", "pgp"));
  for (const KeyText& k : keys)
    FERRY_RETURN_IF_ERROR(AddKeys("pgp", k.text, *k.node, group));
  FERRY_RETURN_IF_ERROR(field("kms", "kms"));
  for (const KeyText& k : keys) {
    std::vector<KeySpec> arns;
    FERRY_RETURN_IF_ERROR(AddKeys("kms", k.text, *k.node, &arns));
    for (const KeySpec& a : arns) {
      KeySpec spec = KmsSpec(a.id, *k.node);
      spec.aws_profile = aws_profile;
      group->push_back(std::move(spec));
    }
  }
  FERRY_RETURN_IF_ERROR(field("gcp_kms", "gcp_kms"));
  for (const KeyText& k : keys)
    FERRY_RETURN_IF_ERROR(AddKeys("gcp_kms", k.text, *k.node, group));
  if (const Node* hckms = r.Get("hckms")) {
    std::vector<const Node*> items;
    FERRY_RETURN_IF_ERROR(DecodeStringList(*hckms, "hckms", &items));
    for (const Node* item : items)
      FERRY_RETURN_IF_ERROR(AddKeys("hckms", item->value(), *item, group));
  }
  FERRY_RETURN_IF_ERROR(field("azure_keyvault", "azure_keyvault"));
  for (const KeyText& k : keys) {
    for (const std::string& piece : Split(k.text, ',')) {
      std::string url = Trim(piece);
      if (!url.empty()) group->push_back(Spec("azure_kv", url, *k.node));
    }
  }
  FERRY_RETURN_IF_ERROR(field("hc_vault_transit_uri", "hc_vault_transit_uri"));
  for (const KeyText& k : keys) {
    for (const std::string& piece : Split(k.text, ',')) {
      std::string uri = Trim(piece);
      if (!uri.empty()) group->push_back(Spec("hc_vault", uri, *k.node));
    }
  }
  FERRY_RETURN_IF_ERROR(
      ForEachMapping(r.Get("plugins"), "plugins", [&](const Node& e) -> Status {
        group->push_back(Spec("plugin", Field(e, "binary_name"), e));
        return Status::Ok();
      }));
  return Status::Ok();
}

Status DecodeRule(const Node& r, CreationRule* rule) {
  FERRY_RETURN_IF_ERROR(DecodeMapping(r, "creation_rules"));
  rule->mark = r.mark();
  if (r.IsNull()) return Status::Ok();
  struct StringField {
    std::string_view name;
    std::string* out;
  };
  std::string aws_profile;
  for (StringField f : {
           StringField{"path_regex", &rule->path_regex},
           StringField{"aws_profile", &aws_profile},
           StringField{"unencrypted_suffix", &rule->unencrypted_suffix},
           StringField{"encrypted_suffix", &rule->encrypted_suffix},
           StringField{"unencrypted_regex", &rule->unencrypted_regex},
           StringField{"encrypted_regex", &rule->encrypted_regex},
           StringField{"unencrypted_comment_regex",
                       &rule->unencrypted_comment_regex},
           StringField{"encrypted_comment_regex",
                       &rule->encrypted_comment_regex},
       }) {
    if (const Node* n = r.Get(f.name)) {
      FERRY_RETURN_IF_ERROR(DecodeString(*n, f.name, f.out));
    }
  }
  if (const Node* n = r.Get("shamir_threshold")) {
    FERRY_RETURN_IF_ERROR(
        DecodeInt(*n, "shamir_threshold", &rule->shamir_threshold));
  }
  if (const Node* n = r.Get("mac_only_encrypted")) {
    FERRY_RETURN_IF_ERROR(
        DecodeBool(*n, "mac_only_encrypted", &rule->mac_only_encrypted));
  }

  int selectors = 0;
  for (const std::string* s :
       {&rule->unencrypted_suffix, &rule->encrypted_suffix,
        &rule->unencrypted_regex, &rule->encrypted_regex,
        &rule->unencrypted_comment_regex, &rule->encrypted_comment_regex}) {
    if (!s->empty()) ++selectors;
  }
  if (selectors > 1) {
    return yaml::ErrorAt(
        r,
        "cannot use more than one of encrypted_suffix, unencrypted_suffix, "
        "encrypted_regex, unencrypted_regex, encrypted_comment_regex, or "
        "unencrypted_comment_regex for the same rule");
  }
  for (std::string_view name :
       {"unencrypted_regex", "encrypted_regex", "unencrypted_comment_regex",
        "encrypted_comment_regex"}) {
    const Node* n = r.Get(name);
    if (n == nullptr || !n->IsScalar() || n->value().empty()) continue;
    RE2::Options opts;
    opts.set_log_errors(false);
    RE2 re(n->value(), opts);
    if (!re.ok()) {
      return yaml::ErrorAt(*n, std::string(name) +
                                   ": invalid regular "
                                   "expression: " +
                                   re.error());
    }
  }
  if (!rule->path_regex.empty()) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<RE2>(rule->path_regex, opts);
    if (!re->ok()) {
      return yaml::ErrorAt(*r.Get("path_regex"),
                           "can not compile regexp: " + re->error());
    }
    rule->regex = std::move(re);
  }

  const Node* groups = r.Get("key_groups");
  if (groups != nullptr)
    FERRY_RETURN_IF_ERROR(DecodeList(*groups, "key_groups"));
  if (groups != nullptr && groups->IsSeq() && !groups->items().empty()) {
    for (const Node& g : groups->items()) {
      std::vector<KeySpec> group;
      FERRY_RETURN_IF_ERROR(DecodeKeyGroup(g, 0, &group));
      rule->key_groups.push_back(std::move(group));
    }
  } else {
    std::vector<KeySpec> group;
    FERRY_RETURN_IF_ERROR(DecodeFlatKeys(r, aws_profile, &group));
    rule->key_groups.push_back(std::move(group));
  }
  return Status::Ok();
}

Status DecodeStores(const Node& s, StoresConfig* out) {
  FERRY_RETURN_IF_ERROR(DecodeMapping(s, "stores"));
  if (s.IsNull()) return Status::Ok();
  struct IndentField {
    std::string_view store;
    int* out;
  };
  for (IndentField f : {IndentField{"yaml", &out->yaml_indent},
                        IndentField{"json", &out->json_indent},
                        IndentField{"json_binary", &out->json_binary_indent}}) {
    const Node* store = s.Get(f.store);
    if (store == nullptr) continue;
    FERRY_RETURN_IF_ERROR(DecodeMapping(*store, f.store));
    if (const Node* indent = store->IsMap() ? store->Get("indent") : nullptr) {
      FERRY_RETURN_IF_ERROR(DecodeInt(*indent, "indent", f.out));
    }
  }
  return Status::Ok();
}

// Go's filepath.Clean of an absolute path.
std::string CleanAbsolute(std::string_view path) {
  fs::path p(path);
  if (p.is_relative()) {
    std::error_code ec;
    p = fs::current_path(ec) / p;
  }
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

bool FindConfigFile(std::string_view dir, ConfigLookup* lookup) {
  *lookup = ConfigLookup();
  fs::path d = CleanAbsolute(dir.empty() ? "." : dir);
  std::string alternate;
  for (int i = 0; i < kMaxDepth; ++i) {
    std::string candidate = (d / ".sops.yaml").string();
    if (Exists(candidate)) {
      lookup->path = candidate;
      if (!alternate.empty()) {
        lookup->warning = "ignoring \"" + alternate +
                          "\" when searching for config file; the config "
                          "file must be called \".sops.yaml\"; using \"" +
                          candidate + "\" instead";
      }
      return true;
    }
    if (alternate.empty()) {
      std::string alt = (d / ".sops.yml").string();
      if (Exists(alt)) alternate = alt;
    }
    if (!d.has_relative_path()) break;  // the root
    d = d.parent_path();
  }
  if (!alternate.empty()) {
    lookup->warning = "ignoring \"" + alternate +
                      "\" when searching for config file; the config file "
                      "must be called \".sops.yaml\"";
  }
  return false;
}

bool CreationRule::Matches(std::string_view path) const {
  if (path_regex.empty() || regex == nullptr) return true;
  return RE2::PartialMatch(path, *regex);
}

std::string SopsConfig::RulePath(std::string_view file_path) const {
  std::string file = CleanAbsolute(file_path);
  std::string dir = fs::path(path).parent_path().string();
  std::string config_dir = CleanAbsolute(dir.empty() ? "." : dir);
  std::string prefix = config_dir + "/";
  if (file.compare(0, prefix.size(), prefix) == 0) {
    return file.substr(prefix.size());
  }
  return file;
}

Status SopsConfig::MatchRule(std::string_view file_path,
                             const CreationRule** rule) const {
  *rule = nullptr;
  if (!has_creation_rules) return Status::Ok();
  std::string rel = RulePath(file_path);
  for (const CreationRule& r : creation_rules) {
    if (r.Matches(rel)) {
      *rule = &r;
      return Status::Ok();
    }
  }
  return Status::At(path, 0, 0,
                    "no matching creation rules found for \"" + rel + "\"");
}

Status ParseKeyList(std::string_view type, std::string_view text,
                    std::vector<KeySpec>* out) {
  if (text.empty()) return Status::Ok();
  for (const std::string& piece : Split(text, ',')) {
    KeySpec k;
    k.type = std::string(type);
    if (type == "age") {  // sops's MasterKeysFromRecipients
      k.id = Trim(piece);
      AgeRecipient parsed;
      FERRY_RETURN_IF_ERROR(AgeRecipient::Parse(k.id, &parsed));
    } else {
      k.id = RemoveSpaces(piece);
      if (k.id.empty()) continue;
    }
    out->push_back(std::move(k));
  }
  return Status::Ok();
}

Status ParseConfig(std::string_view text, std::string_view file_name,
                   SopsConfig* config) {
  *config = SopsConfig();
  config->path = std::string(file_name);
  std::vector<Node> docs;
  FERRY_RETURN_IF_ERROR(yaml::ParseDocuments(text, file_name, &docs));
  if (docs.empty() || docs[0].IsNull()) return Status::Ok();
  const Node& root = docs[0];  // go-yaml's Unmarshal reads the first one
  if (!root.IsMap()) {
    return yaml::ErrorAt(root,
                         "expected a mapping at the top of .sops.yaml, "
                         "got " +
                             std::string(KindName(root)));
  }
  if (const Node* rules = root.Get("creation_rules")) {
    FERRY_RETURN_IF_ERROR(DecodeList(*rules, "creation_rules"));
    if (rules->IsSeq()) {
      config->has_creation_rules = true;
      for (const Node& r : rules->items()) {
        CreationRule rule;
        FERRY_RETURN_IF_ERROR(DecodeRule(r, &rule));
        config->creation_rules.push_back(std::move(rule));
      }
    }
  }
  if (const Node* d = root.Get("destination_rules")) {
    FERRY_RETURN_IF_ERROR(DecodeList(*d, "destination_rules"));
    config->destination_rules = *d;
  }
  if (const Node* s = root.Get("stores")) {
    FERRY_RETURN_IF_ERROR(DecodeStores(*s, &config->store_options));
    config->stores = *s;
  }
  return Status::Ok();
}

Status LoadConfig(const std::string& path, SopsConfig* config) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::At(path, 0, 0, "could not read config file");
  std::stringstream ss;
  ss << f.rdbuf();
  return ParseConfig(ss.str(), path, config);
}

}  // namespace ferry::sops
