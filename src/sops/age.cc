#include "sops/age.h"

#include "sops/age_armor.h"
#include "sops/age_header.h"
#include "sops/age_stream.h"
#include "sops/base64.h"
#include "sops/bech32.h"
#include "sops/crypto.h"

namespace ferry::sops {
namespace {

constexpr std::string_view kRecipientHrp = "age";
constexpr std::string_view kIdentityHrp = "AGE-SECRET-KEY-";
constexpr std::string_view kX25519Label = "age-encryption.org/v1/X25519";
constexpr size_t kFileKeySize = 16;
constexpr size_t kPayloadNonceSize = 16;

std::string Quote(std::string_view s) {
  if (s.size() > 24) return "\"" + std::string(s.substr(0, 20)) + "...\"";
  return "\"" + std::string(s) + "\"";
}

// HKDF-SHA256(shared, salt = ephemeral share || recipient) for X25519 stanzas.
SecureBytes X25519WrapKey(std::string_view shared, std::string_view share,
                          std::string_view recipient) {
  std::string salt = std::string(share) + std::string(recipient);
  return HkdfSha256(shared, salt, kX25519Label, 32);
}

std::string HeaderMac(std::string_view file_key, std::string_view mac_input) {
  SecureBytes mac_key = HkdfSha256(file_key, "", "header", 32);
  return HmacSha256(mac_key.view(), mac_input);
}

const std::string kZeroNonce(12, '\0');

}  // namespace

// ----- AgeRecipient -----

Status AgeRecipient::Parse(std::string_view text, AgeRecipient* out) {
  if (text.substr(0, 4) == "ssh-") {
    return Status::Error("SSH recipients are not supported: " + Quote(text));
  }
  if (text.substr(0, 4) != "age1") {
    return Status::Error("invalid age recipient " + Quote(text) +
                         ": expected \"age1...\"");
  }
  std::string hrp;
  SecureBytes data;
  Status st = Bech32Decode(text, &hrp, &data);
  if (!st.ok()) {
    return Status::Error("invalid age recipient " + Quote(text) + ": " +
                         st.message());
  }
  if (hrp != kRecipientHrp) {
    if (hrp.substr(0, 4) == "age1") {
      return Status::Error("age plugin recipients are not supported: " +
                           Quote(text));
    }
    return Status::Error("invalid age recipient " + Quote(text) +
                         ": unknown type \"" + hrp + "\"");
  }
  if (data.size() != 32) {
    return Status::Error("invalid age recipient " + Quote(text) + ": key is " +
                         std::to_string(data.size()) + " bytes, want 32");
  }
  return FromPublicKey(data.view(), out);
}

Status AgeRecipient::FromPublicKey(std::string_view public_key,
                                   AgeRecipient* out) {
  if (public_key.size() != 32) {
    return Status::Error("age X25519 public key must be 32 bytes");
  }
  out->public_key_ = std::string(public_key);
  return Status::Ok();
}

std::string AgeRecipient::ToString() const {
  std::string out;
  Status st = Bech32Encode(kRecipientHrp, public_key_, &out);
  (void)st;  // cannot fail for a valid hrp
  return out;
}

Status AgeRecipient::WrapFileKey(std::string_view file_key,
                                 AgeStanza* stanza) const {
  if (public_key_.size() != 32) {
    return Status::Error("age recipient is empty");
  }
  SecureBytes ephemeral = RandomSecureBytes(32);
  std::string share;
  FERRY_RETURN_IF_ERROR(X25519PublicKey(ephemeral.view(), &share));
  SecureBytes shared;
  Status st = X25519SharedSecret(ephemeral.view(), public_key_, &shared);
  if (!st.ok()) {
    return Status::Error("cannot encrypt to age recipient " + ToString() +
                         ": " + st.message());
  }
  SecureBytes wrap_key = X25519WrapKey(shared.view(), share, public_key_);
  *stanza = AgeStanza();
  stanza->type = "X25519";
  stanza->args.push_back(Base64Encode(share, Base64Padding::kRaw));
  return ChaChaPolySeal(wrap_key.view(), kZeroNonce, file_key, &stanza->body);
}

// ----- AgeIdentity -----

AgeIdentity AgeIdentity::Generate() {
  AgeIdentity id;
  id.secret_ = RandomSecureBytes(32);
  std::string pub;
  Status st = X25519PublicKey(id.secret_.view(), &pub);
  st = AgeRecipient::FromPublicKey(pub, &id.recipient_);
  (void)st;  // a 32-byte scalar always has a public key
  return id;
}

Status AgeIdentity::Parse(std::string_view text, AgeIdentity* out) {
  if (text.substr(0, 11) == "AGE-PLUGIN-") {
    return Status::Error("age plugin identities are not supported");
  }
  if (text.substr(0, 15) != kIdentityHrp) {
    if (text.substr(0, 15) == "age-secret-key-") {
      return Status::Error(
          "invalid age identity: \"AGE-SECRET-KEY-1...\" must be upper case");
    }
    if (text.substr(0, 5) == "-----") {
      return Status::Error("SSH identities are not supported");
    }
    return Status::Error(
        "invalid age identity: expected "
        "\"AGE-SECRET-KEY-1...\"");
  }
  std::string hrp;
  SecureBytes data;
  Status st = Bech32Decode(text, &hrp, &data);
  if (!st.ok()) {
    return Status::Error("invalid age identity: " + st.message());
  }
  if (hrp != kIdentityHrp) {
    return Status::Error("invalid age identity: unknown type \"" + hrp + "\"");
  }
  if (data.size() != 32) {
    return Status::Error("invalid age identity: key is " +
                         std::to_string(data.size()) + " bytes, want 32");
  }
  std::string pub;
  FERRY_RETURN_IF_ERROR(X25519PublicKey(data.view(), &pub));
  FERRY_RETURN_IF_ERROR(AgeRecipient::FromPublicKey(pub, &out->recipient_));
  out->secret_ = std::move(data);
  return Status::Ok();
}

std::string AgeIdentity::ToString() const {
  std::string out;
  Status st = Bech32Encode(kIdentityHrp, secret_.view(), &out);
  (void)st;
  return out;
}

Status AgeIdentity::UnwrapFileKey(const AgeStanza& stanza,
                                  SecureBytes* file_key, bool* matched) const {
  *matched = false;
  if (stanza.type != "X25519") return Status::Ok();
  std::string share;
  if (stanza.args.size() != 1 ||
      !Base64Decode(stanza.args[0], Base64Padding::kRaw, /*strict=*/true,
                    &share) ||
      share.size() != 32) {
    return Status::Error(
        "malformed age header: invalid X25519 stanza arguments");
  }
  if (stanza.body.size() != kFileKeySize + kAeadTagSize) {
    return Status::Error("malformed age header: invalid X25519 stanza body");
  }
  SecureBytes shared;
  Status st = X25519SharedSecret(secret_.view(), share, &shared);
  if (!st.ok()) {
    return Status::Error("malformed age header: X25519 stanza: " +
                         st.message());
  }
  SecureBytes wrap_key =
      X25519WrapKey(shared.view(), share, recipient_.public_key());
  SecureBytes key;
  if (!ChaChaPolyOpen(wrap_key.view(), kZeroNonce, stanza.body, &key)) {
    return Status::Ok();  // wrapped for another recipient
  }
  *file_key = std::move(key);
  *matched = true;
  return Status::Ok();
}

// ----- files -----

Status ParseAgeIdentityFile(std::string_view contents,
                            std::string_view file_name,
                            std::vector<AgeIdentity>* identities) {
  std::vector<AgeIdentity> out;
  int line_no = 0;
  while (!contents.empty()) {
    ++line_no;
    size_t nl = contents.find('\n');
    std::string_view line = contents.substr(0, nl);
    contents.remove_prefix(nl == std::string_view::npos ? contents.size()
                                                        : nl + 1);
    while (!line.empty() &&
           (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      line.remove_prefix(1);
    }
    if (line.empty() || line.front() == '#') continue;
    AgeIdentity id;
    Status st = AgeIdentity::Parse(line, &id);
    if (!st.ok()) {
      std::string name =
          file_name.empty() ? "identity file" : std::string(file_name);
      return Status::At(name, line_no, 0, st.message());
    }
    out.push_back(std::move(id));
  }
  if (out.empty()) {
    std::string name =
        file_name.empty() ? "identity file" : std::string(file_name);
    return Status::At(name, 0, 0, "no age identities found");
  }
  *identities = std::move(out);
  return Status::Ok();
}

std::string FormatAgeKeyFile(const AgeIdentity& identity,
                             std::string_view created) {
  std::string out = "# created: " + std::string(created) + "\n";
  out += "# public key: " + identity.recipient().ToString() + "\n";
  out += identity.ToString() + "\n";
  return out;
}

Status AgeEncrypt(std::string_view plaintext,
                  const std::vector<AgeRecipient>& recipients, AgeOutput output,
                  std::string* file) {
  if (recipients.empty()) {
    return Status::Error("age: no recipients to encrypt to");
  }
  SecureBytes file_key = RandomSecureBytes(kFileKeySize);
  std::vector<AgeStanza> stanzas(recipients.size());
  for (size_t i = 0; i < recipients.size(); ++i) {
    FERRY_RETURN_IF_ERROR(
        recipients[i].WrapFileKey(file_key.view(), &stanzas[i]));
  }
  std::string out = FormatAgeHeaderForMac(stanzas);
  std::string mac = HeaderMac(file_key.view(), out);
  out += " " + Base64Encode(mac, Base64Padding::kRaw) + "\n";
  SecureBytes nonce = RandomSecureBytes(kPayloadNonceSize);
  out += nonce.view();
  SecureBytes payload_key =
      HkdfSha256(file_key.view(), nonce.view(), "payload", 32);
  FERRY_RETURN_IF_ERROR(AgeStreamEncrypt(payload_key.view(), plaintext, &out));
  *file = output == AgeOutput::kArmored ? AgeArmor(out) : std::move(out);
  return Status::Ok();
}

Status AgeDecrypt(std::string_view file,
                  const std::vector<AgeIdentity>& identities,
                  SecureBytes* plaintext) {
  if (identities.empty()) {
    return Status::Error("age: no identities to decrypt with");
  }
  std::string dearmored;
  if (IsAgeArmored(file)) {
    FERRY_RETURN_IF_ERROR(AgeDearmor(file, &dearmored));
    file = dearmored;
  }
  AgeHeader header;
  size_t payload_offset = 0;
  FERRY_RETURN_IF_ERROR(ParseAgeHeader(file, &header, &payload_offset));
  for (const AgeStanza& s : header.stanzas) {
    if (s.type == "scrypt") {
      return Status::Error(
          "age: the file is encrypted with a passphrase (scrypt); "
          "passphrase decryption is not supported, use an X25519 identity");
    }
  }
  SecureBytes file_key;
  bool matched = false;
  for (const AgeIdentity& id : identities) {
    for (const AgeStanza& s : header.stanzas) {
      FERRY_RETURN_IF_ERROR(id.UnwrapFileKey(s, &file_key, &matched));
      if (matched) break;
    }
    if (matched) break;
  }
  if (!matched) {
    return Status::Error(
        "age: no identity matched any of the file's recipients (tried " +
        std::to_string(identities.size()) + " identit" +
        (identities.size() == 1 ? "y" : "ies") + ")");
  }
  if (file_key.size() != kFileKeySize) {
    return Status::Error("malformed age header: file key has wrong size");
  }
  std::string mac = HeaderMac(file_key.view(), header.mac_input);
  SecureBytes want(mac);
  if (!want.Equals(header.mac)) {
    return Status::Error("age: bad header MAC (the header was modified)");
  }
  std::string_view payload = file.substr(payload_offset);
  if (payload.size() < kPayloadNonceSize) {
    return Status::Error("age payload is truncated (missing nonce)");
  }
  SecureBytes payload_key = HkdfSha256(
      file_key.view(), payload.substr(0, kPayloadNonceSize), "payload", 32);
  return AgeStreamDecrypt(payload_key.view(), payload.substr(kPayloadNonceSize),
                          plaintext);
}

}  // namespace ferry::sops
