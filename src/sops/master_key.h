// MasterKey: one key that protects a SOPS file's data key (an age recipient,
// a GCP KMS key, a PGP key), as a `sops:` metadata entry holds it. Key
// sources implement it; the file layer only encrypts and decrypts data keys
// through it.
#ifndef FERRY_SOPS_MASTER_KEY_H_
#define FERRY_SOPS_MASTER_KEY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// A key that wraps and unwraps the 32-byte data key.
class MasterKey {
 public:
  virtual ~MasterKey() = default;
  /// The metadata list this key belongs to: "age", "gcp_kms", "pgp", ...
  virtual std::string_view Type() const = 0;
  /// Its identifier as the metadata stores it: the age recipient, the KMS
  /// resource id, the PGP fingerprint.
  virtual std::string Id() const = 0;
  /// Encrypts `data_key`; the result is what the metadata's `enc` field
  /// stores (armored age file, base64 KMS ciphertext, armored PGP message).
  virtual Status Encrypt(const SecureBytes& data_key, std::string* enc) = 0;
  /// Decrypts an `enc` value back into the data key.
  virtual Status Decrypt(std::string_view enc, SecureBytes* data_key) = 0;
};

/// Master keys grouped as SOPS key groups (one group unless Shamir is used).
using KeyGroup = std::vector<std::unique_ptr<MasterKey>>;

}  // namespace ferry::sops

#endif  // FERRY_SOPS_MASTER_KEY_H_
