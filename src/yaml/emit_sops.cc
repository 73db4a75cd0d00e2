// The go-yaml v3 encoder's output for decoded documents (sops's YAML store).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>

#include "yaml/emit.h"
#include "yaml/resolve.h"
#include "yaml/scalar_analysis.h"

namespace ferry::yaml {
namespace {

std::string StripUnderscores(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '_') out += c;
  return out;
}

// go-yaml v3 quotes strings that YAML 1.1 readers take for booleans.
bool IsOldBool(std::string_view s) {
  static const char* const kOld[] = {"y",  "Y",   "yes", "Yes", "YES", "on",
                                     "On", "ON",  "n",   "N",   "no",  "No",
                                     "NO", "off", "Off", "OFF"};
  for (const char* o : kOld)
    if (s == o) return true;
  return false;
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool IsBase60Float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i]))) return false;
  while (i < s.size() &&
         (isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'))
    ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    size_t start = i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    size_t n = i - start;
    if (n == 0 || n > 2 || (n == 2 && s[start] > '5')) return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() &&
           (isdigit(static_cast<unsigned char>(s[i])) || s[i] == '_'))
      ++i;
  }
  return i == s.size();
}

std::string SingleQuoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  out += '\'';
  return out;
}

// A string as go-yaml v3 encodes it in a block context (not multi-line).
std::string StringScalar(std::string_view s) {
  Node plain = Node::Plain(s);
  plain.set_style(Style::kPlain);
  bool can_plain = !s.empty() && ResolveV3(plain) == ScalarType::kString &&
                   !IsBase60Float(s) && !IsOldBool(s);
  ScalarAnalysis a = AnalyzeScalar(s);
  if (can_plain && a.block_plain_allowed && !a.multiline) return std::string(s);
  if (can_plain && a.single_quoted_allowed && !a.multiline)
    return SingleQuoted(s);
  if (s.empty()) return "\"\"";
  return DoubleQuotedScalar(s);
}

bool IsLiteral(const Node& n, std::string* text) {
  if (!n.IsScalar()) return false;
  ScalarType t = n.IsQuotedString() ? ScalarType::kString : ResolveV3(n);
  if (t != ScalarType::kString && t != ScalarType::kTimestamp) return false;
  const std::string& s = n.value();
  if (s.find('\n') == std::string::npos) return false;
  ScalarAnalysis a = AnalyzeScalar(s);
  if (!a.block_allowed) return false;
  *text = s;
  return true;
}

void Indent(int n, std::string* out) {
  out->append(static_cast<size_t>(n), ' ');
}

void WriteCommentLines(const std::string& comment, int indent,
                       std::string* out) {
  if (comment.empty()) return;
  size_t pos = 0;
  while (pos <= comment.size()) {
    size_t end = comment.find('\n', pos);
    if (end == std::string::npos) end = comment.size();
    std::string_view line(comment.data() + pos, end - pos);
    if (!line.empty()) {
      Indent(indent, out);
      out->append(line);
    }
    out->push_back('\n');
    pos = end + 1;
  }
}

class Writer {
 public:
  Writer(int indent, std::string* out) : step_(indent), out_(out) {}

  void Document(const Node& doc) {
    if (doc.IsMap() && !doc.pairs().empty()) {
      WriteCommentLines(doc.head_comment(), 0, out_);
      Map(doc, 0, false);
    } else if (doc.IsSeq() && !doc.items().empty()) {
      WriteCommentLines(doc.head_comment(), 0, out_);
      Seq(doc, 0, false);
    } else {
      Inline(doc);
      out_->push_back('\n');
    }
  }

 private:
  // Writes a map whose keys are at column `col`. A sequence item's map
  // (in_item) has its first key on the current line, after the "- ".
  void Map(const Node& m, int col, bool in_item) {
    bool first = true;
    for (const Pair& p : m.pairs()) {
      if (!(first && in_item)) {
        WriteCommentLines(p.key.head_comment(), col, out_);
        Indent(col, out_);
      }
      first = false;
      out_->append(Key(p.key));
      out_->push_back(':');
      Value(p.value, col, p.key.line_comment());
    }
    WriteCommentLines(m.foot_comment(), col, out_);
  }

  void Seq(const Node& s, int col, bool in_item) {
    bool first = true;
    for (const Node& item : s.items()) {
      if (!(first && in_item)) {
        WriteCommentLines(item.head_comment(), col, out_);
        Indent(col, out_);
      }
      first = false;
      out_->append("- ");
      if (item.IsMap() && !item.pairs().empty()) {
        Map(item, col + 2, true);
      } else if (item.IsSeq() && !item.items().empty()) {
        Seq(item, col + 2, true);
      } else {
        std::string lit;
        if (IsLiteral(item, &lit)) {
          Literal(lit, col + 2, col);  // as go-yaml v3: past the "- "
        } else {
          Inline(item);
          Line(item.line_comment());
          out_->push_back('\n');
        }
      }
    }
    WriteCommentLines(s.foot_comment(), col, out_);
  }

