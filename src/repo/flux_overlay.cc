#include "repo/flux_overlay.h"

#include <algorithm>
#include <filesystem>

#include "yaml/emit.h"

namespace ferry::repo {
namespace {

namespace fs = std::filesystem;

yaml::Node Marked(std::string_view s, const yaml::Mark& m) {
  yaml::Node n = yaml::Node::Str(s);
  n.set_mark(m);
  return n;
}

bool HasKustomizationFile(const fs::path& dir) {
  std::error_code ec;
  for (const std::string& name : kustomize::KustomizationFileNames())
    if (fs::is_regular_file(dir / name, ec)) return true;
  return false;
}

void Scan(const fs::path& base, const fs::path& dir,
          std::vector<std::string>* out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec))
    entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') continue;  // .git, .sourceignore
    std::error_code ec2;
    if (fs::is_directory(p, ec2)) {
      if (HasKustomizationFile(p))
        out->push_back(p.lexically_relative(base).string());
      else
        Scan(base, p, out);
      continue;
    }
    std::string ext = p.extension().string();
    if (ext == ".yaml" || ext == ".yml")
      out->push_back(p.lexically_relative(base).string());
  }
}

yaml::Node& Seq(yaml::Node* doc, std::string_view key) {
  yaml::Node* n = doc->Get(key);
  if (!n || !n->IsSeq()) {
    doc->Set(key, yaml::Node::Seq());
    n = doc->Get(key);
  }
  return *n;
}

yaml::Node Selector(const PatchSelector& t, const yaml::Mark& m) {
  yaml::Node sel = yaml::Node::Map();
  auto put = [&](std::string_view k, const std::string& v) {
    if (!v.empty()) sel.Set(k, Marked(v, m));
  };
  put("group", t.group);
  put("version", t.version);
  put("kind", t.kind);
  put("name", t.name);
  put("namespace", t.namespace_);
  put("labelSelector", t.label_selector);
  put("annotationSelector", t.annotation_selector);
  return sel;
}

Status Apply(const KustomizationSpec& spec, const std::string& dir,
             yaml::Node* doc) {
  if (!spec.target_namespace.empty())
    doc->Set("namespace", yaml::Node::Str(spec.target_namespace));
  if (!spec.name_prefix.empty())
    doc->Set("namePrefix", yaml::Node::Str(spec.name_prefix));
  if (!spec.name_suffix.empty())
    doc->Set("nameSuffix", yaml::Node::Str(spec.name_suffix));
  if (!spec.patches.empty()) {
    yaml::Node& patches = Seq(doc, "patches");
    for (const KustomizationPatch& p : spec.patches) {
      yaml::Node e = yaml::Node::Map();
      e.Set("patch", Marked(p.patch, p.mark));
      if (p.target) e.Set("target", Selector(*p.target, p.mark));
      e.set_mark(p.mark);
      patches.Append(std::move(e));
    }
  }
  if (!spec.patches_strategic_merge.empty()) {
    // Inline strategic-merge patches go to `patches`, as kustomize reads them.
    yaml::Node& patches = Seq(doc, "patches");
    for (const yaml::Node& p : spec.patches_strategic_merge) {
      yaml::Node e = yaml::Node::Map();
      std::string text;
      yaml::EmitKustomizeDocument(p, &text);
      e.Set("patch", Marked(text, p.mark()));
      patches.Append(std::move(e));
    }
  }
  if (!spec.patches_json6902.empty()) {
    yaml::Node& patches = Seq(doc, "patches");
    for (const JSON6902PatchEntry& p : spec.patches_json6902) {
      yaml::Node e = yaml::Node::Map();
      std::string text;
      yaml::EmitJson(p.patch, &text);
      e.Set("patch", Marked(text, p.mark));
      e.Set("target", Selector(p.target, p.mark));
      patches.Append(std::move(e));
    }
  }
  if (!spec.images.empty()) {
    yaml::Node& images = Seq(doc, "images");
    for (const ImageOverride& i : spec.images) {
      yaml::Node e = yaml::Node::Map();
      e.Set("name", Marked(i.name, i.mark));
      if (!i.new_name.empty()) e.Set("newName", Marked(i.new_name, i.mark));
      if (!i.new_tag.empty()) e.Set("newTag", Marked(i.new_tag, i.mark));
      if (!i.digest.empty()) e.Set("digest", Marked(i.digest, i.mark));
      auto same = std::find_if(images.items().begin(), images.items().end(),
                               [&](const yaml::Node& x) {
                                 return x.IsMap() && x.GetString("name") == i.name;
                               });
      if (same != images.items().end())
        *same = std::move(e);
      else
        images.Append(std::move(e));
    }
  }
  if (!spec.components.empty()) {
    yaml::Node& comps = Seq(doc, "components");
    for (const std::string& c : spec.components) {
      std::error_code ec;
      if (spec.ignore_missing_components.value_or(false) &&
          !fs::exists(fs::path(dir) / c, ec))
        continue;
      comps.Append(yaml::Node::Str(c));
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> GeneratedResources(const std::string& dir) {
  std::vector<std::string> out;
  Scan(fs::path(dir), fs::path(dir), &out);
  return out;
}

kustomize::KustomizationEdit FluxOverlay(const KustomizationSpec& spec,
                                         std::string dir) {
  return [&spec, dir = std::move(dir)](bool found, yaml::Node* doc) {
    if (!found) {
      doc->Set("apiVersion", yaml::Node::Str("kustomize.config.k8s.io/v1beta1"));
      doc->Set("kind", yaml::Node::Str("Kustomization"));
      yaml::Node res = yaml::Node::Seq();
      for (const std::string& r : GeneratedResources(dir))
        res.Append(yaml::Node::Str(r));
      doc->Set("resources", std::move(res));
    }
    return Apply(spec, dir, doc);
  };
}

void SetCommonMetadata(const KustomizationSpec& spec,
                       std::vector<yaml::Node>* objects) {
  if (!spec.common_labels && !spec.common_annotations) return;
  for (yaml::Node& obj : *objects) {
    yaml::Node& md = obj.GetOrAddMap("metadata");
    if (spec.common_labels && !spec.common_labels->empty()) {
      yaml::Node& labels = md.GetOrAddMap("labels");
      for (const auto& [k, v] : *spec.common_labels)
        labels.Set(k, yaml::Node::Str(v));
    }
    if (spec.common_annotations && !spec.common_annotations->empty()) {
      yaml::Node& ann = md.GetOrAddMap("annotations");
      for (const auto& [k, v] : *spec.common_annotations)
        ann.Set(k, yaml::Node::Str(v));
    }
  }
}

}  // namespace ferry::repo
