#include "kustomize/kustomization.h"

#include <algorithm>

#include "kustomize/kustomization_fields.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Fields ferry reads but whose feature it does not implement: refused with
// a clear error rather than silently ignored.
constexpr std::string_view kUnsupportedFields[] = {
    "helmGlobals", "helmCharts", "helmChartInflationGenerator"};

bool IsUrl(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.starts_with("git@") ||
         s.starts_with("github.com/") || s.starts_with("gitlab.com/") ||
         s.starts_with("bitbucket.org/");
}

}  // namespace

const std::vector<std::string>& KustomizationFileNames() {
  static const std::vector<std::string> kNames = {
      "kustomization.yaml", "kustomization.yml", "Kustomization"};
  return kNames;
}

const yaml::Node* Kustomization::Field(std::string_view name) const {
  const yaml::Node* n = doc.Get(name);
  return n && !n->IsNull() ? n : nullptr;
}

std::string Kustomization::String(std::string_view name) const {
  const yaml::Node* n = Field(name);
  return n && n->IsScalar() ? n->value() : std::string();
}

Status Kustomization::StringList(std::string_view name,
                                 std::vector<std::string>* out) const {
  const yaml::Node* n = Field(name);
  if (!n) return Status::Ok();
  if (!n->IsSeq())
    return yaml::ErrorAt(*n, "field '" + std::string(name) +
                                 "' must be a list of strings");
  for (const yaml::Node& item : n->items()) {
    if (!item.IsScalar())
      return yaml::ErrorAt(item, "field '" + std::string(name) +
                                     "' must be a list of strings");
    out->push_back(item.value());
  }
  return Status::Ok();
}

Status LoadKustomization(const Loader& loader, Kustomization* out,
                         const KustomizationEdit* edit) {
  int found = 0;
  std::string content;
  for (const std::string& name : KustomizationFileNames()) {
    std::string abs = loader.dir() + "/" + name;
    std::string c;
    // Read directly: the kustomization file itself is always in the folder.
    if (loader.ReadFile(name, &c, &abs).ok()) {
      ++found;
      if (found == 1) {
        content = std::move(c);
        out->path = abs;
        out->file_name = name;
      }
    }
  }
  if (found == 0 && edit) {
    out->path = loader.dir() + "/kustomization.yaml";
    out->file_name = "kustomization.yaml";
    out->doc = yaml::Node::Map();
    FERRY_RETURN_IF_ERROR((*edit)(false, &out->doc));
  } else if (found == 0)
    return Status::At(loader.Relative(loader.dir()), 0, 0,
                      "unable to find one of 'kustomization.yaml', "
                      "'kustomization.yml' or 'Kustomization' in directory");
  if (found > 1)
    return Status::At(loader.Relative(loader.dir()), 0, 0,
                      "found multiple kustomization files");
  std::string shown = loader.Relative(out->path);
  if (found > 0) {
    // kustomize reads kustomization files through sigs.k8s.io/yaml: a
    // duplicate key is no error, the last one wins.
    yaml::ParseLimits limits;
    limits.duplicate_keys_last_wins = true;
    FERRY_RETURN_IF_ERROR(
        yaml::ParseDocument(content, shown, &out->doc, limits));
    if (out->doc.IsNull()) out->doc = yaml::Node::Map();
    if (!out->doc.IsMap())
      return yaml::ErrorAt(out->doc, "kustomization must be a mapping");
    // Flux's kustomize-controller edits the file as kustomize decoded it.
    if (edit) {
      FERRY_RETURN_IF_ERROR(NormalizeKustomizationFields(&out->doc));
      FERRY_RETURN_IF_ERROR((*edit)(true, &out->doc));
    }
  }
  yaml::Node& doc = out->doc;

  FERRY_RETURN_IF_ERROR(NormalizeKustomizationFields(&doc));
  for (const yaml::Pair& p : doc.pairs()) {
    const std::string& key = p.key.value();
    if (!p.value.IsNull() &&
        std::find(std::begin(kUnsupportedFields), std::end(kUnsupportedFields),
                  key) != std::end(kUnsupportedFields))
      return yaml::ErrorAt(p.key, "field \"" + key +
                                      "\" is not supported by ferry");
  }

  std::string api_version(doc.GetString("apiVersion"));
  std::string kind(doc.GetString("kind"));
  if (kind.empty()) kind = "Kustomization";
  if (kind != "Kustomization" && kind != "Component")
    return yaml::ErrorAt(*doc.Get("kind"),
                         "kind should be Kustomization or Component, not '" +
                             kind + "'");
  // As kustomize's EnforceFields: a Kustomization is v1beta1, a Component
  // v1alpha1.
  std::string required = kind == "Component"
                             ? "kustomize.config.k8s.io/v1alpha1"
                             : "kustomize.config.k8s.io/v1beta1";
  if (!api_version.empty() && api_version != required)
    return yaml::ErrorAt(
        *doc.Get("apiVersion"),
        "apiVersion for " + kind + " should be " + required + ", not '" +
            api_version + "'" +
            (api_version.starts_with("kustomize.toolkit.fluxcd.io")
                 ? " (that is a Flux Kustomization; it belongs in sync.yaml)"
                 : ""));
  out->is_component = kind == "Component";

  // Legacy spellings.
  if (const yaml::Node* bases = out->Field("bases")) {
    out->warnings.push_back(
        "# Warning: 'bases' is deprecated. Please use 'resources' instead.");
    yaml::Node merged = out->Field("resources") ? *out->Field("resources")
                                                : yaml::Node::Seq();
    if (!bases->IsSeq())
      return yaml::ErrorAt(*bases, "field 'bases' must be a list of strings");
    for (const yaml::Node& b : bases->items()) merged.Append(b);
    doc.Set("resources", std::move(merged));
    doc.Remove("bases");
  }
  if (const yaml::Node* tags = out->Field("imageTags")) {
    yaml::Node merged =
        out->Field("images") ? *out->Field("images") : yaml::Node::Seq();
    if (tags->IsSeq())
      for (const yaml::Node& t : tags->items()) merged.Append(t);
    doc.Set("images", std::move(merged));
    doc.Remove("imageTags");
  }
  for (std::string_view legacy :
       {"commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars"}) {
    if (out->Field(legacy))
      out->warnings.push_back("# Warning: '" + std::string(legacy) +
                              "' is deprecated.");
  }
  // kustomize refuses a kustomization with nothing but its type.
  bool empty = true;
  for (const yaml::Pair& p : doc.pairs())
    if (p.key.value() != "apiVersion" && p.key.value() != "kind" &&
        !p.value.IsNull())
      empty = false;
  if (empty)
    return Status::At(shown, 0, 0, "kustomization.yaml is empty");
  std::vector<std::string> resources;
  FERRY_RETURN_IF_ERROR(out->StringList("resources", &resources));
  if (const yaml::Node* r = out->Field("resources")) {
    for (const yaml::Node& item : r->items())
      if (IsUrl(item.value()))
        return yaml::ErrorAt(item, "remote resource '" + item.value() +
                                       "' is not supported by ferry; vendor "
                                       "it into the repository");
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
