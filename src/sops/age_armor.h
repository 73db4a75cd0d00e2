// The ASCII armor of age files: PEM-like, type "AGE ENCRYPTED FILE", standard
// base64 with padding in 64-column lines, no headers. Writing produces the
// same bytes as `age --armor`; reading is as strict as age's reader.
#ifndef FERRY_SOPS_AGE_ARMOR_H_
#define FERRY_SOPS_AGE_ARMOR_H_

#include <string>
#include <string_view>

#include "yaml/status.h"

namespace ferry::sops {

inline constexpr std::string_view kAgeArmorHeader =
    "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr std::string_view kAgeArmorFooter =
    "-----END AGE ENCRYPTED FILE-----";

/// Armors a binary age file: header line, base64 lines of 64 columns, footer
/// line, each ending in "\n".
std::string AgeArmor(std::string_view binary);

/// True if `text` (after leading whitespace) starts with the armor header.
bool IsAgeArmored(std::string_view text);

/// Removes the armor. Lines may end in "\r\n" and surrounding whitespace is
/// ignored; long lines, short lines before the last, non-canonical base64,
/// a missing footer and trailing data are errors.
Status AgeDearmor(std::string_view text, std::string* binary);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_AGE_ARMOR_H_
