#include "k8s/openapi_validate.h"

#include <cmath>
#include <cstdlib>
#include <set>

#include "yaml/node.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::k8s {
namespace {

std::string Key(std::string_view group, std::string_view kind) {
  std::string k(group);
  k += '/';
  k += kind;
  return k;
}

const yaml::Node* SchemaOf(const yaml::Node* holder) {
  if (holder == nullptr || !holder->IsMap()) return nullptr;
  const yaml::Node* s = holder->Get("openAPIV3Schema");
  return s != nullptr && s->IsMap() ? s : nullptr;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What a value is, in JSON terms.
enum class JsonType { kNull, kBool, kInt, kFloat, kString, kObject, kArray };

JsonType TypeOf(const yaml::Node& v) {
  switch (v.kind()) {
    case yaml::Kind::kNull:
      return JsonType::kNull;
    case yaml::Kind::kMapping:
      return JsonType::kObject;
    case yaml::Kind::kSequence:
      return JsonType::kArray;
    case yaml::Kind::kScalar:
      break;
  }
  switch (yaml::ResolveV3(v)) {
    case yaml::ScalarType::kNull:
      return JsonType::kNull;
    case yaml::ScalarType::kBool:
      return JsonType::kBool;
    case yaml::ScalarType::kInt:
      return JsonType::kInt;
    case yaml::ScalarType::kFloat:
      return JsonType::kFloat;
    case yaml::ScalarType::kTimestamp:  // a string once in JSON
    case yaml::ScalarType::kString:
      return JsonType::kString;
  }
  return JsonType::kString;
}

const char* TypeName(JsonType t) {
  switch (t) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "boolean";
    case JsonType::kInt:
      return "integer";
    case JsonType::kFloat:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kObject:
      return "object";
    case JsonType::kArray:
      return "array";
  }
  return "?";
}

// "string \"abc\"", "object", "null" ...
std::string Describe(const yaml::Node& v) {
  JsonType t = TypeOf(v);
  std::string d = TypeName(t);
  if (v.IsScalar() && t != JsonType::kNull) d += " " + Quote(v.value());
  return d;
}

bool ToDouble(const yaml::Node& v, double* out) {
  if (!v.IsScalar()) return false;
  JsonType t = TypeOf(v);
  if (t == JsonType::kInt) {
    int64_t i = 0;
    if (yaml::ParseGoInt(v.value(), &i)) {
      *out = static_cast<double>(i);
      return true;
    }
    uint64_t u = 0;
    if (yaml::ParseGoUint(v.value(), &u)) {
      *out = static_cast<double>(u);
      return true;
    }
    return false;
  }
  if (t != JsonType::kFloat) return false;
  yaml::Resolved r = yaml::ResolveForOutput(v);
  char* end = nullptr;
  *out = std::strtod(r.text.c_str(), &end);
  return end != r.text.c_str() && *end == '\0';
}

bool SchemaBool(const yaml::Node& schema, std::string_view key) {
  const yaml::Node* n = schema.Get(key);
  return n != nullptr && n->IsScalar() &&
         yaml::ResolveV3(*n) == yaml::ScalarType::kBool &&
         (n->value() == "true" || n->value() == "True" || n->value() == "TRUE");
}

bool SchemaNumber(const yaml::Node& schema, std::string_view key, double* out) {
  const yaml::Node* n = schema.Get(key);
  return n != nullptr && ToDouble(*n, out);
}

std::string FormatNumber(double d) { return yaml::FormatGoFloatG(d); }

// Number of Unicode code points, as Go's utf8.RuneCountInString.
size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// JSON equality of two values (for enum and uniqueItems).
bool JsonEqual(const yaml::Node& a, const yaml::Node& b) {
  JsonType ta = TypeOf(a), tb = TypeOf(b);
  if (ta == JsonType::kNull || tb == JsonType::kNull) return ta == tb;
  if (a.IsScalar() != b.IsScalar()) return false;
  if (a.IsScalar()) {
    bool na = ta == JsonType::kInt || ta == JsonType::kFloat;
    bool nb = tb == JsonType::kInt || tb == JsonType::kFloat;
    if (na && nb) {
      double x = 0, y = 0;
      if (ToDouble(a, &x) && ToDouble(b, &y)) return x == y;
    }
    if (ta != tb) return false;
    return yaml::ResolveForOutput(a).text == yaml::ResolveForOutput(b).text;
  }
  if (a.kind() != b.kind() || a.size() != b.size()) return false;
  if (a.IsSeq()) {
    for (size_t i = 0; i < a.items().size(); ++i)
      if (!JsonEqual(a.items()[i], b.items()[i])) return false;
    return true;
  }
  for (const yaml::Pair& p : a.pairs()) {
    const yaml::Node* o = b.Get(p.key.value());
    if (o == nullptr || !JsonEqual(p.value, *o)) return false;
  }
  return true;
}

std::string Child(const std::string& path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return path + "." + std::string(key);
}

class Validator {
 public:
  Validator(const ValidateOptions& options, std::vector<SchemaViolation>* out)
      : options_(options), out_(out) {}

