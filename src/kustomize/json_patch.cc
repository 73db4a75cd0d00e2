#include "kustomize/json_patch.h"

#include <charconv>

#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

bool IsNullValue(const yaml::Node &n) {
  return n.IsNull() ||
         (n.IsScalar() && yaml::ResolveV3(n) == yaml::ScalarType::kNull);
}

// go-yaml v2 (which kustomize converts YAML patches to JSON with) reads these
// plain words as booleans; v3 and our resolution read them as strings.
int V2Bool(std::string_view s) {
  static const char *kTrue[] = {"y",   "Y",  "yes", "Yes",
                                "YES", "on", "On",  "ON"};
  static const char *kFalse[] = {"n",  "N",   "no",  "No",
                                 "NO", "off", "Off", "OFF"};
  for (const char *w : kTrue)
    if (s == w)
      return 1;
  for (const char *w : kFalse)
    if (s == w)
      return 0;
  return -1;
}

bool IsPlainUntagged(const yaml::Node &n) {
  return n.IsScalar() && n.tag().empty() &&
         (n.style() == yaml::Style::kPlain || n.style() == yaml::Style::kAny);
}

// Rewrites a value read from YAML so that it means what go-yaml v2 made of
// it: v2-only booleans become true/false; timestamps stay strings.
void NormalizeV2(yaml::Node *n) {
  if (IsPlainUntagged(*n)) {
    int b = V2Bool(n->value());
    if (b >= 0) {
      n->set_value(b ? "true" : "false");
    } else if (yaml::ResolveV3(*n) == yaml::ScalarType::kTimestamp) {
      n->set_tag("!!str");
    }
    return;
  }
  for (yaml::Node &i : n->items())
    NormalizeV2(&i);
  for (yaml::Pair &p : n->pairs()) {
    if (IsPlainUntagged(p.key)) {
      int b = V2Bool(p.key.value());
      if (b >= 0)
        p.key.set_value(b ? "true" : "false");
    }
    NormalizeV2(&p.value);
  }
}

// The text of a string-valued member, or nullopt when absent, null or not a
// string (Go's json.Unmarshal into string would fail).
std::optional<std::string> StringMember(const yaml::Node &op,
                                        std::string_view key) {
  const yaml::Node *n = op.Get(key);
  if (!n || IsNullValue(*n) || !n->IsScalar())
    return std::nullopt;
  yaml::ScalarType t = yaml::ResolveV3(*n);
  if (t != yaml::ScalarType::kString && t != yaml::ScalarType::kTimestamp)
    return std::nullopt;
  return n->value();
}

std::string DecodeKey(std::string_view k) {
  std::string s(k), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && i + 1 < s.size() && s[i + 1] == '1') {
      out += '/';
      ++i;
    } else {
      out += s[i];
    }
  }
  s.swap(out);
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && i + 1 < s.size() && s[i + 1] == '0') {
      out += '~';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> SplitSlash(std::string_view p) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t s = p.find('/', start);
    out.emplace_back(p.substr(start, s == std::string_view::npos
                                         ? std::string_view::npos
                                         : s - start));
    if (s == std::string_view::npos)
      return out;
    start = s + 1;
  }
}

// Go's strconv.Atoi with its error text.
bool Atoi(const std::string &s, long long *out, std::string *err) {
  std::string_view d = s;
  bool ok = !d.empty();
  if (ok && (d[0] == '+' || d[0] == '-'))
    d.remove_prefix(1);
  ok = ok && !d.empty();
  for (char c : d)
    if (c < '0' || c > '9')
      ok = false;
  if (!ok) {
    *err = "strconv.Atoi: parsing \"" + s + "\": invalid syntax";
    return false;
  }
  std::string_view v = s;
  if (v[0] == '+')
    v.remove_prefix(1);
  auto r = std::from_chars(v.data(), v.data() + v.size(), *out);
  if (r.ec != std::errc()) {
    *err = "strconv.Atoi: parsing \"" + s + "\": value out of range";
    return false;
  }
  return true;
}

