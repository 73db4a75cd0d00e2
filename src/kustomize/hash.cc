#include "kustomize/hash.h"

#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

// Appends `s` as a Go encoding/json string (HTML-safe escaping, invalid
// UTF-8 replaced by U+FFFD).
void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          *out += "\\\"";
          break;
        case '\\':
          *out += "\\\\";
          break;
        case '\b':
          *out += "\\b";
          break;
        case '\f':
          *out += "\\f";
          break;
        case '\n':
          *out += "\\n";
          break;
        case '\r':
          *out += "\\r";
          break;
        case '\t':
          *out += "\\t";
          break;
        case '<':
        case '>':
        case '&':
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
          break;
        default:
          if (c < 0x20) {
            *out += "\\u00";
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 0xF]);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    // Multi-byte sequence: validate as Go's utf8.DecodeRuneInString.
    auto b = [&](size_t k) {
      return k < s.size()
                 ? static_cast<unsigned>(static_cast<unsigned char>(s[k]))
                 : 0u;
    };
    auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
      return k < s.size() && b(k) >= lo && b(k) <= hi;
    };
    size_t n = 0;
    if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF &&
               cont(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) &&
               cont(i + 2)) {
      n = 3;
    } else if (c >= 0xF0 && c <= 0xF4 &&
               cont(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) &&
               cont(i + 2) && cont(i + 3)) {
      n = 4;
    }
    if (n == 0) {
      *out += "\\ufffd";
      ++i;
      continue;
    }
    // U+2028 and U+2029 (E2 80 A8/A9) are escaped for JavaScript.
    if (n == 3 && c == 0xE2 && b(i + 1) == 0x80 &&
        (b(i + 2) == 0xA8 || b(i + 2) == 0xA9)) {
      *out += b(i + 2) == 0xA8 ? "\\u2028" : "\\u2029";
    } else {
      out->append(s.substr(i, n));
    }
    i += n;
  }
  out->push_back('"');
}

// Appends a float64 as Go's encoding/json writes it: shortest digits, fixed
// notation unless |f| < 1e-6 or |f| >= 1e21, exponent without zero padding.
void AppendJsonFloat(double f, std::string* out) {
  if (!std::isfinite(f)) {  // Go fails here; kustomize would error out.
    *out += "null";
    return;
  }
  char buf[64];
  double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    auto r =
        std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
      s.erase(n - 2, 1);
    *out += s;
    return;
  }
  // Shortest round-trip digits, then laid out in fixed notation.
  auto r =
      std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string_view sci(buf, r.ptr - buf);
  bool neg = !sci.empty() && sci[0] == '-';
  if (neg) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
  std::string s;
  if (digits == "0") {
    s = "0";
  } else if (exp >= 0) {
    if (static_cast<int>(digits.size()) <= exp + 1) {
      s = digits + std::string(exp + 1 - digits.size(), '0');
    } else {
      s = digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
    }
  } else {
    s = "0." + std::string(-exp - 1, '0') + digits;
  }
  if (neg) out->push_back('-');
  *out += s;
}