  // Validates `v` at `path`. `structural` is false inside allOf/anyOf/oneOf/
  // not, where schemas constrain values but do not declare fields.
  void Check(const yaml::Node& v, const yaml::Node& s, const std::string& path,
             bool root, bool structural) {
    if (!s.IsMap()) return;
    JsonType t = TypeOf(v);
    std::string_view type = s.GetString("type");
    bool int_or_string = SchemaBool(s, "x-kubernetes-int-or-string");

    if (t == JsonType::kNull) {
      if (SchemaBool(s, "nullable")) return;
      if (!type.empty() || int_or_string) {
        Add(v, path,
            "must be of type " +
                std::string(int_or_string ? "integer or string" : type) +
                ", got null");
        return;
      }
    }
    if (int_or_string) {
      if (t != JsonType::kInt && t != JsonType::kString) {
        Add(v, path, "must be an integer or a string, got " + Describe(v));
        return;
      }
    } else if (!type.empty() && !TypeMatches(type, v, t)) {
      Add(v, path,
          "must be of type " + std::string(type) + ", got " + Describe(v));
      return;
    }

    CheckEnum(v, s, path);
    if (t == JsonType::kInt || t == JsonType::kFloat) CheckNumber(v, s, path);
    if (t == JsonType::kString) CheckString(v, s, path);
    if (t == JsonType::kArray) CheckArray(v, s, path, structural);
    if (t == JsonType::kObject) CheckObject(v, s, path, root, structural);
    CheckCombinators(v, s, path);
  }

 private:
  void Add(const yaml::Node& n, const std::string& path, std::string msg) {
    out_->push_back({&n, path, std::move(msg)});
  }

  static bool TypeMatches(std::string_view type, const yaml::Node& v,
                          JsonType t) {
    if (type == "object") return t == JsonType::kObject;
    if (type == "array") return t == JsonType::kArray;
    if (type == "string") return t == JsonType::kString;
    if (type == "boolean") return t == JsonType::kBool;
    if (type == "number") return t == JsonType::kInt || t == JsonType::kFloat;
    if (type == "integer") {
      if (t == JsonType::kInt) return true;
      double d = 0;  // 2.0 is an integer in JSON
      return t == JsonType::kFloat && ToDouble(v, &d) && std::isfinite(d) &&
             d == std::floor(d);
    }
    return true;  // an unknown type name: the CRD would not be accepted
  }

