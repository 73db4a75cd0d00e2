#include "repo/substitute.h"

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sops/base64.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"
#include "yaml/scalar_analysis.h"

namespace ferry::repo {
namespace {

// ---------------------------------------------------------------------------
// Scanner and parser: the state machine of Flux's envsubst (fluxcd/pkg
// envsubst/parse), reproduced so that odd inputs expand or fail alike.

constexpr char32_t kEof = 0;
constexpr char32_t kRuneError = 0xFFFD;

enum class Token { kIllegal, kEof, kIdent, kLbrack, kRbrack };

constexpr uint8_t kScanIdent = 1, kScanLbrack = 2, kScanRbrack = 4,
                  kScanEscape = 8;
constexpr uint8_t kDollar = 1, kBackslash = 2, kEscapeAll = 3;

using AcceptFn = bool (*)(char32_t r, size_t i);

bool IsIdentRune(char32_t r) {
  // unicode.IsLetter/IsDigit; runes beyond ASCII count as letters.
  return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
         (r >= '0' && r <= '9') || r == '_' || (r >= 0x80 && r != kRuneError);
}

bool AcceptRune(char32_t, size_t) { return true; }
bool AcceptIdent(char32_t r, size_t) { return IsIdentRune(r); }
bool AcceptColon(char32_t r, size_t) { return r == ':'; }
bool AcceptOneHash(char32_t r, size_t i) { return r == '#' && i == 1; }
bool AcceptNotClosing(char32_t r, size_t) { return r != '}'; }
bool AcceptHashFunc(char32_t r, size_t i) { return r == '#' && i < 3; }
bool AcceptPercentFunc(char32_t r, size_t i) { return r == '%' && i < 3; }
bool AcceptDefaultFunc(char32_t r, size_t i) {
  return (i == 1 && r == ':') ||
         (i == 2 && (r == '=' || r == '-' || r == '?' || r == '+'));
}
bool AcceptReplaceFunc(char32_t r, size_t i) {
  return (i == 1 && r == '/') || (i == 2 && (r == '/' || r == '#' || r == '%'));
}
bool AcceptOneEqual(char32_t r, size_t i) { return i == 1 && r == '='; }
bool AcceptOneColon(char32_t r, size_t i) { return i == 1 && r == ':'; }
bool RejectColonClose(char32_t r, size_t) { return r != ':' && r != '}'; }
bool AcceptSlash(char32_t r, size_t) { return r == '/'; }
bool AcceptNotSlash(char32_t r, size_t) { return r != '/'; }
bool AcceptCasingFunc(char32_t r, size_t i) {
  return (r == ',' || r == '^') && i < 3;
}

// Decodes one UTF-8 rune at s[pos] as Go's utf8.DecodeRuneInString does:
// a byte that does not start a valid sequence (overlong forms such as
// C0 80, surrogates, past U+10FFFF) gives U+FFFD, width 1. Decoding C0 80
// as U+0000 would end the scan there, as the end of the input.
char32_t DecodeRune(std::string_view s, size_t pos, size_t* width) {
  uint32_t r = 0;
  *width = yaml::Utf8SeqLen(s, pos, &r);
  if (*width != 0) return r;
  *width = 1;
  return kRuneError;
}

class Scanner {
 public:
  explicit Scanner(std::string_view buf) : buf_(buf) {}

  char32_t Read() {
    if (pos_ >= buf_.size()) {
      width_ = 0;
      return kEof;
    }
    char32_t r = DecodeRune(buf_, pos_, &width_);
    pos_ += width_;
    return r;
  }
  void Unread() { pos_ -= width_; }
  // Drops the byte just read (an escape character) from the buffer.
  void Skip() {
    buf_.erase(pos_ - 1, 1);
    skipped_++;
  }
  char32_t Peek() {
    char32_t r = Read();
    Unread();
    return r;
  }
  std::string String() const { return buf_.substr(start_, pos_ - start_); }