std::string InvalidIndex(long long idx) {
  return "Unable to access invalid index: " + std::to_string(idx) +
         ": invalid index referenced";
}

// A node that holds children: a mapping or a sequence (the library's
// partialDoc / partialArray).
struct Container {
  yaml::Node *node = nullptr;

  // The child at key; *missing set when a map key is absent or null. Errors
  // for a bad array index.
  bool Get(const std::string &key, yaml::Node **out, std::string *err) const {
    *out = nullptr;
    if (node->IsMap()) {
      yaml::Node *v = node->Get(key);
      if (v && !IsNullValue(*v))
        *out = v;
      return true;
    }
    long long idx;
    if (!Atoi(key, &idx, err))
      return false;
    long long len = node->items().size();
    long long orig = idx;
    if (idx < 0) {
      if (idx < -len) {
        *err = InvalidIndex(orig);
        return false;
      }
      idx += len;
    }
    if (idx >= len) {
      *err = InvalidIndex(orig);
      return false;
    }
    yaml::Node *v = &node->items()[idx];
    if (!IsNullValue(*v))
      *out = v;
    return true;
  }

  bool Add(const std::string &key, yaml::Node val, std::string *err) {
    if (node->IsMap()) {
      node->Set(key, std::move(val));
      return true;
    }
    std::vector<yaml::Node> &items = node->items();
    if (key == "-") {
      items.push_back(std::move(val));
      return true;
    }
    long long idx;
    std::string aerr;
    if (!Atoi(key, &idx, &aerr)) {
      *err = "value was not a proper array index: '" + key + "': " + aerr;
      return false;
    }
    long long sz = items.size() + 1;
    if (idx >= sz) {
      *err = InvalidIndex(idx);
      return false;
    }
    if (idx < 0) {
      if (idx < -sz) {
        *err = InvalidIndex(idx);
        return false;
      }
      idx += sz;
    }
    items.insert(items.begin() + idx, std::move(val));
    return true;
  }

  bool Remove(const std::string &key, std::string *err) {
    if (node->IsMap()) {
      if (!node->Remove(key)) {
        *err = "Unable to remove nonexistent key: " + key + ": missing value";
        return false;
      }
      return true;
    }
    long long idx;
    if (!Atoi(key, &idx, err))
      return false;
    std::vector<yaml::Node> &items = node->items();
    long long len = items.size();
    if (idx >= len) {
      *err = InvalidIndex(idx);
      return false;
    }
    if (idx < 0) {
      if (idx < -len) {
        *err = InvalidIndex(idx);
        return false;
      }
      idx += len;
    }
    items.erase(items.begin() + idx);
    return true;
  }

  // Replaces an existing entry (after Get succeeded).
  void Set(const std::string &key, yaml::Node val) {
    if (node->IsMap()) {
      node->Set(key, std::move(val));
      return;
    }
    long long idx;
    std::string err;
    Atoi(key, &idx, &err);
    if (idx < 0)
      idx += node->items().size();
    node->items()[idx] = std::move(val);
  }
};

// The library's findObject: the container that holds the last segment of
// `path`, and that segment decoded; false when the path does not lead to a
// mapping or sequence.
bool FindObject(yaml::Node *doc, const std::string &path, Container *c,
                std::string *key) {
  std::vector<std::string> split = SplitSlash(path);
  if (split.size() < 2)
    return false;
  yaml::Node *cur = doc;
  for (size_t i = 1; i + 1 < split.size(); ++i) {
    Container here{cur};
    yaml::Node *next;
    std::string err;
    if (!here.Get(DecodeKey(split[i]), &next, &err) || !next)
      return false;
    if (!next->IsMap() && !next->IsSeq())
      return false;
    cur = next;
  }
  if (!cur->IsMap() && !cur->IsSeq())
    return false;
  c->node = cur;
  *key = DecodeKey(split.back());
  return true;
}

