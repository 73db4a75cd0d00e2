#include "sops/crypto.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace ferry::sops {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

// Failure of an operation that cannot fail on valid input: the message names
// the step and carries OpenSSL's own reason.
Status OpenSslError(std::string_view what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string msg = "openssl: " + std::string(what) + " failed";
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    msg += ": ";
    msg += buf;
  }
  return Status::Error(msg);
}

[[noreturn]] void Fatal(std::string_view what) {
  std::fprintf(stderr, "ferry: fatal: openssl %.*s failed\n",
               static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace

Status AesGcmSeal(std::string_view key, std::string_view iv,
                  std::string_view plaintext, std::string_view ad,
                  std::string* ciphertext, std::string* tag) {
  if (key.size() != 32)
    return Status::Error("AES-256-GCM key must be 32 bytes");
  if (iv.empty()) return Status::Error("AES-256-GCM IV must not be empty");
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                         nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(iv.size()), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv)) != 1) {
    return OpenSslError("AES-GCM init");
  }
  if (!ad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, U(ad),
                                       static_cast<int>(ad.size())) != 1) {
    return OpenSslError("AES-GCM additional data");
  }
  size_t start = ciphertext->size();
  ciphertext->resize(start + plaintext.size() + 16);
  auto* out = reinterpret_cast<unsigned char*>(ciphertext->data() + start);
  int total = 0;
  if (!plaintext.empty()) {
    if (EVP_EncryptUpdate(ctx.get(), out, &len, U(plaintext),
                          static_cast<int>(plaintext.size())) != 1) {
      return OpenSslError("AES-GCM encrypt");
    }
    total = len;
  }
  if (EVP_EncryptFinal_ex(ctx.get(), out + total, &len) != 1) {
    return OpenSslError("AES-GCM final");
  }
  total += len;
  ciphertext->resize(start + static_cast<size_t>(total));
  tag->assign(kAeadTagSize, '\0');
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAeadTagSize,
                          tag->data()) != 1) {
    return OpenSslError("AES-GCM tag");
  }
  return Status::Ok();
}

Status AesGcmOpen(std::string_view key, std::string_view iv,
                  std::string_view ciphertext, std::string_view tag,
                  std::string_view ad, SecureBytes* plaintext) {
  if (key.size() != 32)
    return Status::Error("AES-256-GCM key must be 32 bytes");
  if (iv.empty()) return Status::Error("AES-256-GCM IV must not be empty");
  if (tag.size() != kAeadTagSize) {
    return Status::Error("AES-256-GCM tag must be 16 bytes, got " +
                         std::to_string(tag.size()));
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr,
                         nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(iv.size()), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, U(key), U(iv)) != 1) {
    return OpenSslError("AES-GCM init");
  }
  if (!ad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, U(ad),
                                       static_cast<int>(ad.size())) != 1) {
    return OpenSslError("AES-GCM additional data");
  }
  SecureBytes out(ciphertext.size() + 16);
  int total = 0;
  if (!ciphertext.empty()) {
    if (EVP_DecryptUpdate(ctx.get(), out.data(), &len, U(ciphertext),
                          static_cast<int>(ciphertext.size())) != 1) {
      return OpenSslError("AES-GCM decrypt");
    }
    total = len;
  }
  std::string tag_copy(tag);
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAeadTagSize,
                          tag_copy.data()) != 1) {
    return OpenSslError("AES-GCM set tag");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), out.data() + total, &len) != 1) {
    ERR_clear_error();
    return Status::Error(
        "AES-256-GCM authentication failed (wrong data key, wrong "
        "additional data, or the value was modified)");
  }
  total += len;
  out.resize(static_cast<size_t>(total));
  *plaintext = std::move(out);
  return Status::Ok();
}

Status ChaChaPolySeal(std::string_view key, std::string_view nonce,
                      std::string_view plaintext, std::string* out) {
  if (key.size() != 32 || nonce.size() != 12) {
    return Status::Error(
        "ChaCha20-Poly1305 needs a 32-byte key and 12-byte nonce");
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_chacha20_poly1305(), nullptr,
                                 U(key), U(nonce)) != 1) {
    return OpenSslError("ChaCha20-Poly1305 init");
  }
  size_t start = out->size();
  out->resize(start + plaintext.size() + kAeadTagSize);
  auto* dst = reinterpret_cast<unsigned char*>(out->data() + start);
  int len = 0, total = 0;
  if (!plaintext.empty()) {
    if (EVP_EncryptUpdate(ctx.get(), dst, &len, U(plaintext),
                          static_cast<int>(plaintext.size())) != 1) {
      return OpenSslError("ChaCha20-Poly1305 encrypt");
    }
    total = len;
  }
  if (EVP_EncryptFinal_ex(ctx.get(), dst + total, &len) != 1) {
    return OpenSslError("ChaCha20-Poly1305 final");
  }
  total += len;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kAeadTagSize,
                          dst + total) != 1) {
    return OpenSslError("ChaCha20-Poly1305 tag");
  }
  out->resize(start + static_cast<size_t>(total) + kAeadTagSize);
  return Status::Ok();
}

