#include "sops/shamir.h"

#include <openssl/rand.h>

#include <string>
#include <utility>

namespace ferry::sops {
namespace shamir_internal {

uint8_t Mul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (int i = 7; i >= 0; --i) {
    // r = r*x (reduced) + bit_i(b)*a, without data-dependent branches.
    uint8_t reduce = static_cast<uint8_t>(-(r >> 7)) & 0x1b;
    uint8_t add = static_cast<uint8_t>(-((b >> i) & 1)) & a;
    r = static_cast<uint8_t>((r << 1) ^ reduce ^ add);
  }
  return r;
}

uint8_t Div(uint8_t a, uint8_t b) {
  // b^-1 = b^254 (the multiplicative group has order 255).
  uint8_t inv = 1, base = b;
  for (int e = 254; e > 0; e >>= 1) {
    if (e & 1) inv = Mul(inv, base);
    base = Mul(base, base);
  }
  return Mul(a, inv);
}

}  // namespace shamir_internal

namespace {

using shamir_internal::Div;
using shamir_internal::Mul;

// Horner evaluation of coefficients c[0] + c[1] x + ... at x.
uint8_t Evaluate(const SecureBytes& c, uint8_t x) {
  uint8_t out = c[c.size() - 1];
  for (size_t i = c.size() - 1; i-- > 0;) out = Mul(out, x) ^ c[i];
  return out;
}

// A uniformly random integer in [0, n), n <= 256.
int RandomBelow(int n) {
  for (;;) {
    SecureBytes b = RandomSecureBytes(1);
    int v = b[0];
    int limit = 256 - 256 % n;
    if (v < limit) return v % n;
  }
}

}  // namespace

Status ShamirSplit(std::string_view secret, int parts, int threshold,
                   std::vector<SecureBytes>* shares) {
  if (parts < threshold) {
    return Status::Error("shamir: parts cannot be less than threshold");
  }
  if (parts > 255) return Status::Error("shamir: parts cannot exceed 255");
  if (threshold < 2) {
    return Status::Error("shamir: threshold must be at least 2");
  }
  if (secret.empty()) {
    return Status::Error("shamir: cannot split an empty secret");
  }
  // Distinct x-coordinates: the first `parts` of a random permutation of
  // 1..255 (Fisher-Yates).
  uint8_t xs[255];
  for (int i = 0; i < 255; ++i) xs[i] = static_cast<uint8_t>(i + 1);
  for (int i = 254; i > 0; --i) std::swap(xs[i], xs[RandomBelow(i + 1)]);

  std::vector<SecureBytes> out;
  for (int i = 0; i < parts; ++i) {
    out.emplace_back(secret.size() + 1);
    out.back()[secret.size()] = xs[i];
  }
  for (size_t idx = 0; idx < secret.size(); ++idx) {
    SecureBytes coeffs = RandomSecureBytes(static_cast<size_t>(threshold));
    coeffs[0] = static_cast<uint8_t>(secret[idx]);
    // A zero leading coefficient would lower the degree (and the threshold).
    while (coeffs[coeffs.size() - 1] == 0) {
      coeffs[coeffs.size() - 1] = RandomSecureBytes(1)[0];
    }
    for (int i = 0; i < parts; ++i) out[i][idx] = Evaluate(coeffs, xs[i]);
  }
  *shares = std::move(out);
  return Status::Ok();
}

Status ShamirCombine(const std::vector<std::string_view>& shares,
                     SecureBytes* secret) {
  if (shares.size() < 2) {
    return Status::Error(
        "shamir: less than two parts cannot be used to reconstruct the "
        "secret");
  }
  const size_t len = shares[0].size();
  if (len < 2) return Status::Error("shamir: parts must be at least two bytes");
  for (std::string_view s : shares) {
    if (s.size() != len) {
      return Status::Error("shamir: all parts must be the same length");
    }
  }
  std::vector<uint8_t> xs;
  bool seen[256] = {};
  for (std::string_view s : shares) {
    uint8_t x = static_cast<uint8_t>(s[len - 1]);
    if (x == 0) return Status::Error("shamir: part has x-coordinate 0");
    if (seen[x]) return Status::Error("shamir: duplicate part detected");
    seen[x] = true;
    xs.push_back(x);
  }
  // The Lagrange basis at 0 depends only on the x-coordinates.
  std::vector<uint8_t> basis(xs.size());
  for (size_t i = 0; i < xs.size(); ++i) {
    uint8_t b = 1;
    for (size_t j = 0; j < xs.size(); ++j) {
      if (i != j) b = Mul(b, Div(xs[j], xs[i] ^ xs[j]));
    }
    basis[i] = b;
  }
  SecureBytes out(len - 1);
  for (size_t idx = 0; idx + 1 < len; ++idx) {
    uint8_t v = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
      v ^= Mul(static_cast<uint8_t>(shares[i][idx]), basis[i]);
    }
    out[idx] = v;
  }
  *secret = std::move(out);
  return Status::Ok();
}

}  // namespace ferry::sops