yaml::Node ValueOrNull(const std::optional<yaml::Node> &v) {
  return v ? *v : yaml::Node::Null();
}

// JSON equality of two non-null values, as the library's lazyNode.equal.
bool JsonEqual(const yaml::Node &a, const yaml::Node &b) {
  bool an = IsNullValue(a), bn = IsNullValue(b);
  if (an || bn)
    return an && bn;
  if (a.IsMap()) {
    if (!b.IsMap() || a.size() != b.size())
      return false;
    for (const yaml::Pair &p : a.pairs()) {
      const yaml::Node *o = b.Get(p.key.value());
      if (!o || !JsonEqual(p.value, *o))
        return false;
    }
    return true;
  }
  if (a.IsSeq()) {
    if (!b.IsSeq() || a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.items().size(); ++i)
      if (!JsonEqual(a.items()[i], b.items()[i]))
        return false;
    return true;
  }
  if (!b.IsScalar())
    return false;
  yaml::Resolved ra = yaml::ResolveForOutput(a), rb = yaml::ResolveForOutput(b);
  return ra.type == rb.type && ra.text == rb.text;
}

class Applier {
public:
  explicit Applier(yaml::Node *doc) : doc_(doc) {}

  Status Apply(const JsonPatchOp &op) {
    std::string err;
    if (op.op == "add") {
      if (!op.path)
        return Fail(op, "add operation failed to decode path: missing value");
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op,
                    "add operation does not apply: doc is missing path: \"" +
                        *op.path + "\": missing value");
      if (!c.Add(key, ValueOrNull(op.value), &err))
        return Fail(op, "error in add for path: '" + *op.path + "': " + err);
      return Status::Ok();
    }
    if (op.op == "remove") {
      if (!op.path)
        return Fail(op,
                    "remove operation failed to decode path: missing value");
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op,
                    "remove operation does not apply: doc is missing path: \"" +
                        *op.path + "\": missing value");
      if (!c.Remove(key, &err))
        return Fail(op, "error in remove for path: '" + *op.path + "': " + err);
      return Status::Ok();
    }
    if (op.op == "replace") {
      if (!op.path)
        return Fail(op, "replace operation failed to decode path: operation "
                        "missing path field: missing value");
      if (op.path->empty()) {
        if (!op.value || !(op.value->IsMap() || op.value->IsSeq()))
          return Fail(op, "replace operation value must be object or array: "
                          "%!w(<nil>)");
        *doc_ = *op.value;
        return Status::Ok();
      }
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op,
                    "replace operation does not apply: doc is missing path: " +
                        *op.path + ": missing value");
      yaml::Node *cur;
      if (!c.Get(key, &cur, &err))
        return Fail(op,
                    "replace operation does not apply: doc is missing key: " +
                        *op.path + ": missing value");
      c.Set(key, ValueOrNull(op.value));
      return Status::Ok();
    }
    if (op.op == "move") {
      if (!op.from)
        return Fail(op,
                    "move operation failed to decode from: operation, missing "
                    "from field: missing value");
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.from, &c, &key))
        return Fail(
            op, "move operation does not apply: doc is missing from path: " +
                    *op.from + ": missing value");
      yaml::Node *val;
      if (!c.Get(key, &val, &err))
        return Fail(op, "error in move for path: '" + key + "': " + err);
      yaml::Node moved = val ? *val : yaml::Node::Null();
      if (!c.Remove(key, &err))
        return Fail(op, "error in move for path: '" + key + "': " + err);
      if (!op.path)
        return Fail(op,
                    "move operation failed to decode path: operation missing "
                    "path field: missing value");
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op,
                    "move operation does not apply: doc is missing destination "
                    "path: " +
                        *op.path + ": missing value");
      if (!c.Add(key, std::move(moved), &err))
        return Fail(op, "error in move for path: '" + *op.path + "': " + err);
      return Status::Ok();
    }
    if (op.op == "copy") {
      if (!op.from)
        return Fail(op,
                    "copy operation failed to decode from: operation, missing "
                    "from field: missing value");
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.from, &c, &key))
        return Fail(
            op, "copy operation does not apply: doc is missing from path: " +
                    *op.from + ": missing value");
      yaml::Node *val;
      if (!c.Get(key, &val, &err))
        return Fail(op, "error in copy for from: '" + *op.from + "': " + err);
      yaml::Node copied = val ? *val : yaml::Node::Null();
      if (!op.path)
        return Fail(op, "copy operation failed to decode path: missing value");
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op,
                    "copy operation does not apply: doc is missing destination "
                    "path: " +
                        *op.path + ": missing value");
      if (!c.Add(key, std::move(copied), &err))
        return Fail(op, "error while adding value during copy: " + err);
      return Status::Ok();
    }
    if (op.op == "test") {
      if (!op.path)
        return Fail(op,
                    "test operation failed to decode path: operation missing "
                    "path field: missing value");
      std::string failed = "testing value " + *op.path + " failed: test failed";
      if (op.path->empty()) {
        if (op.value && JsonEqual(*doc_, *op.value))
          return Status::Ok();
        return Fail(op, failed);
      }
      Container c;
      std::string key;
      if (!FindObject(doc_, *op.path, &c, &key))
        return Fail(op, "test operation does not apply: is missing path: " +
                            *op.path + ": missing value");
      yaml::Node *val;
      if (!c.Get(key, &val, &err))
        return Fail(op, "error in test for path: '" + *op.path + "': " + err);
      if (!val) {
        if (!op.value || IsNullValue(*op.value))
          return Status::Ok();
        return Fail(op, failed);
      }
      if (!op.value || !JsonEqual(*val, *op.value))
        return Fail(op, failed);
      return Status::Ok();
    }
    return Fail(op, "Unexpected kind: " + op.op);
  }

