#include "sops/stores.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sops/ini_store.h"
#include "sops/tree.h"
#include "yaml/emit.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::sops {
namespace {

using yaml::Node;

constexpr std::string_view kSopsKey = "sops";

void JsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    switch (c) {
      case '"':
        out->append("\\\"");
        continue;
      case '\\':
        out->append("\\\\");
        continue;
      case '\n':
        out->append("\\n");
        continue;
      case '\r':
        out->append("\\r");
        continue;
      case '\t':
        out->append("\\t");
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else if (c == 0xE2 && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028"
                                                               : "\\u2029");
      i += 2;
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back('"');
}

// Go's encoding/json float format.
std::string JsonFloat(double d) {
  char buf[64];
  double a = std::fabs(d);
  std::to_chars_result r;
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string s(buf, r.ptr);
    // Go writes e-07 as e-07 and e+21 as e+21: two-digit exponents.
    size_t e = s.find('e');
    if (e != std::string::npos && s.size() - e == 3) s.insert(e + 2, "0");
    return s;
  }
  r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

void JsonScalar(const Node& n, std::string* out) {
  if (n.IsNull()) {
    out->append("null");
    return;
  }
  yaml::ScalarType t =
      n.IsQuotedString() ? yaml::ScalarType::kString : yaml::ResolveV3(n);
  const std::string& s = n.value();
  switch (t) {
    case yaml::ScalarType::kNull:
      out->append("null");
      return;
    case yaml::ScalarType::kBool:
      out->append(s == "true" || s == "True" || s == "TRUE" ? "true" : "false");
      return;
    case yaml::ScalarType::kInt: {
      int64_t i;
      if (yaml::ParseGoInt(s, &i)) {
        out->append(std::to_string(i));
        return;
      }
      [[fallthrough]];
    }
    case yaml::ScalarType::kFloat: {
      double d = 0;
      std::string_view v = s;
      if (!v.empty() && v[0] == '+') v.remove_prefix(1);
      std::from_chars(v.data(), v.data() + v.size(), d);
      out->append(JsonFloat(d));
      return;
    }
    default:
      JsonString(s, out);
  }
}

void Json(const Node& n, int depth, std::string* out) {
  auto indent = [&](int d) {
    out->push_back('\n');
    out->append(static_cast<size_t>(d), '\t');
  };
  if (n.IsMap()) {
    if (n.pairs().empty()) {
      out->append("{}");
      return;
    }
    out->push_back('{');
    bool first = true;
    for (const yaml::Pair& p : n.pairs()) {
      if (!first) out->push_back(',');
      first = false;
      indent(depth + 1);
      JsonString(p.key.value(), out);
      out->append(": ");
      Json(p.value, depth + 1, out);
    }
    indent(depth);
    out->push_back('}');
  } else if (n.IsSeq()) {
    if (n.items().empty()) {
      out->append("[]");
      return;
    }
    out->push_back('[');
    bool first = true;
    for (const Node& item : n.items()) {
      if (!first) out->push_back(',');
      first = false;
      indent(depth + 1);
      Json(item, depth + 1, out);
    }
    indent(depth);
    out->push_back(']');
  } else {
    JsonScalar(n, out);
  }
}

// dotenv: KEY=VALUE lines, "#" comment lines, blank lines dropped; all
// values strings, a line feed in a value written as the two characters
// "\\n" (and read back). The metadata is flattened into sops_ keys (__map_ and
// __list_ separators), newlines written as "\\n", keys sorted.
constexpr std::string_view kMapSep = "__map_";
constexpr std::string_view kListSep = "__list_";

// Line feeds as the two characters "\\n", as sops writes them in dotenv
// values and flattened metadata; and back.
std::string EscapeLineFeeds(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string UnescapeLineFeeds(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

Status ParseDotenv(std::string_view text, std::string_view file, Node* doc) {
  *doc = Node::Map();
  std::string pending;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    ++line_no;
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (!pending.empty()) pending += '\n';
      pending += line;
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos)
      return Status::At(file.empty() ? "<dotenv>" : file, line_no, 0,
                        "invalid dotenv input line: " + std::string(line));
    Node key = Node::Str(line.substr(0, eq));
    key.set_head_comment(std::move(pending));
    pending.clear();
    doc->pairs().push_back(yaml::Pair{
        std::move(key), Node::Str(UnescapeLineFeeds(line.substr(eq + 1)))});
  }
  doc->set_foot_comment(std::move(pending));
  return Status::Ok();
}

Status EmitDotenv(const Node& doc, std::string* out) {
  auto comments = [&](const std::string& c) {
    if (c.empty()) return;
    out->append(c);
    out->push_back('\n');
  };
  for (const yaml::Pair& p : doc.pairs()) {
    if (p.value.IsMap() || p.value.IsSeq())
      return Status::Error("cannot use complex value in dotenv file: " +
                           p.key.value());
    comments(p.key.head_comment());
    out->append(p.key.value());
    out->push_back('=');
    if (p.value.IsScalar()) out->append(EscapeLineFeeds(p.value.value()));
    out->push_back('\n');
  }
  comments(doc.foot_comment());
  return Status::Ok();
}

void Flatten(const Node& n, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>* out) {
  if (n.IsMap()) {
    for (const yaml::Pair& p : n.pairs())
      Flatten(p.value, prefix + std::string(kMapSep) + p.key.value(), out);
  } else if (n.IsSeq()) {
    for (size_t i = 0; i < n.items().size(); ++i)
      Flatten(n.items()[i], prefix + std::string(kListSep) + std::to_string(i),
              out);
  } else if (n.IsScalar()) {
    out->emplace_back(prefix, EscapeLineFeeds(n.value()));
  }
}

// The metadata as sorted flat keys, each prefixed with `prefix`.
std::vector<std::pair<std::string, std::string>> FlattenMetadata(
    const Node& meta, const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> flat;
  for (const yaml::Pair& p : meta.pairs())
    Flatten(p.value, prefix + p.key.value(), &flat);
  std::sort(flat.begin(), flat.end());
  return flat;
}

// Rebuilds the metadata tree from flattened sops_ keys, which may come in
// any order (sops writes them from a Go map): a list grows to the largest
// index seen, holes left null until their keys come (CheckNoHoles refuses
// the ones left). An index must be a number below `max_index` (the number
// of flat keys: a list cannot have more entries than there are keys), so a
// key such as "age__list_99999999999" is malformed, not an allocation.
Status Unflatten(std::string_view key, std::string_view value,
                 size_t max_index, Node* root) {
  Node* cur = root;
  std::string_view rest = key;
  auto next_sep = [](std::string_view s) {
    size_t m = s.find(kMapSep), l = s.find(kListSep);
    return std::min(m, l);
  };
  size_t first = next_sep(rest);
  std::string name(rest.substr(0, first));
  rest = first == std::string_view::npos ? "" : rest.substr(first);
  cur = &cur->GetOrAddMap(name);
  if (rest.empty()) {
    *cur = Node::Str(value);
    return Status::Ok();
  }
  while (!rest.empty()) {
    bool is_list = rest.starts_with(kListSep);
    rest.remove_prefix(is_list ? kListSep.size() : kMapSep.size());
    size_t end = next_sep(rest);
    std::string token(rest.substr(0, end));
    rest = end == std::string_view::npos ? "" : rest.substr(end);
    if (is_list) {
      if (!cur->IsSeq()) *cur = Node::Seq();
      size_t i = 0;
      auto [end_ptr, ec] =
          std::from_chars(token.data(), token.data() + token.size(), i);
      if (token.empty() || ec != std::errc() ||
          end_ptr != token.data() + token.size() || i >= max_index)
        return Status::Error("malformed sops metadata key \"" +
                             std::string(key) + "\"");
      while (cur->items().size() <= i) cur->items().push_back(Node::Null());
      cur = &cur->items()[i];
      if (cur->IsNull()) *cur = Node::Map();
    } else {
      if (!cur->IsMap()) *cur = Node::Map();
      cur = &cur->GetOrAddMap(token);
    }
  }
  *cur = Node::Str(UnescapeLineFeeds(value));
  return Status::Ok();
}

// Refuses a list of the unflattened metadata with an entry no key gave
// (`path` is the flat key of `n`).
Status CheckNoHoles(const Node& n, const std::string& path) {
  for (size_t i = 0; i < n.items().size(); ++i) {
    std::string at = path + std::string(kListSep) + std::to_string(i);
    if (n.items()[i].IsNull())
      return Status::Error("malformed sops metadata: no key for list entry \"" +
                           at + "\"");
    FERRY_RETURN_IF_ERROR(CheckNoHoles(n.items()[i], at));
  }
  for (const yaml::Pair& p : n.pairs())
    FERRY_RETURN_IF_ERROR(CheckNoHoles(
        p.value, path + std::string(kMapSep) + p.key.value()));
  return Status::Ok();
}

// CheckNoHoles for the whole metadata, its keys prefixed with `prefix`.
Status CheckMetadataHoles(const Node& meta, const std::string& prefix) {
  for (const yaml::Pair& p : meta.pairs())
    FERRY_RETURN_IF_ERROR(CheckNoHoles(p.value, prefix + p.key.value()));
  return Status::Ok();
}

Status ParseAll(std::string_view text, Store store, std::string_view file,
                std::vector<Node>* docs) {
  if (store == Store::kDotenv || store == Store::kIni) {
    Node doc;
    FERRY_RETURN_IF_ERROR(store == Store::kIni ? ParseIni(text, file, &doc)
                                               : ParseDotenv(text, file, &doc));
    docs->push_back(std::move(doc));
    return Status::Ok();
  }
  if (store == Store::kYaml) {
    FERRY_RETURN_IF_ERROR(yaml::ParseDocumentsWithComments(text, file, docs));
    for (Node& d : *docs) NormalizeComments(&d);
  } else {
    Node doc;
    FERRY_RETURN_IF_ERROR(yaml::ParseDocument(text, file, &doc));
    docs->push_back(std::move(doc));
  }
  for (Node& d : *docs) {
    if (d.IsNull() && store == Store::kYaml) {
      d = Node::Map();
      continue;
    }
    if (!d.IsMap())
      return Status::Error(store == Store::kJson
                               ? "JSON documents that are not objects are not "
                                 "supported"
                               : "YAML documents that are not mappings are not "
                                 "supported");
    FERRY_RETURN_IF_ERROR(yaml::CheckScalarKeys(d));
  }
  return Status::Ok();
}

}  // namespace

