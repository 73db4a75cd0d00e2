#include "sops/secure_bytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace ferry::sops {

void CleanseMemory(void* p, std::size_t n) {
  if (p != nullptr && n > 0) OPENSSL_cleanse(p, n);
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    clear();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

void SecureBytes::clear() {
  CleanseMemory(bytes_.data(), bytes_.size());
  bytes_.clear();
}

bool SecureBytes::Equals(std::string_view other) const {
  if (other.size() != bytes_.size()) return false;
  if (bytes_.empty()) return true;
  return CRYPTO_memcmp(bytes_.data(), other.data(), bytes_.size()) == 0;
}

SecureBytes RandomSecureBytes(std::size_t n) {
  SecureBytes out(n);
  if (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    std::fprintf(stderr, "ferry: fatal: the random number generator failed\n");
    std::abort();
  }
  return out;
}

}  // namespace ferry::sops
