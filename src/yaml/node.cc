#include "yaml/node.h"

#include <memory>
#include <mutex>
#include <unordered_set>

namespace ferry::yaml {

const std::string* InternFileName(std::string_view name) {
  static std::mutex mu;
  static auto* names = new std::unordered_set<std::string>();
  std::lock_guard<std::mutex> lock(mu);
  return &*names->emplace(name).first;
}

Node Node::Str(std::string_view s) {
  Node n;
  n.kind_ = Kind::kScalar;
  n.value_ = s;
  n.tag_ = "!!str";
  return n;
}

Node Node::Plain(std::string_view s) {
  Node n;
  n.kind_ = Kind::kScalar;
  n.style_ = Style::kPlain;
  n.value_ = s;
  return n;
}

Node Node::Map() {
  Node n;
  n.kind_ = Kind::kMapping;
  return n;
}

Node Node::Seq() {
  Node n;
  n.kind_ = Kind::kSequence;
  return n;
}

bool Node::IsQuotedString() const {
  if (kind_ != Kind::kScalar) return false;
  if (tag_ == "!!str" || tag_ == "tag:yaml.org,2002:str") return true;
  return tag_.empty() && style_ != Style::kPlain && style_ != Style::kAny;
}

Node& Node::Append(Node n) {
  kind_ = Kind::kSequence;
  items_.push_back(std::move(n));
  return items_.back();
}

Node* Node::Get(std::string_view key) {
  for (Pair& p : pairs_)
    if (p.key.value_ == key) return &p.value;
  return nullptr;
}

const Node* Node::Get(std::string_view key) const {
  for (const Pair& p : pairs_)
    if (p.key.value_ == key) return &p.value;
  return nullptr;
}

const Node* Node::GetPath(std::initializer_list<std::string_view> path) const {
  const Node* n = this;
  for (std::string_view k : path) {
    if (!n->IsMap()) return nullptr;
    n = n->Get(k);
    if (!n) return nullptr;
  }
  return n;
}

Node* Node::GetPath(std::initializer_list<std::string_view> path) {
  return const_cast<Node*>(std::as_const(*this).GetPath(path));
}

std::string_view Node::GetString(std::string_view key) const {
  const Node* n = Get(key);
  return n && n->IsScalar() ? std::string_view(n->value_) : std::string_view();
}

Node& Node::Set(std::string_view key, Node value) {
  kind_ = Kind::kMapping;
  if (Node* existing = Get(key)) {
    *existing = std::move(value);
    return *existing;
  }
  pairs_.push_back(Pair{Node::Plain(key), std::move(value)});
  return pairs_.back().value;
}

Node& Node::GetOrAddMap(std::string_view key) {
  if (Node* existing = Get(key)) {
    if (existing->IsNull()) *existing = Node::Map();
    return *existing;
  }
  return Set(key, Node::Map());
}

bool Node::Remove(std::string_view key) {
  for (auto it = pairs_.begin(); it != pairs_.end(); ++it) {
    if (it->key.value_ == key) {
      pairs_.erase(it);
      return true;
    }
  }
  return false;
}

Node Node::ShallowCopy() const {
  Node n;
  n.kind_ = kind_;
  n.style_ = style_;
  n.mark_ = mark_;
  n.tag_ = tag_;
  n.value_ = value_;
  n.comments_ = comments_;
  return n;
}

namespace {
const std::string& EmptyString() {
  static const std::string* empty = new std::string();
  return *empty;
}
}  // namespace

const std::string& Node::head_comment() const {
  return comments_ ? comments_->head : EmptyString();
}
const std::string& Node::line_comment() const {
  return comments_ ? comments_->line : EmptyString();
}
const std::string& Node::foot_comment() const {
  return comments_ ? comments_->foot : EmptyString();
}
NodeComments& Node::MutableComments() {
  auto copy = comments_ ? std::make_shared<NodeComments>(*comments_)
                        : std::make_shared<NodeComments>();
  NodeComments* raw = copy.get();
  comments_ = std::move(copy);
  return *raw;
}
void Node::set_head_comment(std::string c) {
  if (c.empty() && !comments_) return;
  MutableComments().head = std::move(c);
}
void Node::set_line_comment(std::string c) {
  if (c.empty() && !comments_) return;
  MutableComments().line = std::move(c);
}
void Node::set_foot_comment(std::string c) {
  if (c.empty() && !comments_) return;
  MutableComments().foot = std::move(c);
}

size_t Node::size() const {
  return kind_ == Kind::kMapping    ? pairs_.size()
         : kind_ == Kind::kSequence ? items_.size()
                                    : 0;
}

bool Node::operator==(const Node& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kNull:
      return true;
    case Kind::kScalar:
      return value_ == o.value_;
    case Kind::kSequence:
      return items_ == o.items_;
    case Kind::kMapping:
      if (pairs_.size() != o.pairs_.size()) return false;
      for (size_t i = 0; i < pairs_.size(); ++i)
        if (!(pairs_[i].key == o.pairs_[i].key) ||
            !(pairs_[i].value == o.pairs_[i].value))
          return false;
      return true;
  }
  return false;
}

void ExpandMergeKeys(Node* n) {
  for (Node& i : n->items()) ExpandMergeKeys(&i);
  for (Pair& p : n->pairs()) ExpandMergeKeys(&p.value);
  if (!n->IsMap()) return;
  auto& pairs = n->pairs();
  for (size_t i = 0; i < pairs.size(); ++i) {
    const Node& key = pairs[i].key;
    if (!key.IsScalar() || key.value() != "<<" || key.style() != Style::kPlain)
      continue;
    Node merged = std::move(pairs[i].value);
    pairs.erase(pairs.begin() + i);
    std::vector<const Node*> sources;
    if (merged.IsMap()) sources.push_back(&merged);
    for (const Node& m : merged.items())
      if (m.IsMap()) sources.push_back(&m);
    std::vector<Pair> added;
    for (const Node* src : sources) {
      for (const Pair& p : src->pairs()) {
        bool present = n->Get(p.key.value()) != nullptr;
        for (const Pair& a : added) present |= a.key.value() == p.key.value();
        if (!present) added.push_back(p);
      }
    }
    pairs.insert(pairs.begin() + i, added.begin(), added.end());
    i += added.size();
    --i;
  }
}

}  // namespace ferry::yaml
