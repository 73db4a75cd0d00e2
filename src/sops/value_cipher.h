// The SOPS value cipher: one scalar encrypted with AES-256-GCM under the
// file's data key, written as
//   ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<type>]
// with a 32-byte random IV and, as additional data, the value's path of
// mapping keys joined with ":" plus a trailing ":" (list indices are not
// part of the path: "a:b:" for a.b[3]). The MAC is encrypted the same way
// with the lastmodified timestamp as additional data.
#ifndef FERRY_SOPS_VALUE_CIPHER_H_
#define FERRY_SOPS_VALUE_CIPHER_H_

#include <string>
#include <string_view>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// The type tag of an encrypted value: how to read the plaintext back.
enum class ValueType { kStr, kInt, kInt64, kFloat, kBool, kBytes, kComment };

/// "str", "int", "int64", "float", "bool", "bytes", "comment".
std::string_view ValueTypeName(ValueType type);
/// Inverse of ValueTypeName; false for an unknown name.
bool ParseValueType(std::string_view name, ValueType* type);

/// Size of the IV sops generates for each value.
inline constexpr size_t kValueIvSize = 32;

/// A parsed ENC[...] value, its fields base64-decoded.
struct EncryptedValue {
  std::string data;  // ciphertext without the tag
  std::string iv;
  std::string tag;  // 16 bytes
  ValueType type = ValueType::kStr;
};

/// True if `text` looks like a sops encrypted value (starts "ENC[AES256_GCM,").
bool IsEncryptedValue(std::string_view text);

/// Parses the ENC[...] syntax; a malformed value is an error naming the part
/// that is wrong.
Status ParseEncryptedValue(std::string_view text, EncryptedValue* out);
/// Writes the ENC[...] syntax (standard base64 with padding).
std::string FormatEncryptedValue(const EncryptedValue& value);

/// Encrypts the plaintext bytes of a value (already in sops's text form:
/// "True"/"False" for booleans, shortest decimal for floats) under a
/// 32-byte data key with a fresh random IV. Like sops, an empty plaintext
/// encrypts to an empty string.
Status EncryptValue(std::string_view plaintext, ValueType type,
                    std::string_view data_key, std::string_view additional_data,
                    std::string* out);

/// Decrypts an ENC[...] value. The plaintext is returned as bytes with its
/// type tag; converting "42" to a number is the caller's business. Like sops,
/// an empty value decrypts to an empty string of type str. Fails with a clear
/// message on malformed input and on failed authentication.
Status DecryptValue(std::string_view value, std::string_view data_key,
                    std::string_view additional_data, SecureBytes* plaintext,
                    ValueType* type);

/// EncryptValue with a caller-chosen IV: for known-answer tests, and for
/// re-encrypting an unchanged value with its previous IV so that its
/// ciphertext stays the same (sops's "stash"). Never call it with an IV
/// used for a different plaintext or additional data under the same key.
Status EncryptValueWithIv(std::string_view plaintext, ValueType type,
                          std::string_view data_key, std::string_view iv,
                          std::string_view additional_data, std::string* out);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_VALUE_CIPHER_H_
