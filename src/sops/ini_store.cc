#include "sops/ini_store.h"

#include <algorithm>
#include <vector>

namespace ferry::sops {
namespace {

using yaml::Node;

constexpr std::string_view kDefaultSection = "DEFAULT";
constexpr std::string_view kSpace = " \t\r\f\v";

std::string_view TrimLeft(std::string_view s) {
  size_t i = s.find_first_not_of(kSpace);
  return i == std::string_view::npos ? std::string_view() : s.substr(i);
}

std::string_view Trim(std::string_view s) {
  s = TrimLeft(s);
  size_t j = s.find_last_not_of(kSpace);
  return j == std::string_view::npos ? std::string_view() : s.substr(0, j + 1);
}

// "x...x" with no other x inside.
bool SurroundedBy(std::string_view s, char q) {
  return s.size() >= 2 && s.front() == q && s.back() == q &&
         s.substr(1, s.size() - 2).find(q) == std::string_view::npos;
}

// The comment text as sops keeps it: without the leading ; or # and the
// spaces after it.
std::string StripCommentChar(std::string_view line) {
  size_t i = line.find_first_not_of(line[0] == ';' ? "; " : "# ");
  return i == std::string_view::npos ? "" : std::string(line.substr(i));
}

class IniReader {
 public:
  IniReader(std::string_view text, std::string_view file)
      : text_(text), file_(file.empty() ? "<ini>" : file) {}

  Status Read(Node* doc) {
    *doc = Node::Map();
    doc->pairs().push_back(yaml::Pair{Node::Str(kDefaultSection), Node::Map()});
    Node* section = &doc->pairs().back().value;
    std::string_view raw;
    while (NextLine(&raw)) {
      std::string_view line = TrimLeft(raw);
      if (line.empty()) continue;
      if (line[0] == '#' || line[0] == ';') {
        if (!comment_.empty()) comment_ += '\n';
        comment_ += "#" + StripCommentChar(line);
        continue;
      }
      if (line[0] == '[') {
        size_t close = line.rfind(']');
        if (close == std::string_view::npos)
          return Error("unclosed section header");
        std::string name(Trim(line.substr(1, close - 1)));
        if (name.empty()) return Error("empty section name");
        section = &Section(doc, name);
        continue;
      }
      FERRY_RETURN_IF_ERROR(Key(line, section));
    }
    doc->set_foot_comment(std::move(comment_));
    return Status::Ok();
  }

 private:
  bool NextLine(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    *line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_no_;
    return true;
  }

  Status Error(std::string_view what) const {
    return Status::At(file_, line_no_, 0,
                      "invalid INI input: " + std::string(what));
  }

  // The section `name`, added when new; a repeated section continues the
  // first one, as go-ini does.
  Node& Section(Node* doc, const std::string& name) {
    if (Node* existing = doc->Get(name)) return *existing;
    Node key = Node::Str(name);
    key.set_head_comment(std::move(comment_));
    comment_.clear();
    doc->pairs().push_back(yaml::Pair{std::move(key), Node::Map()});
    return doc->pairs().back().value;
  }

  Status Key(std::string_view line, Node* section) {
    std::string name;
    size_t after;  // index just past the key name
    if (line[0] == '"' || line[0] == '`') {
      std::string_view quote = line.starts_with("\"\"\"") ? "\"\"\""
                               : line[0] == '"'            ? "\""
                                                           : "`";
      size_t close = line.find(quote, quote.size());
      if (close == std::string_view::npos) return Error("unclosed quoted key");
      name = std::string(line.substr(quote.size(), close - quote.size()));
      after = close + quote.size();
    } else {
      after = line.find_first_of("=:");
      if (after == std::string_view::npos)
        return Error("expected key = value: " + std::string(line));
      name = std::string(Trim(line.substr(0, after)));
    }
    std::string_view rest = TrimLeft(line.substr(after));
    if (rest.empty() || (rest[0] != '=' && rest[0] != ':'))
      return Error("expected = or : after the key " + name);
    std::string value;
    FERRY_RETURN_IF_ERROR(Value(rest.substr(1), &value));
    Node key = Node::Str(name);
    key.set_head_comment(std::move(comment_));
    comment_.clear();
    if (Node* existing = section->Get(name)) {
      *existing = Node::Str(value);  // a repeated key's last value wins
      return Status::Ok();
    }
    section->pairs().push_back(yaml::Pair{std::move(key), Node::Str(value)});
    return Status::Ok();
  }

