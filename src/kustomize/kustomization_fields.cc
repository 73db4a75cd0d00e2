#include "kustomize/kustomization_fields.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

struct Type;

// One JSON field of a Go struct: its name and the type of its value.
struct Field {
  std::string_view name;
  const Type* type;
};

// The shape of a Go type as encoding/json decodes into it: a struct (known
// fields), a list of one type, a map (any keys; decoding twice merges) or
// anything else (decoding twice replaces).
struct Type {
  enum Shape { kOther, kStruct, kList, kMap } shape;
  std::vector<Field> fields;
  const Type* elem = nullptr;
};

const Type kOther{Type::kOther, {}};
const Type kMap{Type::kMap, {}};
const Type kStrings{Type::kList, {}, &kOther};

Type Struct(std::vector<Field> f) { return Type{Type::kStruct, std::move(f)}; }
Type List(const Type* t) { return Type{Type::kList, {}, t}; }

// kustomize v5.5's api/types (and resid's Gvk/ResId, inlined).
const Type kGeneratorOptions = Struct({{"labels", &kMap},
                                       {"annotations", &kMap},
                                       {"disableNameSuffixHash", &kOther},
                                       {"immutable", &kOther}});
const Type kSelector = Struct({{"group", &kOther},
                               {"version", &kOther},
                               {"kind", &kOther},
                               {"name", &kOther},
                               {"namespace", &kOther},
                               {"annotationSelector", &kOther},
                               {"labelSelector", &kOther}});
const Type kSelectors = List(&kSelector);
const Type kPatch = Struct({{"path", &kOther},
                            {"patch", &kOther},
                            {"target", &kSelector},
                            {"options", &kMap}});
const Type kPatches = List(&kPatch);
const Type kImage = Struct({{"name", &kOther},
                            {"newName", &kOther},
                            {"tagSuffix", &kOther},
                            {"newTag", &kOther},
                            {"digest", &kOther}});
const Type kImages = List(&kImage);
const Type kFieldOptions = Struct({{"delimiter", &kOther},
                                   {"index", &kOther},
                                   {"encoding", &kOther},
                                   {"create", &kOther}});
const Type kSourceSelector = Struct({{"group", &kOther},
                                     {"version", &kOther},
                                     {"kind", &kOther},
                                     {"name", &kOther},
                                     {"namespace", &kOther},
                                     {"fieldPath", &kOther},
                                     {"options", &kFieldOptions}});
const Type kTargetSelector = Struct({{"select", &kSelector},
                                     {"reject", &kSelectors},
                                     {"fieldPaths", &kStrings},
                                     {"options", &kFieldOptions}});
const Type kTargetSelectors = List(&kTargetSelector);
const Type kReplacementField = Struct({{"source", &kSourceSelector},
                                       {"targets", &kTargetSelectors},
                                       {"path", &kOther}});
const Type kReplacements = List(&kReplacementField);
const Type kReplica = Struct({{"name", &kOther}, {"count", &kOther}});
const Type kReplicas = List(&kReplica);
const Type kVarTarget = Struct({{"apiVersion", &kOther},
                                {"group", &kOther},
                                {"version", &kOther},
                                {"kind", &kOther},
                                {"name", &kOther},
                                {"namespace", &kOther}});
const Type kFieldSelector = Struct({{"fieldPath", &kOther}});
const Type kVar = Struct({{"name", &kOther},
                          {"objref", &kVarTarget},
                          {"fieldref", &kFieldSelector}});
const Type kVars = List(&kVar);
const Type kLegacySortOptions =
    Struct({{"orderFirst", &kStrings}, {"orderLast", &kStrings}});
const Type kSortOptions =
    Struct({{"order", &kOther}, {"legacySortOptions", &kLegacySortOptions}});
const Type kFieldSpec = Struct({{"group", &kOther},
                                {"version", &kOther},
                                {"kind", &kOther},
                                {"path", &kOther},
                                {"create", &kOther}});
const Type kFieldSpecs = List(&kFieldSpec);
const Type kLabel = Struct({{"pairs", &kMap},
                            {"includeSelectors", &kOther},
                            {"includeTemplates", &kOther},
                            {"fields", &kFieldSpecs}});
const Type kLabels = List(&kLabel);
const Type kGenerator = Struct({{"namespace", &kOther},
                                {"name", &kOther},
                                {"behavior", &kOther},
                                {"literals", &kStrings},
                                {"files", &kStrings},
                                {"envs", &kStrings},
                                {"env", &kOther},
                                {"options", &kGeneratorOptions}});
const Type kGenerators = List(&kGenerator);
const Type kSecretGenerator = Struct({{"namespace", &kOther},
                                      {"name", &kOther},
                                      {"behavior", &kOther},
                                      {"literals", &kStrings},
                                      {"files", &kStrings},
                                      {"envs", &kStrings},
                                      {"env", &kOther},
                                      {"options", &kGeneratorOptions},
                                      {"type", &kOther}});
const Type kSecretGenerators = List(&kSecretGenerator);
const Type kObjectMeta = Struct({{"name", &kOther},
                                 {"namespace", &kOther},
                                 {"labels", &kMap},
                                 {"annotations", &kMap}});
