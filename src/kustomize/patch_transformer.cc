#include "kustomize/patch_transformer.h"

#include "kustomize/build.h"
#include "kustomize/json_patch.h"
#include "kustomize/selector.h"
#include "kustomize/strategic_merge.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// kustomize's id form in patch error messages: "Kind.version.group/name.ns".
std::string PatchIdString(const k8s::ResId& id) {
  std::string s = id.gvk.kind.empty() ? "~K" : id.gvk.kind;
  s += "." + (id.gvk.version.empty() ? std::string("[noVer]") : id.gvk.version);
  s += "." + (id.gvk.group.empty() ? std::string("[noGrp]") : id.gvk.group);
  s += "/" + id.name + "." + (id.ns.empty() ? std::string("[noNs]") : id.ns);
  return s;
}

// Loads patch text from `path` or inline `patch` of an entry.
Status LoadPatchText(const yaml::Node& entry, const Loader& loader,
                     std::string* text, std::string* file) {
  const yaml::Node* path = entry.Get("path");
  const yaml::Node* patch = entry.Get("patch");
  bool has_path = path && !path->value().empty();
  // kustomize trims the inline patch first.
  bool has_patch = patch && patch->value().find_first_not_of(" \t\r\n") !=
                                std::string::npos;
  if (has_path && has_patch)
    return yaml::ErrorAt(entry, "patch and path can't be set at the same time");
  if (!has_path && !has_patch)
    return yaml::ErrorAt(entry, "must specify one of patch and path");
  if (has_path) {
    std::string abs;
    Status st = loader.ReadFile(path->value(), text, &abs);
    if (!st.ok()) return yaml::ErrorAt(*path, st.message());
    *file = loader.Relative(abs);
  } else {
    *text = patch->value();
    *file = std::string(patch->mark().File()) + ":" +
            std::to_string(patch->mark().line) + " (inline patch)";
  }
  return Status::Ok();
}

// Applies a strategic-merge patch to one resource as kustomize's
// Resource.ApplySmPatch: name, kind and namespace are kept unless allowed.
Status ApplySmPatchTo(Resource* r, const yaml::Node& patch, bool allow_name,
                      bool allow_kind) {
  std::string name(r->Name()), ns(r->Namespace());
  std::string kind(r->node.GetString("kind"));
  if (allow_name || allow_kind) r->StorePreviousId();
  yaml::Node p = patch;
  // The patch takes the target's apiVersion (kustomize sets its gvk).
  if (const yaml::Node* av = r->node.Get("apiVersion"); av && p.IsMap())
    p.Set("apiVersion", *av);
  FERRY_RETURN_IF_ERROR(
      StrategicMerge(&r->node, p, k8s::Gvk::FromNode(r->node)));
  if (r->node.IsNull() || (r->node.IsMap() && r->node.pairs().empty()))
    return Status::Ok();
  if (!allow_kind && !kind.empty()) r->node.Set("kind", yaml::Node::Str(kind));
  if (!allow_name) r->SetName(name);
  if (!ns.empty()) {
    r->SetNamespace(ns);
  } else if (yaml::Node* meta = r->node.Get("metadata")) {
    meta->Remove("namespace");
  }
  return Status::Ok();
}

void RemoveDeleted(ResMap* m) {
  ResMap kept;
  kept.reserve(m->size());
  for (Resource& r : *m)
    if (!r.node.IsNull() && !(r.node.IsMap() && r.node.pairs().empty()))
      kept.push_back(std::move(r));
  *m = std::move(kept);
}