bool ChaChaPolyOpen(std::string_view key, std::string_view nonce,
                    std::string_view sealed, SecureBytes* out) {
  if (key.size() != 32 || nonce.size() != 12 || sealed.size() < kAeadTagSize) {
    return false;
  }
  std::string_view ciphertext = sealed.substr(0, sealed.size() - kAeadTagSize);
  std::string tag(sealed.substr(ciphertext.size()));
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_chacha20_poly1305(), nullptr,
                                 U(key), U(nonce)) != 1) {
    Fatal("ChaCha20-Poly1305 init");
  }
  size_t start = out->size();
  out->resize(start + ciphertext.size() + 16);
  int len = 0, total = 0;
  if (!ciphertext.empty()) {
    if (EVP_DecryptUpdate(ctx.get(), out->data() + start, &len, U(ciphertext),
                          static_cast<int>(ciphertext.size())) != 1) {
      Fatal("ChaCha20-Poly1305 decrypt");
    }
    total = len;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kAeadTagSize,
                          tag.data()) != 1) {
    Fatal("ChaCha20-Poly1305 set tag");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), out->data() + start + total, &len) != 1) {
    ERR_clear_error();
    CleanseMemory(out->data() + start, ciphertext.size());
    out->resize(start);
    return false;
  }
  total += len;
  out->resize(start + static_cast<size_t>(total));
  return true;
}

SecureBytes HkdfSha256(std::string_view ikm, std::string_view salt,
                       std::string_view info, size_t length) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  if (kdf == nullptr) Fatal("HKDF fetch");
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (ctx == nullptr) Fatal("HKDF context");
  char digest[] = "SHA256";
  OSSL_PARAM params[5];
  int n = 0;
  params[n++] =
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_KEY, const_cast<char*>(ikm.data()), ikm.size());
  // An empty salt is the same as no salt: HMAC pads the key with zeros.
  if (!salt.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size());
  }
  if (!info.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size());
  }
  params[n] = OSSL_PARAM_construct_end();
  SecureBytes out(length);
  if (EVP_KDF_derive(ctx, out.data(), length, params) != 1) {
    EVP_KDF_CTX_free(ctx);
    Fatal("HKDF derive");
  }
  EVP_KDF_CTX_free(ctx);
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string out(32, '\0');
  size_t out_len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(),
                key.size(), U(data), data.size(),
                reinterpret_cast<unsigned char*>(out.data()), out.size(),
                &out_len) == nullptr ||
      out_len != 32) {
    Fatal("HMAC-SHA256");
  }
  return out;
}

Status X25519PublicKey(std::string_view secret, std::string* public_key) {
  if (secret.size() != 32) return Status::Error("X25519 key must be 32 bytes");
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, U(secret),
                                        secret.size()));
  if (!key) return OpenSslError("X25519 private key");
  public_key->assign(32, '\0');
  size_t len = 32;
  if (EVP_PKEY_get_raw_public_key(
          key.get(), reinterpret_cast<unsigned char*>(public_key->data()),
          &len) != 1 ||
      len != 32) {
    return OpenSslError("X25519 public key");
  }
  return Status::Ok();
}

Status X25519SharedSecret(std::string_view secret, std::string_view peer,
                          SecureBytes* shared) {
  if (secret.size() != 32 || peer.size() != 32) {
    return Status::Error("X25519 keys must be 32 bytes");
  }
  Pkey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, U(secret),
                                        secret.size()));
  Pkey peer_key(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, U(peer),
                                            peer.size()));
  if (!key || !peer_key) return OpenSslError("X25519 key");
  PkeyCtx ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  SecureBytes out(32);
  size_t len = out.size();
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer_key.get()) != 1 ||
      EVP_PKEY_derive(ctx.get(), out.data(), &len) != 1 || len != 32) {
    ERR_clear_error();
    return Status::Error("X25519 key agreement failed (low-order public key)");
  }
  unsigned char acc = 0;
  for (size_t i = 0; i < 32; ++i) acc |= out[i];
  if (acc == 0) {
    return Status::Error("X25519 key agreement failed (low-order public key)");
  }
  *shared = std::move(out);
  return Status::Ok();
}

Sha512::Sha512() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha512(), nullptr) != 1) {
    Fatal("SHA-512 init");
  }
}

Sha512::~Sha512() { EVP_MD_CTX_free(ctx_); }

void Sha512::Update(std::string_view bytes) {
  if (EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1) {
    Fatal("SHA-512 update");
  }
}

std::string Sha512::Finish() {
  std::string out(64, '\0');
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_, reinterpret_cast<unsigned char*>(out.data()),
                         &len) != 1 ||
      len != 64) {
    Fatal("SHA-512 final");
  }
  return out;
}

}  // namespace ferry::sops
