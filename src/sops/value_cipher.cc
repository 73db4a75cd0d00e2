#include "sops/value_cipher.h"

#include <array>
#include <utility>

#include "sops/base64.h"
#include "sops/crypto.h"

namespace ferry::sops {
namespace {

constexpr std::string_view kPrefix = "ENC[AES256_GCM,";

constexpr std::array<std::pair<ValueType, std::string_view>, 7> kTypeNames = {{
    {ValueType::kStr, "str"},
    {ValueType::kInt, "int"},
    {ValueType::kInt64, "int64"},
    {ValueType::kFloat, "float"},
    {ValueType::kBool, "bool"},
    {ValueType::kBytes, "bytes"},
    {ValueType::kComment, "comment"},
}};

Status Malformed(std::string_view what) {
  return Status::Error("malformed sops encrypted value: " + std::string(what));
}

// Consumes "<name>:<field>" from *rest, the field ending at `end` (a
// separator such as ",iv:") or, if end is empty, at the closing "]".
Status TakeField(std::string_view* rest, std::string_view name,
                 std::string_view next, std::string_view* field) {
  std::string label = std::string(name) + ":";
  if (rest->substr(0, label.size()) != label) {
    return Malformed("expected \"" + label + "\" at \"" +
                     std::string(rest->substr(0, 16)) + "\"");
  }
  rest->remove_prefix(label.size());
  size_t end = rest->find(next);
  if (end == std::string_view::npos) {
    return Malformed("missing \"" + std::string(next) + "\" after " +
                     std::string(name));
  }
  *field = rest->substr(0, end);
  rest->remove_prefix(end + 1);  // keep the next label, drop the separator
  return Status::Ok();
}

Status DecodeField(std::string_view name, std::string_view b64,
                   std::string* out) {
  if (!Base64Decode(b64, Base64Padding::kPadded, /*strict=*/false, out)) {
    return Malformed(std::string(name) + " is not valid base64");
  }
  return Status::Ok();
}

}  // namespace

std::string_view ValueTypeName(ValueType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "str";
}

bool ParseValueType(std::string_view name, ValueType* type) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) {
      *type = t;
      return true;
    }
  }
  return false;
}

bool IsEncryptedValue(std::string_view text) {
  return text.substr(0, kPrefix.size()) == kPrefix;
}

Status ParseEncryptedValue(std::string_view text, EncryptedValue* out) {
  if (!IsEncryptedValue(text)) {
    return Malformed("does not start with \"ENC[AES256_GCM,\"");
  }
  if (text.back() != ']') return Malformed("does not end with \"]\"");
  std::string_view rest = text.substr(kPrefix.size());
  rest.remove_suffix(1);
  std::string_view data, iv, tag;
  FERRY_RETURN_IF_ERROR(TakeField(&rest, "data", ",iv:", &data));
  FERRY_RETURN_IF_ERROR(TakeField(&rest, "iv", ",tag:", &iv));
  FERRY_RETURN_IF_ERROR(TakeField(&rest, "tag", ",type:", &tag));
  if (rest.substr(0, 5) != "type:") return Malformed("expected \"type:\"");
  std::string_view type = rest.substr(5);
  if (!ParseValueType(type, &out->type)) {
    return Malformed("unknown type \"" + std::string(type) + "\"");
  }
  FERRY_RETURN_IF_ERROR(DecodeField("data", data, &out->data));
  FERRY_RETURN_IF_ERROR(DecodeField("iv", iv, &out->iv));
  FERRY_RETURN_IF_ERROR(DecodeField("tag", tag, &out->tag));
  if (out->iv.empty()) return Malformed("empty iv");
  if (out->tag.size() != kAeadTagSize) {
    return Malformed("tag must be 16 bytes, got " +
                     std::to_string(out->tag.size()));
  }
  return Status::Ok();
}

std::string FormatEncryptedValue(const EncryptedValue& value) {
  std::string out(kPrefix);
  out += "data:" + Base64Encode(value.data);
  out += ",iv:" + Base64Encode(value.iv);
  out += ",tag:" + Base64Encode(value.tag);
  out += ",type:";
  out += ValueTypeName(value.type);
  out += "]";
  return out;
}

Status EncryptValueWithIv(std::string_view plaintext, ValueType type,
                          std::string_view data_key, std::string_view iv,
                          std::string_view additional_data, std::string* out) {
  if (data_key.size() != 32) {
    return Status::Error("sops data key must be 32 bytes, got " +
                         std::to_string(data_key.size()));
  }
  out->clear();
  if (plaintext.empty()) return Status::Ok();
  EncryptedValue value;
  value.iv = std::string(iv);
  value.type = type;
  FERRY_RETURN_IF_ERROR(AesGcmSeal(data_key, iv, plaintext, additional_data,
                                   &value.data, &value.tag));
  *out = FormatEncryptedValue(value);
  return Status::Ok();
}

Status EncryptValue(std::string_view plaintext, ValueType type,
                    std::string_view data_key, std::string_view additional_data,
                    std::string* out) {
  SecureBytes iv = RandomSecureBytes(kValueIvSize);
  return EncryptValueWithIv(plaintext, type, data_key, iv.view(),
                            additional_data, out);
}

Status DecryptValue(std::string_view value, std::string_view data_key,
                    std::string_view additional_data, SecureBytes* plaintext,
                    ValueType* type) {
  if (data_key.size() != 32) {
    return Status::Error("sops data key must be 32 bytes, got " +
                         std::to_string(data_key.size()));
  }
  if (value.empty()) {
    *plaintext = SecureBytes();
    *type = ValueType::kStr;
    return Status::Ok();
  }
  EncryptedValue parsed;
  FERRY_RETURN_IF_ERROR(ParseEncryptedValue(value, &parsed));
  Status st = AesGcmOpen(data_key, parsed.iv, parsed.data, parsed.tag,
                         additional_data, plaintext);
  if (!st.ok()) {
    return Status::Error("could not decrypt sops value (additional data \"" +
                         std::string(additional_data) + "\"): " + st.message());
  }
  *type = parsed.type;
  return Status::Ok();
}

}  // namespace ferry::sops