// Applies strategic-merge patches without a target: each finds its object by
// id (current or any previous one), which must be unique.
Status ApplyByOwnId(const std::vector<yaml::Node>& patches, bool allow_name,
                    bool allow_kind, ResMap* m) {
  for (const yaml::Node& patch : patches) {
    k8s::ResId id = k8s::ResId::FromNode(patch);
    std::vector<size_t> hits;
    for (size_t i = 0; i < m->size(); ++i) {
      const Resource& r = (*m)[i];
      bool match = r.CurId().Equals(id);
      for (const k8s::ResId& prev : r.previous_ids) match |= prev.Equals(id);
      if (match) hits.push_back(i);
    }
    if (hits.size() != 1) {
      std::string ids = PatchIdString(id);
      return yaml::ErrorAt(
          patch, std::string(hits.empty() ? "no resource matches"
                                          : "multiple resources match") +
                     " strategic merge patch \"" + ids + "\"");
    }
    FERRY_RETURN_IF_ERROR(
        ApplySmPatchTo(&(*m)[hits[0]], patch, allow_name, allow_kind));
  }
  RemoveDeleted(m);
  return Status::Ok();
}

// Parses patch text once. The first non-empty document decides its kind: a
// sequence is a JSON 6902 patch (*is_json; `patches` is left empty, the ops
// are read by ParseJsonPatch), mappings are strategic-merge patches.
Status ParsePatchText(std::string_view text, std::string_view file,
                      std::vector<yaml::Node>* patches, bool* is_json) {
  std::vector<yaml::Node> docs;
  FERRY_RETURN_IF_ERROR(yaml::ParseDocuments(text, file, &docs));
  *is_json = false;
  for (const yaml::Node& d : docs) {
    if (d.IsNull()) continue;
    *is_json = d.IsSeq();
    break;
  }
  if (*is_json) return Status::Ok();
  for (yaml::Node& d : docs) {
    if (d.IsNull()) continue;
    if (!d.IsMap())
      return yaml::ErrorAt(d, "a strategic merge patch must be a mapping");
    FERRY_RETURN_IF_ERROR(yaml::CheckScalarKeys(d));
    yaml::ExpandMergeKeys(&d);
    patches->push_back(std::move(d));
  }
  return Status::Ok();
}

Status ApplyJson6902To(const std::vector<size_t>& targets,
                       const std::vector<JsonPatchOp>& ops, ResMap* m) {
  for (size_t i : targets) {
    Resource& r = (*m)[i];
    r.StorePreviousId();
    FERRY_RETURN_IF_ERROR(ApplyJsonPatch(&r.node, ops));
  }
  return Status::Ok();
}

// Records a target that selected nothing.
void NoteIfEmpty(const std::vector<size_t>& selected, const yaml::Node& target,
                 std::vector<BuildNote>* notes) {
  if (!selected.empty() || !notes) return;
  std::string what;
  for (std::string_view f : {"group", "version", "kind", "name", "namespace",
                             "labelSelector", "annotationSelector"}) {
    std::string_view v = target.GetString(f);
    if (!v.empty())
      what += (what.empty() ? "" : ", ") + std::string(f) + "=" + std::string(v);
  }
  notes->push_back(BuildNote{target.mark(),
                             "patch target (" + what + ") matches no resource",
                             "patch-no-target"});
}

// Parses a JSON 6902 patch and applies it to what `target` selects.
Status ApplyJson6902Text(std::string_view text, std::string_view file,
                         const yaml::Node& target, ResMap* m,
                         std::vector<BuildNote>* notes) {
  std::vector<JsonPatchOp> ops;
  FERRY_RETURN_IF_ERROR(ParseJsonPatch(text, file, &ops));
  Selector sel;
  FERRY_RETURN_IF_ERROR(Selector::Parse(target, &sel));
  std::vector<size_t> selected = sel.Select(*m);
  NoteIfEmpty(selected, target, notes);
  return ApplyJson6902To(selected, ops, m);
}

bool OptionSet(const yaml::Node& entry, std::string_view name) {
  const yaml::Node* o = entry.GetPath({"options"});
  if (!o || !o->IsMap()) return false;
  std::string_view v = o->GetString(name);
  return v == "true" || v == "True" || v == "TRUE";
}

}  // namespace

