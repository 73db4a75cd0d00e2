#include "kustomize/field_path.h"

#include <re2/re2.h>

#include <charconv>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

bool IsListPart(std::string_view p) {
  return p.size() >= 2 && p.front() == '[' && p.back() == ']';
}

// Go's strconv.Atoi: optional sign, decimal digits.
bool Atoi(std::string_view s, long long *out) {
  if (s.empty()) return false;
  std::string_view d = s;
  if (d[0] == '+' || d[0] == '-') d.remove_prefix(1);
  if (d.empty()) return false;
  for (char c : d)
    if (c < '0' || c > '9') return false;
  if (s[0] == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Splits "[k=v]" into k and v.
Status SplitListPart(std::string_view part, std::string *key,
                     std::string *value) {
  std::string_view inner = part.substr(1, part.size() - 2);
  size_t eq = inner.find('=');
  if (eq == std::string_view::npos)
    return Status::Error(
        "list path element must contain fieldName=fieldValue for element to "
        "match");
  *key = inner.substr(0, eq);
  *value = inner.substr(eq + 1);
  return Status::Ok();
}

const char *KindName(const yaml::Node &n) {
  switch (n.kind()) {
    case yaml::Kind::kMapping:
      return "MappingNode";
    case yaml::Kind::kSequence:
      return "SequenceNode";
    default:
      return "ScalarNode";
  }
}

bool IsNullNode(const yaml::Node &n) {
  if (n.IsNull()) return true;
  if (!n.IsScalar()) return false;
  if (n.tag() == "!!null") return true;
  if (!n.tag().empty() ||
      (n.style() != yaml::Style::kPlain && n.style() != yaml::Style::kAny))
    return false;
  const std::string &v = n.value();
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

Status WrongKind(const yaml::Node &n, const char *want) {
  return yaml::ErrorAt(n, std::string("wrong Node Kind expected: ") + want +
                              " was " + KindName(n) + ": value: {" + n.value() +
                              "}");
}

// A scalar made here has no style and no tag: its type is whatever the text
// it is given later resolves to (a kyaml node created with Kind only).
yaml::Node UntypedScalar(std::string_view text) {
  yaml::Node n = yaml::Node::Plain(text);
  n.set_style(yaml::Style::kAny);
  return n;
}

yaml::Node MakeKind(yaml::Kind k) {
  switch (k) {
    case yaml::Kind::kMapping:
      return yaml::Node::Map();
    case yaml::Kind::kSequence:
      return yaml::Node::Seq();
    default:
      return UntypedScalar("");
  }
}

// The kind of node to create for a missing part followed by `next`.
yaml::Kind KindBefore(const std::vector<std::string> &path, size_t i,
                      yaml::Kind leaf) {
  if (i + 1 >= path.size()) return leaf;
  const std::string &next = path[i + 1];
  long long idx;
  if (IsListPart(next) || (Atoi(next, &idx) && idx >= 0))
    return yaml::Kind::kSequence;
  return yaml::Kind::kMapping;
}

// The value a scalar-matching selector compares: the scalar's text.
std::string ScalarText(const yaml::Node &n) { return n.value(); }

struct Matcher {
  const std::vector<std::string> &path;
  bool create;
  yaml::Kind create_kind;
  const std::function<Status(yaml::Node *)> &fn;
  int *matched;

  Status Walk(yaml::Node *n, size_t i) {
    if (i == path.size()) {
      ++*matched;
      return fn(n);
    }
    const std::string &part = path[i];
    long long idx;
    if (Atoi(part, &idx) && idx >= 0) return Index(n, i, idx);
    if (IsListPart(part)) return Select(n, i);
    if (part == "*") {
      if (IsNullNode(*n)) return Status::Ok();
      if (!n->IsSeq()) return WrongKind(*n, "SequenceNode");
      for (yaml::Node &e : n->items()) FERRY_RETURN_IF_ERROR(Walk(&e, i + 1));
      return Status::Ok();
    }
    return Field(n, i);
  }

  Status Field(yaml::Node *n, size_t i) {
    if (IsNullNode(*n)) {
      if (!create) return Status::Ok();
      // kyaml's FieldMatcher never matches inside a null node; creating
      // under it fails the same way.
      return Status::Ok();
    }
    if (!n->IsMap()) return WrongKind(*n, "MappingNode");
    yaml::Node *f = n->Get(path[i]);
    if (!f) {
      if (!create) return Status::Ok();
      f = &n->Set(path[i], MakeKind(KindBefore(path, i, create_kind)));
    }
    return Walk(f, i + 1);
  }

  Status Index(yaml::Node *n, size_t i, long long idx) {
    if (!n->IsSeq() && !IsNullNode(*n)) return WrongKind(*n, "SequenceNode");
    size_t len = n->IsSeq() ? n->items().size() : 0;
    if (create && static_cast<size_t>(idx) == len) {
      if (!n->IsSeq()) *n = yaml::Node::Seq();
      n->Append(MakeKind(KindBefore(path, i, create_kind)));
      len++;
    }
    if (static_cast<size_t>(idx) + 1 > len)
      return Status::Error("index " + std::to_string(idx) +
                           " specified but only " + std::to_string(len) +
                           " elements found");
    return Walk(&n->items()[idx], i + 1);
  }

  Status Select(yaml::Node *n, size_t i) {
    std::string key, value;
    FERRY_RETURN_IF_ERROR(SplitListPart(path[i], &key, &value));
    if (IsNullNode(*n)) return Status::Ok();
    if (!n->IsSeq()) return WrongKind(*n, "SequenceNode");
    RE2 re(value, RE2::Quiet);
    if (!re.ok())
      return Status::Error("error parsing regexp: " + re.error() + ": `" +
                           value + "`");
    bool any = false;
    for (size_t e = 0; e < n->items().size(); ++e) {
      yaml::Node &elem = n->items()[e];
      if (key.empty()) {
        if (!elem.IsScalar() || !RE2::PartialMatch(ScalarText(elem), re))
          continue;
        any = true;
        // A primitive element is itself the match; the rest of the path
        // does not apply to it.
        ++*matched;
        FERRY_RETURN_IF_ERROR(fn(&elem));
        continue;
      }
      if (!elem.IsMap()) continue;
      const yaml::Node *field = elem.Get(key);
      if (!field || field->IsNull() || !field->IsScalar() ||
          !RE2::PartialMatch(ScalarText(*field), re))
        continue;
      any = true;
      FERRY_RETURN_IF_ERROR(Walk(&elem, i + 1));
    }
    if (any || !create) return Status::Ok();
    if (key.empty()) {
      n->Append(UntypedScalar(value));
    } else {
      yaml::Node m = yaml::Node::Map();
      m.Set(key, UntypedScalar(value));
      n->Append(std::move(m));
    }
    return Select(n, i);
  }
};

}  // namespace

std::vector<std::string> SplitKyamlPath(std::string_view path) {
  // Split at '.', joining parts whose predecessor ends with '\'.
  std::vector<std::string> raw;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    raw.emplace_back(path.substr(start, dot == std::string_view::npos
                                            ? std::string_view::npos
                                            : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (raw.size() > 1 && raw[0].empty()) raw.erase(raw.begin());
  std::vector<std::string> parts;
  for (std::string &p : raw) {
    if (!parts.empty() && !parts.back().empty() &&
        parts.back().back() == '\\') {
      parts.back().pop_back();
      parts.back() += "." + p;
    } else {
      parts.push_back(std::move(p));
    }
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string &e = parts[i];
    if (!e.empty() && e.front() == '[' && e.back() != ']') {
      std::string joined = e;
      while (i + 1 < parts.size()) {
        ++i;
        joined += "." + parts[i];
        if (!parts[i].empty() && parts[i].back() == ']') break;
      }
      if (joined.find('=') != std::string::npos) {
        out.push_back(std::move(joined));
      } else {
        size_t b = joined.find_first_not_of("[]");
        size_t e2 = joined.find_last_not_of("[]");
        out.push_back(b == std::string::npos ? ""
                                             : joined.substr(b, e2 - b + 1));
      }
    } else {
      out.push_back(e);
    }
  }
  return out;
}

Status LookupKyamlPath(yaml::Node *root, const std::vector<std::string> &path,
                       yaml::Node **out) {
  *out = nullptr;
  yaml::Node *n = root;
  for (const std::string &raw : path) {
    // kyaml's cleanPath: trim spaces, skip empty parts.
    size_t b = raw.find_first_not_of(" \t\n\r");
    if (b == std::string::npos) continue;
    std::string part = raw.substr(b, raw.find_last_not_of(" \t\n\r") - b + 1);
    if (IsNullNode(*n)) return Status::Ok();
    long long idx;
    if (Atoi(part, &idx) || part == "-") {
      if (part != "-" && idx < 0)
        return Status::Error("array index " + part + " cannot be negative");
      if (!n->IsSeq()) return WrongKind(*n, "SequenceNode");
      std::vector<yaml::Node> &items = n->items();
      if (part == "-") {
        if (items.empty()) return Status::Ok();
        n = &items.back();
      } else {
        if (static_cast<size_t>(idx) >= items.size()) return Status::Ok();
        n = &items[idx];
      }
      continue;
    }
    if (IsListPart(part)) {
      std::string key, value;
      FERRY_RETURN_IF_ERROR(SplitListPart(part, &key, &value));
      if (!n->IsSeq()) return WrongKind(*n, "SequenceNode");
      yaml::Node *found = nullptr;
      for (yaml::Node &e : n->items()) {
        if (key.empty()) {
          if (e.IsScalar() && e.value() == value) {
            found = &e;
            break;
          }
          continue;
        }
        if (!e.IsMap()) continue;
        const yaml::Node *f = e.Get(key);
        if (f && !IsNullNode(*f) && f->value() == value) {
          found = &e;
          break;
        }
      }
      if (!found) return Status::Ok();
      n = found;
      continue;
    }
    if (!n->IsMap()) return WrongKind(*n, "MappingNode");
    n = n->Get(part);
    if (!n) return Status::Ok();
  }
  *out = n;
  return Status::Ok();
}

Status MatchKyamlPath(yaml::Node *root, const std::vector<std::string> &path,
                      bool create, yaml::Kind create_kind,
                      const std::function<Status(yaml::Node *)> &fn,
                      int *matched) {
  *matched = 0;
  Matcher m{path, create, create_kind, fn, matched};
  if (path.empty()) {
    ++*matched;
    return fn(root);
  }
  return m.Walk(root, 0);
}

}  // namespace ferry::kustomize
