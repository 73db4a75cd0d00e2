#include "yaml/resolve.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>

namespace ferry::yaml {
namespace {

std::string WithoutUnderscores(std::string_view s) {
  std::string r;
  r.reserve(s.size());
  for (char c : s)
    if (c != '_') r.push_back(c);
  return r;
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's base-0 unsigned magnitude parse: "0x", "0o", "0b" prefixes and a
// leading "0" for octal. Returns false on syntax error or overflow.
bool ParseMagnitude(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  int base = 10;
  if (s.size() >= 2 && s[0] == '0') {
    char p = s[1];
    if (p == 'x' || p == 'X') {
      base = 16;
      s.remove_prefix(2);
    } else if (p == 'o' || p == 'O') {
      base = 8;
      s.remove_prefix(2);
    } else if (p == 'b' || p == 'B') {
      base = 2;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
    if (s.empty()) return false;
  }
  uint64_t v = 0;
  for (char c : s) {
    int d = DigitValue(c);
    if (d >= base) return false;
    if (v > (UINT64_MAX - d) / base) return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  } else {
    if (!digits()) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// strconv.ParseFloat for the inputs that reach it here (decimal syntax);
// fails on out-of-range values as Go does.
bool ParseGoFloat(std::string_view s, double* out) {
  std::string str(s);
  if (str.empty() || str.front() == '+') {
    if (str.empty()) return false;
    str.erase(0, 1);
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(str.data(), str.data() + str.size(), v);
  if (ec != std::errc() || ptr != str.data() + str.size()) return false;
  if (std::isinf(v)) return false;
  *out = v;
  return true;
}

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;
  return kDays[month - 1];
}

// Parses the timestamp forms go-yaml accepts and writes Go's RFC3339Nano
// form of it (what encoding/json writes for a time.Time).
bool ParseTimestamp(std::string_view s, std::string* rfc3339) {
  size_t i = 0;
  auto num = [&](int min_digits, int max_digits, int* v) {
    size_t start = i;
    *v = 0;
    while (i < s.size() && i - start < static_cast<size_t>(max_digits) &&
           s[i] >= '0' && s[i] <= '9')
      *v = *v * 10 + (s[i++] - '0');
    return i - start >= static_cast<size_t>(min_digits);
  };
  auto lit = [&](char c) {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  // Quick check: YYYY-
  if (s.size() < 5) return false;
  for (int k = 0; k < 4; ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  if (s[4] != '-') return false;
  int year, month, day;
  if (!num(4, 4, &year) || !lit('-') || !num(1, 2, &month) || !lit('-') ||
      !num(1, 2, &day))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month))
    return false;
  int hour = 0, minute = 0, second = 0;
  std::string frac;
  std::string zone = "Z";
  if (i < s.size()) {
    char sep = s[i];
    if (sep != 'T' && sep != 't' && sep != ' ') return false;
    ++i;
    if (!num(1, 2, &hour) || !lit(':') || !num(1, 2, &minute) || !lit(':') ||
        !num(1, 2, &second))
      return false;
    if (hour > 23 || minute > 59 || second > 59) return false;
    if (lit('.')) {
      size_t start = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == start || i - start > 9) return false;
      frac = std::string(s.substr(start, i - start));
      while (!frac.empty() && frac.back() == '0') frac.pop_back();
    }
    if (sep == ' ') {
      if (i != s.size()) return false;
    } else {
      if (lit('Z')) {
        zone = "Z";
      } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        char sign = s[i++];
        int zh, zm;
        if (!num(2, 2, &zh) || !lit(':') || !num(2, 2, &zm)) return false;
        if (zh == 0 && zm == 0) {
          zone = "Z";
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, zh, zm);
          zone = buf;
        }
      } else {
        return false;
      }
      if (i != s.size()) return false;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month,
                day, hour, minute, second);
  *rfc3339 = buf;
  if (!frac.empty()) *rfc3339 += "." + frac;
  *rfc3339 += zone;
  return true;
}

bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// encoding/json's float64 text.
std::string FormatJsonFloat(double f) {
  double a = std::fabs(f);
  char buf[64];
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    auto r = std::to_chars(buf, buf + sizeof buf, f,
                           std::chars_format::scientific);
    std::string s(buf, r.ptr);
    // Go cleans up e-09 to e-9, e+21 stays.
    size_t e = s.find('e');
    if (e != std::string::npos && e + 2 < s.size() && s[e + 2] == '0' &&
        s.size() - e == 4)
      s.erase(e + 2, 1);
    return s;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

// What go-yaml v2 prints for a JSON number it read back.
std::string NormalizeJsonNumber(const std::string& json) {
  int64_t i;
  if (ParseGoInt(json, &i)) return std::to_string(i);
  uint64_t u;
  if (ParseGoUint(json, &u)) return std::to_string(u);
  double d = std::strtod(json.c_str(), nullptr);
  return FormatGoFloatG(d);
}

// kustomize's JSON-to-YAML step reads JSON strings with a YAML 1.1 parser,
// to which a raw NEL (U+0085, which JSON does not escape) is a line break
// inside a double-quoted scalar: folded to a space, with the blanks around
// it dropped; n breaks in a row give n-1 newlines.
std::string FoldNel(const std::string& s) {
  if (s.find("\xC2\x85") == std::string::npos) return s;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "\xC2\x85") != 0) {
      out.push_back(s[i++]);
      continue;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
      out.pop_back();
    int breaks = 0;
    while (i < s.size()) {
      if (s.compare(i, 2, "\xC2\x85") == 0) {
        ++breaks;
        i += 2;
      } else if (s[i] == ' ' || s[i] == '\t') {
        ++i;
      } else {
        break;
      }
    }
    if (breaks == 1)
      out.push_back(' ');
    else
      out.append(breaks - 1, '\n');
  }
  return out;
}

}  // namespace

bool ParseGoInt(std::string_view s, int64_t* out) {
  std::string t = WithoutUnderscores(s);
  std::string_view v = t;
  bool neg = false;
  if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
    neg = v[0] == '-';
    v.remove_prefix(1);
  }
  uint64_t m;
  if (!ParseMagnitude(v, &m)) return false;
  if (neg) {
    if (m > static_cast<uint64_t>(INT64_MAX) + 1) return false;
    *out = static_cast<int64_t>(0 - m);
  } else {
    if (m > static_cast<uint64_t>(INT64_MAX)) return false;
    *out = static_cast<int64_t>(m);
  }
  return true;
}

bool ParseGoUint(std::string_view s, uint64_t* out) {
  std::string t = WithoutUnderscores(s);
  return ParseMagnitude(t, out);
}

std::string FormatGoFloatG(double f) {
  if (std::isnan(f)) return ".nan";
  if (std::isinf(f)) return f > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto r =
      std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  // Go's %g: exponent form when exp < -4 or exp >= 6 (the precision it
  // uses for the shortest representation).
  if (exp < -4 || exp >= 6) return sci;
  r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

namespace {

// The type go-yaml v3 gives the text of a plain scalar without a tag.
ScalarType ResolvePlainV3(const std::string& s) {
  if (IsNullText(s)) return ScalarType::kNull;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" ||
      s == "False" || s == "FALSE")
    return ScalarType::kBool;
  char c = s[0];
  if (c == '.') {
    if (s == ".nan" || s == ".NaN" || s == ".NAN" || s == ".inf" ||
        s == ".Inf" || s == ".INF")
      return ScalarType::kFloat;
    double d;
    return ParseGoFloat(s, &d) ? ScalarType::kFloat : ScalarType::kString;
  }
  if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
    if (s == "+.inf" || s == "+.Inf" || s == "+.INF" || s == "-.inf" ||
        s == "-.Inf" || s == "-.INF")
      return ScalarType::kFloat;
    std::string ts;
    if (c >= '0' && c <= '9' && ParseTimestamp(s, &ts))
      return ScalarType::kTimestamp;
    int64_t i;
    uint64_t u;
    if (ParseGoInt(s, &i) || ParseGoUint(s, &u)) return ScalarType::kInt;
    std::string plain = WithoutUnderscores(s);
    double d;
    if (IsYamlStyleFloat(plain) && ParseGoFloat(plain, &d))
      return ScalarType::kFloat;
  }
  return ScalarType::kString;
}

}  // namespace

