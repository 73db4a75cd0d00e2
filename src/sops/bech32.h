// Bech32 (BIP 173, original checksum constant) as age uses it for keys:
// no 90-character limit, and a string must be all lower or all upper case.
#ifndef FERRY_SOPS_BECH32_H_
#define FERRY_SOPS_BECH32_H_

#include <string>
#include <string_view>

#include "sops/secure_bytes.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Encodes `data` under human-readable part `hrp`. The case of the result
/// follows the hrp: an upper-case hrp gives an all upper-case string.
Status Bech32Encode(std::string_view hrp, std::string_view data,
                    std::string* out);

/// Decodes a bech32 string into its hrp (in the case it was written in) and
/// data bytes. Mixed case, bad characters, bad padding and a bad checksum
/// are errors.
Status Bech32Decode(std::string_view text, std::string* hrp, SecureBytes* data);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_BECH32_H_
