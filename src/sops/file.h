// Encrypting and decrypting a whole sops file: text in, text out. The data
// key comes from the caller (key sources are not this layer's business).
#ifndef FERRY_SOPS_FILE_H_
#define FERRY_SOPS_FILE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sops/metadata.h"
#include "sops/secure_bytes.h"
#include "sops/stores.h"
#include "sops/tree.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Gets the data key of a file from its metadata (decrypting an `enc` with
/// an age identity, a KMS call, Shamir combination of groups...).
using DataKeyProvider =
    std::function<Status(const Metadata& metadata, SecureBytes* data_key)>;

/// `file` (in every function here) names the input in error messages.
///
/// Encrypts a plaintext file. `metadata` brings the key entries (with their
/// `enc` already set) and the rules; lastmodified is set to now when empty,
/// the MAC is computed, and the version set to kSopsVersion.
Status EncryptDocument(std::string_view plaintext, Store store,
                       const SecureBytes& data_key, Metadata metadata,
                       std::string* ciphertext, std::string_view file = "");

/// Decrypts an encrypted file, verifying the MAC: a tampered value, MAC or
/// lastmodified is an error and *plaintext is left empty.
Status DecryptDocument(std::string_view text, Store store,
                       const DataKeyProvider& get_key, std::string* plaintext,
                       std::string_view file = "");

/// Encrypts documents already loaded from a plaintext file (EncryptDocument
/// after its parse): with a stash, unchanged values keep their ciphertext.
/// lastmodified is set to now when empty.
Status EncryptDocuments(std::vector<yaml::Node> docs, Store store,
                        const SecureBytes& data_key, Metadata metadata,
                        IvStash* stash, std::string* ciphertext);

/// Whether a decrypt verifies the MAC. kIgnore is sops's --ignore-mac, for
/// `ferry secrets decrypt` only (a recovery tool); apply, build and the
/// controller always verify.
enum class MacCheck { kVerify, kIgnore };

/// Decrypts documents loaded from an encrypted file, in place, and verifies
/// the MAC; with a stash, remembers the IVs of the values. With
/// MacCheck::kIgnore a failed check is not an error: its reason goes to
/// *mac_problem (when given) instead.
Status DecryptDocuments(std::vector<yaml::Node>* docs,
                        const Metadata& metadata, const SecureBytes& data_key,
                        IvStash* stash, MacCheck check = MacCheck::kVerify,
                        std::string* mac_problem = nullptr);

/// Reads only the metadata of an encrypted file (for key rotation, or to
/// pick the keys to try).
Status ReadMetadata(std::string_view text, Store store, Metadata* metadata,
                    std::string_view file = "");

}  // namespace ferry::sops

#endif  // FERRY_SOPS_FILE_H_