  Token Scan() {
    start_ = pos_;
    char32_t r = Read();
    if (r == kEof) return Token::kEof;
    if (ScanLbrack(r)) return Token::kLbrack;
    if (ScanRbrack(r)) return Token::kRbrack;
    if (ScanIdent(r)) return Token::kIdent;
    return Token::kIllegal;
  }

  // Offset in the original text of the current token's start.
  size_t OriginalStart() const { return start_ + skipped_; }

  uint8_t mode = 0;
  uint8_t escape_chars = 0;
  AcceptFn accept = nullptr;

 private:
  bool ScanIdent(char32_t r) {
    if (!(mode & kScanIdent)) return false;
    if (ScanEscaped(r)) {
      Skip();
    } else if (!accept(r, pos_ - start_)) {
      return false;
    }
    for (;;) {
      char32_t c = Read();
      if (c == kEof) {
        Unread();
        break;
      }
      if (ScanLbrack(c)) {
        Unread();
        Unread();
        break;
      }
      if (ScanEscaped(c)) {
        Skip();
        continue;
      }
      if (!accept(c, pos_ - start_)) {
        Unread();
        break;
      }
    }
    return true;
  }
  bool ScanLbrack(char32_t r) {
    if (!(mode & kScanLbrack)) return false;
    if (r == '$') {
      if (Read() == '{') return true;
      Unread();
    }
    return false;
  }
  bool ScanRbrack(char32_t r) const { return (mode & kScanRbrack) && r == '}'; }
  bool ScanEscaped(char32_t r) {
    if (!(mode & kScanEscape)) return false;
    if (r == '$' && (escape_chars & kDollar) && Peek() == '$') return true;
    if (r == '\\' && (escape_chars & kBackslash)) {
      char32_t n = Peek();
      return n == '/' || n == '\\';
    }
    return false;
  }

  std::string buf_;
  size_t pos_ = 0, start_ = 0, width_ = 0;
  size_t skipped_ = 0;
};

/// A node of a parsed template: text, or a function of a variable.
struct Expr {
  bool is_text = true;
  std::string text;   // text nodes
  std::string name;   // function: "", ":=", "#", "//", ...
  std::string param;  // function: the variable
  std::vector<Expr> args;
  size_t offset = 0;  // where the expression starts in the original text
};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  // Parses the whole text into a list of nodes; false with error_ set.
  bool Parse(std::vector<Expr>* out) {
    for (;;) {
      s_.accept = AcceptRune;
      s_.mode = kScanIdent | kScanLbrack | kScanEscape;
      s_.escape_chars = kDollar;
      switch (s_.Scan()) {
        case Token::kIdent: {
          Expr e;
          e.text = s_.String();
          out->push_back(std::move(e));
          break;
        }
        case Token::kEof:
          return true;
        case Token::kLbrack: {
          size_t at = s_.OriginalStart();
          Expr e;
          if (!ParseFunc(&e)) return Fail(at);
          e.offset = at;
          out->push_back(std::move(e));
          break;
        }
        default:
          error_ = "bad substitution";
          return Fail(s_.OriginalStart());
      }
    }
  }

  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }

 private:
  bool Fail(size_t at) {
    if (!failed_) error_offset_ = at;
    failed_ = true;
    return false;
  }
  bool Err(const char* msg) {
    if (error_.empty()) error_ = msg;
    return false;
  }

  bool ParseFunc(Expr* node) {
    s_.escape_chars = kEscapeAll;
    node->is_text = false;
    if (s_.Peek() == '#') return ParseLenFunc(node);
    s_.accept = AcceptIdent;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("unable to parse variable name");
    std::string name = s_.String();
    node->param = name;
    switch (s_.Peek()) {
      case ':':
        return ParseDefaultOrSubstr(node);
      case '=':
        return ParseDefaultFunc(node);
      case ',':
      case '^':
        return ParseCasingFunc(node);
      case '/':
        return ParseReplaceFunc(node);
      case '#':
        return ParseRemoveFunc(node, AcceptHashFunc);
      case '%':
        return ParseRemoveFunc(node, AcceptPercentFunc);
    }
    s_.accept = AcceptIdent;
    s_.mode = kScanRbrack;
    if (s_.Scan() != Token::kRbrack) return Err("missing closing brace");
    return true;
  }

