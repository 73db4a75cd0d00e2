// Shamir secret sharing over GF(2^8), compatible with HashiCorp Vault's
// `shamir` package, which sops uses to split a data key across key groups.
// A share is the y-bytes (one per secret byte) followed by its x-coordinate
// (one byte, never 0). The field is the AES one (x^8 + x^4 + x^3 + x + 1).
#ifndef FERRY_SOPS_SHAMIR_H_
#define FERRY_SOPS_SHAMIR_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Splits `secret` into `parts` shares of which any `threshold` recover it:
/// 2 <= threshold <= parts <= 255, secret not empty. Each byte gets its own
/// random polynomial of degree threshold-1; the x-coordinates are a random
/// choice of distinct values in 1..255, as in Vault and sops.
Status ShamirSplit(std::string_view secret, int parts, int threshold,
                   std::vector<SecureBytes>* shares);

/// Recovers the secret from at least `threshold` shares by Lagrange
/// interpolation at x = 0. Fewer shares give a wrong secret (not an error:
/// the scheme cannot tell). Fewer than two shares, shares of different
/// lengths, and duplicate x-coordinates are errors.
Status ShamirCombine(const std::vector<std::string_view>& shares,
                     SecureBytes* secret);

namespace shamir_internal {
/// Product in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, constant time.
uint8_t Mul(uint8_t a, uint8_t b);
/// Quotient a / b in GF(2^8); b must not be 0.
uint8_t Div(uint8_t a, uint8_t b);
}  // namespace shamir_internal

}  // namespace ferry::sops

#endif  // FERRY_SOPS_SHAMIR_H_
