#include "repo/flux_fields.h"

#include <algorithm>
#include <cctype>

#include "yaml/resolve.h"

namespace ferry::repo {
namespace {

// Lower case without '_' and '-', for "did you mean" hints.
std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) prev[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool IsStringScalar(const yaml::Node& v) {
  if (!v.IsScalar()) return false;
  yaml::ScalarType t = yaml::ResolveV3(v);
  // A timestamp reaches the API server as a string after the JSON round trip.
  return t == yaml::ScalarType::kString || t == yaml::ScalarType::kTimestamp;
}

}  // namespace

std::string DescribeValue(const yaml::Node& n) {
  switch (n.kind()) {
    case yaml::Kind::kNull:
      return "null";
    case yaml::Kind::kSequence:
      return "a sequence";
    case yaml::Kind::kMapping:
      return "a mapping";
    case yaml::Kind::kScalar:
      break;
  }
  switch (yaml::ResolveV3(n)) {
    case yaml::ScalarType::kNull:
      return "null";
    case yaml::ScalarType::kBool:
      return "boolean " + n.value();
    case yaml::ScalarType::kInt:
      return "integer " + n.value();
    case yaml::ScalarType::kFloat:
      return "number " + n.value();
    case yaml::ScalarType::kTimestamp:
      return "timestamp " + n.value();
    case yaml::ScalarType::kString:
      break;
  }
  return "string \"" + n.value() + "\"";
}

FieldReader::FieldReader(const yaml::Node* map, const yaml::Node* anchor,
                         std::string path, std::vector<Diagnostic>* diags)
    : map_(map && map->IsMap() ? map : nullptr),
      anchor_(anchor ? anchor : map),
      path_(std::move(path)),
      diags_(diags) {}

yaml::Mark FieldReader::mark() const {
  if (map_) return map_->mark();
  return anchor_ ? anchor_->mark() : yaml::Mark();
}

std::string FieldReader::PathOf(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

void FieldReader::Error(const yaml::Node& at, std::string_view rule,
                        std::string msg) {
  diags_->push_back(
      Diagnostic::At(at, Severity::kError, std::move(msg), std::string(rule)));
}

void FieldReader::Warning(const yaml::Node& at, std::string_view rule,
                          std::string msg) {
  diags_->push_back(Diagnostic::At(at, Severity::kWarning, std::move(msg),
                                   std::string(rule)));
}

const yaml::Node* FieldReader::Lookup(std::string_view key, bool required) {
  read_.emplace(key);
  const yaml::Node* v = map_ ? map_->Get(key) : nullptr;
  if (v && (v->IsNull() || (v->IsScalar() &&
                            yaml::ResolveV3(*v) == yaml::ScalarType::kNull))) {
    v = nullptr;
  }
  if (!v && required) {
    yaml::Node at;
    if (map_) {
      at.set_mark(map_->mark());
    } else if (anchor_) {
      at.set_mark(anchor_->mark());
    }
    Error(at, kRuleFieldRequired, PathOf(key) + ": required field is missing");
  }
  return v;
}

bool FieldReader::ScalarString(std::string_view key, const yaml::Node& v,
                               std::string* out) {
  if (!IsStringScalar(v)) {
    std::string msg =
        PathOf(key) + ": expected a string, got " + DescribeValue(v);
    if (v.IsScalar()) msg += " (quote it)";
    Error(v, kRuleFieldType, std::move(msg));
    return false;
  }
  *out = v.value();
  return true;
}

bool FieldReader::String(std::string_view key, std::string* out,
                         bool required) {
  const yaml::Node* v = Lookup(key, required);
  return v && ScalarString(key, *v, out);
}

bool FieldReader::String(std::string_view key,
                         std::optional<std::string>* out) {
  const yaml::Node* v = Lookup(key, false);
  std::string s;
  if (!v || !ScalarString(key, *v, &s)) return false;
  *out = std::move(s);
  return true;
}

bool FieldReader::Enum(std::string_view key, std::string* out,
                       std::initializer_list<std::string_view> allowed,
                       bool required) {
  const yaml::Node* v = Lookup(key, required);
  std::string s;
  if (!v || !ScalarString(key, *v, &s)) return false;
  if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
    std::string list;
    for (std::string_view a : allowed) {
      if (!list.empty()) list += ", ";
      list += a;
    }
    Error(*v, kRuleFieldEnum,
          PathOf(key) + ": \"" + s + "\" is not one of " + list);
    return false;
  }
  *out = std::move(s);
  return true;
}

bool FieldReader::Bool(std::string_view key, std::optional<bool>* out,
                       bool required) {
  const yaml::Node* v = Lookup(key, required);
  if (!v) return false;
  if (!v->IsScalar() || yaml::ResolveV3(*v) != yaml::ScalarType::kBool) {
    std::string msg =
        PathOf(key) + ": expected a boolean, got " + DescribeValue(*v);
    if (v->IsScalar() && !v->IsQuotedString()) {
      msg += " (write true or false)";
    }
    Error(*v, kRuleFieldType, std::move(msg));
    return false;
  }
  std::string t = v->value();
  std::transform(t.begin(), t.end(), t.begin(), ::tolower);
  *out = t == "true";
  return true;
}

bool FieldReader::Bool(std::string_view key, bool* out) {
  std::optional<bool> b;
  if (!Bool(key, &b)) return false;
  *out = *b;
  return true;
}

bool FieldReader::Dur(std::string_view key, std::optional<k8s::Duration>* out,
                      bool required, bool hours) {
  const yaml::Node* v = Lookup(key, required);
  std::string s;
  if (!v || !ScalarString(key, *v, &s)) return false;
  int64_t nanos = 0;
  std::string err;
  if (!k8s::ParseGoDuration(s, &nanos, &err)) {
    Error(*v, kRuleDuration, PathOf(key) + ": " + err);
    return false;
  }
  if (!k8s::MatchesFluxDurationPattern(s, hours)) {
    Error(*v, kRuleDuration,
          PathOf(key) + ": \"" + s + "\" does not match the pattern " +
              (hours ? "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$"
                     : "^([0-9]+(\\.[0-9]+)?(ms|s|m))+$") +
              " of the Flux API");
    return false;
  }
  *out = k8s::Duration{nanos, std::move(s)};
  return true;
}

bool FieldReader::Map(std::string_view key, StringMap* out) {
  const yaml::Node* v = Lookup(key, false);
  if (!v) return false;
  if (!v->IsMap()) {
    Error(*v, kRuleFieldType,
          PathOf(key) + ": expected a mapping, got " + DescribeValue(*v));
    return false;
  }
  bool ok = true;
  for (const yaml::Pair& p : v->pairs()) {
    std::string value;
    std::string sub = std::string(key) + "." + p.key.value();
    if (p.value.IsNull() ||
        (p.value.IsScalar() &&
         yaml::ResolveV3(p.value) == yaml::ScalarType::kNull)) {
      (*out)[p.key.value()] = "";
      continue;
    }
    if (!ScalarString(sub, p.value, &value)) {
      ok = false;
      continue;
    }
    (*out)[p.key.value()] = std::move(value);
  }
  return ok;
}

bool FieldReader::Map(std::string_view key, std::optional<StringMap>* out) {
  StringMap m;
  if (!Raw(key)) return false;
  bool ok = Map(key, &m);
  *out = std::move(m);
  return ok;
}

bool FieldReader::Strings(std::string_view key, std::vector<std::string>* out) {
  const yaml::Node* v = Lookup(key, false);
  if (!v) return false;
  if (!v->IsSeq()) {
    Error(*v, kRuleFieldType,
          PathOf(key) + ": expected a sequence, got " + DescribeValue(*v));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < v->items().size(); i++) {
    std::string s;
    if (!ScalarString(std::string(key) + "[" + std::to_string(i) + "]",
                      v->items()[i], &s)) {
      ok = false;
      continue;
    }
    out->push_back(std::move(s));
  }
  return ok;
}

FieldReader FieldReader::Object(std::string_view key, bool required) {
  const yaml::Node* v = Lookup(key, required);
  if (v && !v->IsMap()) {
    Error(*v, kRuleFieldType,
          PathOf(key) + ": expected a mapping, got " + DescribeValue(*v));
    v = nullptr;
  }
  const yaml::Node* anchor = map_ ? map_ : anchor_;
  return FieldReader(v, anchor, PathOf(key), diags_);
}

void FieldReader::Objects(std::string_view key,
                          const std::function<void(FieldReader&)>& fn,
                          bool required) {
  const yaml::Node* v = Lookup(key, required);
  if (!v) return;
  if (!v->IsSeq()) {
    Error(*v, kRuleFieldType,
          PathOf(key) + ": expected a sequence, got " + DescribeValue(*v));
    return;
  }
  for (size_t i = 0; i < v->items().size(); i++) {
    const yaml::Node& item = v->items()[i];
    std::string path = PathOf(key) + "[" + std::to_string(i) + "]";
    if (!item.IsMap()) {
      Error(item, kRuleFieldType,
            path + ": expected a mapping, got " + DescribeValue(item));
      continue;
    }
    FieldReader r(&item, &item, path, diags_);
    fn(r);
  }
}

const yaml::Node* FieldReader::Raw(std::string_view key) {
  return Lookup(key, false);
}

bool FieldReader::Local(std::string_view key,
                        std::optional<LocalReference>* out, bool required) {
  FieldReader r = Object(key, required);
  if (!r.present()) return false;
  LocalReference ref;
  ref.mark = r.mark();
  bool ok = r.String("name", &ref.name, /*required=*/true);
  *out = std::move(ref);
  return ok;
}

void FieldReader::Accept(std::initializer_list<std::string_view> keys) {
  for (std::string_view k : keys) read_.emplace(k);
}

void FieldReader::WarnUnknown(
    std::initializer_list<std::string_view> also_known) {
  if (!map_) return;
  Accept(also_known);
  for (const yaml::Pair& p : map_->pairs()) {
    const std::string& k = p.key.value();
    if (read_.count(k)) continue;
    std::string hint;
    size_t best = 3;
    for (const std::string& known : read_) {
      size_t d = Fold(known) == Fold(k) ? 0 : EditDistance(known, k);
      if (d < best) {
        best = d;
        hint = known;
      }
    }
    std::string msg = PathOf(k) + ": unknown field";
    if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
    Warning(p.key, kRuleUnknownField, std::move(msg));
  }
}

void ReadNamespacedReference(FieldReader& r, NamespacedReference* out,
                             bool kind_required) {
  out->mark = r.mark();
  r.String("apiVersion", &out->api_version);
  r.String("kind", &out->kind, kind_required);
  r.String("name", &out->name, /*required=*/true);
  r.String("namespace", &out->namespace_);
}

}  // namespace ferry::repo