  bool ParseParam(AcceptFn accept, uint8_t mode, Expr* out) {
    s_.accept = accept;
    s_.mode = mode | kScanLbrack;
    switch (s_.Scan()) {
      case Token::kLbrack:
        out->offset = s_.OriginalStart();
        return ParseFunc(out);
      case Token::kIdent:
      case Token::kRbrack:
        out->is_text = true;
        out->text = s_.String();
        return true;
      default:
        return Err("unable to parse substitution within function");
    }
  }

  bool ParseDefaultOrSubstr(Expr* node) {
    s_.Read();
    char32_t r = s_.Peek();
    s_.Unread();
    if (r == '=' || r == '-' || r == '?' || r == '+') {
      return ParseDefaultFunc(node);
    }
    return ParseSubstrFunc(node);
  }

  bool ParseSubstrFunc(Expr* node) {
    s_.accept = AcceptOneColon;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->name = s_.String();
    Expr arg;
    if (!ParseParam(RejectColonClose, kScanIdent, &arg)) return false;
    node->args.push_back(std::move(arg));
    s_.accept = AcceptColon;
    s_.mode = kScanIdent | kScanRbrack;
    switch (s_.Scan()) {
      case Token::kRbrack:
        return true;
      case Token::kIdent:
        break;
      default:
        return Err("bad substitution");
    }
    Expr arg2;
    if (!ParseParam(AcceptNotClosing, kScanIdent, &arg2)) return false;
    node->args.push_back(std::move(arg2));
    return ConsumeRbrack();
  }

  bool ParseRemoveFunc(Expr* node, AcceptFn accept) {
    s_.accept = accept;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->name = s_.String();
    Expr arg;
    if (!ParseParam(AcceptNotClosing, kScanIdent, &arg)) return false;
    node->args.push_back(std::move(arg));
    return ConsumeRbrack();
  }

  bool ParseReplaceFunc(Expr* node) {
    s_.accept = AcceptReplaceFunc;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->name = s_.String();
    if (s_.Peek() == '/') {
      Expr empty;
      node->args.push_back(std::move(empty));
    } else {
      Expr arg;
      if (!ParseParam(AcceptNotSlash, kScanIdent | kScanEscape, &arg)) {
        return false;
      }
      node->args.push_back(std::move(arg));
    }
    s_.accept = AcceptSlash;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    if (s_.Peek() == '}') return ConsumeRbrack();
    Expr arg2;
    if (!ParseParam(AcceptNotClosing, kScanIdent | kScanEscape, &arg2)) {
      return false;
    }
    node->args.push_back(std::move(arg2));
    return ConsumeRbrack();
  }

  bool ParseDefaultFunc(Expr* node) {
    s_.accept = AcceptDefaultFunc;
    if (s_.Peek() == '=') s_.accept = AcceptOneEqual;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) {
      return Err("unable to parse default function");
    }
    node->name = s_.String();
    for (;;) {
      if (s_.Peek() == '}') return ConsumeRbrack();
      Expr arg;
      if (!ParseParam(AcceptNotClosing, kScanIdent, &arg)) return false;
      node->args.push_back(std::move(arg));
    }
  }

  bool ParseCasingFunc(Expr* node) {
    s_.accept = AcceptCasingFunc;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->name = s_.String();
    return ConsumeRbrack();
  }

  bool ParseLenFunc(Expr* node) {
    s_.accept = AcceptOneHash;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->name = s_.String();
    s_.accept = AcceptIdent;
    s_.mode = kScanIdent;
    if (s_.Scan() != Token::kIdent) return Err("bad substitution");
    node->param = s_.String();
    return ConsumeRbrack();
  }

  bool ConsumeRbrack() {
    s_.mode = kScanRbrack;
    if (s_.Scan() != Token::kRbrack) return Err("bad substitution");
    return true;
  }

  Scanner s_;
  std::string error_;
  size_t error_offset_ = 0;
  bool failed_ = false;
};

