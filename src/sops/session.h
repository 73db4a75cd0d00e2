// Session: encrypting and decrypting whole SOPS files the way the sops
// command does — the data key made or recovered through the file's master
// keys (and Shamir key groups), the creation rule of `.sops.yaml` chosen by
// path. The `ferry secrets` commands and the decrypting build call this.
#ifndef FERRY_SOPS_SESSION_H_
#define FERRY_SOPS_SESSION_H_

#include <string>
#include <string_view>

#include "sops/config.h"
#include "sops/keysource.h"
#include "sops/metadata.h"
#include "sops/secure_bytes.h"
#include "sops/stores.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Recovers the data key of a file from its metadata: with one key group,
/// the first of its keys that decrypts; with several, one share per group
/// until shamir_threshold shares are combined. The error lists every key
/// that was tried and why it failed.
Status RecoverDataKey(const Metadata& metadata, const KeySourceOptions& keys,
                      SecureBytes* data_key);

/// Decrypts an encrypted file's text, verifying its MAC.
/// `file` names the input in error messages.
Status DecryptText(std::string_view text, Store store,
                   const KeySourceOptions& keys, std::string* plaintext,
                   std::string_view file = "");

/// Decrypts, in place, one object of a build that carries SOPS metadata
/// (a Secret committed encrypted), as kustomize-controller does before it
/// applies. Objects without a `sops` block are left alone. The decrypted
/// values stay in memory.
Status DecryptObject(yaml::Node* obj, const KeySourceOptions& keys);

/// Wraps `data_key` with every master key of `specs` (split with Shamir,
/// `shamir_threshold` of the groups needed, when there are several groups)
/// and puts the key entries into `metadata` (key_groups, shamir_threshold).
Status WrapDataKey(const SecureBytes& data_key, const KeySpecGroups& specs,
                   int shamir_threshold, const KeySourceOptions& keys,
                   Metadata* metadata);

/// The encryption rules a creation rule gives a file's metadata.
CryptRules CryptRulesOf(const CreationRule& rule);

/// The type and id of a metadata key entry.
KeySpec KeySpecOf(const KeyEntry& entry);

/// Encrypts a plain file's text with `rule` (its keys and encryption
/// rules): a fresh data key, wrapped by every master key (split with Shamir
/// when the rule has several key groups).
Status EncryptText(std::string_view text, Store store, const CreationRule& rule,
                   const KeySourceOptions& keys, std::string* out,
                   std::string_view file = "");

/// The creation rule for `path` from the `.sops.yaml` found by walking up
/// from `search_dir` (sops looks from the working directory). `config` keeps
/// the rule alive.
Status RuleForPath(std::string_view path, std::string_view search_dir,
                   SopsConfig* config, const CreationRule** rule);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_SESSION_H_
