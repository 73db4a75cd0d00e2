#include "sops/tree_path.h"

#include "sops/exit_codes.h"

namespace ferry::sops {
namespace {

using yaml::Node;

Status BadPath(std::string_view text, std::string_view why) {
  return Status::Error("invalid tree path '" + std::string(text) + "': " +
                       std::string(why) +
                       " (expected components like [\"key\"] or [0])")
      .WithCode(kExitInvalidTreePathFormat);
}

// Same kind, scalar text and quoting (a string "5" is not the number 5).
bool SameValue(const Node& a, const Node& b) {
  if (a.IsScalar() && b.IsScalar())
    return a.value() == b.value() && a.IsQuotedString() == b.IsQuotedString();
  if (a.IsMap() && b.IsMap()) {
    if (a.pairs().size() != b.pairs().size()) return false;
    for (size_t i = 0; i < a.pairs().size(); ++i)
      if (a.pairs()[i].key.value() != b.pairs()[i].key.value() ||
          !SameValue(a.pairs()[i].value, b.pairs()[i].value))
        return false;
    return true;
  }
  if (a.IsSeq() && b.IsSeq()) {
    if (a.items().size() != b.items().size()) return false;
    for (size_t i = 0; i < a.items().size(); ++i)
      if (!SameValue(a.items()[i], b.items()[i])) return false;
    return true;
  }
  return a.IsNull() && b.IsNull();
}

// The value a path leads to when nothing of it exists yet.
Node Build(const TreePath& path, size_t from, Node leaf) {
  for (size_t i = path.size(); i-- > from;) {
    Node parent;
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      parent = Node::Map();
      parent.pairs().push_back(yaml::Pair{Node::Str(*key), std::move(leaf)});
    } else {
      parent = Node::Seq();
      parent.items().push_back(std::move(leaf));
    }
    leaf = std::move(parent);
  }
  return leaf;
}

template <typename N>
N* Lookup(N* cur, const TreePath& path) {
  for (const PathStep& s : path) {
    if (const auto* key = std::get_if<std::string>(&s)) {
      cur = cur->Get(*key);
    } else {
      size_t i = std::get<size_t>(s);
      cur = cur->IsSeq() && i < cur->items().size() ? &cur->items()[i]
                                                    : nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

}  // namespace

Status ParseTreePath(std::string_view text, TreePath* path) {
  path->clear();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '[') return BadPath(text, "a component must start with [");
    ++i;
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
      char quote = text[i++];
      std::string key;
      while (i < text.size() && text[i] != quote) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        key += text[i++];
      }
      if (i >= text.size()) return BadPath(text, "unterminated key");
      ++i;
      path->emplace_back(std::move(key));
    } else {
      size_t start = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      if (i == start || i - start > 9)
        return BadPath(text, "an index must be a number");
      path->emplace_back(
          static_cast<size_t>(std::stoul(std::string(text.substr(start, i - start)))));
    }
    if (i >= text.size() || text[i] != ']')
      return BadPath(text, "missing ]");
    ++i;
  }
  if (path->empty()) return BadPath(text, "it is empty");
  return Status::Ok();
}

std::string FormatTreePath(const TreePath& path) {
  std::string out;
  for (const PathStep& s : path) {
    if (const auto* key = std::get_if<std::string>(&s))
      out += "[\"" + *key + "\"]";
    else
      out += "[" + std::to_string(std::get<size_t>(s)) + "]";
  }
  return out;
}

const Node* GetAtPath(const Node& doc, const TreePath& path) {
  return Lookup(&doc, path);
}

void SetAtPath(Node* doc, const TreePath& path, Node value, bool* changed) {
  *changed = true;
  Node* cur = doc;
  for (size_t i = 0; i < path.size(); ++i) {
    bool last = i + 1 == path.size();
    Node* next = nullptr;
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      if (!cur->IsMap()) {
        *cur = Build(path, i, std::move(value));
        return;
      }
      next = cur->Get(*key);
      if (!next) {
        cur->pairs().push_back(
            yaml::Pair{Node::Str(*key), Build(path, i + 1, std::move(value))});
        return;
      }
    } else {
      size_t index = std::get<size_t>(path[i]);
      if (!cur->IsSeq()) {
        *cur = Build(path, i, std::move(value));
        return;
      }
      if (index >= cur->items().size()) {
        cur->items().push_back(Build(path, i + 1, std::move(value)));
        return;
      }
      next = &cur->items()[index];
    }
    if (last) {
      *changed = !SameValue(*next, value);
      // A key's comments stay where they were.
      std::string head = next->head_comment();
      *next = std::move(value);
      if (!head.empty()) next->set_head_comment(std::move(head));
      return;
    }
    cur = next;
  }
}

bool UnsetAtPath(Node* doc, const TreePath& path) {
  if (path.empty()) return false;  // the document itself is not removed
  TreePath parent_path(path.begin(), path.end() - 1);
  Node* parent = Lookup(doc, parent_path);
  if (!parent) return false;
  const PathStep& last = path.back();
  if (const auto* key = std::get_if<std::string>(&last))
    return parent->IsMap() && parent->Remove(*key);
  size_t index = std::get<size_t>(last);
  if (!parent->IsSeq() || index >= parent->items().size()) return false;
  parent->items().erase(parent->items().begin() + static_cast<long>(index));
  return true;
}

}  // namespace ferry::sops
