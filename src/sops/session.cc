#include "sops/session.h"

#include "sops/exit_codes.h"
#include "sops/file.h"
#include "sops/metadata.h"
#include "sops/shamir.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::sops {

KeySpec KeySpecOf(const KeyEntry& e) {
  KeySpec s;
  s.type = e.type;
  s.id = std::string(e.type == "age"       ? e.Get("recipient")
                     : e.type == "gcp_kms" ? e.Get("resource_id")
                     : e.type == "pgp"     ? e.Get("fp")
                     : e.type == "kms"     ? e.Get("arn")
                                           : e.Get("name"));
  return s;
}

namespace {

// Decrypts one group's secret (the data key, or its Shamir share).
Status GroupSecret(const std::vector<KeyEntry>& group,
                   const KeySourceOptions& keys, SecureBytes* out,
                   std::string* errors) {
  for (const KeyEntry& e : group) {
    std::unique_ptr<MasterKey> key;
    Status st = MakeMasterKey(KeySpecOf(e), keys, &key);
    if (st.ok()) st = key->Decrypt(e.enc(), out);
    if (st.ok()) return Status::Ok();
    *errors += "\n  " + e.type + " " + KeySpecOf(e).id + ": " + st.message();
  }
  return Status::Error("no key could decrypt the group");
}

KeyEntry EntryFor(const MasterKey& key, std::string enc, std::string now) {
  KeyEntry e;
  e.type = std::string(key.Type());
  if (e.type == "age") {
    e.Set("recipient", key.Id());
  } else if (e.type == "gcp_kms") {
    e.Set("resource_id", key.Id());
    e.Set("created_at", now);
  } else if (e.type == "pgp") {
    e.Set("created_at", now);
  }
  e.Set("enc", std::move(enc));
  if (e.type == "pgp") e.Set("fp", key.Id());
  return e;
}

}  // namespace

Status RecoverDataKey(const Metadata& metadata, const KeySourceOptions& keys,
                      SecureBytes* data_key) {
  std::string errors;
  const auto& groups = metadata.key_groups;
  if (groups.size() <= 1) {
    if (groups.empty() || groups[0].empty())
      return Status::Error("the file's metadata lists no keys")
          .WithCode(kExitCouldNotRetrieveKey);
    if (GroupSecret(groups[0], keys, data_key, &errors).ok())
      return Status::Ok();
    return Status::Error("failed to get the data key required to decrypt the "
                         "SOPS file; tried:" + errors)
        .WithCode(kExitCouldNotRetrieveKey);
  }
  size_t threshold = static_cast<size_t>(
      EffectiveThreshold(metadata.shamir_threshold, groups.size()));
  std::vector<SecureBytes> shares;
  for (const auto& g : groups) {
    SecureBytes share;
    if (GroupSecret(g, keys, &share, &errors).ok())
      shares.push_back(std::move(share));
    if (shares.size() == threshold) break;
  }
  if (shares.size() < threshold)
    return Status::Error("decrypted " + std::to_string(shares.size()) +
                         " of the " + std::to_string(threshold) +
                         " key group shares needed; tried:" + errors)
        .WithCode(kExitCouldNotRetrieveKey);
  std::vector<std::string_view> views;
  for (const SecureBytes& s : shares) views.push_back(s.view());
  return ShamirCombine(views, data_key);
}

Status DecryptText(std::string_view text, Store store,
                   const KeySourceOptions& keys, std::string* plaintext,
                   std::string_view file) {
  return DecryptDocument(
      text, store,
      [&](const Metadata& m, SecureBytes* key) {
        return RecoverDataKey(m, keys, key);
      },
      plaintext, file);
}

