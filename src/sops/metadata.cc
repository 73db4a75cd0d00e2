#include "sops/metadata.h"

#include <ctime>

#include "yaml/resolve.h"

namespace ferry::sops {
namespace {

using yaml::Node;

constexpr std::string_view kKeyTypes[] = {"kms",      "gcp_kms", "azure_kv",
                                          "hc_vault", "age",     "pgp"};

// Field order of each key type as sops writes it.
std::vector<std::string_view> FieldOrder(std::string_view type) {
  if (type == "kms")
    return {"arn", "role", "context", "created_at", "enc", "aws_profile"};
  if (type == "gcp_kms") return {"resource_id", "created_at", "enc"};
  if (type == "azure_kv")
    return {"vault_url", "name", "version", "created_at", "enc"};
  if (type == "hc_vault")
    return {"vault_address", "engine_path", "key_name", "created_at", "enc"};
  if (type == "age") return {"recipient", "enc"};
  if (type == "pgp") return {"created_at", "enc", "fp"};
  return {};
}

bool OmitEmptyField(std::string_view type, std::string_view field) {
  return type == "kms" && (field == "role" || field == "context");
}

Status ParseKeyList(const Node& list, std::string_view type,
                    std::vector<KeyEntry>* out) {
  if (list.IsNull() ||
      (list.IsScalar() && yaml::ResolveV3(list) == yaml::ScalarType::kNull))
    return Status::Ok();
  if (!list.IsSeq())
    return Status::Error("sops metadata: \"" + std::string(type) +
                         "\" is not a list");
  for (const Node& item : list.items()) {
    if (!item.IsMap())
      return Status::Error("sops metadata: an entry of \"" + std::string(type) +
                           "\" is not a mapping");
    KeyEntry e;
    e.type = type;
    for (const yaml::Pair& p : item.pairs()) {
      // kms "context" is a mapping: kept as flow text is not needed by
      // ferry; store scalars only and skip others.
      if (p.value.IsScalar())
        e.fields.emplace_back(p.key.value(), p.value.value());
    }
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

Status ParseGroup(const Node& m, std::vector<KeyEntry>* group) {
  for (std::string_view t : kKeyTypes)
    if (const Node* list = m.Get(t))
      FERRY_RETURN_IF_ERROR(ParseKeyList(*list, t, group));
  return Status::Ok();
}

Node KeyList(const std::vector<KeyEntry>& group, std::string_view type,
             bool for_json) {
  Node list = Node::Seq();
  for (const KeyEntry& e : group) {
    if (e.type != type) continue;
    Node m = Node::Map();
    for (std::string_view f : FieldOrder(type)) {
      std::string_view v = e.Get(f);
      if (v.empty() && OmitEmptyField(type, f)) continue;
      m.Set(f, Node::Str(v));
    }
    for (const auto& [k, v] : e.fields)
      if (!m.Get(k)) m.Set(k, Node::Str(v));
    list.Append(std::move(m));
  }
  if (list.items().empty() && for_json) return Node::Null();
  return list;
}

}  // namespace

std::string_view KeyEntry::Get(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return "";
}

void KeyEntry::Set(std::string_view name, std::string value) {
  for (auto& [k, v] : fields)
    if (k == name) {
      v = std::move(value);
      return;
    }
  fields.emplace_back(std::string(name), std::move(value));
}

Status ParseMetadata(const Node& sops, Metadata* out) {
  if (!sops.IsMap()) return Status::Error("sops metadata is not a mapping");
  Metadata m;
  std::vector<KeyEntry> top;
  FERRY_RETURN_IF_ERROR(ParseGroup(sops, &top));
  if (!top.empty()) {
    m.key_groups.push_back(std::move(top));
  } else if (const Node* groups = sops.Get("key_groups");
             groups && groups->IsSeq()) {
    for (const Node& g : groups->items()) {
      std::vector<KeyEntry> group;
      if (g.IsMap()) FERRY_RETURN_IF_ERROR(ParseGroup(g, &group));
      m.key_groups.push_back(std::move(group));
    }
  }
  if (m.key_groups.empty())
    return Status::Error("no keys found in the sops metadata");
  std::string_view threshold = sops.GetString("shamir_threshold");
  if (!threshold.empty())
    m.shamir_threshold = std::atoi(std::string(threshold).c_str());
  m.last_modified = sops.GetString("lastmodified");
  if (m.last_modified.empty())
    return Status::Error("sops metadata: lastmodified is missing");
  m.mac = sops.GetString("mac");
  m.version = sops.GetString("version");
  m.rules.unencrypted_suffix = sops.GetString("unencrypted_suffix");
  m.rules.encrypted_suffix = sops.GetString("encrypted_suffix");
  m.rules.unencrypted_regex = sops.GetString("unencrypted_regex");
  m.rules.encrypted_regex = sops.GetString("encrypted_regex");
  m.rules.unencrypted_comment_regex =
      sops.GetString("unencrypted_comment_regex");
  m.rules.encrypted_comment_regex = sops.GetString("encrypted_comment_regex");
  std::string_view moe = sops.GetString("mac_only_encrypted");
  m.rules.mac_only_encrypted = moe == "true" || moe == "True";
  FERRY_RETURN_IF_ERROR(CheckCryptRules(m.rules));
  if (m.rules.unencrypted_suffix.empty() && m.rules.encrypted_suffix.empty() &&
      m.rules.unencrypted_regex.empty() && m.rules.encrypted_regex.empty())
    m.rules.unencrypted_suffix = std::string(kDefaultUnencryptedSuffix);
  *out = std::move(m);
  return Status::Ok();
}

Node MetadataToNode(const Metadata& m, bool for_json) {
  Node n = Node::Map();
  std::vector<KeyEntry> none;
  const std::vector<KeyEntry>& single =
      m.key_groups.size() == 1 ? m.key_groups[0] : none;
  if (m.shamir_threshold != 0)
    n.Set("shamir_threshold", Node::Plain(std::to_string(m.shamir_threshold)));
  if (m.key_groups.size() > 1) {
    Node groups = Node::Seq();
    for (const auto& g : m.key_groups) {
      Node gn = Node::Map();
      for (std::string_view t : {"pgp", "kms", "gcp_kms", "azure_kv"}) {
        Node list = KeyList(g, t, false);
        if (!list.items().empty()) gn.Set(t, std::move(list));
      }
      gn.Set("hc_vault", KeyList(g, "hc_vault", for_json));
      gn.Set("age", KeyList(g, "age", for_json));
      groups.Append(std::move(gn));
    }
    n.Set("key_groups", std::move(groups));
  }
  for (std::string_view t : {"kms", "gcp_kms", "azure_kv", "hc_vault", "age"})
    n.Set(t, KeyList(single, t, for_json));
  n.Set("lastmodified", Node::Str(m.last_modified));
  n.Set("mac", Node::Str(m.mac));
  n.Set("pgp", KeyList(single, "pgp", for_json));
  auto opt = [&](std::string_view k, const std::string& v) {
    if (!v.empty()) n.Set(k, Node::Str(v));
  };
  opt("unencrypted_suffix", m.rules.unencrypted_suffix);
  opt("encrypted_suffix", m.rules.encrypted_suffix);
  opt("unencrypted_regex", m.rules.unencrypted_regex);
  opt("encrypted_regex", m.rules.encrypted_regex);
  opt("unencrypted_comment_regex", m.rules.unencrypted_comment_regex);
  opt("encrypted_comment_regex", m.rules.encrypted_comment_regex);
  if (m.rules.mac_only_encrypted)
    n.Set("mac_only_encrypted", Node::Plain("true"));
  n.Set("version",
        Node::Str(m.version.empty() ? std::string(kSopsVersion) : m.version));
  return n;
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace ferry::sops