  void CheckEnum(const yaml::Node& v, const yaml::Node& s,
                 const std::string& path) {
    const yaml::Node* e = s.Get("enum");
    if (e == nullptr || !e->IsSeq()) return;
    for (const yaml::Node& item : e->items())
      if (JsonEqual(v, item)) return;
    std::string allowed;
    for (const yaml::Node& item : e->items()) {
      if (!allowed.empty()) allowed += ", ";
      allowed +=
          item.IsScalar() ? Quote(item.value()) : "<" + Describe(item) + ">";
    }
    Add(v, path,
        "unsupported value " +
            (v.IsScalar() ? Quote(v.value()) : "<" + Describe(v) + ">") +
            ": must be one of " + allowed);
  }

  void CheckNumber(const yaml::Node& v, const yaml::Node& s,
                   const std::string& path) {
    double x = 0, bound = 0;
    if (!ToDouble(v, &x)) return;
    if (SchemaNumber(s, "minimum", &bound)) {
      bool excl = SchemaBool(s, "exclusiveMinimum");
      if (excl ? !(x > bound) : !(x >= bound)) {
        Add(v, path,
            "must be " + std::string(excl ? "> " : ">= ") +
                FormatNumber(bound) + ", got " + v.value());
      }
    }
    if (SchemaNumber(s, "maximum", &bound)) {
      bool excl = SchemaBool(s, "exclusiveMaximum");
      if (excl ? !(x < bound) : !(x <= bound)) {
        Add(v, path,
            "must be " + std::string(excl ? "< " : "<= ") +
                FormatNumber(bound) + ", got " + v.value());
      }
    }
    if (SchemaNumber(s, "multipleOf", &bound) && bound > 0) {
      double q = x / bound;
      if (std::fabs(q - std::round(q)) > 1e-9) {
        Add(v, path,
            "must be a multiple of " + FormatNumber(bound) + ", got " +
                v.value());
      }
    }
  }

  void CheckString(const yaml::Node& v, const yaml::Node& s,
                   const std::string& path) {
    if (!v.IsScalar()) return;
    double bound = 0;
    size_t len = RuneCount(v.value());
    if (SchemaNumber(s, "minLength", &bound) && len < bound) {
      Add(v, path,
          "must be at least " + FormatNumber(bound) + " characters long, got " +
              std::to_string(len));
    }
    if (SchemaNumber(s, "maxLength", &bound) && len > bound) {
      Add(v, path,
          "may not be more than " + FormatNumber(bound) +
              " characters long, got " + std::to_string(len));
    }
    const yaml::Node* pattern = s.Get("pattern");
    if (pattern != nullptr && pattern->IsScalar() && options_.match_pattern) {
      bool matched = false;
      if (options_.match_pattern(pattern->value(), v.value(), &matched) &&
          !matched) {
        Add(v, path,
            Quote(v.value()) + " does not match pattern " +
                Quote(pattern->value()));
      }
    }
  }

