// The MAC of a sops document: SHA-512 over the plaintext values in document
// order, written as upper-case hex and stored encrypted (value cipher, type
// str) with the `lastmodified` timestamp (RFC 3339) as additional data.
#ifndef FERRY_SOPS_MAC_H_
#define FERRY_SOPS_MAC_H_

#include <string>
#include <string_view>

#include "sops/crypto.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Accumulates the MAC while walking a document's values. Feed each scalar
/// value (not comments) in order, in sops's byte form: strings as is, ints
/// in decimal, floats shortest 'f' form, booleans "True"/"False". With
/// mac_only_encrypted (the sops option of that name), feed only the values
/// that end up encrypted; the hash then starts from a fixed 32-byte prefix
/// (SHA-256 of "sops") so the two kinds of MAC never coincide.
class SopsMac {
 public:
  explicit SopsMac(bool mac_only_encrypted = false);
  void AddValue(std::string_view bytes) { hash_.Update(bytes); }
  /// The 128-character upper-case hex digest; the object is spent after.
  std::string HexDigest();

 private:
  Sha512 hash_;
};

/// Encrypts a MAC for the `mac` field of the sops metadata.
Status EncryptMac(std::string_view mac_hex, std::string_view data_key,
                  std::string_view last_modified, std::string* out);

/// Decrypts the `mac` field and compares it with the MAC computed over the
/// decrypted values; a difference is the error "MAC mismatch", an empty
/// `encrypted_mac` (no MAC in the metadata) an error saying so.
Status VerifyMac(std::string_view encrypted_mac, std::string_view computed_hex,
                 std::string_view data_key, std::string_view last_modified);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_MAC_H_
