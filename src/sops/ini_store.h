// The INI store of sops: sections become top-level mappings of string
// values ("DEFAULT" holds the keys before the first section), the metadata
// lives in a [sops] section of flattened keys. Reading follows go-ini's
// defaults (`=` or `:`, inline ; and # comments, quoted and """multi-line"""
// values, continuation lines); writing follows go-ini's pretty format
// (aligned " = ", a blank line after each section, "; " comments), which is
// what sops writes.
#ifndef FERRY_SOPS_INI_STORE_H_
#define FERRY_SOPS_INI_STORE_H_

#include <string>
#include <string_view>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// Parses INI text into a mapping of sections (each a mapping of strings);
/// comments become head comments of the section or key that follows them.
/// A line that is neither a section, a key nor a comment is an error naming
/// its line ("file:line: error: ...").
Status ParseIni(std::string_view text, std::string_view file, yaml::Node* doc);

/// Writes a document of sections. A section whose value is not a mapping of
/// scalars is an error.
Status EmitIni(const yaml::Node& doc, std::string* out);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_INI_STORE_H_
