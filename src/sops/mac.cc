#include "sops/mac.h"

#include "sops/exit_codes.h"
#include "sops/value_cipher.h"

namespace ferry::sops {
namespace {

// SHA-256("sops"), sops's MACOnlyEncryptedInitialization.
constexpr unsigned char kMacOnlyEncryptedInit[32] = {
    0x8a, 0x3f, 0xd2, 0xad, 0x54, 0xce, 0x66, 0x52, 0x7b, 0x10, 0x34,
    0xf3, 0xd1, 0x47, 0xbe, 0x0b, 0x0b, 0x97, 0x5b, 0x3b, 0xf4, 0x4f,
    0x72, 0xc6, 0xfd, 0xad, 0xec, 0x81, 0x76, 0xf2, 0x7d, 0x69};

}  // namespace

SopsMac::SopsMac(bool mac_only_encrypted) {
  if (mac_only_encrypted) {
    hash_.Update(
        std::string_view(reinterpret_cast<const char*>(kMacOnlyEncryptedInit),
                         sizeof kMacOnlyEncryptedInit));
  }
}

std::string SopsMac::HexDigest() {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string digest = hash_.Finish();
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char c : digest) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

Status EncryptMac(std::string_view mac_hex, std::string_view data_key,
                  std::string_view last_modified, std::string* out) {
  return EncryptValue(mac_hex, ValueType::kStr, data_key, last_modified, out);
}

Status VerifyMac(std::string_view encrypted_mac, std::string_view computed_hex,
                 std::string_view data_key, std::string_view last_modified) {
  if (encrypted_mac.empty()) {
    return Status::Error(
               "the file's sops metadata holds no MAC (sops.mac is missing or "
               "empty), so its values cannot be verified; if you trust the "
               "file, `ferry secrets decrypt --ignore-mac` decrypts it")
        .WithCode(kExitMacMismatch);
  }
  SecureBytes stored;
  ValueType type;
  Status st =
      DecryptValue(encrypted_mac, data_key, last_modified, &stored, &type);
  if (!st.ok()) {
    return Status::Error("cannot decrypt the sops MAC: " + st.message())
        .WithCode(kExitMacMismatch);
  }
  if (!stored.Equals(computed_hex)) {
    return Status::Error(
        "MAC mismatch: the file's values were modified after it was "
        "encrypted (or lastmodified was changed)")
        .WithCode(kExitMacMismatch);
  }
  return Status::Ok();
}

}  // namespace ferry::sops