private:
  Status Fail(const JsonPatchOp &op, const std::string &msg) {
    return yaml::ErrorAt(op.node, msg);
  }
  yaml::Node *doc_;
};

} // namespace

Status ParseJsonPatch(std::string_view text, std::string_view file,
                      std::vector<JsonPatchOp> *ops) {
  bool json = !text.empty() && text.front() == '[';
  yaml::Node doc;
  if (json) {
    FERRY_RETURN_IF_ERROR(yaml::ParseDocument(text, file, &doc));
  } else {
    // YAML is converted with sigs.k8s.io/yaml, which reads the first
    // document only.
    std::vector<yaml::Node> docs;
    FERRY_RETURN_IF_ERROR(yaml::ParseDocuments(text, file, &docs));
    if (!docs.empty()) doc = std::move(docs[0]);
  }
  if (!doc.IsSeq())
    return yaml::ErrorAt(doc, std::string("json: cannot unmarshal ") +
                                  (doc.IsMap() ? "object" : "string") +
                                  " into Go value of type jsonpatch.Patch");
  for (const yaml::Node &item : doc.items()) {
    if (!item.IsMap() && !IsNullValue(item))
      return yaml::ErrorAt(item,
                           std::string("json: cannot unmarshal ") +
                               (item.IsSeq() ? "array" : "string") +
                               " into Go value of type jsonpatch.Operation");
    JsonPatchOp op;
    op.node = item;
    if (item.IsMap()) {
      op.op = StringMember(item, "op").value_or("unknown");
      op.path = StringMember(item, "path");
      op.from = StringMember(item, "from");
      if (const yaml::Node *v = item.Get("value")) {
        op.value = *v;
        if (!json)
          NormalizeV2(&*op.value);
      }
    } else {
      op.op = "unknown";
    }
    ops->push_back(std::move(op));
  }
  return Status::Ok();
}

Status ApplyJsonPatch(yaml::Node *doc, const std::vector<JsonPatchOp> &ops) {
  Applier a(doc);
  for (const JsonPatchOp &op : ops)
    FERRY_RETURN_IF_ERROR(a.Apply(op));
  return Status::Ok();
}

} // namespace ferry::kustomize