// ---------------------------------------------------------------------------
// The string functions (fluxcd/pkg envsubst/funcs.go).

// Go's strings.Replace(s, old, new, n) (n < 0: all).
std::string GoReplace(std::string_view s, std::string_view old,
                      std::string_view repl, int n) {
  std::string out;
  if (old.empty()) {
    // Inserts repl before each rune and at the end, up to n times.
    size_t i = 0;
    int done = 0;
    while (n < 0 || done < n) {
      out += repl;
      done++;
      if (i >= s.size()) break;
      size_t w = 1;
      DecodeRune(s, i, &w);
      out += s.substr(i, w);
      i += w;
    }
    if (i < s.size()) out += s.substr(i);
    return out;
  }
  size_t i = 0;
  int done = 0;
  while (n < 0 || done < n) {
    size_t j = s.find(old, i);
    if (j == std::string_view::npos) break;
    out += s.substr(i, j - i);
    out += repl;
    i = j + old.size();
    done++;
  }
  out += s.substr(i);
  return out;
}

std::u32string Runes(std::string_view s) {
  std::u32string r;
  for (size_t i = 0; i < s.size();) {
    size_t w = 1;
    r += DecodeRune(s, i, &w);
    i += w;
  }
  return r;
}

void AppendRune(std::string* out, char32_t r) {
  if (r < 0x80) {
    *out += static_cast<char>(r);
  } else if (r < 0x800) {
    *out += static_cast<char>(0xC0 | (r >> 6));
    *out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    *out += static_cast<char>(0xE0 | (r >> 12));
    *out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (r >> 18));
    *out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

std::string Reverse(std::string_view s) {
  std::u32string r = Runes(s);
  std::string out;
  for (auto it = r.rbegin(); it != r.rend(); ++it) AppendRune(&out, *it);
  return out;
}

// Glob match of the whole of `name` against `pattern`, as the path.Match of
// envsubst: '*' matches any run of characters (including '/'), '?' any one,
// [...] a class (ranges, ^ or ! negation), '\' escapes. Returns nullopt for
// a malformed pattern.
std::optional<bool> GlobMatch(const std::u32string& p, size_t pi,
                              const std::u32string& n, size_t ni) {
  while (pi < p.size()) {
    char32_t c = p[pi];
    if (c == '*') {
      while (pi < p.size() && p[pi] == '*') pi++;
      if (pi == p.size()) return true;
      for (size_t k = ni; k <= n.size(); k++) {
        std::optional<bool> m = GlobMatch(p, pi, n, k);
        if (!m) return std::nullopt;
        if (*m) return true;
      }
      return false;
    }
    if (ni >= n.size()) {
      // Still check the rest of the pattern is well formed.
      return false;
    }
    if (c == '?') {
      pi++;
      ni++;
      continue;
    }
    if (c == '[') {
      size_t k = pi + 1;
      bool negate = false;
      if (k < p.size() && (p[k] == '^' || p[k] == '!')) {
        negate = true;
        k++;
      }
      bool matched = false;
      bool first = true;
      for (;;) {
        if (k >= p.size()) return std::nullopt;
        if (p[k] == ']' && !first) break;
        first = false;
        char32_t lo = p[k];
        if (lo == '\\') {
          if (++k >= p.size()) return std::nullopt;
          lo = p[k];
        }
        k++;
        char32_t hi = lo;
        if (k + 1 < p.size() && p[k] == '-' && p[k + 1] != ']') {
          k++;
          hi = p[k];
          if (hi == '\\') {
            if (++k >= p.size()) return std::nullopt;
            hi = p[k];
          }
          k++;
        }
        if (lo <= n[ni] && n[ni] <= hi) matched = true;
      }
      if (matched == negate) return false;
      pi = k + 1;
      ni++;
      continue;
    }
    if (c == '\\') {
      if (++pi >= p.size()) return std::nullopt;
      c = p[pi];
    }
    if (c != n[ni]) return false;
    pi++;
    ni++;
  }
  return ni == n.size();
}

std::optional<bool> Match(std::string_view pattern, std::string_view name) {
  return GlobMatch(Runes(pattern), 0, Runes(name), 0);
}

std::string TrimShortest(std::string_view s, std::string_view arg) {
  std::string_view shortest;
  bool found = false;
  for (size_t i = 0; i < s.size(); i++) {
    std::optional<bool> m = Match(arg, s.substr(0, s.size() - i));
    if (!m) return std::string(s);
    if (*m) {
      shortest = s.substr(0, s.size() - i);
      found = true;
    }
  }
  if (found && !shortest.empty()) return std::string(s.substr(shortest.size()));
  return std::string(s);
}

std::string TrimLongest(std::string_view s, std::string_view arg) {
  for (size_t i = 0; i < s.size(); i++) {
    std::optional<bool> m = Match(arg, s.substr(0, s.size() - i));
    if (!m) return std::string(s);
    if (*m) return std::string(s.substr(s.size() - i));
  }
  return std::string(s);
}

// strconv.Atoi: optional sign and decimal digits.
bool Atoi(std::string_view s, long long* out) {
  if (s.empty()) return false;
  size_t i = 0;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return false;
  long long v = 0;
  for (; i < s.size(); i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    if (v > (1LL << 62) / 5) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = neg ? -v : v;
  return true;
}

std::string Substr(const std::string& s, const std::vector<std::string>& args) {
  if (args.empty()) return s;
  long long pos = 0;
  const long long len = static_cast<long long>(s.size());
  if (!Atoi(args[0], &pos)) return s;
  if (pos < 0) {
    pos = len + pos;
    if (pos < 0) pos = 0;
  }
  if (args.size() == 1) return pos < len ? s.substr(pos) : "";
  long long length = 0;
  if (!Atoi(args[1], &length)) return s;
  if (length < 0) {
    long long end = len + length;
    if (end < pos) return "";
    return s.substr(pos, end - pos);
  }
  if (pos + length >= len) return pos < len ? s.substr(pos) : "";
  return s.substr(pos, length);
}

char32_t ToUpperRune(char32_t r) { return r >= 'a' && r <= 'z' ? r - 32 : r; }
char32_t ToLowerRune(char32_t r) { return r >= 'A' && r <= 'Z' ? r + 32 : r; }

std::string MapRunes(std::string_view s, char32_t (*f)(char32_t), bool first) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t w = 1;
    char32_t r = DecodeRune(s, i, &w);
    if (r == kRuneError && w == 1) {
      out += s[i];
    } else {
      AppendRune(&out, f(r));
    }
    i += w;
    if (first) {
      out += s.substr(i);
      break;
    }
  }
  return out;
}

