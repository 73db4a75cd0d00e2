// The text header of an age v1 file (age-encryption.org/v1): version line,
// recipient stanzas, and the "--- <mac>" line that closes it.
#ifndef FERRY_SOPS_AGE_HEADER_H_
#define FERRY_SOPS_AGE_HEADER_H_

#include <string>
#include <string_view>
#include <vector>

#include "yaml/status.h"

namespace ferry::sops {

/// One recipient stanza: "-> TYPE ARG...\n" and a base64 body wrapping the
/// file key for one recipient.
struct AgeStanza {
  std::string type;
  std::vector<std::string> args;
  std::string body;  // decoded
};

/// A parsed age header.
struct AgeHeader {
  std::vector<AgeStanza> stanzas;
  /// The header bytes the MAC covers: from the version line up to and
  /// including the "---" of the last line.
  std::string mac_input;
  std::string mac;  // 32 bytes
};

/// Parses the header at the start of a binary age file; *payload_offset is
/// where the payload (nonce and STREAM chunks) begins.
Status ParseAgeHeader(std::string_view file, AgeHeader* header,
                      size_t* payload_offset);

/// The header text up to and including "---" (what the MAC covers), for
/// the given stanzas. Append " " + base64(mac) + "\n" to finish it.
std::string FormatAgeHeaderForMac(const std::vector<AgeStanza>& stanzas);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_AGE_HEADER_H_
