#include "yaml/parse.h"

#include <fmt/format.h>
#include <libfyaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "yaml/comments.h"
#include "yaml/scalar_analysis.h"

namespace ferry::yaml {
namespace {

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

// Owns a libfyaml parser and frees every event it hands out.
class EventParser {
 public:
  EventParser(std::string_view text) {
    // Diagnostics go to a silent callback; the first error is reported by
    // Error() from the collected list.
    fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = nullptr;
    dcfg.output_fn = [](fy_diag*, void*, const char*, size_t) {};
    diag_ = fy_diag_create(&dcfg);
    if (diag_) fy_diag_set_collect_errors(diag_, true);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(
        FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_DISABLE_DEPTH_LIMIT |
        FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE | FYPCF_DISABLE_RECYCLING);
    cfg.diag = diag_;
    fyp_ = fy_parser_create(&cfg);
    if (fyp_) fy_parser_set_string(fyp_, text.data(), text.size());
  }
  ~EventParser() {
    if (event_) fy_parser_event_free(fyp_, event_);
    if (fyp_) fy_parser_destroy(fyp_);
    if (diag_) fy_diag_destroy(diag_);
  }
  // Next event, or nullptr at the end or on error (see error()).
  fy_event* Next() {
    if (event_) fy_parser_event_free(fyp_, event_);
    event_ = fyp_ ? fy_parser_parse(fyp_) : nullptr;
    return event_;
  }
  bool failed() const { return !fyp_ || fy_parser_get_stream_error(fyp_); }
  // The first error libfyaml collected, as "line:col: message".
  Status Error(std::string_view file) {
    if (!fyp_) return Status::At(file, 0, 0, "cannot create YAML parser");
    fy_diag* diag = fy_parser_get_diag(fyp_);
    void* iter = nullptr;
    Status st = Status::At(file, 0, 0, "invalid YAML");
    if (diag) {
      if (fy_diag_error* e = fy_diag_errors_iterate(diag, &iter)) {
        st = Status::At(file, e->line + 1, e->column + 1,
                        std::string("invalid YAML: ") + (e->msg ? e->msg : ""));
      }
      fy_diag_unref(diag);
    }
    return st;
  }

 private:
  fy_diag* diag_ = nullptr;
  fy_parser* fyp_ = nullptr;
  fy_event* event_ = nullptr;
};

std::string TokenText(fy_token* t) {
  if (!t) return {};
  size_t len = 0;
  const char* s = fy_token_get_text(t, &len);
  return s ? std::string(s, len) : std::string();
}

// Tags are kept short ("!!str") whatever the source wrote.
std::string TagText(fy_token* t) {
  std::string tag = TokenText(t);
  if (tag.starts_with(kCoreTagPrefix))
    return "!!" + tag.substr(kCoreTagPrefix.size());
  return tag;
}

Style ToStyle(fy_scalar_style s) {
  switch (s) {
    case FYSS_PLAIN:
      return Style::kPlain;
    case FYSS_SINGLE_QUOTED:
      return Style::kSingleQuoted;
    case FYSS_DOUBLE_QUOTED:
      return Style::kDoubleQuoted;
    case FYSS_LITERAL:
      return Style::kLiteral;
    case FYSS_FOLDED:
      return Style::kFolded;
    default:
      return Style::kAny;
  }
}

// True for the characters go-yaml's reader accepts (YAML's c-printable):
// tab, line breaks and printable characters, not other controls.
bool IsYamlPrintable(uint32_t r) {
  return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0x7E) ||
         r == 0x85 || (r >= 0xA0 && r <= 0xD7FF) ||
         (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF);
}

// go-yaml reads only UTF-8 and refuses anything else, and control
// characters; so does ferry, before libfyaml sees the text: libfyaml 0.7.12
// loops forever on some invalid bytes (in a directive: "%\xe0") and
// returns heap memory in a block scalar after a NUL.
Status CheckUtf8(std::string_view text, std::string_view file) {
  size_t line = 1, line_start = 0;
  uint32_t rune = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = Utf8SeqLen(text, i, &rune);
    if (n == 0 || !IsYamlPrintable(rune))
      return Status::At(
          file, static_cast<int>(line), static_cast<int>(i - line_start + 1),
          n == 0 ? fmt::format("invalid YAML: invalid UTF-8 (byte 0x{:02X}); "
                               "YAML text must be UTF-8",
                               c)
                 : fmt::format("invalid YAML: control character U+{:04X} is "
                               "not allowed",
                               rune));
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += n;
  }
  return Status::Ok();
}