  void CheckArray(const yaml::Node& v, const yaml::Node& s,
                  const std::string& path, bool structural) {
    double bound = 0;
    size_t n = v.items().size();
    if (SchemaNumber(s, "minItems", &bound) && n < bound) {
      Add(v, path,
          "must have at least " + FormatNumber(bound) + " items, got " +
              std::to_string(n));
    }
    if (SchemaNumber(s, "maxItems", &bound) && n > bound) {
      Add(v, path,
          "must have at most " + FormatNumber(bound) + " items, got " +
              std::to_string(n));
    }
    if (SchemaBool(s, "uniqueItems")) {
      for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (JsonEqual(v.items()[i], v.items()[j])) {
            Add(v.items()[i], path + "[" + std::to_string(i) + "]",
                "duplicate of item " + std::to_string(j));
            break;
          }
        }
      }
    }
    const yaml::Node* items = s.Get("items");
    if (items == nullptr || !items->IsMap()) return;
    for (size_t i = 0; i < n; ++i) {
      Check(v.items()[i], *items, path + "[" + std::to_string(i) + "]", false,
            structural);
    }
  }

  void CheckObject(const yaml::Node& v, const yaml::Node& s,
                   const std::string& path, bool root, bool structural) {
    const yaml::Node* props = s.Get("properties");
    if (props != nullptr && !props->IsMap()) props = nullptr;
    const yaml::Node* additional = s.Get("additionalProperties");
    bool preserve = SchemaBool(s, "x-kubernetes-preserve-unknown-fields");
    bool embedded = SchemaBool(s, "x-kubernetes-embedded-resource");

    std::set<std::string, std::less<>> present;
    for (const yaml::Pair& p : v.pairs()) {
      const std::string& key = p.key.value();
      const yaml::Node* ps = props != nullptr ? props->Get(key) : nullptr;
      // The API server prunes null values of non-nullable fields, or
      // replaces them by the field's default.
      const yaml::Node* ss = ps != nullptr ? ps
                             : additional != nullptr && additional->IsMap()
                                 ? additional
                                 : nullptr;
      bool pruned_null = TypeOf(p.value) == JsonType::kNull &&
                         (ss == nullptr || !SchemaBool(*ss, "nullable"));
      if (!pruned_null || (ss != nullptr && ss->Get("default") != nullptr)) {
        present.insert(key);
      }
      if ((root || embedded) &&
          (key == "apiVersion" || key == "kind" || key == "metadata")) {
        if (ps == nullptr || key == "metadata") continue;
      }
      if (ps != nullptr) {
        if (!pruned_null)
          Check(p.value, *ps, Child(path, key), false, structural);
        continue;
      }
      if (additional != nullptr && additional->IsMap()) {
        if (!pruned_null) {
          Check(p.value, *additional,
                path.empty() ? key : path + "[" + key + "]", false, structural);
        }
        continue;
      }
      if (!structural) continue;
      bool allowed = preserve;
      if (additional != nullptr && additional->IsScalar()) {
        allowed = SchemaBool(s, "additionalProperties");
      }
      if (!allowed) {
        Add(p.key, Child(path, key), "unknown field " + Quote(key));
      }
    }

    if (const yaml::Node* req = s.Get("required"); req && req->IsSeq()) {
      for (const yaml::Node& r : req->items()) {
        if (!r.IsScalar() || present.count(r.value())) continue;
        // A missing field with a default is defaulted before validation.
        const yaml::Node* ps =
            props != nullptr ? props->Get(r.value()) : nullptr;
        if (ps != nullptr && ps->IsMap() && ps->Get("default") != nullptr) {
          continue;
        }
        Add(v, Child(path, r.value()),
            "required field " + Quote(r.value()) + " is missing");
      }
    }
    double bound = 0;
    if (SchemaNumber(s, "minProperties", &bound) && v.size() < bound) {
      Add(v, path,
          "must have at least " + FormatNumber(bound) + " properties, got " +
              std::to_string(v.size()));
    }
    if (SchemaNumber(s, "maxProperties", &bound) && v.size() > bound) {
      Add(v, path,
          "must have at most " + FormatNumber(bound) + " properties, got " +
              std::to_string(v.size()));
    }
  }

  // Violations of `v` against a sub-schema, without reporting them.
  std::vector<SchemaViolation> Trial(const yaml::Node& v, const yaml::Node& s,
                                     const std::string& path) {
    std::vector<SchemaViolation> found;
    Validator sub(options_, &found);
    sub.Check(v, s, path, false, false);
    return found;
  }

  void CheckCombinators(const yaml::Node& v, const yaml::Node& s,
                        const std::string& path) {
    if (const yaml::Node* all = s.Get("allOf"); all && all->IsSeq()) {
      for (const yaml::Node& sub : all->items())
        Check(v, sub, path, false, false);
    }
    if (const yaml::Node* any = s.Get("anyOf"); any && any->IsSeq()) {
      bool ok = any->items().empty();
      std::string first;
      for (const yaml::Node& sub : any->items()) {
        std::vector<SchemaViolation> f = Trial(v, sub, path);
        if (f.empty()) {
          ok = true;
          break;
        }
        if (first.empty()) first = f[0].message;
      }
      if (!ok) {
        Add(v, path,
            "must match at least one schema of anyOf (first: " + first + ")");
      }
    }
    if (const yaml::Node* one = s.Get("oneOf"); one && one->IsSeq()) {
      size_t matches = 0;
      for (const yaml::Node& sub : one->items())
        if (Trial(v, sub, path).empty()) ++matches;
      if (matches != 1) {
        Add(v, path,
            "must match exactly one schema of oneOf, matches " +
                std::to_string(matches));
      }
    }
    if (const yaml::Node* no = s.Get("not"); no && no->IsMap()) {
      if (Trial(v, *no, path).empty()) {
        Add(v, path, "must not match the schema in \"not\"");
      }
    }
  }

  const ValidateOptions& options_;
  std::vector<SchemaViolation>* out_;
};

}  // namespace