Store StoreForPath(std::string_view path) {
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return Store::kYaml;
  if (path.ends_with(".json")) return Store::kJson;
  if (path.ends_with(".env")) return Store::kDotenv;
  if (path.ends_with(".ini")) return Store::kIni;
  return Store::kBinary;
}

bool ParseStoreName(std::string_view name, Store* store) {
  if (name == "yaml")
    *store = Store::kYaml;
  else if (name == "json")
    *store = Store::kJson;
  else if (name == "dotenv")
    *store = Store::kDotenv;
  else if (name == "ini")
    *store = Store::kIni;
  else if (name == "binary")
    *store = Store::kBinary;
  else
    return false;
  return true;
}

Status LoadPlain(std::string_view text, Store store, std::vector<Node>* docs,
                 std::string_view file) {
  docs->clear();
  if (store == Store::kBinary) {
    Node doc = Node::Map();
    doc.Set("data", Node::Str(text));
    docs->push_back(std::move(doc));
    return Status::Ok();
  }
  return ParseAll(text, store, file, docs);
}

Status LoadEncrypted(std::string_view text, Store store,
                     std::vector<Node>* docs, Metadata* metadata,
                     std::string_view file) {
  docs->clear();
  FERRY_RETURN_IF_ERROR(
      ParseAll(text, store == Store::kBinary ? Store::kJson : store, file,
               docs));
  if (store == Store::kDotenv) {
    Node meta = Node::Map();
    Node& doc = (*docs)[0];
    std::vector<yaml::Pair> kept;
    size_t flat_keys = 0;
    for (const yaml::Pair& p : doc.pairs())
      flat_keys += p.key.value().starts_with("sops_");
    for (yaml::Pair& p : doc.pairs()) {
      if (p.key.value().starts_with("sops_")) {
        // Comments before the metadata are the file's last comments.
        std::string foot = doc.foot_comment();
        if (!p.key.head_comment().empty()) {
          if (!foot.empty()) foot += '\n';
          foot += p.key.head_comment();
          doc.set_foot_comment(std::move(foot));
        }
        FERRY_RETURN_IF_ERROR(Unflatten(std::string_view(p.key.value()).substr(5),
                                        p.value.value(), flat_keys, &meta));
      } else {
        kept.push_back(std::move(p));
      }
    }
    doc.pairs() = std::move(kept);
    if (meta.pairs().empty()) return Status::Error("sops metadata not found");
    FERRY_RETURN_IF_ERROR(CheckMetadataHoles(meta, "sops_"));
    return ParseMetadata(meta, metadata);
  }
  if (store == Store::kIni) {
    Node& doc = (*docs)[0];
    const Node* section = doc.Get(kSopsKey);
    if (!section || section->size() == 0)
      return Status::Error("sops metadata not found");
    Node meta = Node::Map();
    for (const yaml::Pair& p : section->pairs())
      FERRY_RETURN_IF_ERROR(Unflatten(p.key.value(), p.value.value(),
                                      section->size(), &meta));
    FERRY_RETURN_IF_ERROR(CheckMetadataHoles(meta, ""));
    doc.Remove(kSopsKey);
    return ParseMetadata(meta, metadata);
  }
  const Node* sops = docs->empty() ? nullptr : (*docs)[0].Get(kSopsKey);
  if (!sops) return Status::Error("sops metadata not found");
  FERRY_RETURN_IF_ERROR(ParseMetadata(*sops, metadata));
  for (Node& d : *docs) d.Remove(kSopsKey);
  return Status::Ok();
}