std::string Apply(const std::string& name, const std::string& v,
                  const std::vector<std::string>& args) {
  auto arg = [&](size_t i) -> const std::string& { return args[i]; };
  if (name == ",") return MapRunes(v, ToLowerRune, true);
  if (name == ",,") return MapRunes(v, ToLowerRune, false);
  if (name == "^") return MapRunes(v, ToUpperRune, true);
  if (name == "^^") return MapRunes(v, ToUpperRune, false);
  if (name == "#") {
    if (args.empty()) return std::to_string(v.size());
    return TrimShortest(v, arg(0));
  }
  if (name == "##") return args.empty() ? v : TrimLongest(v, arg(0));
  if (name == "%") {
    if (args.empty()) return v;
    return Reverse(TrimShortest(Reverse(v), Reverse(arg(0))));
  }
  if (name == "%%") {
    if (args.empty()) return v;
    return Reverse(TrimLongest(Reverse(v), Reverse(arg(0))));
  }
  if (name == ":") return Substr(v, args);
  if (name == "/#") {
    if (args.size() != 2) return v;
    if (v.compare(0, arg(0).size(), arg(0)) == 0 && v.size() >= arg(0).size()) {
      return GoReplace(v, arg(0), arg(1), 1);
    }
    return v;
  }
  if (name == "/%") {
    if (args.size() != 2) return v;
    if (v.size() >= arg(0).size() &&
        v.compare(v.size() - arg(0).size(), arg(0).size(), arg(0)) == 0) {
      return v.substr(0, v.size() - arg(0).size()) + arg(1);
    }
    return v;
  }
  if (name == "/" || name == "//") {
    int n = name == "/" ? 1 : -1;
    if (args.empty()) return v;
    if (args.size() == 1) return GoReplace(v, arg(0), "", n);
    return GoReplace(v, arg(0), arg(1), n);
  }
  // "", "=", ":=", ":-", ":?", ":+", "-", "+" and anything else: default.
  if (v.empty() && !args.empty()) {
    std::string joined;
    for (const std::string& a : args) joined += a;
    return joined;
  }
  return v;
}

