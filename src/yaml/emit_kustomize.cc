// The output writer of `kubectl kustomize`: kustomize turns each resource
// into JSON and back to YAML with go-yaml v2 (sigs.k8s.io/yaml.JSONToYAML),
// so keys come out sorted and every scalar is re-typed. This file follows
// go-yaml v2's encoder and its libyaml-derived emitter (block styles, indent
// 2, best width 80) closely enough to give the same bytes.
#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "yaml/emit.h"
#include "yaml/resolve.h"
#include "yaml/scalar_analysis.h"

namespace ferry::yaml {
namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;


// Decodes the code point at s[i] (invalid bytes decode as themselves).
char32_t DecodeAt(std::string_view s, size_t i, int* width) {
  unsigned char c = s[i];
  int w = Utf8Width(c);
  if (i + w > s.size()) w = 1;
  char32_t v = w == 1 ? c : w == 2 ? (c & 0x1F) : w == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < w; ++k) v = (v << 6) | (s[i + k] & 0x3F);
  *width = w;
  return v;
}

// Go's unicode.IsLetter, for the code points that appear in keys: ASCII
// letters and, beyond ASCII, anything alphabetic in the common scripts.
bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0xC0 && c <= 0x24F) return true;   // Latin
  if (c >= 0x370 && c <= 0x52F) return c != 0x37E && c != 0x387;  // Greek, Cyrillic
  if (c >= 0x4E00 && c <= 0x9FFF) return true;  // CJK
  if (c >= 0x3040 && c <= 0x30FF) return true;  // kana
  if (c >= 0xAC00 && c <= 0xD7A3) return true;  // Hangul
  return false;
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// go-yaml v2's keyList.Less over code points (any ASCII or Unicode string):
// letters sort by code point, non-letters before letters, runs of digits
// compare as numbers. `At(s, i)` gives the i-th code point.
template <typename Str>
bool KeyLessOf(const Str& ar, const Str& br) {
  for (size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    char32_t ai_c = static_cast<unsigned char>(ar[i]);
    char32_t bi_c = static_cast<unsigned char>(br[i]);
    if constexpr (std::is_same_v<Str, std::u32string>) {
      ai_c = ar[i];
      bi_c = br[i];
    }
    if (ai_c == bi_c) continue;
    bool al = IsLetter(ai_c), bl = IsLetter(bi_c);
    if (al && bl) return ai_c < bi_c;
    if (al || bl) return bl;
    int64_t an = 0, bn = 0;
    size_t ai, bi;
    if (ai_c == '0' || bi_c == '0') {
      for (size_t j = i; j-- > 0 && IsDigit(ar[j]);) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    // Go's int64 arithmetic wraps around on long runs of digits; so does
    // this one (in uint64, where wrapping is defined).
    auto push = [](int64_t n, char32_t d) {
      return static_cast<int64_t>(static_cast<uint64_t>(n) * 10 + (d - '0'));
    };
    for (ai = i; ai < ar.size() && IsDigit(ar[ai]); ++ai) an = push(an, ar[ai]);
    for (bi = i; bi < br.size() && IsDigit(br[bi]); ++bi) bn = push(bn, br[bi]);
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return ai_c < bi_c;
  }
  return ar.size() < br.size();
}

// go-yaml v2's keyList.Less for string keys (ASCII keys, the usual case,
// are compared without decoding).
bool KeyLess(std::string_view a, std::string_view b) {
  if (IsAscii(a) && IsAscii(b)) return KeyLessOf(a, b);
  std::u32string ar, br;
  for (size_t i = 0; i < a.size();) {
    int w;
    ar.push_back(DecodeAt(a, i, &w));
    i += w;
  }
  for (size_t i = 0; i < b.size();) {
    int w;
    br.push_back(DecodeAt(b, i, &w));
    i += w;
  }
  return KeyLessOf(ar, br);
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool IsBase60Float(std::string_view s) {
  if (s.empty() || s.find(':') == std::string_view::npos) return false;
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  if (i >= s.size() || !IsDigit(s[i])) return false;
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    size_t start = i;
    while (i < s.size() && IsDigit(s[i]) && i - start < 2) ++i;
    size_t n = i - start;
    if (n == 0) return false;
    if (n == 2 && s[start] > '5') return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

enum class OutStyle { kPlain, kSingle, kDouble, kLiteral };

// The emitter state of libyaml that matters for block output.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  void Document(const Node& n) {
    Block(n, 0, /*in_mapping_value=*/false, /*root=*/true);
    if (column_ != 0) PutBreak();
    if (open_ended_) {
      out_->append("...\n");
    }
  }

 private:
  void Put(char c) {
    out_->push_back(c);
    ++column_;
  }
  void PutBreak() {
    out_->push_back('\n');
    column_ = 0;
  }
  // Writes one character (a UTF-8 sequence) starting at s[*i].
  void WriteChar(std::string_view s, size_t* i) {
    int w = Utf8Width(static_cast<unsigned char>(s[*i]));
    if (*i + w > s.size()) w = 1;
    out_->append(s.substr(*i, w));
    *i += w;
    ++column_;
  }
  void WriteIndent(int indent) {
    if (indent < 0) indent = 0;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_))
      PutBreak();
    while (column_ < indent) Put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void Indicator(std::string_view ind, bool need_ws, bool is_ws,
                 bool is_indention) {
    if (need_ws && !whitespace_) Put(' ');
    out_->append(ind);
    column_ += ind.size();
    whitespace_ = is_ws;
    indention_ = indention_ && is_indention;
    open_ended_ = false;
  }

  // Emits a node in block context. `indent` is the indent of the enclosing
  // collection's entries (the column where a nested collection starts).
  void Block(const Node& n, int indent, bool in_mapping_value, bool root) {
    if (n.IsMap()) {
      if (n.pairs().empty()) {
        Indicator("{", true, true, false);
        Indicator("}", false, false, false);
        return;
      }
      Mapping(n, root ? 0 : indent + kBestIndent);
    } else if (n.IsSeq()) {
      if (n.items().empty()) {
        Indicator("[", true, true, false);
        Indicator("]", false, false, false);
        return;
      }
      // Sequences under a mapping key are not indented (go-yaml v2).
      Sequence(n, root ? 0
                  : (in_mapping_value && !indention_) ? indent
                                                      : indent + kBestIndent);
    } else {
      Scalar(n, root ? 0 : indent + kBestIndent, /*simple_key=*/false, root);
    }
  }

  void Mapping(const Node& n, int indent) {
    std::vector<const Pair*> sorted;
    sorted.reserve(n.pairs().size());
    for (const Pair& p : n.pairs()) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Pair* a, const Pair* b) {
                       return KeyLess(a->key.value(), b->key.value());
                     });
    for (const Pair* p : sorted) {
      WriteIndent(indent);
      // An empty key is the string "" in JSON, as kustomize writes it.
      static const Node kEmptyKey = Node::Str("");
      Scalar(p->key.IsNull() ? kEmptyKey : p->key, indent, /*simple_key=*/true,
             false);
      Indicator(":", false, false, false);
      Block(p->value, indent, /*in_mapping_value=*/true, false);
    }
  }

  void Sequence(const Node& n, int indent) {
    for (const Node& item : n.items()) {
      WriteIndent(indent);
      Indicator("-", true, false, true);
      Block(item, indent, /*in_mapping_value=*/false, false);
    }
  }

  void Scalar(const Node& n, int indent, bool simple_key, bool root) {
    Resolved r = n.IsNull() ? Resolved{ScalarType::kNull, "null"}
                            : ResolveForOutput(n);
    if (r.type != ScalarType::kString) {
      Plain(r.text, indent, !simple_key, root);
      return;
    }
    const std::string& s = r.text;
    bool can_plain = !V2ResolvesAsNonString(s) && !IsBase60Float(s);
    OutStyle style = s.find('\n') != std::string::npos ? OutStyle::kLiteral
                     : can_plain                         ? OutStyle::kPlain
                                                         : OutStyle::kDouble;
    ScalarAnalysis a = AnalyzeScalar(s);
    if (style == OutStyle::kPlain) {
      if (!a.block_plain_allowed || (s.empty() && simple_key))
        style = OutStyle::kSingle;
    }
    if (style == OutStyle::kSingle && !a.single_quoted_allowed)
      style = OutStyle::kDouble;
    if (style == OutStyle::kLiteral && (!a.block_allowed || simple_key))
      style = OutStyle::kDouble;
    switch (style) {
      case OutStyle::kPlain:
        Plain(s, indent, !simple_key, root);
        break;
      case OutStyle::kSingle:
        Single(s, indent, !simple_key);
        break;
      case OutStyle::kDouble:
        Double(s, indent, !simple_key);
        break;
      case OutStyle::kLiteral:
        Literal(s, indent);
        break;
    }
  }

  void Plain(std::string_view s, int indent, bool allow_breaks, bool root) {
    if (!whitespace_) Put(' ');
    bool spaces = false;
    for (size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        if (allow_breaks && !spaces && column_ > kBestWidth &&
            !(i + 1 < s.size() && s[i + 1] == ' ')) {
          WriteIndent(indent);
          ++i;
        } else {
          WriteChar(s, &i);
        }
        spaces = true;
      } else {
        WriteChar(s, &i);
        indention_ = false;
        spaces = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
    if (root) open_ended_ = true;
  }

  void Single(std::string_view s, int indent, bool allow_breaks) {
    Indicator("'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 &&
            i < s.size() - 1 && s[i + 1] != ' ') {
          WriteIndent(indent);
          ++i;
        } else {
          WriteChar(s, &i);
        }
        spaces = true;
      } else if (IsBreakAt(s, i)) {
        if (!breaks && s[i] == '\n') PutBreak();
        size_t before = i;
        WriteChar(s, &i);
        if (s[before] == '\n') column_ = 0;
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) WriteIndent(indent);
        if (s[i] == '\'') Put('\'');
        WriteChar(s, &i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    Indicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void Double(std::string_view s, int indent, bool allow_breaks) {
    Indicator("\"", true, false, false);
    bool spaces = false;
    for (size_t i = 0; i < s.size();) {
      unsigned char c = s[i];
      if (EscapedInDoubleQuotes(s, i)) {
        std::string escape;
        i += AppendDoubleQuotedEscape(s, i, &escape);
        for (char e : escape) Put(e);
        spaces = false;
      } else if (c == ' ') {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 &&
            i < s.size() - 1) {
          WriteIndent(indent);
          if (i + 1 < s.size() && s[i + 1] == ' ') Put('\\');
          ++i;
        } else {
          WriteChar(s, &i);
        }
        spaces = true;
      } else {
        WriteChar(s, &i);
        spaces = false;
      }
    }
    Indicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void Literal(std::string_view s, int indent) {
    Indicator("|", true, false, false);
    // Block scalar hints.
    if (!s.empty() && (s[0] == ' ' || IsBreakAt(s, 0))) {
      char hint[2] = {static_cast<char>('0' + kBestIndent), 0};
      Indicator(hint, false, false, false);
    }
    open_ended_ = false;
    char chomp = 0;
    if (s.empty()) {
      chomp = '-';
    } else {
      size_t i = s.size() - 1;
      while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
      if (!IsBreakAt(s, i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
        if (IsBreakAt(s, i)) chomp = '+';
      }
    }
    if (chomp) {
      char hint[2] = {chomp, 0};
      Indicator(hint, false, false, false);
      if (chomp == '+') open_ended_ = true;
    }
    PutBreak();
    indention_ = true;
    whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < s.size();) {
      if (IsBreakAt(s, i)) {
        if (s[i] == '\n') {
          PutBreak();
          ++i;
        } else {
          WriteChar(s, &i);
          column_ = 0;
        }
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) {
          WriteIndent(indent);
          breaks = false;
        }
        WriteChar(s, &i);
        indention_ = false;
      }
    }
  }

  std::string* out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  bool open_ended_ = false;
};

}  // namespace

void EmitKustomizeDocument(const Node& doc, std::string* out) {
  Writer w(out);
  w.Document(doc);
}

std::string EmitKustomizeStream(const std::vector<Node>& docs) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i > 0) out.append("---\n");
    EmitKustomizeDocument(docs[i], &out);
  }
  return out;
}

}  // namespace ferry::yaml
