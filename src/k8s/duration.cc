#include "k8s/duration.h"

namespace ferry::k8s {
namespace {

constexpr uint64_t kNanosecond = 1;
constexpr uint64_t kMicrosecond = 1000 * kNanosecond;
constexpr uint64_t kMillisecond = 1000 * kMicrosecond;
constexpr uint64_t kSecond = 1000 * kMillisecond;
constexpr uint64_t kMinute = 60 * kSecond;
constexpr uint64_t kHour = 60 * kMinute;
constexpr uint64_t kTop = uint64_t{1} << 63;

// Go's strconv.Quote for the ASCII texts durations are made of; other
// bytes are kept as they are.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Consumes the leading [0-9]*; false on overflow.
bool LeadingInt(std::string_view* s, uint64_t* x) {
  size_t i = 0;
  *x = 0;
  for (; i < s->size(); i++) {
    char c = (*s)[i];
    if (!IsDigit(c)) break;
    if (*x > kTop / 10) return false;
    *x = *x * 10 + static_cast<uint64_t>(c - '0');
    if (*x > kTop) return false;
  }
  s->remove_prefix(i);
  return true;
}

// Consumes the leading [0-9]* of a fraction, dropping digits that do not fit.
void LeadingFraction(std::string_view* s, uint64_t* x, double* scale) {
  size_t i = 0;
  *x = 0;
  *scale = 1;
  bool overflow = false;
  for (; i < s->size(); i++) {
    char c = (*s)[i];
    if (!IsDigit(c)) break;
    if (overflow) continue;
    if (*x > (kTop - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = *x * 10 + static_cast<uint64_t>(c - '0');
    if (y > kTop) {
      overflow = true;
      continue;
    }
    *x = y;
    *scale *= 10;
  }
  s->remove_prefix(i);
}

bool UnitOf(std::string_view u, uint64_t* unit) {
  if (u == "ns")
    *unit = kNanosecond;
  else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs")
    *unit = kMicrosecond;
  else if (u == "ms")
    *unit = kMillisecond;
  else if (u == "s")
    *unit = kSecond;
  else if (u == "m")
    *unit = kMinute;
  else if (u == "h")
    *unit = kHour;
  else
    return false;
  return true;
}

// Writes the fraction of v with prec digits before `w`, omitting trailing
// zeros (and the point when all are zero); returns the integer part.
uint64_t FmtFrac(std::string* buf, uint64_t v, int prec) {
  std::string digits;
  bool print = false;
  for (int i = 0; i < prec; i++) {
    uint64_t digit = v % 10;
    print = print || digit != 0;
    if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) buf->insert(0, "." + digits);
  return v;
}

void FmtInt(std::string* buf, uint64_t v) { buf->insert(0, std::to_string(v)); }

}  // namespace

bool ParseGoDuration(std::string_view s, int64_t* nanos, std::string* error) {
  const std::string_view orig = s;
  auto invalid = [&]() {
    *error = "time: invalid duration " + Quote(orig);
    return false;
  };
  uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *nanos = 0;
    return true;
  }
  if (s.empty()) return invalid();
  while (!s.empty()) {
    uint64_t v = 0, f = 0;
    double scale = 1;
    if (!(s[0] == '.' || IsDigit(s[0]))) return invalid();
    size_t pl = s.size();
    if (!LeadingInt(&s, &v)) return invalid();
    bool pre = pl != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t pl2 = s.size();
      LeadingFraction(&s, &f, &scale);
      post = pl2 != s.size();
    }
    if (!pre && !post) return invalid();
    size_t i = 0;
    for (; i < s.size(); i++) {
      if (s[i] == '.' || IsDigit(s[i])) break;
    }
    if (i == 0) {
      *error = "time: missing unit in duration " + Quote(orig);
      return false;
    }
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    uint64_t unit = 0;
    if (!UnitOf(u, &unit)) {
      *error = "time: unknown unit " + Quote(u) + " in duration " + Quote(orig);
      return false;
    }
    if (v > kTop / unit) return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) *
                                 (static_cast<double>(unit) / scale));
      if (v > kTop) return invalid();
    }
    d += v;
    if (d > kTop) return invalid();
  }
  if (neg) {
    *nanos = static_cast<int64_t>(-d);  // wraps to INT64_MIN for 1<<63
    return true;
  }
  if (d > kTop - 1) return invalid();
  *nanos = static_cast<int64_t>(d);
  return true;
}

std::string FormatGoDuration(int64_t nanos) {
  std::string buf;
  uint64_t u = static_cast<uint64_t>(nanos);
  bool neg = nanos < 0;
  if (neg) u = -u;
  if (u < kSecond) {
    int prec = 0;
    if (u == 0) return "0s";
    if (u < kMicrosecond) {
      prec = 0;
      buf = "ns";
    } else if (u < kMillisecond) {
      prec = 3;
      buf = "\xC2\xB5s";  // U+00B5 micro sign, as Go writes it
    } else {
      prec = 6;
      buf = "ms";
    }
    u = FmtFrac(&buf, u, prec);
    FmtInt(&buf, u);
  } else {
    buf = "s";
    u = FmtFrac(&buf, u, 9);
    FmtInt(&buf, u % 60);
    u /= 60;
    if (u > 0) {
      buf.insert(0, "m");
      FmtInt(&buf, u % 60);
      u /= 60;
      if (u > 0) {
        buf.insert(0, "h");
        FmtInt(&buf, u);
      }
    }
  }
  if (neg) buf.insert(0, "-");
  return buf;
}

std::string Duration::ToString() const { return FormatGoDuration(nanos); }

bool MatchesFluxDurationPattern(std::string_view s, bool hours) {
  // ^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$
  size_t i = 0;
  if (s.empty()) return false;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) i++;
    if (i == start) return false;
    if (i < s.size() && s[i] == '.') {
      size_t f = ++i;
      while (i < s.size() && IsDigit(s[i])) i++;
      if (i == f) return false;
    }
    if (i >= s.size()) return false;
    if (s[i] == 'm' && i + 1 < s.size() && s[i + 1] == 's') {
      i += 2;
    } else if (s[i] == 's' || s[i] == 'm' || (hours && s[i] == 'h')) {
      i++;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace ferry::k8s