Status EmitPlain(const std::vector<Node>& docs, Store store, std::string* out) {
  out->clear();
  switch (store) {
    case Store::kYaml:
      *out = yaml::EmitGoYamlV3Stream(docs, 4);
      return Status::Ok();
    case Store::kJson:
      if (docs.size() != 1) return Status::Error("JSON holds one document");
      EmitSopsJson(docs[0], out);
      return Status::Ok();
    case Store::kDotenv:
      if (docs.size() != 1) return Status::Error("dotenv holds one document");
      return EmitDotenv(docs[0], out);
    case Store::kIni:
      if (docs.size() != 1) return Status::Error("INI holds one document");
      return EmitIni(docs[0], out);
    case Store::kBinary: {
      const Node* data = docs.size() == 1 ? docs[0].Get("data") : nullptr;
      if (!data || !data->IsScalar())
        return Status::Error("binary file without a \"data\" value");
      *out = data->value();
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status EmitEncrypted(const std::vector<Node>& docs, const Metadata& metadata,
                     Store store, std::string* out) {
  bool json = store != Store::kYaml;
  Node meta = MetadataToNode(metadata, json);
  if (store == Store::kIni) {
    if (docs.size() != 1) return Status::Error("INI holds one document");
    Node section = Node::Map();
    for (auto& [k, v] : FlattenMetadata(meta, ""))
      section.pairs().push_back(yaml::Pair{Node::Str(k), Node::Str(v)});
    Node doc = docs[0];
    doc.Set(kSopsKey, std::move(section));
    return EmitIni(doc, out);
  }
  if (store == Store::kDotenv) {
    if (docs.size() != 1) return Status::Error("dotenv holds one document");
    Node doc = docs[0];
    std::string foot = doc.foot_comment();
    doc.set_foot_comment("");
    for (auto& [k, v] : FlattenMetadata(meta, "sops_")) {
      Node key = Node::Str(k);
      if (!foot.empty()) {
        key.set_head_comment(std::move(foot));
        foot.clear();
      }
      doc.pairs().push_back(yaml::Pair{std::move(key), Node::Str(v)});
    }
    out->clear();
    return EmitDotenv(doc, out);
  }
  std::vector<Node> with = docs;
  for (Node& d : with) d.Set(kSopsKey, meta);
  if (json) {
    if (with.size() != 1) return Status::Error("JSON holds one document");
    out->clear();
    EmitSopsJson(with[0], out);
    return Status::Ok();
  }
  *out = yaml::EmitGoYamlV3Stream(with, 4);
  return Status::Ok();
}

void EmitSopsJson(const Node& n, std::string* out) {
  Json(n, 0, out);
  out->push_back('\n');
}

}  // namespace ferry::sops
