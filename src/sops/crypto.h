// Thin wrappers over OpenSSL 3 EVP for the primitives sops and age use:
// AES-256-GCM, ChaCha20-Poly1305, HKDF-SHA256, HMAC-SHA256, X25519, SHA-512.
// Private to the sops layer.
#ifndef FERRY_SOPS_CRYPTO_H_
#define FERRY_SOPS_CRYPTO_H_

#include <openssl/types.h>

#include <string>
#include <string_view>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Length of an AEAD authentication tag (GCM and Poly1305).
inline constexpr size_t kAeadTagSize = 16;

/// AES-256-GCM with an IV of any non-zero length and a 16-byte tag.
/// Appends ciphertext to *ciphertext and writes the tag to *tag.
Status AesGcmSeal(std::string_view key, std::string_view iv,
                  std::string_view plaintext, std::string_view ad,
                  std::string* ciphertext, std::string* tag);
/// Decrypts and authenticates; a bad tag is an error saying so.
Status AesGcmOpen(std::string_view key, std::string_view iv,
                  std::string_view ciphertext, std::string_view tag,
                  std::string_view ad, SecureBytes* plaintext);

/// ChaCha20-Poly1305 (RFC 8439), 12-byte nonce, no additional data.
/// Appends ciphertext || tag to *out.
Status ChaChaPolySeal(std::string_view key, std::string_view nonce,
                      std::string_view plaintext, std::string* out);
/// Opens ciphertext || tag, appending the plaintext to *out. Returns false
/// (not an error Status) if authentication fails: callers decide what a
/// failed open means.
bool ChaChaPolyOpen(std::string_view key, std::string_view nonce,
                    std::string_view sealed, SecureBytes* out);

/// HKDF-SHA256 (RFC 5869) extract-and-expand to `length` bytes.
SecureBytes HkdfSha256(std::string_view ikm, std::string_view salt,
                       std::string_view info, size_t length);

/// HMAC-SHA256 of `data` under `key` (32 bytes).
std::string HmacSha256(std::string_view key, std::string_view data);

/// X25519: the public key (u-coordinate) of a 32-byte private scalar.
Status X25519PublicKey(std::string_view secret, std::string* public_key);
/// X25519 shared secret of a private scalar and a peer public key. Fails
/// for a low-order peer key (an all-zero shared secret).
Status X25519SharedSecret(std::string_view secret, std::string_view peer,
                          SecureBytes* shared);

/// Incremental SHA-512.
class Sha512 {
 public:
  Sha512();
  ~Sha512();
  Sha512(const Sha512&) = delete;
  Sha512& operator=(const Sha512&) = delete;
  void Update(std::string_view bytes);
  /// The 64-byte digest; the object is spent afterwards.
  std::string Finish();

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace ferry::sops

#endif  // FERRY_SOPS_CRYPTO_H_
