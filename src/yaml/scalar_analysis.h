// ScalarAnalysis: which output styles a string allows, as libyaml's (and so
// go-yaml's) emitter decides it (yaml_emitter_analyze_scalar).
#ifndef FERRY_YAML_SCALAR_ANALYSIS_H_
#define FERRY_YAML_SCALAR_ANALYSIS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ferry::yaml {

/// What styles a scalar may be written in without changing its meaning.
struct ScalarAnalysis {
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = false;
  bool single_quoted_allowed = false;
  bool block_allowed = false;
};

ScalarAnalysis AnalyzeScalar(std::string_view s);

/// Width in bytes of the UTF-8 sequence starting with byte `c`.
inline int Utf8Width(unsigned char c) {
  return (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                             : (c & 0xF8) == 0xF0 ? 4 : 1;
}

/// Length of the UTF-8 sequence at s[i] as Go's utf8 package decodes it
/// (no overlong forms, surrogates or code points above U+10FFFF), its code
/// point in *rune; 0 when the bytes there are not valid UTF-8.
size_t Utf8SeqLen(std::string_view s, size_t i, uint32_t* rune);

/// True when `s` is valid UTF-8 as Go's utf8.ValidString decides.
bool IsValidUtf8(std::string_view s);

/// go-yaml's is_printable (with unicode output enabled).
bool IsPrintableAt(std::string_view s, size_t i);
/// A line break: \r, \n, NEL, LS or PS.
bool IsBreakAt(std::string_view s, size_t i);

/// Whether go-yaml's double-quoted writer escapes the character at s[i]:
/// what is not printable, line breaks, '"' and '\\', and, as go-yaml's
/// is_bom looks at the start of the value whatever i is, every character
/// of a value that starts with a BOM.
bool EscapedInDoubleQuotes(std::string_view s, size_t i);

/// Appends go-yaml's escape of the character at s[i] ("\\n", "\\x81",
/// "\\L", "\\u00E9", ...); returns its width in bytes (a byte that is not
/// UTF-8 is escaped as itself, "\\xFF").
size_t AppendDoubleQuotedEscape(std::string_view s, size_t i,
                                std::string* out);

/// `s` as go-yaml writes it in double quotes on one line, quotes included.
std::string DoubleQuotedScalar(std::string_view s);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_SCALAR_ANALYSIS_H_