// Appends `n` as kustomize's round trip YAML -> JSON -> interface{} -> JSON
// writes it.
void AppendJsonValue(const yaml::Node& n, std::string* out) {
  switch (n.kind()) {
    case yaml::Kind::kNull:
      *out += "null";
      return;
    case yaml::Kind::kScalar: {
      yaml::Resolved r = yaml::ResolveForOutput(n);
      switch (r.type) {
        case yaml::ScalarType::kNull:
          *out += "null";
          return;
        case yaml::ScalarType::kBool:
          *out += r.text;
          return;
        case yaml::ScalarType::kInt:
        case yaml::ScalarType::kFloat: {
          // json.Unmarshal into interface{} makes every number a float64.
          char* end = nullptr;
          double d = std::strtod(r.text.c_str(), &end);
          if (end && *end == '\0') {
            AppendJsonFloat(d, out);
          } else {
            AppendJsonString(r.text, out);
          }
          return;
        }
        default:
          AppendJsonString(r.text, out);
          return;
      }
    }
    case yaml::Kind::kSequence: {
      out->push_back('[');
      bool first = true;
      for (const yaml::Node& item : n.items()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonValue(item, out);
      }
      out->push_back(']');
      return;
    }
    case yaml::Kind::kMapping: {
      // A Go map: the last duplicate key wins, keys are written sorted.
      std::vector<std::pair<std::string_view, const yaml::Node*>> fields;
      for (const yaml::Pair& p : n.pairs()) {
        // A null key (plain "null", "~", "") is lost in the round trip
        // (kubectl: a generated key "null" hashes as empty data).
        if (p.key.IsNull() || (p.key.IsScalar() && yaml::ResolveV3(p.key) ==
                                                       yaml::ScalarType::kNull))
          continue;
        auto it = std::find_if(fields.begin(), fields.end(), [&](auto& f) {
          return f.first == p.key.value();
        });
        if (it != fields.end()) {
          it->second = &p.value;
        } else {
          fields.emplace_back(p.key.value(), &p.value);
        }
      }
      std::sort(fields.begin(), fields.end(),
                [](auto& a, auto& b) { return a.first < b.first; });
      out->push_back('{');
      bool first = true;
      for (auto& [k, v] : fields) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(k, out);
        out->push_back(':');
        AppendJsonValue(*v, out);
      }
      out->push_back('}');
      return;
    }
  }
}

// One field of the hashed object as kustomize's getNodeValues reads it:
// a missing field is "", a scalar its text, a mapping its JSON; anything
// else fails to unmarshal into a map and is written as null.
void AppendFieldValue(const yaml::Node* n, std::string* out) {
  if (!n) {
    *out += "\"\"";
  } else if (n->IsScalar() || n->IsNull()) {
    AppendJsonString(n->value(), out);
  } else if (n->IsMap()) {
    AppendJsonValue(*n, out);
  } else {
    *out += "null";
  }
}

// True when the optional map field would be added to the encoding: present
// and not a scalar (the Go type assertion to a map succeeds).
bool HasMapField(const yaml::Node* n) {
  return n && (n->IsMap() || n->IsSeq());
}

}  // namespace

std::string ContentHashInput(const yaml::Node& obj) {
  std::string_view kind = obj.GetString("kind");
  std::string out;
  if (kind == "ConfigMap") {
    const yaml::Node* bin = obj.Get("binaryData");
    out += "{";
    if (HasMapField(bin)) {
      out += "\"binaryData\":";
      AppendFieldValue(bin, &out);
      out += ",";
    }
    out += "\"data\":";
    AppendFieldValue(obj.Get("data"), &out);
    // kustomize looks up "metadata/name" as one key, which never exists.
    out += ",\"kind\":\"ConfigMap\",\"name\":\"\"}";
  } else if (kind == "Secret") {
    out += "{\"data\":";
    AppendFieldValue(obj.Get("data"), &out);
    out += ",\"kind\":\"Secret\",\"name\":\"\"";
    const yaml::Node* sd = obj.Get("stringData");
    if (HasMapField(sd)) {
      out += ",\"stringData\":";
      AppendFieldValue(sd, &out);
    }
    out += ",\"type\":";
    AppendFieldValue(obj.Get("type"), &out);
    out += "}";
  } else {
    AppendJsonValue(obj, &out);
  }
  return out;
}

std::string HashSuffix(std::string_view encoded) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(),
         md);
  static const char kHex[] = "0123456789abcdef";
  std::string r;
  for (int i = 0; i < 5; ++i) {
    r.push_back(kHex[md[i] >> 4]);
    r.push_back(kHex[md[i] & 0xF]);
  }
  for (char& c : r) {
    switch (c) {
      case '0':
        c = 'g';
        break;
      case '1':
        c = 'h';
        break;
      case '3':
        c = 'k';
        break;
      case 'a':
        c = 'm';
        break;
      case 'e':
        c = 't';
        break;
      default:
        break;
    }
  }
  return r;
}

std::string ContentHash(const yaml::Node& obj) {
  return HashSuffix(ContentHashInput(obj));
}

}  // namespace ferry::kustomize