Status CrdSchemas::Add(const yaml::Node& crd) {
  Gvk gvk = Gvk::FromNode(crd);
  if (gvk.group != "apiextensions.k8s.io" ||
      gvk.kind != "CustomResourceDefinition") {
    return yaml::ErrorAt(crd,
                         "not an apiextensions.k8s.io "
                         "CustomResourceDefinition");
  }
  const yaml::Node* spec = crd.Get("spec");
  if (spec == nullptr || !spec->IsMap()) {
    return yaml::ErrorAt(crd, "CustomResourceDefinition has no spec");
  }
  std::string_view group = spec->GetString("group");
  const yaml::Node* names = spec->Get("names");
  std::string_view kind =
      names != nullptr && names->IsMap() ? names->GetString("kind") : "";
  if (group.empty() || kind.empty()) {
    return yaml::ErrorAt(*spec,
                         "CustomResourceDefinition has no spec.group "
                         "or spec.names.kind");
  }
  // v1beta1: one schema for every version.
  const yaml::Node* shared = SchemaOf(spec->Get("validation"));
  std::vector<Version> versions;
  if (const yaml::Node* vs = spec->Get("versions"); vs && vs->IsSeq()) {
    for (const yaml::Node& v : vs->items()) {
      if (!v.IsMap() || v.GetString("name").empty()) continue;
      const yaml::Node* schema = SchemaOf(v.Get("schema"));
      versions.push_back(
          {std::string(v.GetString("name")), schema ? schema : shared});
    }
  }
  if (versions.empty() && !spec->GetString("version").empty()) {
    versions.push_back({std::string(spec->GetString("version")), shared});
  }
  if (versions.empty()) {
    return yaml::ErrorAt(*spec, "CustomResourceDefinition lists no versions");
  }
  kinds_[Key(group, kind)] = std::move(versions);
  return Status::Ok();
}

const yaml::Node* CrdSchemas::SchemaFor(const Gvk& gvk) const {
  auto it = kinds_.find(Key(gvk.group, gvk.kind));
  if (it == kinds_.end()) return nullptr;
  for (const Version& v : it->second)
    if (v.name == gvk.version) return v.schema;
  return nullptr;
}

bool CrdSchemas::HasKind(std::string_view group, std::string_view kind) const {
  return kinds_.count(Key(group, kind)) > 0;
}

std::vector<std::string> CrdSchemas::Versions(std::string_view group,
                                              std::string_view kind) const {
  std::vector<std::string> out;
  auto it = kinds_.find(Key(group, kind));
  if (it != kinds_.end())
    for (const Version& v : it->second) out.push_back(v.name);
  return out;
}

std::vector<SchemaViolation> Validate(const yaml::Node& obj,
                                      const yaml::Node& schema,
                                      const ValidateOptions& options) {
  std::vector<SchemaViolation> out;
  Validator(options, &out).Check(obj, schema, "", true, true);
  return out;
}

}  // namespace ferry::k8s