Status ApplyPatchEntry(const yaml::Node& entry, const Loader& loader,
                       ResMap* m, std::vector<BuildNote>* notes) {
  if (!entry.IsMap()) return yaml::ErrorAt(entry, "a patch must be a mapping");
  std::string text, file;
  FERRY_RETURN_IF_ERROR(LoadPatchText(entry, loader, &text, &file));
  const yaml::Node* target = entry.Get("target");
  if (target && target->IsNull()) target = nullptr;
  bool allow_name = OptionSet(entry, "allowNameChange");
  bool allow_kind = OptionSet(entry, "allowKindChange");

  std::vector<yaml::Node> patches;
  bool is_json = false;
  FERRY_RETURN_IF_ERROR(ParsePatchText(text, file, &patches, &is_json));
  if (is_json) {
    if (!target)
      return yaml::ErrorAt(entry, "must specify a target for JSON patch");
    return ApplyJson6902Text(text, file, *target, m, notes);
  }
  if (patches.empty()) {
    // No document: kustomize reads the text as strategic merge (no patch)
    // and, unless it is empty, as a JSON patch (YAML null: no operation)
    // too, which it refuses; an empty text is a JSON patch of nothing,
    // which needs a target.
    if (!text.empty())
      return yaml::ErrorAt(entry,
                           "illegally qualifies as both an SM and JSON patch: " +
                               file);
    if (!target)
      return yaml::ErrorAt(entry, "must specify a target for JSON patch");
    return Status::Ok();
  }
  if (!target) return ApplyByOwnId(patches, allow_name, allow_kind, m);
  if (patches.size() > 1)
    return yaml::ErrorAt(*target, "Multiple Strategic-Merge Patches in one "
                                  "`patches` entry is not allowed to set "
                                  "`patches.target` field: " + file);
  Selector sel;
  FERRY_RETURN_IF_ERROR(Selector::Parse(*target, &sel));
  std::vector<size_t> selected = sel.Select(*m);
  NoteIfEmpty(selected, *target, notes);
  for (const yaml::Node& patch : patches) {
    for (size_t i : selected)
      FERRY_RETURN_IF_ERROR(
          ApplySmPatchTo(&(*m)[i], patch, allow_name, allow_kind));
  }
  RemoveDeleted(m);
  return Status::Ok();
}

Status ApplyLegacyStrategicMerge(const yaml::Node& entry, const Loader& loader,
                                 ResMap* m, size_t* loaded) {
  if (!entry.IsScalar())
    return yaml::ErrorAt(entry, "patchesStrategicMerge entries are paths or "
                                "inline patches");
  std::string text, file;
  const std::string& v = entry.value();
  // A path names a file; anything else is an inline patch.
  bool inline_patch = v.find('\n') != std::string::npos ||
                      v.find(": ") != std::string::npos;
  if (!inline_patch) {
    std::string abs;
    Status st = loader.ReadFile(v, &text, &abs);
    if (!st.ok()) return yaml::ErrorAt(entry, st.message());
    file = loader.Relative(abs);
  } else {
    text = v;
    file = std::string(entry.mark().File()) + ":" +
           std::to_string(entry.mark().line) + " (inline patch)";
  }
  std::vector<yaml::Node> patches;
  bool is_json = false;
  FERRY_RETURN_IF_ERROR(ParsePatchText(text, file, &patches, &is_json));
  if (is_json)
    return yaml::ErrorAt(entry, "a strategic merge patch must be a mapping");
  if (loaded) *loaded += patches.size();
  return ApplyByOwnId(patches, false, false, m);
}

Status ApplyLegacyJson6902(const yaml::Node& entry, const Loader& loader,
                           ResMap* m, std::vector<BuildNote>* notes) {
  if (!entry.IsMap())
    return yaml::ErrorAt(entry, "a patchesJson6902 entry must be a mapping");
  const yaml::Node* target = entry.Get("target");
  if (!target || target->IsNull())
    return yaml::ErrorAt(entry, "must specify a target for JSON patch");
  std::string text, file;
  FERRY_RETURN_IF_ERROR(LoadPatchText(entry, loader, &text, &file));
  return ApplyJson6902Text(text, file, *target, m, notes);
}

}  // namespace ferry::kustomize
