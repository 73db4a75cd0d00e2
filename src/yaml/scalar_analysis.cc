#include "yaml/scalar_analysis.h"

namespace ferry::yaml {
namespace {

unsigned char At(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}


// Blank, break, or the end of the string.
bool IsBlankzAt(std::string_view s, size_t i) {
  unsigned char c = At(s, i);
  return i >= s.size() || c == ' ' || c == '\t' || IsBreakAt(s, i);
}

}  // namespace

bool IsBreakAt(std::string_view s, size_t i) {
  unsigned char c = At(s, i);
  return c == '\r' || c == '\n' ||
         (c == 0xC2 && At(s, i + 1) == 0x85) ||
         (c == 0xE2 && At(s, i + 1) == 0x80 &&
          (At(s, i + 2) == 0xA8 || At(s, i + 2) == 0xA9));
}

bool IsPrintableAt(std::string_view s, size_t i) {
  unsigned char b = At(s, i), b1 = At(s, i + 1), b2 = At(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) &&
          !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

ScalarAnalysis AnalyzeScalar(std::string_view s) {
  ScalarAnalysis a;
  if (s.empty()) {
    a.block_plain_allowed = true;
    a.single_quoted_allowed = true;
    return a;
  }
  bool block_indicators = false, flow_indicators = false, line_breaks = false,
       special_characters = false;
  bool leading_space = false, leading_break = false, trailing_space = false,
       trailing_break = false, break_space = false, space_break = false;
  bool previous_space = false, previous_break = false;
  if (s.starts_with("---") || s.starts_with("...")) {
    block_indicators = true;
    flow_indicators = true;
  }
  bool preceded_by_whitespace = true;
  bool followed_by_whitespace = IsBlankzAt(s, Utf8Width(At(s, 0)));
  for (size_t i = 0; i < s.size();) {
    unsigned char c = At(s, i);
    int w = Utf8Width(c);
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}':
        case '&': case '*': case '!': case '|': case '>': case '\'':
        case '"': case '%': case '@': case '`':
          flow_indicators = block_indicators = true;
          break;
        case '?': case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '-':
          if (followed_by_whitespace) flow_indicators = block_indicators = true;
          break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}':
          flow_indicators = true;
          break;
        case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '#':
          if (preceded_by_whitespace)
            flow_indicators = block_indicators = true;
          break;
      }
    }
    if (!IsPrintableAt(s, i)) special_characters = true;
    bool brk = IsBreakAt(s, i);
    if (brk) line_breaks = true;
    if (c == ' ') {
      if (i == 0) leading_space = true;
      if (i + w == s.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (brk) {
      if (i == 0) leading_break = true;
      if (i + w == s.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = IsBlankzAt(s, i);
    i += w;
    if (i < s.size()) followed_by_whitespace = IsBlankzAt(s, i + Utf8Width(At(s, i)));
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed =
      a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break)
    a.flow_plain_allowed = a.block_plain_allowed = false;
  if (trailing_space) a.block_allowed = false;
  if (break_space)
    a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed =
        false;
  if (space_break || special_characters)
    a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed =
        a.block_allowed = false;
  if (line_breaks) a.flow_plain_allowed = a.block_plain_allowed = false;
  if (flow_indicators) a.flow_plain_allowed = false;
  if (block_indicators) a.block_plain_allowed = false;
  return a;
}

size_t Utf8SeqLen(std::string_view s, size_t i, uint32_t* rune) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xBF) {
    return k < s.size() && b(k) >= lo && b(k) <= hi;
  };
  uint8_t c = b(i);
  if (c < 0x80) {
    *rune = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
    *rune = (c & 0x1Fu) << 6 | (b(i + 1) & 0x3Fu);
    return 2;
  }
  uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (!cont(i + 1, lo, hi) || !cont(i + 2)) return 0;
    *rune = (c & 0x0Fu) << 12 | (b(i + 1) & 0x3Fu) << 6 | (b(i + 2) & 0x3Fu);
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return 0;
    *rune = (c & 0x07u) << 18 | (b(i + 1) & 0x3Fu) << 12 |
            (b(i + 2) & 0x3Fu) << 6 | (b(i + 3) & 0x3Fu);
    return 4;
  }
  return 0;
}

bool EscapedInDoubleQuotes(std::string_view s, size_t i) {
  unsigned char c = At(s, i);
  return !IsPrintableAt(s, i) || s.starts_with("\xEF\xBB\xBF") ||
         IsBreakAt(s, i) || c == '"' || c == '\\';
}

size_t AppendDoubleQuotedEscape(std::string_view s, size_t i,
                                std::string* out) {
  uint32_t v = static_cast<unsigned char>(s[i]);
  size_t w = Utf8SeqLen(s, i, &v);
  if (w == 0) w = 1;  // not UTF-8: the byte itself
  out->push_back('\\');
  switch (v) {
    case 0x00: out->push_back('0'); break;
    case 0x07: out->push_back('a'); break;
    case 0x08: out->push_back('b'); break;
    case 0x09: out->push_back('t'); break;
    case 0x0A: out->push_back('n'); break;
    case 0x0B: out->push_back('v'); break;
    case 0x0C: out->push_back('f'); break;
    case 0x0D: out->push_back('r'); break;
    case 0x1B: out->push_back('e'); break;
    case 0x22: out->push_back('"'); break;
    case 0x5C: out->push_back('\\'); break;
    case 0x85: out->push_back('N'); break;
    case 0xA0: out->push_back('_'); break;
    case 0x2028: out->push_back('L'); break;
    case 0x2029: out->push_back('P'); break;
    default: {
      int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
      out->push_back(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
      for (int k = (digits - 1) * 4; k >= 0; k -= 4)
        out->push_back("0123456789ABCDEF"[(v >> k) & 0xF]);
    }
  }
  return w;
}

std::string DoubleQuotedScalar(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    if (EscapedInDoubleQuotes(s, i)) {
      i += AppendDoubleQuotedEscape(s, i, &out);
    } else {
      uint32_t rune;
      size_t w = Utf8SeqLen(s, i, &rune);  // valid: it is printable
      out.append(s.substr(i, w));
      i += w;
    }
  }
  out += '"';
  return out;
}

bool IsValidUtf8(std::string_view s) {
  uint32_t r;
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SeqLen(s, i, &r);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace ferry::yaml
