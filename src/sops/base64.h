// Base64 in the two variants sops and age use: standard alphabet with padding
// (sops values, age armor) and without padding (age header).
#ifndef FERRY_SOPS_BASE64_H_
#define FERRY_SOPS_BASE64_H_

#include <string>
#include <string_view>

namespace ferry::sops {

/// How a base64 text is written.
enum class Base64Padding { kPadded, kRaw };

/// Standard-alphabet base64 of `bytes`, no line breaks.
std::string Base64Encode(std::string_view bytes,
                         Base64Padding padding = Base64Padding::kPadded);

/// Decodes standard-alphabet base64 into `out`. Padded input must be a
/// multiple of 4 characters with correct '=' padding; raw input must have
/// none. With `strict`, the unused low bits of the last character must be
/// zero (the canonical encoding, as age requires). Whitespace is an error.
/// Returns false on malformed input.
bool Base64Decode(std::string_view text, Base64Padding padding, bool strict,
                  std::string* out);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_BASE64_H_