  // A mapping value after "key:", for a mapping at column `col`.
  void Value(const Node& v, int col, const std::string& key_comment) {
    // go-yaml v3 puts children at the next multiple of the indent step.
    int child = step_ * ((col + step_) / step_);
    std::string lit;
    if (v.IsMap() && !v.pairs().empty()) {
      Line(key_comment);
      out_->push_back('\n');
      Map(v, child, false);
    } else if (v.IsSeq() && !v.items().empty()) {
      Line(key_comment);
      out_->push_back('\n');
      Seq(v, child, false);
    } else if (IsLiteral(v, &lit)) {
      out_->push_back(' ');
      Literal(lit, child, col);
    } else {
      out_->push_back(' ');
      Inline(v);
      Line(key_comment);
      Line(v.line_comment());
      out_->push_back('\n');
    }
  }

  void Line(const std::string& comment) {
    if (comment.empty()) return;
    // A multi-line "line comment" cannot stay on the line: keep its first.
    size_t nl = comment.find('\n');
    out_->push_back(' ');
    out_->append(comment.substr(0, nl));
  }

  // A literal block whose lines are at column `col`, for a value of the
  // collection at column `parent`. Its indentation indicator counts from
  // `parent`, as a reader counts it. go-yaml v3 writes the indent step there
  // instead, which for a value of a mapping inside a sequence ("- k: |4")
  // gives text that no reader reads back (go-yaml issue #643); ferry writes
  // the indicator that matches the lines it writes.
  void Literal(const std::string& s, int col, int parent) {
    out_->push_back('|');
    if (s[0] == ' ' || s[0] == '\n') out_->append(std::to_string(col - parent));
    size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n')
      ++trailing;
    if (trailing == 0)
      out_->push_back('-');
    else if (trailing > 1 || s.size() == 1)  // "\n" alone is kept too
      out_->push_back('+');
    out_->push_back('\n');
    std::string_view body(s);
    if (trailing > 0) body.remove_suffix(1);
    size_t pos = 0;
    while (pos <= body.size()) {
      size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      if (end > pos) {
        Indent(col, out_);
        out_->append(body.substr(pos, end - pos));
      }
      out_->push_back('\n');
      pos = end + 1;
    }
  }

  void Inline(const Node& n) {
    if (n.IsMap()) {
      out_->append("{}");
    } else if (n.IsSeq()) {
      out_->append("[]");
    } else {
      out_->append(GoYamlV3Scalar(n));
    }
  }

  std::string Key(const Node& k) {
    if (k.IsScalar() || k.IsNull()) return GoYamlV3Scalar(k);
    return "? complex key";
  }

  int step_;
  std::string* out_;
};

}  // namespace

std::string GoYamlV3Scalar(const Node& n) {
  if (n.IsNull()) return "null";
  if (!n.IsScalar()) return n.IsMap() ? "{}" : "[]";
  ScalarType t = n.IsQuotedString() ? ScalarType::kString : ResolveV3(n);
  const std::string& s = n.value();
  switch (t) {
    case ScalarType::kNull:
      return "null";
    case ScalarType::kBool:
      return (s == "true" || s == "True" || s == "TRUE") ? "true" : "false";
    case ScalarType::kInt: {
      int64_t i;
      if (ParseGoInt(s, &i)) return std::to_string(i);
      uint64_t u;
      if (ParseGoUint(s, &u)) return std::to_string(u);
      double d = 0;
      std::string clean = StripUnderscores(s);
      std::from_chars(clean.data(), clean.data() + clean.size(), d);
      return FormatGoFloatG(d);
    }
    case ScalarType::kFloat: {
      std::string clean = StripUnderscores(s);
      if (clean.find("nan") != std::string::npos ||
          clean.find("NaN") != std::string::npos ||
          clean.find("NAN") != std::string::npos)
        return ".nan";
      if (clean.find("inf") != std::string::npos ||
          clean.find("Inf") != std::string::npos ||
          clean.find("INF") != std::string::npos)
        return clean[0] == '-' ? "-.inf" : ".inf";
      std::string_view v = clean;
      if (!v.empty() && v[0] == '+') v.remove_prefix(1);
      double d = 0;
      std::from_chars(v.data(), v.data() + v.size(), d);
      return FormatGoFloatG(d);
    }
    case ScalarType::kTimestamp:
    case ScalarType::kString:
      break;
  }
  return StringScalar(s);
}

void EmitGoYamlV3Document(const Node& doc, int indent, std::string* out) {
  Writer w(indent, out);
  w.Document(doc);
}

std::string EmitGoYamlV3Stream(const std::vector<Node>& docs, int indent) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i > 0) out += "---\n";
    EmitGoYamlV3Document(docs[i], indent, &out);
  }
  return out;
}

}  // namespace ferry::yaml
