// Node: one ordered document tree for YAML and JSON. Scalars keep their raw
// text, style and explicit tag, so that resolution (is "0x10" an int?) is done
// by whoever needs it, with the rules of the Go library it must match; every
// node keeps the file, line and column it was parsed from.
#ifndef FERRY_YAML_NODE_H_
#define FERRY_YAML_NODE_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ferry::yaml {

/// Where a node was read: interned file name, 1-based line and column.
struct Mark {
  const std::string* file = nullptr;
  uint32_t line = 0;
  uint32_t col = 0;
  std::string_view File() const { return file ? std::string_view(*file) : ""; }
};

/// Returns a pointer to a copy of `name` that lives for the whole program.
const std::string* InternFileName(std::string_view name);

enum class Kind : uint8_t { kNull, kScalar, kSequence, kMapping };
enum class Style : uint8_t {
  kAny,  // not from a source file, or block/flow collection
  kPlain,
  kSingleQuoted,
  kDoubleQuoted,
  kLiteral,
  kFolded,
  kFlow  // a flow collection ({} or [])
};

struct Pair;

/// Comments attached to a node when a file is parsed with comments kept
/// (the sops round trip): each is one or more lines "# text" joined by "\n".
struct NodeComments {
  std::string head;  // full-line comments before the node
  std::string line;  // the comment after the node on its last line
  std::string foot;  // full-line comments after a collection's last entry
};

/// A YAML node: null, scalar, sequence or mapping (in source order).
class Node {
 public:
  Node() = default;
  static Node Null();
  /// A string scalar (resolves as a string whatever its text).
  static Node Str(std::string_view s);
  /// A plain scalar whose type is resolved from its text (e.g. "3", "true").
  static Node Plain(std::string_view s);
  static Node Map();
  static Node Seq();

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsScalar() const { return kind_ == Kind::kScalar; }
  bool IsSeq() const { return kind_ == Kind::kSequence; }
  bool IsMap() const { return kind_ == Kind::kMapping; }

  Style style() const { return style_; }
  void set_style(Style s) { style_ = s; }
  /// Explicit tag as written ("!!str", "!!int", "!custom"), or "".
  const std::string& tag() const { return tag_; }
  void set_tag(std::string t) { tag_ = std::move(t); }
  const Mark& mark() const { return mark_; }
  void set_mark(const Mark& m) { mark_ = m; }

  /// Scalar text (empty for non-scalars).
  const std::string& value() const { return value_; }
  void set_value(std::string v) { value_ = std::move(v); }
  /// True for a scalar that is a string whatever its text: quoted, block or
  /// tagged !!str.
  bool IsQuotedString() const;

  // Sequence access.
  std::vector<Node>& items() { return items_; }
  const std::vector<Node>& items() const { return items_; }
  Node& Append(Node n);

  // Mapping access; keys are compared by their scalar text.
  std::vector<Pair>& pairs() { return pairs_; }
  const std::vector<Pair>& pairs() const { return pairs_; }
  Node* Get(std::string_view key);
  const Node* Get(std::string_view key) const;
  /// The node at a path of mapping keys, or nullptr.
  const Node* GetPath(std::initializer_list<std::string_view> path) const;
  Node* GetPath(std::initializer_list<std::string_view> path);
  /// Scalar text at `key`, or "" when absent or not a scalar.
  std::string_view GetString(std::string_view key) const;
  /// Sets key to value (replacing in place, or appending); returns the value.
  Node& Set(std::string_view key, Node value);
  /// Returns the value at key, adding an empty mapping there when absent.
  Node& GetOrAddMap(std::string_view key);
  bool Remove(std::string_view key);

  /// The node without its children (kind, style, tag, value, mark).
  Node ShallowCopy() const;

  /// Comments kept by ParseDocumentsWithComments ("" when none). Copies of a
  /// node share them until one is changed.
  const std::string& head_comment() const;
  const std::string& line_comment() const;
  const std::string& foot_comment() const;
  void set_head_comment(std::string c);
  void set_line_comment(std::string c);
  void set_foot_comment(std::string c);
  bool has_comments() const { return comments_ != nullptr; }

  /// Number of children (pairs or items); 0 for scalars.
  size_t size() const;
  /// Structural equality: same kind, same scalar text, same children in the
  /// same order. Style, tags and marks are ignored.
  bool operator==(const Node& o) const;

 private:
  Kind kind_ = Kind::kNull;
  Style style_ = Style::kAny;
  Mark mark_;
  std::string tag_;
  std::string value_;
  std::vector<Node> items_;
  std::vector<Pair> pairs_;
  std::shared_ptr<const NodeComments> comments_;  // null on the fast path
  NodeComments& MutableComments();
};

/// Replaces YAML 1.1 merge keys ("<<: *anchor" or "<<: [*a, *b]") in the
/// whole tree by the entries they bring in (keys already present win), as
/// kustomize does when it reads resources.
void ExpandMergeKeys(Node* n);

/// One entry of a mapping.
struct Pair {
  Node key;
  Node value;
};

// Defined once Pair is complete: constructing a Node instantiates
// std::vector<Pair>, which clang (unlike gcc) requires to be complete here.
inline Node Node::Null() { return Node(); }

}  // namespace ferry::yaml

#endif  // FERRY_YAML_NODE_H_
