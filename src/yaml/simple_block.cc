#include "yaml/simple_block.h"

#include <vector>

namespace ferry::yaml {
namespace {

struct Line {
  int indent;
  std::string_view text;  // without indentation and trailing spaces
  uint32_t number;
};

// Characters that would make a plain scalar mean something else.
bool IsSimpleScalar(std::string_view s) {
  if (s.empty()) return true;
  char c = s[0];
  if (std::string_view("'\"{}[]&*!|>%@`#,?").find(c) != std::string_view::npos)
    return false;
  if (s.find(": ") != std::string_view::npos || s.back() == ':' ||
      s.find(" #") != std::string_view::npos || s.find('\t') != std::string_view::npos)
    return false;
  return !(c == '-' && (s.size() == 1 || s[1] == ' '));
}

class Parser {
 public:
  Parser(std::vector<Line> lines, const std::string* file)
      : lines_(std::move(lines)), file_(file) {}

  bool Run(Node* doc) {
    if (lines_.empty()) {
      *doc = Node();
      return true;
    }
    if (lines_[0].indent != 0) return false;
    if (!Block(0, doc)) return false;
    return pos_ == lines_.size();
  }

 private:
  Mark MarkAt(const Line& l, int col) const {
    return Mark{file_, l.number, static_cast<uint32_t>(col + 1)};
  }

  bool IsItem(const Line& l) const {
    return l.text == "-" || l.text.starts_with("- ");
  }

  bool Scalar(std::string_view s, const Line& l, int col, Node* out) {
    if (!IsSimpleScalar(s)) return false;
    if (s.empty()) {
      *out = Node::Null();
      out->set_style(Style::kPlain);
    } else {
      *out = Node::Plain(s);
    }
    out->set_mark(MarkAt(l, col));
    return true;
  }

  // A collection whose first line is lines_[pos_], at its indentation.
  bool Block(int indent, Node* out) {
    return IsItem(lines_[pos_]) ? Sequence(indent, out) : Mapping(indent, out);
  }

  // The value of `key:` with nothing after the colon.
  bool NestedValue(int indent, const Line& owner, int col, Node* out) {
    if (pos_ < lines_.size() && lines_[pos_].indent > indent)
      return Block(lines_[pos_].indent, out);
    if (pos_ < lines_.size() && lines_[pos_].indent == indent &&
        IsItem(lines_[pos_]))
      return Sequence(indent, out);  // go-yaml's indentless sequence
    return Scalar("", owner, col, out);
  }

  bool Mapping(int indent, Node* out) {
    *out = Node::Map();
    out->set_mark(MarkAt(lines_[pos_], indent));
    while (pos_ < lines_.size() && lines_[pos_].indent == indent &&
           !IsItem(lines_[pos_])) {
      Line l = lines_[pos_++];
      if (!Entry(l, indent, out)) return false;
    }
    return pos_ == lines_.size() || lines_[pos_].indent < indent;
  }

  // One `key: value` or `key:` line (at column `col`) into mapping `m`.
  bool Entry(const Line& l, int col, Node* m) {
    size_t colon = l.text.find(": ");
    std::string_view key, value;
    if (colon != std::string_view::npos) {
      key = l.text.substr(0, colon);
      value = l.text.substr(colon + 2);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    } else if (l.text.back() == ':') {
      key = l.text.substr(0, l.text.size() - 1);
    } else {
      return false;
    }
    if (key.empty() || !IsSimpleScalar(key)) return false;
    for (const Pair& p : m->pairs())
      if (p.key.value() == key) return false;  // let the real parser report it
    Pair p;
    p.key = Node::Plain(key);
    p.key.set_mark(MarkAt(l, col));
    bool ok = colon != std::string_view::npos
                  ? Scalar(value, l, col + static_cast<int>(l.text.size() - value.size()), &p.value)
                  : NestedValue(col, l, col, &p.value);
    if (!ok) return false;
    m->pairs().push_back(std::move(p));
    return true;
  }

  bool Sequence(int indent, Node* out) {
    *out = Node::Seq();
    out->set_mark(MarkAt(lines_[pos_], indent));
    while (pos_ < lines_.size() && lines_[pos_].indent == indent &&
           IsItem(lines_[pos_])) {
      Line l = lines_[pos_];
      std::string_view rest = l.text == "-" ? "" : l.text.substr(2);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      int col = indent + static_cast<int>(l.text.size() - rest.size());
      Node item;
      if (rest.empty()) {
        ++pos_;
        if (!NestedValue(indent, l, col, &item)) return false;
      } else if (rest.find(": ") != std::string_view::npos || rest.back() == ':') {
        // "- key: value": a mapping whose first entry shares the line.
        lines_[pos_] = Line{col, rest, l.number};
        if (!Mapping(col, &item)) return false;
      } else {
        ++pos_;
        if (!Scalar(rest, l, col, &item)) return false;
      }
      out->items().push_back(std::move(item));
    }
    return pos_ == lines_.size() || lines_[pos_].indent <= indent;
  }

  std::vector<Line> lines_;
  const std::string* file_;
  size_t pos_ = 0;
};

}  // namespace

bool ParseSimpleBlock(std::string_view text, std::string_view file, Node* doc) {
  std::vector<Line> lines;
  uint32_t number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    int indent = 0;
    while (indent < static_cast<int>(line.size()) && line[indent] == ' ') ++indent;
    std::string_view body = line.substr(indent);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\r'))
      body.remove_suffix(1);
    if (body.empty() || body[0] == '#') continue;
    if (body[0] == '\t' || body.starts_with("---") || body.starts_with("..."))
      return false;
    lines.push_back(Line{indent, body, number});
  }
  Parser p(std::move(lines), InternFileName(file));
  return p.Run(doc);
}

}  // namespace ferry::yaml
