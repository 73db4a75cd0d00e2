// Walking a sops document tree: which values are encrypted, with what
// additional data, and the MAC over the plaintext values in document order.
// The tree is a yaml::Node document whose comments are head comments of
// keys and items and foot comments of collections (as a store loads them).
#ifndef FERRY_SOPS_TREE_H_
#define FERRY_SOPS_TREE_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// The metadata fields that choose what is encrypted. At most one of the
/// four key rules may be set; none means unencrypted_suffix "_unencrypted".
struct CryptRules {
  std::string unencrypted_suffix;
  std::string encrypted_suffix;
  std::string unencrypted_regex;
  std::string encrypted_regex;
  std::string unencrypted_comment_regex;
  std::string encrypted_comment_regex;
  bool mac_only_encrypted = false;
};

/// The default suffix of values left in plain text.
inline constexpr std::string_view kDefaultUnencryptedSuffix = "_unencrypted";

/// The IVs of the values a decryption saw, so that re-encrypting under the
/// same data key gives every unchanged value (same path, type and
/// plaintext) its old ciphertext back: `edit` and `set` then change only
/// the lines that changed, as sops's stash does. Entries are keyed by an
/// HMAC under the data key, never by the plaintext itself. Each IV is given
/// back once: two equal values at the same path (items of one list) keep
/// their own IVs, and a copy of a value gets a fresh one.
class IvStash {
 public:
  void Remember(std::string_view digest, std::string iv) {
    ivs_[std::string(digest)].push_back(std::move(iv));
  }
  /// The first unused IV remembered for `digest`; false when none is left.
  bool Take(std::string_view digest, std::string* iv) {
    auto it = ivs_.find(std::string(digest));
    if (it == ivs_.end() || it->second.empty()) return false;
    *iv = std::move(it->second.front());
    it->second.erase(it->second.begin());
    return true;
  }

 private:
  std::unordered_map<std::string, std::vector<std::string>> ivs_;
};

/// Checks the mutual exclusion of the key rules (as sops, "Cannot use more
/// than one of ...") and compiles nothing: regex syntax errors show here.
Status CheckCryptRules(const CryptRules& rules);

/// Encrypts every value (and comment) the rules select, in place, under the
/// 32-byte data key; *mac_hex gets the MAC of the plaintext values. With a
/// stash, a value it knows takes its old IV (hence its old ciphertext); the
/// IVs used are taken out of it.
Status EncryptTree(std::vector<yaml::Node>* docs, const CryptRules& rules,
                   std::string_view data_key, std::string* mac_hex,
                   IvStash* stash = nullptr);

/// Decrypts in place what the rules select; *mac_hex gets the MAC of the
/// decrypted values (compare it with VerifyMac). A comment that does not
/// decrypt is kept as it is, as sops does. With a stash, remembers the IV
/// of every value it decrypts.
Status DecryptTree(std::vector<yaml::Node>* docs, const CryptRules& rules,
                   std::string_view data_key, std::string* mac_hex,
                   IvStash* stash = nullptr);

/// Moves line comments into head comments (sops keeps comments as items of
/// their branch, so a comment after a value is written above it).
void NormalizeComments(yaml::Node* doc);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_TREE_H_
