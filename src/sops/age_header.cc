#include "sops/age_header.h"

#include "sops/base64.h"

namespace ferry::sops {
namespace {

constexpr std::string_view kVersionLine = "age-encryption.org/v1";
constexpr size_t kColumns = 64;

Status HeaderError(std::string_view what) {
  return Status::Error("malformed age header: " + std::string(what));
}

// Takes one "\n"-terminated line starting at *pos.
bool ReadLine(std::string_view file, size_t* pos, std::string_view* line) {
  size_t nl = file.find('\n', *pos);
  if (nl == std::string_view::npos) return false;
  *line = file.substr(*pos, nl - *pos);
  *pos = nl + 1;
  return true;
}

bool IsArgument(std::string_view arg) {
  if (arg.empty()) return false;
  for (char c : arg) {
    if (c < 33 || c > 126) return false;
  }
  return true;
}

Status ParseStanzaLine(std::string_view line, AgeStanza* stanza) {
  std::string_view rest = line.substr(3);  // after "-> "
  std::vector<std::string> args;
  for (;;) {
    size_t sp = rest.find(' ');
    std::string_view arg = rest.substr(0, sp);
    if (!IsArgument(arg)) {
      return HeaderError("bad stanza line \"" + std::string(line) + "\"");
    }
    args.emplace_back(arg);
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp + 1);
  }
  stanza->type = std::move(args.front());
  args.erase(args.begin());
  stanza->args = std::move(args);
  return Status::Ok();
}

}  // namespace

Status ParseAgeHeader(std::string_view file, AgeHeader* header,
                      size_t* payload_offset) {
  *header = AgeHeader();
  size_t pos = 0;
  std::string_view line;
  if (!ReadLine(file, &pos, &line) || line != kVersionLine) {
    if (file.substr(0, 19) == "age-encryption.org/") {
      return Status::Error("unsupported age format version \"" +
                           std::string(line) + "\"");
    }
    return Status::Error("not an age file (no \"age-encryption.org/v1\" line)");
  }
  for (;;) {
    size_t line_start = pos;
    if (!ReadLine(file, &pos, &line)) {
      return HeaderError("unexpected end of header");
    }
    if (line.substr(0, 3) == "---") {
      if (line.substr(0, 4) != "--- " ||
          !Base64Decode(line.substr(4), Base64Padding::kRaw, /*strict=*/true,
                        &header->mac) ||
          header->mac.size() != 32) {
        return HeaderError("bad MAC line \"" + std::string(line) + "\"");
      }
      header->mac_input = std::string(file.substr(0, line_start + 3));
      *payload_offset = pos;
      return Status::Ok();
    }
    if (line.substr(0, 3) != "-> ") {
      return HeaderError("unexpected line \"" + std::string(line) + "\"");
    }
    AgeStanza stanza;
    FERRY_RETURN_IF_ERROR(ParseStanzaLine(line, &stanza));
    std::string chunk;
    for (;;) {
      if (!ReadLine(file, &pos, &line)) {
        return HeaderError("unexpected end of header in a stanza body");
      }
      if (line.size() > kColumns ||
          !Base64Decode(line, Base64Padding::kRaw, /*strict=*/true, &chunk)) {
        return HeaderError("bad stanza body line \"" + std::string(line) +
                           "\"");
      }
      stanza.body += chunk;
      if (line.size() < kColumns) break;
    }
    header->stanzas.push_back(std::move(stanza));
  }
}

std::string FormatAgeHeaderForMac(const std::vector<AgeStanza>& stanzas) {
  std::string out(kVersionLine);
  out += '\n';
  for (const AgeStanza& s : stanzas) {
    out += "-> ";
    out += s.type;
    for (const std::string& arg : s.args) {
      out += ' ';
      out += arg;
    }
    out += '\n';
    std::string b64 = Base64Encode(s.body, Base64Padding::kRaw);
    // Full lines of 64 columns, then a final shorter (possibly empty) one.
    size_t i = 0;
    for (; i + kColumns <= b64.size(); i += kColumns) {
      out += std::string_view(b64).substr(i, kColumns);
      out += '\n';
    }
    out += std::string_view(b64).substr(i);
    out += '\n';
  }
  out += "---";
  return out;
}

}  // namespace ferry::sops