// The value of a single-quoted scalar from its source text (between the
// quotes): '' is a quote; a line break, with the spaces around it, folds to
// a space, or to one newline per empty line after it. libfyaml 0.7.12
// garbles two escaped quotes in a row ('a''''b' gives "a'''"), so ferry
// decodes those scalars itself.
std::string SingleQuotedText(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size();) {
    char c = raw[i];
    if (c == '\'') {
      out.push_back('\'');
      i += 2;  // inside the scalar, quotes come in pairs
    } else if (c == '\n' || c == '\r') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t'))
        out.pop_back();
      size_t breaks = 0;
      while (i < raw.size() && (raw[i] == '\n' || raw[i] == '\r')) {
        i += raw.compare(i, 2, "\r\n") == 0 ? 2 : 1;
        ++breaks;
        while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
      }
      if (breaks == 1)
        out.push_back(' ');
      else
        out.append(breaks - 1, '\n');
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

// A block scalar as ReadBlockScalar reads it.
struct BlockScalar {
  enum Kind {
    kDecoded,          // `value` is the scalar's value
    kSwallowed,        // libfyaml took in lines after the scalar (below)
    kLeaveToLibfyaml,  // not handled here: an indentation indicator, tabs...
  };
  Kind kind = kLeaveToLibfyaml;
  std::string value;
  size_t header_pos = 0, header_len = 0;  // the "|-" in the header line
  size_t body_used = 0;  // bytes of the body that are the scalar's lines
};

// Reads a block scalar from its header line ("|", ">-", "|+ # c") and its
// body (the source lines after the header, as libfyaml's token spans them)
// as libyaml, and so go-yaml, does; content is indented at least
// `min_indent` columns (one more than the collection the scalar is in).
// libfyaml 0.7.12 gets several cases wrong: a folded scalar with an empty
// line before a more indented line loses a line break and ends with a stray
// byte (heap memory or NUL); a blank-only scalar is a NUL; clip chomping
// adds a line break that the end of the file does not have; and an empty
// scalar followed by a less indented line takes in the lines after it
// ("key: |" then "next: 1"), which ferry must then parse again.
BlockScalar ReadBlockScalar(std::string_view header_line, std::string_view body,
                            bool folded, size_t min_indent) {
  BlockScalar r;
  // The header: the first '|' or '>' followed only by a chomping indicator,
  // blanks and a comment.
  char chomp = 0;
  bool found = false;
  for (size_t p = 0; p < header_line.size() && !found; ++p) {
    if (header_line[p] != '|' && header_line[p] != '>') continue;
    size_t q = p + 1;
    char c = 0;
    if (q < header_line.size() &&
        (header_line[q] == '-' || header_line[q] == '+'))
      c = header_line[q++];
    r.header_pos = p;
    r.header_len = q - p;
    size_t blanks = q;
    while (q < header_line.size() &&
           (header_line[q] == ' ' || header_line[q] == '\t'))
      ++q;
    if (q == header_line.size() || (q > blanks && header_line[q] == '#')) {
      chomp = c;
      found = true;
    }
  }
  if (!found) return r;
  std::vector<std::string_view> lines;
  std::vector<size_t> ends;  // offset in body after each line's break
  for (size_t pos = 0; pos < body.size();) {
    size_t nl = body.find('\n', pos);
    std::string_view line =
        body.substr(pos, nl == body.npos ? body.npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = nl == body.npos ? body.size() : nl + 1;
    ends.push_back(pos);
  }
  auto has_break = [&](size_t i) { return body[ends[i] - 1] == '\n'; };
  auto spaces = [](std::string_view l) {
    size_t n = 0;
    while (n < l.size() && l[n] == ' ') ++n;
    return n;
  };
  auto blank = [&](size_t i) { return spaces(lines[i]) == lines[i].size(); };
  // Indentation: the most spaces among the leading blank lines and the
  // first text line, and at least min_indent (libyaml's auto-detection).
  size_t indent = min_indent;
  for (size_t i = 0; i < lines.size(); ++i) {
    indent = std::max(indent, spaces(lines[i]));
    if (!blank(i)) break;
  }
  auto empty = [&](size_t i) { return blank(i) && lines[i].size() <= indent; };
  std::string& s = r.value;
  size_t trailing = 0;  // line breaks of empty lines not yet written
  bool leading = false, leading_blank = false;
  size_t i = 0;
  for (; i < lines.size() && empty(i); ++i) trailing += has_break(i);
  for (; i < lines.size() && !empty(i) && spaces(lines[i]) >= indent; ++i) {
    std::string_view text = lines[i].substr(indent);
    bool trailing_blank = text[0] == ' ' || text[0] == '\t';
    if (folded && leading && !leading_blank && !trailing_blank) {
      if (trailing == 0) s.push_back(' ');
    } else if (leading) {
      s.push_back('\n');
    }
    s.append(trailing, '\n');
    trailing = 0;
    leading_blank = trailing_blank;
    s.append(text);
    leading = has_break(i);
    for (; i + 1 < lines.size() && empty(i + 1); ++i) trailing += has_break(i + 1);
  }
  if (chomp != '-' && leading) s.push_back('\n');
  if (chomp == '+') s.append(trailing, '\n');
  r.body_used = i == 0 ? 0 : ends[i - 1];
  // A less indented line ends the scalar: what follows in the token must be
  // comments or blank, or libfyaml took in lines that are not the scalar's.
  r.kind = BlockScalar::kDecoded;
  for (; i < lines.size(); ++i) {
    size_t n = spaces(lines[i]);
    if (n == lines[i].size() || lines[i][n] == '#') continue;
    r.kind = lines[i][n] == '\t' ? BlockScalar::kLeaveToLibfyaml
                                 : BlockScalar::kSwallowed;
    break;
  }
  return r;
}

// A change to the source that works around libfyaml: a block scalar that
// took in the lines after it, written instead as the double-quoted string
// it stands for, its own lines left empty (so that lines keep their
// numbers).
struct Rewrite {
  size_t header = 0, header_len = 0;  // the indicator, in the text
  std::string quoted;
  size_t body = 0, body_len = 0;  // the scalar's lines, in the text

  std::string Apply(std::string_view text) const {
    std::string out(text.substr(0, header));
    out += quoted;
    out.append(text.substr(header + header_len, body - header - header_len));
    for (char c : text.substr(body, body_len))
      if (c == '\n') out.push_back('\n');
    out.append(text.substr(body + body_len));
    return out;
  }
};

// An open collection: the node, its anchor, and (for a mapping) whether a
// key has been read that waits for its value.
struct Frame {
  Node node;
  std::string anchor;
  bool has_key;
};

// Builds Node trees from the event stream.
class TreeBuilder {
 public:
  TreeBuilder(std::string_view file, const ParseLimits& limits,
              CommentScan* comments = nullptr)
      : file_(InternFileName(file)), limits_(limits), comments_(comments) {}

  // Set when a run failed on a block scalar that libfyaml misread: the
  // change to the text that lets it read the text again.
  const std::optional<Rewrite>& rewrite() const { return rewrite_; }

  Status Run(std::string_view text, std::vector<Node>* docs) {
    FERRY_RETURN_IF_ERROR(CheckFileSize(*file_, text.size(), limits_));
    FERRY_RETURN_IF_ERROR(CheckUtf8(text, *file_));
    EventParser p(text);
    std::vector<Frame> stack;
    bool in_doc = false;
    while (fy_event* e = p.Next()) {
      switch (e->type) {
        case FYET_DOCUMENT_START:
          in_doc = true;
          anchors_.clear();
          if (comments_) comments_->doc_start_lines.push_back(LineOf(e));
          if (docs->size() >= limits_.max_documents)
            return Status::At(*file_, LineOf(e), 0,
                              "number of documents exceeds the limit of " +
                                  std::to_string(limits_.max_documents));
          break;
        case FYET_DOCUMENT_END:
          if (in_doc && stack.empty() && !have_root_) docs->emplace_back();
          if (have_root_) docs->push_back(std::move(root_));
          have_root_ = false;
          in_doc = false;
          break;
        case FYET_MAPPING_START:
        case FYET_SEQUENCE_START: {
          if (stack.size() >= limits_.max_depth)
            return Status::At(*file_, LineOf(e), ColOf(e),
                              "nesting depth exceeds the limit of " +
                                  std::to_string(limits_.max_depth));
          bool map = e->type == FYET_MAPPING_START;
          Node n = map ? Node::Map() : Node::Seq();
          fy_token* start = map ? e->mapping_start.mapping_start
                                : e->sequence_start.sequence_start;
          if (start && (TokenText(start) == "{" || TokenText(start) == "["))
            n.set_style(Style::kFlow);
          n.set_mark(MarkOf(e));
          fy_token* tag = map ? e->mapping_start.tag : e->sequence_start.tag;
          if (tag) n.set_tag(TagText(tag));
          stack.push_back(Frame{std::move(n),
                                TokenText(map ? e->mapping_start.anchor
                                              : e->sequence_start.anchor),
                                false});
          break;
        }
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END: {
          Node n = std::move(stack.back().node);
          std::string anchor = std::move(stack.back().anchor);
          stack.pop_back();
          if (n.IsMap()) FERRY_RETURN_IF_ERROR(CheckMapping(&n));
          if (!anchor.empty()) anchors_[anchor] = n;
          FERRY_RETURN_IF_ERROR(Add(&stack, std::move(n)));
          break;
        }
        case FYET_SCALAR: {
          if (comments_) {
            const fy_mark* sm = fy_event_start_mark(e);
            const fy_mark* em = fy_event_end_mark(e);
            if (sm && em)
              comments_->scalar_spans.push_back({sm->input_pos, em->input_pos});
          }
          std::string value;
          FERRY_RETURN_IF_ERROR(ScalarText(text, e, stack, &value));
          Node n = Node::Plain(value);
          n.set_style(ToStyle(fy_token_scalar_style(e->scalar.value)));
          n.set_mark(MarkOf(e));
          if (e->scalar.tag) n.set_tag(TagText(e->scalar.tag));
          if (n.style() == Style::kPlain && n.value().empty() &&
              n.tag().empty()) {
            // An empty plain scalar is null, except as a value in a flow
            // mapping, where go-yaml v3 reads it as an empty string.
            bool flow_value = !stack.empty() && stack.back().has_key &&
                              stack.back().node.IsMap() &&
                              stack.back().node.style() == Style::kFlow;
            Mark m = n.mark();
            n = flow_value ? Node::Str("") : Node::Null();
            n.set_style(Style::kPlain);  // written (as nothing), not made up
            n.set_mark(m);
          }
          if (e->scalar.anchor) anchors_[TokenText(e->scalar.anchor)] = n;
          FERRY_RETURN_IF_ERROR(Add(&stack, std::move(n)));
          break;
        }
        case FYET_ALIAS: {
          std::string name = TokenText(e->alias.anchor);
          auto it = anchors_.find(name);
          if (it == anchors_.end())
            return Status::At(*file_, LineOf(e), ColOf(e),
                              "unknown anchor '" + name + "' referenced");
          alias_nodes_ += CountNodes(it->second);
          if (alias_nodes_ > limits_.max_alias_nodes)
            return Status::At(*file_, LineOf(e), ColOf(e),
                              "alias expansion exceeds the limit of " +
                                  std::to_string(limits_.max_alias_nodes) +
                                  " nodes");
          FERRY_RETURN_IF_ERROR(Add(&stack, it->second));
          break;
        }
        default:
          break;
      }
    }
    if (p.failed()) return p.Error(*file_);
    return Status::Ok();
  }

 private:
  // A scalar's value. Block scalars, and single-quoted ones with '''', are
  // decoded by ferry from the source (see ReadBlockScalar and
  // SingleQuotedText), the others by libfyaml. A block scalar that took in
  // the lines after it fails the run, with rewrite() set.
  Status ScalarText(std::string_view text, fy_event* e,
                    const std::vector<Frame>& stack, std::string* value) {
    fy_token* t = e->scalar.value;
    fy_scalar_style style = fy_token_scalar_style(t);
    const fy_mark* start = fy_token_start_mark(t);
    const fy_mark* end = fy_token_end_mark(t);
    *value = TokenText(t);
    if (!start || !end || start->input_pos > end->input_pos ||
        end->input_pos > text.size())
      return Status::Ok();
    std::string_view raw =
        text.substr(start->input_pos, end->input_pos - start->input_pos);
    if (style == FYSS_SINGLE_QUOTED && raw.find("''''") != raw.npos)
      *value = SingleQuotedText(raw);
    if ((style != FYSS_LITERAL && style != FYSS_FOLDED) ||
        start->input_pos == 0 || text[start->input_pos - 1] != '\n')
      return Status::Ok();
    std::string_view before = text.substr(0, start->input_pos - 1);
    if (!before.empty() && before.back() == '\r') before.remove_suffix(1);
    size_t line_start = before.rfind('\n');
    line_start = line_start == before.npos ? 0 : line_start + 1;
    // One column more than the collection the scalar is in.
    size_t min_indent = stack.empty() ? 1 : stack.back().node.mark().col;
    BlockScalar b = ReadBlockScalar(before.substr(line_start), raw,
                                    style == FYSS_FOLDED,
                                    std::max<size_t>(min_indent, 1));
    if (b.kind == BlockScalar::kDecoded) *value = std::move(b.value);
    if (b.kind != BlockScalar::kSwallowed) return Status::Ok();
    rewrite_ = Rewrite{line_start + b.header_pos, b.header_len,
                       DoubleQuotedScalar(b.value), start->input_pos,
                       b.body_used};
    return Status::At(*file_, LineOf(e), ColOf(e),
                      "invalid YAML: libfyaml cannot read this block scalar");
  }

  static int LineOf(fy_event* e) {
    const fy_mark* m = fy_event_start_mark(e);
    return m ? m->line + 1 : 0;
  }
  static int ColOf(fy_event* e) {
    const fy_mark* m = fy_event_start_mark(e);
    return m ? m->column + 1 : 0;
  }
  Mark MarkOf(fy_event* e) const {
    return Mark{file_, static_cast<uint32_t>(LineOf(e)),
                static_cast<uint32_t>(ColOf(e))};
  }

  static size_t CountNodes(const Node& n) {
    size_t c = 1;
    for (const Node& i : n.items()) c += CountNodes(i);
    for (const Pair& p : n.pairs()) c += 1 + CountNodes(p.value);
    return c;
  }

  // Duplicate keys are an error, as in the Go YAML libraries (go-yaml v3);
  // with limits_.duplicate_keys_last_wins the last pair stays (go-yaml v2).
  Status CheckMapping(Node* n) {
    auto& pairs = n->pairs();
    if (pairs.size() < 2) return Status::Ok();
    // As go-yaml v3: keys are the same when their text is (an empty key's
    // text is "", as a quoted "" key's is).
    auto scalar = [](const Node& k) { return k.IsScalar() || k.IsNull(); };
    if (limits_.duplicate_keys_last_wins) {
      std::unordered_set<std::string_view> seen;
      std::vector<bool> keep(pairs.size(), true);
      bool any = false;
      for (size_t i = pairs.size(); i-- > 0;) {
        if (!scalar(pairs[i].key)) continue;
        if (!seen.insert(pairs[i].key.value()).second) {
          keep[i] = false;
          any = true;
        }
      }
      if (any) {
        std::vector<Pair> kept;
        kept.reserve(pairs.size());
        for (size_t i = 0; i < pairs.size(); ++i)
          if (keep[i]) kept.push_back(std::move(pairs[i]));
        pairs = std::move(kept);
      }
      return Status::Ok();
    }
    if (pairs.size() <= 16) {  // small mappings: no allocation
      for (size_t i = 1; i < pairs.size(); ++i) {
        if (!scalar(pairs[i].key)) continue;
        for (size_t j = 0; j < i; ++j)
          if (scalar(pairs[j].key) &&
              pairs[j].key.value() == pairs[i].key.value())
            return ErrorAt(
                pairs[i].key,
                "mapping key \"" + pairs[i].key.value() + "\" already defined");
      }
      return Status::Ok();
    }
    std::unordered_set<std::string_view> seen;
    for (const Pair& p : pairs) {
      if (!scalar(p.key)) continue;
      if (!seen.insert(p.key.value()).second)
        return ErrorAt(p.key,
                       "mapping key \"" + p.key.value() + "\" already defined");
    }
    return Status::Ok();
  }

  // Adds a finished node to its parent (or makes it the document root).
  Status Add(std::vector<Frame>* stack, Node n) {
    if (stack->empty()) {
      root_ = std::move(n);
      have_root_ = true;
      return Status::Ok();
    }
    Frame& parent = stack->back();
    if (parent.node.IsSeq()) {
      parent.node.items().push_back(std::move(n));
    } else if (!parent.has_key) {
      parent.has_key = true;
      parent.node.pairs().push_back(Pair{std::move(n), Node()});
    } else {
      parent.has_key = false;
      parent.node.pairs().back().value = std::move(n);
    }
    return Status::Ok();
  }

  const std::string* file_;
  const ParseLimits& limits_;
  CommentScan* comments_;
  std::unordered_map<std::string, Node> anchors_;
  size_t alias_nodes_ = 0;
  Node root_;
  bool have_root_ = false;
  std::optional<Rewrite> rewrite_;
};

// Runs TreeBuilders on `text` until one does not stop for a block scalar
// that libfyaml misread (see Rewrite); each such scalar costs a parse of the
// whole text. The parses together may read at most limits.max_bytes (at
// least 16 parses): thousands for files of a few kilobytes, while a large
// file full of such scalars cannot take quadratic time. *final holds the
// text of the last run when it had to be changed.
constexpr size_t kMinParses = 16;

Status Parse(std::string_view text, std::string_view file,
             std::vector<Node>* docs, const ParseLimits& limits,
             CommentScan* comments, std::string* final_text) {
  size_t first = docs->size();
  size_t max_parses =
      std::max(kMinParses, limits.max_bytes / std::max<size_t>(text.size(), 1));
  for (size_t parses = 1;; ++parses) {
    TreeBuilder b(file, limits, comments);
    Status st = b.Run(text, docs);
    if (st.ok() || !b.rewrite() || parses == max_parses) return st;
    docs->resize(first);
    if (comments) *comments = CommentScan();
    std::string next = b.rewrite()->Apply(text);
    *final_text = std::move(next);
    text = *final_text;
  }
}

}  // namespace

Status ParseDocuments(std::string_view text, std::string_view file,
                      std::vector<Node>* docs, const ParseLimits& limits) {
  std::string rewritten;
  return Parse(text, file, docs, limits, nullptr, &rewritten);
}

Status ParseDocumentsWithComments(std::string_view text, std::string_view file,
                                  std::vector<Node>* docs,
                                  const ParseLimits& limits) {
  CommentScan scan;
  size_t first = docs->size();
  std::string rewritten;
  FERRY_RETURN_IF_ERROR(Parse(text, file, docs, limits, &scan, &rewritten));
  AttachComments(rewritten.empty() ? text : rewritten, scan, docs, first);
  return Status::Ok();
}

Status ParseDocument(std::string_view text, std::string_view file, Node* doc,
                     const ParseLimits& limits) {
  std::vector<Node> docs;
  FERRY_RETURN_IF_ERROR(ParseDocuments(text, file, &docs, limits));
  if (docs.size() > 1)
    return Status::At(
        file, docs[1].mark().line, 0,
        "expected one YAML document, found " + std::to_string(docs.size()));
  *doc = docs.empty() ? Node() : std::move(docs[0]);
  return Status::Ok();
}

Status CheckFileSize(std::string_view file, uint64_t size,
                     const ParseLimits& limits) {
  if (size <= limits.max_bytes) return Status::Ok();
  return Status::At(file, 1, 1,
                    fmt::format("file size {} exceeds the limit of {} bytes",
                                size, limits.max_bytes));
}

Status ParseFile(const std::string& path, std::vector<Node>* docs,
                 const ParseLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::At(path, 0, 0, "cannot read file");
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (!ec) FERRY_RETURN_IF_ERROR(CheckFileSize(path, size, limits));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseDocuments(ss.str(), path, docs, limits);
}

Status CheckScalarKeys(const Node& n) {
  for (const Node& item : n.items()) FERRY_RETURN_IF_ERROR(CheckScalarKeys(item));
  for (const Pair& p : n.pairs()) {
    if (p.key.IsMap() || p.key.IsSeq())
      return ErrorAt(p.key, std::string("invalid map key: a ") +
                                (p.key.IsMap() ? "mapping" : "sequence") +
                                " cannot be a key");
    FERRY_RETURN_IF_ERROR(CheckScalarKeys(p.value));
  }
  return Status::Ok();
}

Status ErrorAt(const Node& n, std::string_view msg) {
  return Status::At(n.mark().File(), n.mark().line, n.mark().col, msg);
}

}  // namespace ferry::yaml