ScalarType ResolveV3(const Node& n) {
  if (!n.IsScalar()) return n.IsNull() ? ScalarType::kNull : ScalarType::kString;
  const std::string& tag = n.tag();
  if (!tag.empty() && tag != "!") {
    // A core tag on text of another type ("!!int abc") is an error for
    // go-yaml v3; ferry keeps the text as a string rather than invent a
    // value (0, false, null) for it. !!float also takes an integer.
    ScalarType plain = ResolvePlainV3(n.value());
    auto check = [&](ScalarType t) {
      bool fits = plain == t || (t == ScalarType::kFloat &&
                                 plain == ScalarType::kInt);
      return fits ? t : ScalarType::kString;
    };
    if (tag == "!!null") return check(ScalarType::kNull);
    if (tag == "!!bool") return check(ScalarType::kBool);
    if (tag == "!!int") return check(ScalarType::kInt);
    if (tag == "!!float") return check(ScalarType::kFloat);
    if (tag == "!!timestamp") return check(ScalarType::kTimestamp);
    return ScalarType::kString;
  }
  if (n.style() != Style::kPlain && n.style() != Style::kAny)
    return ScalarType::kString;
  return ResolvePlainV3(n.value());
}

Resolved ResolveForOutput(const Node& n) {
  ScalarType t = ResolveV3(n);
  const std::string& s = n.value();
  switch (t) {
    case ScalarType::kNull:
      return {t, "null"};
    case ScalarType::kBool:
      return {t, (s == "true" || s == "True" || s == "TRUE") ? "true" : "false"};
    case ScalarType::kInt: {
      int64_t i;
      uint64_t u;
      if (ParseGoInt(s, &i)) return {t, std::to_string(i)};
      if (ParseGoUint(s, &u)) return {t, std::to_string(u)};
      return {ScalarType::kString, s};  // e.g. !!int on non-numeric text
    }
    case ScalarType::kFloat: {
      std::string plain = WithoutUnderscores(s);
      double d;
      if (!ParseGoFloat(plain, &d)) {
        // .inf / .nan cannot be written as JSON; keep the text.
        return {t, s};
      }
      std::string json = FormatJsonFloat(d);
      std::string out = NormalizeJsonNumber(json);
      int64_t i;
      return {ParseGoInt(out, &i) ? ScalarType::kInt : ScalarType::kFloat,
              out};
    }
    case ScalarType::kTimestamp: {
      std::string ts;
      if (ParseTimestamp(s, &ts)) return {ScalarType::kString, ts};
      return {ScalarType::kString, s};
    }
    case ScalarType::kString:
      return {t, FoldNel(s)};
  }
  return {ScalarType::kString, s};
}

bool V2ResolvesAsNonString(std::string_view s) {
  if (s.empty()) return true;
  static const char* kWords[] = {
      "y",     "Y",     "yes",   "Yes",  "YES",  "on",    "On",    "ON",
      "true",  "True",  "TRUE",  "n",    "N",    "no",    "No",    "NO",
      "off",   "Off",   "OFF",   "false", "False", "FALSE", "~",   "null",
      "Null",  "NULL",  ".nan",  ".NaN", ".NAN", ".inf",  ".Inf",  ".INF",
      "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  char c = s[0];
  bool hinted = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
                std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos;
  if (!hinted) return false;
  for (const char* w : kWords)
    if (s == w) return true;
  if (c == '.') {
    double d;
    return ParseGoFloat(s, &d);
  }
  if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
    std::string ts;
    if (ParseTimestamp(s, &ts)) return true;
    int64_t i;
    uint64_t u;
    if (ParseGoInt(s, &i) || ParseGoUint(s, &u)) return true;
    std::string plain = WithoutUnderscores(s);
    double d;
    if (IsYamlStyleFloat(plain) && ParseGoFloat(plain, &d)) return true;
  }
  return false;
}

}  // namespace ferry::yaml