bool IsDefaultOp(const std::string& name) {
  return name == "-" || name == "+" || name == "=" || name == "?" ||
         name == ":-" || name == ":+" || name == ":=" || name == ":?";
}

// Evaluates one node into out; false with error/offset on an unset variable.
bool Eval(const Expr& e, const Variables& vars, bool strict, std::string* out,
          std::string* error, size_t* offset) {
  if (e.is_text) {
    *out += e.text;
    return true;
  }
  std::vector<std::string> args;
  for (const Expr& a : e.args) {
    std::string s;
    if (!Eval(a, vars, strict, &s, error, offset)) return false;
    args.push_back(std::move(s));
  }
  auto it = vars.find(e.param);
  bool exists = it != vars.end() || !strict;
  if (!exists && !IsDefaultOp(e.name)) {
    *error = "variable not set (strict mode): \"" + e.param + "\"";
    *offset = e.offset;
    return false;
  }
  static const std::string kEmpty;
  *out += Apply(e.name, it == vars.end() ? kEmpty : it->second, args);
  return true;
}

// ---------------------------------------------------------------------------
// Objects.

constexpr std::string_view kSubstituteKey =
    "kustomize.toolkit.fluxcd.io/substitute";

// True when Flux's YAML writer (go-yaml v2 through sigs.k8s.io/yaml) would
// write this string unquoted, so that after substitution its text is typed
// again. Approximates the emitter's rules for the strings met in practice.
bool WrittenPlain(std::string_view s) {
  if (s.empty()) return false;
  if (s.find('\n') != std::string_view::npos) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) !=
      std::string_view::npos) {
    return false;
  }
  if (s.find(": ") != std::string_view::npos ||
      s.find(" #") != std::string_view::npos || s.back() == ':') {
    return false;
  }
  return !yaml::V2ResolvesAsNonString(s);
}

// Gives a substituted scalar the type Flux's YAML round trip gives its text.
void Retype(yaml::Node* n, const std::string& before) {
  if (!WrittenPlain(before)) return;  // written quoted: stays a string
  const std::string& s = n->value();
  if (!yaml::V2ResolvesAsNonString(s)) {
    // Still a string; keep it one even if YAML 1.2 would read it otherwise.
    if (n->style() == yaml::Style::kPlain &&
        yaml::ResolveV3(*n) != yaml::ScalarType::kString) {
      n->set_style(yaml::Style::kDoubleQuoted);
    }
    return;
  }
  n->set_tag("");
  n->set_style(yaml::Style::kPlain);
  // YAML 1.1 booleans that YAML 1.2 reads as strings.
  static const char* kTrue[] = {"y",   "Y",  "yes", "Yes",
                                "YES", "on", "On",  "ON"};
  static const char* kFalse[] = {"n",  "N",   "no",  "No",
                                 "NO", "off", "Off", "OFF"};
  for (const char* w : kTrue) {
    if (s == w) n->set_value("true");
  }
  for (const char* w : kFalse) {
    if (s == w) n->set_value("false");
  }
}

