// ImageTagTransformer (kustomization `images:`), after kustomize's
// api/filters/imagetag: every containers/initContainers list anywhere in an
// object (the legacy walk), then the configured image fields.
#include <re2/re2.h>

#include "kustomize/transformers.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Splits "host:port/path/name:tag@digest" as kustomize's image.Split.
void SplitImage(std::string_view image, std::string* name, std::string* tag,
                std::string* digest) {
  size_t slash = image.find('/');
  size_t offset = (slash != std::string_view::npos && slash > 0) ? slash : 0;
  std::string_view search = image.substr(offset);
  size_t at = search.find('@');
  size_t colon = search.find(':');
  tag->clear();
  digest->clear();
  if (at == std::string_view::npos && colon == std::string_view::npos) {
    *name = image;
    return;
  }
  if (at != std::string_view::npos &&
      (colon == std::string_view::npos || at < colon)) {
    *name = image.substr(0, at + offset);
    *digest = image.substr(at + offset + 1);
    return;
  }
  if (at != std::string_view::npos) {
    *name = image.substr(0, colon + offset);
    *tag = image.substr(colon + offset + 1, at - colon - 1);
    *digest = image.substr(at + offset + 1);
    return;
  }
  *name = image.substr(0, colon + offset);
  *tag = image.substr(colon + offset + 1);
}

class ImageUpdater {
 public:
  explicit ImageUpdater(const ImageRule& rule)
      : rule_(rule),
        pattern_("^" + rule.name +
                 "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$") {}

  void Update(yaml::Node* n) const {
    if (!n->IsScalar() || !pattern_.ok() ||
        !RE2::FullMatch(n->value(), pattern_))
      return;
    std::string name, tag, digest;
    SplitImage(n->value(), &name, &tag, &digest);
    if (!rule_.new_name.empty()) name = rule_.new_name;
    if (!rule_.new_tag.empty() && !rule_.digest.empty()) {
      tag = rule_.new_tag;
      digest = rule_.digest;
    } else if (!rule_.new_tag.empty()) {
      tag = rule_.new_tag;
      digest.clear();
    } else if (!rule_.digest.empty()) {
      tag.clear();
      digest = rule_.digest;
    }
    if (!tag.empty()) name += ":" + tag;
    if (!digest.empty()) name += "@" + digest;
    yaml::Mark m = n->mark();
    *n = yaml::Node::Str(name);
    n->set_mark(m);
  }

  // The legacy walk: every containers/initContainers sequence.
  void Walk(yaml::Node* n) const {
    if (n->IsSeq()) {
      for (yaml::Node& i : n->items()) Walk(&i);
      return;
    }
    if (!n->IsMap()) return;
    for (yaml::Pair& p : n->pairs()) {
      const std::string& k = p.key.value();
      if ((k == "containers" || k == "initContainers") && p.value.IsSeq()) {
        for (yaml::Node& c : p.value.items())
          if (yaml::Node* image = c.IsMap() ? c.Get("image") : nullptr)
            Update(image);
      } else {
        Walk(&p.value);
      }
    }
  }

 private:
  const ImageRule& rule_;
  RE2 pattern_;
};

}  // namespace

Status TransformImages(const ImageRule& rule,
                       const std::vector<FieldSpec>& specs, ResMap* m) {
  ImageUpdater updater(rule);
  for (Resource& r : *m) {
    updater.Walk(&r.node);
    for (const FieldSpec& fs : specs) {
      FieldSpec lookup = fs;
      lookup.create = false;
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(&r.node, lookup, [&](yaml::Node* n) {
        updater.Update(n);
        return Status::Ok();
      }));
    }
  }
  return Status::Ok();
}

Status TransformReplicas(std::string_view name, int64_t count,
                         const yaml::Node& where,
                         const std::vector<FieldSpec>& specs, ResMap* m) {
  bool found = false;
  for (const FieldSpec& fs : specs) {
    for (Resource& r : *m) {
      bool match = false;
      k8s::ResId cur = r.CurId();
      if (cur.name == name && cur.gvk.IsSelectedBy(fs.gvk)) match = true;
      for (const k8s::ResId& prev : r.previous_ids)
        if (prev.name == name && prev.gvk.IsSelectedBy(fs.gvk)) match = true;
      if (!match) continue;
      found = true;
      FERRY_RETURN_IF_ERROR(ApplyFieldSpec(
          &r.node, fs,
          [&](yaml::Node* n) {
            *n = yaml::Node::Plain(std::to_string(count));
            return Status::Ok();
          },
          yaml::Kind::kScalar));
    }
  }
  if (!found) {
    std::string gvks;
    for (const FieldSpec& fs : specs)
      gvks += (gvks.empty() ? "" : " ") + fs.gvk.String();
    return yaml::ErrorAt(where, "resource with name " + std::string(name) +
                                    " does not match a config with the "
                                    "following GVK [" + gvks + "]");
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