// The helm fields are refused by ferry when set; their insides are not
// checked here.
const Type kKustomization = Struct({{"kind", &kOther},
                                    {"apiVersion", &kOther},
                                    {"metadata", &kObjectMeta},
                                    {"openapi", &kMap},
                                    {"namePrefix", &kOther},
                                    {"nameSuffix", &kOther},
                                    {"namespace", &kOther},
                                    {"commonLabels", &kMap},
                                    {"labels", &kLabels},
                                    {"commonAnnotations", &kMap},
                                    {"patchesStrategicMerge", &kStrings},
                                    {"patchesJson6902", &kPatches},
                                    {"patches", &kPatches},
                                    {"images", &kImages},
                                    {"imageTags", &kImages},
                                    {"replacements", &kReplacements},
                                    {"replicas", &kReplicas},
                                    {"vars", &kVars},
                                    {"sortOptions", &kSortOptions},
                                    {"resources", &kStrings},
                                    {"components", &kStrings},
                                    {"crds", &kStrings},
                                    {"bases", &kStrings},
                                    {"configMapGenerator", &kGenerators},
                                    {"secretGenerator", &kSecretGenerators},
                                    {"helmGlobals", &kOther},
                                    {"helmCharts", &kOther},
                                    {"helmChartInflationGenerator", &kOther},
                                    {"generatorOptions", &kGeneratorOptions},
                                    {"configurations", &kStrings},
                                    {"generators", &kStrings},
                                    {"transformers", &kStrings},
                                    {"validators", &kStrings},
                                    {"buildMetadata", &kStrings}});

bool EqualFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The field a JSON key decodes into: the exact name, else one that is the
// same but for case (encoding/json's rule); nullptr when none.
const Field* FindField(const Type& t, std::string_view key) {
  for (const Field& f : t.fields)
    if (f.name == key) return &f;
  for (const Field& f : t.fields)
    if (EqualFold(f.name, key)) return &f;
  return nullptr;
}

Status Normalize(const Type& t, yaml::Node* n);

// Decodes `from` into `into` a second time: a mapping into a map or struct
// merges (its keys win), anything else replaces.
void DecodeAgain(const Type& t, yaml::Node* into, yaml::Node from) {
  if ((t.shape == Type::kMap || t.shape == Type::kStruct) && into->IsMap() &&
      from.IsMap()) {
    for (yaml::Pair& p : from.pairs()) {
      yaml::Node* old = into->Get(p.key.value());
      if (!old) {
        into->pairs().push_back(std::move(p));
        continue;
      }
      const Field* f =
          t.shape == Type::kStruct ? FindField(t, p.key.value()) : nullptr;
      DecodeAgain(f ? *f->type : kOther, old, std::move(p.value));
    }
    return;
  }
  *into = std::move(from);
}

Status NormalizeStruct(const Type& t, yaml::Node* n) {
  auto& pairs = n->pairs();
  std::vector<const Field*> field_of(pairs.size(), nullptr);
  for (size_t i = 0; i < pairs.size(); ++i) {
    const yaml::Node& key = pairs[i].key;
    field_of[i] = key.IsScalar() ? FindField(t, key.value()) : nullptr;
    if (!field_of[i])
      return yaml::ErrorAt(key, "unknown field \"" + key.value() +
                                    "\" in kustomization");
    FERRY_RETURN_IF_ERROR(Normalize(*field_of[i]->type, &pairs[i].value));
  }
  std::vector<yaml::Pair> out;
  out.reserve(pairs.size());
  std::vector<bool> done(pairs.size(), false);
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (done[i]) continue;
    // Every key folding to this field, in the byte order JSON gives them.
    std::vector<size_t> group;
    for (size_t j = i; j < pairs.size(); ++j)
      if (field_of[j] == field_of[i]) group.push_back(j);
    std::stable_sort(group.begin(), group.end(), [&](size_t a, size_t b) {
      return pairs[a].key.value() < pairs[b].key.value();
    });
    yaml::Pair merged = std::move(pairs[group[0]]);
    for (size_t k = 1; k < group.size(); ++k)
      DecodeAgain(*field_of[i]->type, &merged.value,
                  std::move(pairs[group[k]].value));
    for (size_t j : group) done[j] = true;
    merged.key.set_value(std::string(field_of[i]->name));
    out.push_back(std::move(merged));
  }
  pairs = std::move(out);
  return Status::Ok();
}

Status Normalize(const Type& t, yaml::Node* n) {
  switch (t.shape) {
    case Type::kStruct:
      if (n->IsMap()) return NormalizeStruct(t, n);
      return Status::Ok();
    case Type::kList:
      if (n->IsSeq())
        for (yaml::Node& item : n->items())
          FERRY_RETURN_IF_ERROR(Normalize(*t.elem, &item));
      return Status::Ok();
    case Type::kMap:
    case Type::kOther:
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Status NormalizeKustomizationFields(yaml::Node* doc) {
  return Normalize(kKustomization, doc);
}

}  // namespace ferry::kustomize