// Where in the file the byte `offset` of a scalar's value is (best effort:
// exact for single-line plain scalars and lines of block scalars).
void PositionOf(const yaml::Node& n, size_t offset, int* line, int* col) {
  *line = static_cast<int>(n.mark().line);
  *col = static_cast<int>(n.mark().col);
  std::string_view v = n.value();
  if (offset > v.size()) return;
  size_t newlines = 0;
  for (size_t i = 0; i < offset; i++) {
    if (v[i] == '\n') newlines++;
  }
  switch (n.style()) {
    case yaml::Style::kPlain:
      if (newlines == 0) *col += static_cast<int>(offset);
      break;
    case yaml::Style::kSingleQuoted:
    case yaml::Style::kDoubleQuoted:
      if (newlines == 0 && v.find('\\') == std::string_view::npos &&
          v.find('\'') == std::string_view::npos) {
        *col += static_cast<int>(offset) + 1;
      }
      break;
    case yaml::Style::kLiteral:
      // The mark is at the start of the first line of content; the
      // indentation is not known, so only the line is given.
      *line += static_cast<int>(newlines);
      *col = 0;
      break;
    default:
      break;
  }
}

Status SubstituteScalar(yaml::Node* n, const Variables& vars, bool strict,
                        bool is_key) {
  if (!n->IsScalar() || n->value().find('$') == std::string::npos) {
    return Status::Ok();
  }
  std::string out, error;
  size_t offset = 0;
  if (!ExpandVariables(n->value(), vars, strict, &out, &error, &offset)) {
    int line = 0, col = 0;
    PositionOf(*n, offset, &line, &col);
    return Status::At(n->mark().File(), line, col,
                      "variable substitution failed: " + error);
  }
  if (out == n->value()) return Status::Ok();
  // Flux substitutes into the YAML text and parses it again, which fails on
  // bytes that are not UTF-8 (from a Secret's data, or a cut through a
  // character by ${var:offset:length}).
  if (!yaml::IsValidUtf8(out))
    return yaml::ErrorAt(*n, "variable substitution failed: the result is "
                             "not valid UTF-8");
  std::string before = n->value();
  n->set_value(std::move(out));
  if (!is_key) Retype(n, before);
  return Status::Ok();
}

Status Walk(yaml::Node* n, const Variables& vars, bool strict) {
  switch (n->kind()) {
    case yaml::Kind::kScalar:
      return SubstituteScalar(n, vars, strict, false);
    case yaml::Kind::kSequence:
      for (yaml::Node& item : n->items()) {
        FERRY_RETURN_IF_ERROR(Walk(&item, vars, strict));
      }
      return Status::Ok();
    case yaml::Kind::kMapping: {
      std::set<std::string, std::less<>> keys;
      for (yaml::Pair& p : n->pairs()) {
        FERRY_RETURN_IF_ERROR(SubstituteScalar(&p.key, vars, strict, true));
        // Flux substitutes the text and parses it again, where two keys
        // that became equal are an error.
        if (!keys.insert(p.key.value()).second)
          return yaml::ErrorAt(p.key, "mapping key \"" + p.key.value() +
                                          "\" already defined after "
                                          "substitution");
        FERRY_RETURN_IF_ERROR(Walk(&p.value, vars, strict));
      }
      return Status::Ok();
    }
    case yaml::Kind::kNull:
      return Status::Ok();
  }
  return Status::Ok();
}

std::string WithoutNewlines(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '\n') out += c;
  }
  return out;
}

}  // namespace

