#include "sops/file.h"

#include <vector>

#include "sops/exit_codes.h"
#include "sops/mac.h"
#include "sops/tree.h"

namespace ferry::sops {

Status EncryptDocument(std::string_view plaintext, Store store,
                       const SecureBytes& data_key, Metadata metadata,
                       std::string* ciphertext, std::string_view file) {
  std::vector<yaml::Node> docs;
  FERRY_RETURN_IF_ERROR(LoadPlain(plaintext, store, &docs, file));
  for (const yaml::Node& d : docs)
    if (d.Get("sops"))
      return Status::Error(
                 "the file already has sops metadata: it is "
                 "already encrypted")
          .WithCode(kExitFileAlreadyEncrypted);
  return EncryptDocuments(std::move(docs), store, data_key,
                          std::move(metadata), nullptr, ciphertext);
}

Status EncryptDocuments(std::vector<yaml::Node> docs, Store store,
                        const SecureBytes& data_key, Metadata metadata,
                        IvStash* stash, std::string* ciphertext) {
  FERRY_RETURN_IF_ERROR(CheckCryptRules(metadata.rules));
  CryptRules& r = metadata.rules;
  if (r.unencrypted_suffix.empty() && r.encrypted_suffix.empty() &&
      r.unencrypted_regex.empty() && r.encrypted_regex.empty())
    r.unencrypted_suffix = std::string(kDefaultUnencryptedSuffix);
  std::string mac;
  FERRY_RETURN_IF_ERROR(
      EncryptTree(&docs, metadata.rules, data_key.view(), &mac, stash));
  if (metadata.last_modified.empty()) metadata.last_modified = NowRfc3339();
  metadata.version = std::string(kSopsVersion);
  FERRY_RETURN_IF_ERROR(
      EncryptMac(mac, data_key.view(), metadata.last_modified, &metadata.mac));
  return EmitEncrypted(docs, metadata, store, ciphertext);
}

Status DecryptDocuments(std::vector<yaml::Node>* docs,
                        const Metadata& metadata, const SecureBytes& data_key,
                        IvStash* stash, MacCheck check,
                        std::string* mac_problem) {
  std::string mac;
  Status st =
      DecryptTree(docs, metadata.rules, data_key.view(), &mac, stash);
  if (!st.ok()) return std::move(st).WithCode(kExitDecryptingTree);
  Status verified =
      VerifyMac(metadata.mac, mac, data_key.view(), metadata.last_modified);
  if (verified.ok() || check == MacCheck::kVerify) return verified;
  if (mac_problem) *mac_problem = verified.message();
  return Status::Ok();
}

Status DecryptDocument(std::string_view text, Store store,
                       const DataKeyProvider& get_key, std::string* plaintext,
                       std::string_view file) {
  plaintext->clear();
  std::vector<yaml::Node> docs;
  Metadata metadata;
  FERRY_RETURN_IF_ERROR(LoadEncrypted(text, store, &docs, &metadata, file));
  SecureBytes key;
  FERRY_RETURN_IF_ERROR(get_key(metadata, &key));
  FERRY_RETURN_IF_ERROR(DecryptDocuments(&docs, metadata, key, nullptr));
  return EmitPlain(docs, store, plaintext);
}

Status ReadMetadata(std::string_view text, Store store, Metadata* metadata,
                    std::string_view file) {
  std::vector<yaml::Node> docs;
  return LoadEncrypted(text, store, &docs, metadata, file);
}

}  // namespace ferry::sops
