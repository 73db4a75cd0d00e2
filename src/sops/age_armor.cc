#include "sops/age_armor.h"

#include "sops/base64.h"

namespace ferry::sops {
namespace {

constexpr size_t kColumns = 64;
constexpr size_t kBytesPerLine = kColumns / 4 * 3;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Takes the next "\n"-terminated line (or the rest) off *text, trimmed.
bool NextLine(std::string_view* text, std::string_view* line) {
  if (text->empty()) return false;
  size_t nl = text->find('\n');
  if (nl == std::string_view::npos) {
    *line = TrimSpace(*text);
    *text = std::string_view();
  } else {
    *line = TrimSpace(text->substr(0, nl));
    text->remove_prefix(nl + 1);
  }
  return true;
}

Status ArmorError(std::string_view what) {
  return Status::Error("invalid age armor: " + std::string(what));
}

}  // namespace

std::string AgeArmor(std::string_view binary) {
  std::string b64 = Base64Encode(binary);
  std::string out;
  out.reserve(b64.size() + b64.size() / kColumns + 80);
  out += kAgeArmorHeader;
  out += '\n';
  for (size_t i = 0; i < b64.size(); i += kColumns) {
    out += std::string_view(b64).substr(i, kColumns);
    out += '\n';
  }
  out += kAgeArmorFooter;
  out += '\n';
  return out;
}

bool IsAgeArmored(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  return text.substr(0, kAgeArmorHeader.size()) == kAgeArmorHeader;
}

Status AgeDearmor(std::string_view text, std::string* binary) {
  binary->clear();
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  std::string_view line;
  if (!NextLine(&text, &line) || line != kAgeArmorHeader) {
    return ArmorError("first line is not \"" + std::string(kAgeArmorHeader) +
                      "\"");
  }
  std::string chunk;
  for (;;) {
    if (!NextLine(&text, &line)) return ArmorError("unexpected end of input");
    if (line == kAgeArmorFooter) break;
    if (line.size() > kColumns) return ArmorError("column limit exceeded");
    if (!Base64Decode(line, Base64Padding::kPadded, /*strict=*/true, &chunk)) {
      return ArmorError("bad base64 line \"" + std::string(line) + "\"");
    }
    *binary += chunk;
    if (chunk.size() < kBytesPerLine) {
      if (!NextLine(&text, &line) || line != kAgeArmorFooter) {
        return ArmorError("short line not followed by \"" +
                          std::string(kAgeArmorFooter) + "\"");
      }
      break;
    }
  }
  if (!TrimSpace(text).empty()) {
    return ArmorError("trailing data after the armored file");
  }
  return Status::Ok();
}

}  // namespace ferry::sops