bool IsValidVariableName(std::string_view name) {
  auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (name.empty() || !alpha(name[0])) return false;
  for (char c : name) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool ExpandVariables(std::string_view text, const Variables& vars, bool strict,
                     std::string* out, std::string* error, size_t* offset) {
  size_t dummy = 0;
  if (!offset) offset = &dummy;
  std::vector<Expr> nodes;
  Parser parser(text);
  if (!parser.Parse(&nodes)) {
    *error = parser.error();
    *offset = parser.error_offset();
    return false;
  }
  std::string result;
  for (const Expr& e : nodes) {
    if (!Eval(e, vars, strict, &result, error, offset)) return false;
  }
  *out = std::move(result);
  return true;
}

bool SubstitutionDisabled(const yaml::Node& obj) {
  for (const char* field : {"labels", "annotations"}) {
    const yaml::Node* m = obj.GetPath({"metadata", field});
    if (m && m->IsMap() && m->GetString(kSubstituteKey) == "disabled") {
      return true;
    }
  }
  return false;
}

Status Substitute(yaml::Node* obj, const Variables& vars, bool strict,
                  bool always) {
  if (SubstitutionDisabled(*obj)) return Status::Ok();
  if (vars.empty() && !always) return Status::Ok();
  for (const auto& [name, value] : vars) {
    if (!IsValidVariableName(name)) {
      return Status::At("", 0, 0,
                        "'" + name + "' var name is invalid, must match '" +
                            kVariableNamePattern + "'");
    }
  }
  return Walk(obj, vars, strict);
}

Status CollectVariables(const PostBuild& post_build, const ObjectLookup& lookup,
                        Variables* out,
                        std::vector<const SubstituteReference*>* unresolved) {
  auto check_name = [](const yaml::Node& key) -> Status {
    if (IsValidVariableName(key.value())) return Status::Ok();
    return yaml::ErrorAt(key, "'" + key.value() +
                                  "' var name is invalid, must match '" +
                                  kVariableNamePattern + "'");
  };
  for (const SubstituteReference& ref : post_build.substitute_from) {
    const yaml::Node* obj = lookup ? lookup(ref.kind, ref.name) : nullptr;
    const bool encrypted = obj && ref.kind == "Secret" && obj->Get("sops");
    if (!obj || encrypted) {
      if (!ref.optional && unresolved) unresolved->push_back(&ref);
      continue;
    }
    if (ref.kind == "ConfigMap") {
      const yaml::Node* data = obj->Get("data");
      if (!data || !data->IsMap()) continue;
      for (const yaml::Pair& p : data->pairs()) {
        FERRY_RETURN_IF_ERROR(check_name(p.key));
        (*out)[p.key.value()] = WithoutNewlines(p.value.value());
      }
      continue;
    }
    if (const yaml::Node* data = obj->Get("data"); data && data->IsMap()) {
      for (const yaml::Pair& p : data->pairs()) {
        FERRY_RETURN_IF_ERROR(check_name(p.key));
        std::string decoded;
        if (!sops::Base64Decode(p.value.value(), sops::Base64Padding::kPadded,
                                false, &decoded)) {
          return yaml::ErrorAt(p.value, "Secret " + ref.name + " data." +
                                            p.key.value() +
                                            " is not valid base64");
        }
        (*out)[p.key.value()] = WithoutNewlines(decoded);
      }
    }
    // The API server merges stringData into data (stringData wins).
    if (const yaml::Node* sd = obj->Get("stringData"); sd && sd->IsMap()) {
      for (const yaml::Pair& p : sd->pairs()) {
        FERRY_RETURN_IF_ERROR(check_name(p.key));
        (*out)[p.key.value()] = WithoutNewlines(p.value.value());
      }
    }
  }
  for (const auto& [name, value] : post_build.substitute) {
    if (!IsValidVariableName(name)) {
      return Status::At(post_build.mark.File(),
                        static_cast<int>(post_build.mark.line),
                        static_cast<int>(post_build.mark.col),
                        "'" + name + "' var name is invalid, must match '" +
                            kVariableNamePattern + "'");
    }
    (*out)[name] = WithoutNewlines(value);
  }
  return Status::Ok();
}

}  // namespace ferry::repo
