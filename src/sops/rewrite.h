// Changing an encrypted file in place of its author: open it (decrypt,
// keeping the data key and the IVs of its values), change its documents,
// seal it again — which is how `edit` and `set`/`unset` keep the ciphertext
// of every value they did not touch — and the two key operations: `rotate`
// (a new data key) and `updatekeys` (the master keys of .sops.yaml, same
// data key, values untouched).
#ifndef FERRY_SOPS_REWRITE_H_
#define FERRY_SOPS_REWRITE_H_

#include <string>
#include <string_view>
#include <vector>

#include "sops/config.h"
#include "sops/file.h"
#include "sops/keysource.h"
#include "sops/metadata.h"
#include "sops/secure_bytes.h"
#include "sops/stores.h"
#include "sops/tree.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// `file`, where taken, names the input in error messages.
///
/// A decrypted file, ready to be changed and sealed.
struct OpenedFile {
  Store store = Store::kYaml;
  std::vector<yaml::Node> docs;  // plaintext
  Metadata metadata;
  SecureBytes data_key;
  IvStash stash;
  // With MacCheck::kIgnore: why the MAC did not verify (empty when it did).
  std::string mac_problem;
};

/// Decrypts an encrypted file's text (MAC verified unless `check` is
/// MacCheck::kIgnore, sops's --ignore-mac).
Status OpenEncrypted(std::string_view text, Store store,
                     const KeySourceOptions& keys, OpenedFile* out,
                     std::string_view file = "",
                     MacCheck check = MacCheck::kVerify);

/// Encrypts `file.docs` again with its data key, master keys and rules:
/// values unchanged since OpenEncrypted keep their ciphertext; lastmodified
/// and the MAC are renewed.
Status Seal(const OpenedFile& file, std::string* out);

/// Master keys to add to or remove from a file (rotate's --add-*/--rm-*).
struct KeyChanges {
  std::vector<KeySpec> add;     // added to the first key group
  std::vector<KeySpec> remove;  // removed from every group
};

/// Gives the file a new data key, wrapped by its master keys after
/// `changes`; every value is encrypted anew (nothing stays from the old
/// key).
Status RotateDataKey(OpenedFile* file, const KeyChanges& changes,
                     const KeySourceOptions& keys);

/// The key groups of a file's metadata as specs (type and id).
KeySpecGroups KeySpecsOf(const Metadata& metadata);

/// What `updatekeys` would change: per group, the keys kept, added and
/// removed, as sops prints them ("Group 1", "+++ id", "--- id"); empty when
/// the file already has the rule's keys and threshold.
std::string DescribeKeyChanges(const Metadata& metadata,
                               const CreationRule& rule);

/// Re-wraps the file's data key for the rule's key groups and Shamir
/// threshold. The values, lastmodified and the MAC are left as they are; in
/// a single-group file, the entries of keys that stay are kept verbatim.
Status UpdateKeys(std::string_view text, Store store, const CreationRule& rule,
                  const KeySourceOptions& keys, std::string* out,
                  std::string_view file = "");

}  // namespace ferry::sops

#endif  // FERRY_SOPS_REWRITE_H_