  Status Value(std::string_view raw, std::string* out) {
    std::string_view v = TrimLeft(raw);
    if (v.empty()) {
      out->clear();
      return Status::Ok();
    }
    std::string_view quote;
    if (v.size() > 3 && v.starts_with("\"\"\""))
      quote = "\"\"\"";
    else if (v[0] == '`')
      quote = "`";
    if (!quote.empty()) {
      std::string_view body = v.substr(quote.size());
      size_t close = body.rfind(quote);
      if (close != std::string_view::npos) {
        *out = std::string(body.substr(0, close));
        return Status::Ok();
      }
      // A multi-line value: up to the line that holds the closing quote.
      *out = std::string(body);
      std::string_view next;
      while (NextLine(&next)) {
        *out += '\n';
        size_t end = next.find(quote);
        if (end != std::string_view::npos) {
          *out += next.substr(0, end);
          return Status::Ok();
        }
        *out += next;
      }
      return Error("missing closing " + std::string(quote));
    }
    std::string joined(Trim(v));
    // A trailing backslash continues the value on the next line.
    while (!joined.empty() && joined.back() == '\\') {
      joined.pop_back();
      std::string_view next;
      if (!NextLine(&next)) break;
      joined += Trim(next);
    }
    std::string_view line = joined;
    size_t comment = line.find_first_of("#;");
    if (comment != std::string_view::npos) line = Trim(line.substr(0, comment));
    if (SurroundedBy(line, '"') || SurroundedBy(line, '\''))
      line = line.substr(1, line.size() - 2);
    *out = std::string(line);
    return Status::Ok();
  }

  std::string_view text_;
  std::string_view file_;
  size_t pos_ = 0;
  int line_no_ = 0;
  std::string comment_;  // comment lines waiting for their section or key
};

void WriteComment(const std::string& comment, std::string* out) {
  size_t pos = 0;
  while (pos < comment.size()) {
    size_t end = comment.find('\n', pos);
    if (end == std::string::npos) end = comment.size();
    std::string_view line(comment.data() + pos, end - pos);
    if (!line.empty() && line[0] == '#') line.remove_prefix(1);
    *out += "; ";
    *out += line;
    *out += '\n';
    pos = end + 1;
  }
}

std::string QuoteKey(const std::string& k) {
  if (k.find_first_of("\"=:") != std::string::npos) return "`" + k + "`";
  if (k.find('`') != std::string::npos) return "\"\"\"" + k + "\"\"\"";
  return k;
}

std::string QuoteValue(const std::string& v) {
  if (v.find_first_of("\n`") != std::string::npos)
    return "\"\"\"" + v + "\"\"\"";
  if (v.find_first_of("#;") != std::string::npos) return "`" + v + "`";
  if (Trim(v).size() != v.size()) return "\"" + v + "\"";
  return v;
}

}  // namespace

Status ParseIni(std::string_view text, std::string_view file, Node* doc) {
  return IniReader(text, file).Read(doc);
}

Status EmitIni(const Node& doc, std::string* out) {
  out->clear();
  bool first = true;
  for (const yaml::Pair& section : doc.pairs()) {
    const Node& body = section.value;
    if (!body.IsMap() && !body.IsNull())
      return Status::Error("INI sections must be mappings: " +
                           section.key.value());
    bool is_default = first && section.key.value() == kDefaultSection;
    first = false;
    if (is_default && body.size() == 0) continue;
    WriteComment(section.key.head_comment(), out);
    if (!is_default) *out += "[" + section.key.value() + "]\n";
    size_t align = 0;
    for (const yaml::Pair& p : body.pairs())
      align = std::max(align, QuoteKey(p.key.value()).size());
    for (const yaml::Pair& p : body.pairs()) {
      if (!p.value.IsScalar() && !p.value.IsNull())
        return Status::Error("INI values must be scalars: " +
                             section.key.value() + "." + p.key.value());
      WriteComment(p.key.head_comment(), out);
      std::string key = QuoteKey(p.key.value());
      *out += key;
      out->append(align - key.size(), ' ');
      *out += " = ";
      *out += QuoteValue(p.value.IsScalar() ? p.value.value() : "");
      *out += '\n';
    }
    *out += '\n';
  }
  WriteComment(doc.foot_comment(), out);
  return Status::Ok();
}

}  // namespace ferry::sops