Status DecryptObject(yaml::Node* obj, const KeySourceOptions& keys) {
  if (!obj->IsMap() || !obj->Get("sops")) return Status::Ok();
  // The object as sops wrote it (its values were encrypted with their key
  // paths), decrypted through the YAML store, read back.
  std::string text = yaml::EmitGoYamlV3Stream({*obj});
  std::string plain;
  Status st = DecryptText(text, Store::kYaml, keys, &plain);
  if (!st.ok()) return yaml::ErrorAt(*obj, "decrypting " +
                                               std::string(obj->GetString("kind")) +
                                               ": " + st.message());
  yaml::Node out;
  st = yaml::ParseDocument(plain, obj->mark().File(), &out);
  CleanseMemory(plain.data(), plain.size());  // the tree keeps the values
  FERRY_RETURN_IF_ERROR(st);
  *obj = std::move(out);
  return Status::Ok();
}

Status WrapDataKey(const SecureBytes& data_key, const KeySpecGroups& specs,
                   int shamir_threshold, const KeySourceOptions& keys,
                   Metadata* metadata) {
  std::vector<KeyGroup> groups;
  FERRY_RETURN_IF_ERROR(MakeKeyGroups(specs, keys, &groups));
  if (groups.empty() || groups[0].empty())
    return Status::Error("no keys to encrypt with: the creation rule of "
                         ".sops.yaml names none")
        .WithCode(kExitNoEncryptionKeyFound);
  std::vector<SecureBytes> secrets;
  int threshold = EffectiveThreshold(shamir_threshold, groups.size());
  if (groups.size() > 1) {
    FERRY_RETURN_IF_ERROR(ShamirSplit(data_key.view(),
                                      static_cast<int>(groups.size()),
                                      threshold, &secrets));
  } else {
    secrets.push_back(data_key.Clone());
  }
  // Built aside: the metadata changes only when every key could wrap.
  std::vector<std::vector<KeyEntry>> wrapped;
  std::string now = NowRfc3339();
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<KeyEntry> entries;
    for (auto& key : groups[g]) {
      std::string enc;
      Status st = key->Encrypt(secrets[g], &enc);
      if (!st.ok())
        return Status::Error("could not encrypt the data key with " +
                             std::string(key->Type()) + " " + key->Id() +
                             ": " + st.message())
            .WithCode(kExitCouldNotRetrieveKey);
      entries.push_back(EntryFor(*key, std::move(enc), now));
    }
    wrapped.push_back(std::move(entries));
  }
  metadata->key_groups = std::move(wrapped);
  metadata->shamir_threshold = groups.size() > 1 ? threshold : 0;
  return Status::Ok();
}

CryptRules CryptRulesOf(const CreationRule& rule) {
  CryptRules r;
  r.unencrypted_suffix = rule.unencrypted_suffix;
  r.encrypted_suffix = rule.encrypted_suffix;
  r.unencrypted_regex = rule.unencrypted_regex;
  r.encrypted_regex = rule.encrypted_regex;
  r.unencrypted_comment_regex = rule.unencrypted_comment_regex;
  r.encrypted_comment_regex = rule.encrypted_comment_regex;
  r.mac_only_encrypted = rule.mac_only_encrypted;
  return r;
}

Status EncryptText(std::string_view text, Store store, const CreationRule& rule,
                   const KeySourceOptions& keys, std::string* out,
                   std::string_view file) {
  SecureBytes data_key = RandomSecureBytes(32);
  Metadata m;
  FERRY_RETURN_IF_ERROR(WrapDataKey(data_key, rule.key_groups,
                                    rule.shamir_threshold, keys, &m));
  m.rules = CryptRulesOf(rule);
  return EncryptDocument(text, store, data_key, std::move(m), out, file);
}

Status RuleForPath(std::string_view path, std::string_view search_dir,
                   SopsConfig* config, const CreationRule** rule) {
  ConfigLookup lookup;
  if (!FindConfigFile(search_dir, &lookup))
    return Status::Error(
               "config file not found, or has no creation rules, and no keys "
               "provided through command line options (.sops.yaml)")
        .WithCode(kExitConfigFileNotFound);
  FERRY_RETURN_IF_ERROR(LoadConfig(lookup.path, config));
  FERRY_RETURN_IF_ERROR(config->MatchRule(path, rule));
  if (!*rule)
    return Status::At(lookup.path, 0, 0, "no creation rules in .sops.yaml");
  return Status::Ok();
}

}  // namespace ferry::sops
