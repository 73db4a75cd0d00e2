// age v1 file encryption (age-encryption.org/v1) with X25519 keys, the way
// SOPS uses it to wrap a file's data key: identities "AGE-SECRET-KEY-1...",
// recipients "age1...", binary or ASCII-armored files. Interoperates with the
// `age` command. Passphrase (scrypt), SSH and plugin keys are not supported.
#ifndef FERRY_SOPS_AGE_H_
#define FERRY_SOPS_AGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

struct AgeStanza;

/// An age X25519 public key: who a file is encrypted to.
class AgeRecipient {
 public:
  AgeRecipient() = default;
  /// Parses "age1..." (bech32, lower case). Errors say what is wrong, and
  /// name unsupported kinds (SSH keys, plugin recipients).
  static Status Parse(std::string_view text, AgeRecipient* out);
  /// From a raw 32-byte X25519 public key.
  static Status FromPublicKey(std::string_view public_key, AgeRecipient* out);

  /// The "age1..." form.
  std::string ToString() const;
  /// The raw 32-byte X25519 public key.
  const std::string& public_key() const { return public_key_; }

  /// Wraps a 16-byte file key for this recipient: an "X25519" stanza with
  /// a fresh ephemeral share.
  Status WrapFileKey(std::string_view file_key, AgeStanza* stanza) const;

  friend bool operator==(const AgeRecipient&, const AgeRecipient&) = default;

 private:
  std::string public_key_;
};

/// An age X25519 private key: what decrypts a file. Move-only; the secret
/// wipes itself.
class AgeIdentity {
 public:
  AgeIdentity() = default;
  /// A fresh random identity (what `age-keygen` does).
  static AgeIdentity Generate();
  /// Parses "AGE-SECRET-KEY-1..." (bech32, upper case).
  static Status Parse(std::string_view text, AgeIdentity* out);

  /// The "AGE-SECRET-KEY-1..." form (secret: handle with care).
  std::string ToString() const;
  /// The matching public key.
  const AgeRecipient& recipient() const { return recipient_; }

  /// Tries to unwrap the file key from an "X25519" stanza. *matched is false
  /// (and the Status ok) if the stanza is for someone else; a malformed
  /// stanza is an error.
  Status UnwrapFileKey(const AgeStanza& stanza, SecureBytes* file_key,
                       bool* matched) const;

 private:
  SecureBytes secret_;
  AgeRecipient recipient_;
};

/// Parses an identity file such as age-keygen writes (keys.txt): one
/// identity per line, "#" comments and blank lines ignored. Errors carry
/// "file:line" when `file_name` is given. An empty file is an error.
Status ParseAgeIdentityFile(std::string_view contents,
                            std::string_view file_name,
                            std::vector<AgeIdentity>* identities);

/// The text of a key file as `age-keygen` writes it:
///   # created: <created>\n# public key: age1...\nAGE-SECRET-KEY-1...\n
/// `created` is an RFC 3339 time such as "2024-05-01T10:00:00+02:00".
std::string FormatAgeKeyFile(const AgeIdentity& identity,
                             std::string_view created);

/// Output form of AgeEncrypt.
enum class AgeOutput { kBinary, kArmored };

/// Encrypts `plaintext` to every recipient (any one of them can decrypt).
Status AgeEncrypt(std::string_view plaintext,
                  const std::vector<AgeRecipient>& recipients, AgeOutput output,
                  std::string* file);

/// Decrypts a binary or armored (detected) age file with the first identity
/// that matches one of its X25519 stanzas; other stanza types are skipped.
/// Errors: no identity matched, passphrase-encrypted file, header MAC
/// mismatch, malformed header, truncated or modified payload.
Status AgeDecrypt(std::string_view file,
                  const std::vector<AgeIdentity>& identities,
                  SecureBytes* plaintext);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_AGE_H_
