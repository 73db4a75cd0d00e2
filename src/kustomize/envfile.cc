#include "kustomize/envfile.h"

#include <cstdint>

#include "yaml/scalar_analysis.h"

namespace ferry::kustomize {
namespace {

using yaml::Utf8SeqLen;

// bufio.Scanner's default maximum token size: a line this long or longer
// ends the scan (kustomize ignores the scanner's error).
constexpr size_t kMaxLine = 64 * 1024;

// Go's unicode.IsSpace.
bool IsGoSpace(uint32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

// Go's %v of a []byte: "[66 65 68]".
std::string ByteList(std::string_view s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) r.push_back(' ');
    r += std::to_string(static_cast<uint8_t>(s[i]));
  }
  r.push_back(']');
  return r;
}

}  // namespace

Status ParseEnvFile(std::string_view content, std::string_view file,
                    std::vector<EnvEntry>* out) {
  size_t pos = 0;
  int line_no = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view line = content.substr(pos, end - pos);
    if (line.size() >= kMaxLine) break;
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;

    if (!yaml::IsValidUtf8(line))
      return Status::At(file, line_no, 0,
                        "line " + ByteList(line) +
                            " has invalid utf8 bytes : " + std::string(line));
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    // Trim leading whitespace (Unicode spaces included, as Go's IsSpace).
    size_t i = 0;
    while (i < line.size()) {
      uint32_t r;
      size_t n = Utf8SeqLen(line, i, &r);
      if (!IsGoSpace(r)) break;
      i += n;
    }
    line.remove_prefix(i);
    if (line.empty() || line[0] == '#') continue;

    EnvEntry e;
    size_t eq = line.find('=');
    e.key = std::string(line.substr(0, eq));
    if (eq != std::string_view::npos)
      e.value = std::string(line.substr(eq + 1));
    e.line = line_no;
    // A line starting with '=' has an empty key: kustomize skips it.
    if (e.key.empty()) continue;
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
