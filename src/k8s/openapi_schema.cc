#include "k8s/openapi_schema.h"

#include "yaml/parse.h"

namespace ferry::k8s {
namespace {

thread_local const CustomSchema *active_schema = nullptr;

constexpr int kMaxDepth = 64;  // $ref chains and nesting (recursive types)

std::vector<std::string> SplitComma(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t comma = s.find(',');
    out.emplace_back(s.substr(0, comma));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

Status CustomSchema::Parse(std::string_view text, std::string_view file,
                           std::shared_ptr<const CustomSchema> *out) {
  auto s = std::shared_ptr<CustomSchema>(new CustomSchema());
  FERRY_RETURN_IF_ERROR(yaml::ParseDocument(text, file, &s->doc_));
  const yaml::Node *defs = s->doc_.IsMap() ? s->doc_.Get("definitions") : nullptr;
  if (defs && !defs->IsMap())
    return yaml::ErrorAt(*defs, "invalid schema file: definitions must be a "
                                "mapping");
  if (defs) {
    for (const yaml::Pair &p : defs->pairs()) {
      const yaml::Node *gvks = p.value.IsMap()
                                   ? p.value.Get("x-kubernetes-group-version-kind")
                                   : nullptr;
      if (!gvks || !gvks->IsSeq()) continue;
      const FieldSchema *root = s->Definition(p.key.value(), 0);
      for (const yaml::Node &g : gvks->items()) {
        if (!g.IsMap()) continue;
        Gvk gvk{std::string(g.GetString("group")),
                std::string(g.GetString("version")),
                std::string(g.GetString("kind"))};
        s->roots_.emplace(gvk.ApiVersion() + " " + gvk.kind, root);
      }
    }
  }
  *out = std::move(s);
  return Status::Ok();
}

const FieldSchema *CustomSchema::Root(const Gvk &gvk) const {
  auto it = roots_.find(gvk.ApiVersion() + " " + gvk.kind);
  return it == roots_.end() ? nullptr : it->second;
}

const FieldSchema *CustomSchema::Definition(const std::string &name,
                                            int depth) {
  auto it = definitions_.find(name);
  if (it != definitions_.end()) return it->second;
  const yaml::Node *def = doc_.GetPath({"definitions", name});
  if (!def) return BuiltinTypeSchema(name);  // the built-in definitions
  // Recursive definitions meet their own (still empty) entry.
  owned_.push_back(std::make_unique<FieldSchema>());
  FieldSchema *placeholder = owned_.back().get();
  definitions_[name] = placeholder;
  const FieldSchema *built = Build(*def, depth + 1);
  if (built) *placeholder = *built;
  return placeholder;
}

const FieldSchema *CustomSchema::Build(const yaml::Node &n, int depth) {
  if (!n.IsMap() || depth > kMaxDepth) return nullptr;
  auto schema = std::make_unique<FieldSchema>();
  if (const yaml::Node *ref = n.Get("$ref")) {
    std::string_view r = ref->value();
    constexpr std::string_view kPrefix = "#/definitions/";
    if (r.starts_with(kPrefix)) {
      if (const FieldSchema *t =
              Definition(std::string(r.substr(kPrefix.size())), depth + 1))
        *schema = *t;
    }
  }
  if (const yaml::Node *props = n.Get("properties"); props && props->IsMap()) {
    for (const yaml::Pair &p : props->pairs()) {
      if (const FieldSchema *f = Build(p.value, depth + 1))
        schema->props_.push_back({p.key.value(), f});
    }
  }
  if (const yaml::Node *items = n.Get("items"))
    schema->elements_ = Build(*items, depth + 1);
  if (const yaml::Node *s = n.Get("x-kubernetes-patch-strategy"))
    schema->strategy_ = s->value();
  if (const yaml::Node *k = n.Get("x-kubernetes-list-map-keys");
      k && k->IsSeq()) {
    schema->keys_.clear();
    for (const yaml::Node &i : k->items()) schema->keys_.push_back(i.value());
  } else if (const yaml::Node *m = n.Get("x-kubernetes-patch-merge-key")) {
    schema->keys_ = SplitComma(m->value());
  }
  // A list always has an element schema, as in the built-in table.
  if (schema->strategy_.find("merge") != std::string::npos &&
      !schema->elements_) {
    owned_.push_back(std::make_unique<FieldSchema>());
    schema->elements_ = owned_.back().get();
  }
  owned_.push_back(std::move(schema));
  return owned_.back().get();
}

const CustomSchema *ActiveCustomSchema() { return active_schema; }

ScopedCustomSchema::ScopedCustomSchema(std::shared_ptr<const CustomSchema> s)
    : schema_(std::move(s)), previous_(active_schema) {
  active_schema = schema_.get();
}

ScopedCustomSchema::~ScopedCustomSchema() { active_schema = previous_; }

}  // namespace ferry::k8s
