#include "kustomize/fieldspec.h"

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Walks `path` from `obj`, mirroring kustomize's fieldspec filter.
Status Walk(yaml::Node* obj, const std::vector<std::string>& path, size_t i,
            const FieldSpec& spec, yaml::Kind create_kind,
            const std::function<Status(yaml::Node*)>& fn) {
  if (i == path.size()) return fn(obj);
  if (obj->IsNull()) return Status::Ok();
  if (obj->IsSeq()) {
    for (yaml::Node& item : obj->items())
      FERRY_RETURN_IF_ERROR(Walk(&item, path, i, spec, create_kind, fn));
    return Status::Ok();
  }
  if (!obj->IsMap())
    return yaml::ErrorAt(*obj, "considering field '" + spec.path +
                                   "': expected sequence or mapping node");
  std::string_view name = path[i];
  bool is_seq = name.ends_with("[]");
  if (is_seq) name.remove_suffix(2);
  if (name.empty())
    return Status::Error("cannot set or create an empty field name");
  yaml::Node* field = obj->Get(name);
  yaml::Kind kind = yaml::Kind::kNull;
  if (!spec.create || is_seq) {
    if (is_seq) kind = yaml::Kind::kSequence;
  } else if (i + 1 == path.size()) {
    kind = create_kind;
    if (!field) {
      field = &obj->Set(name, create_kind == yaml::Kind::kMapping
                                  ? yaml::Node::Map()
                              : create_kind == yaml::Kind::kSequence
                                  ? yaml::Node::Seq()
                                  : yaml::Node::Plain(""));
    }
  } else {
    kind = yaml::Kind::kMapping;
    if (!field) field = &obj->Set(name, yaml::Node::Map());
  }
  if (!field) return Status::Ok();
  if (field->IsNull() && kind != yaml::Kind::kNull) {
    yaml::Mark m = field->mark();
    *field = kind == yaml::Kind::kMapping    ? yaml::Node::Map()
             : kind == yaml::Kind::kSequence ? yaml::Node::Seq()
                                             : yaml::Node::Plain("");
    field->set_mark(m);
  }
  return Walk(field, path, i + 1, spec, create_kind, fn);
}

}  // namespace

std::vector<std::string> SplitFieldPath(std::string_view path) {
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '\\' && i + 1 < path.size() && path[i + 1] == '/') {
      cur.push_back('/');
      ++i;
    } else if (path[i] == '/') {
      parts.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(path[i]);
    }
  }
  parts.push_back(std::move(cur));
  return parts;
}

Status ApplyFieldSpec(yaml::Node* obj, const FieldSpec& spec,
                      const std::function<Status(yaml::Node*)>& fn,
                      yaml::Kind create_kind) {
  k8s::Gvk gvk = k8s::Gvk::FromNode(*obj);
  if (!spec.gvk.kind.empty() && spec.gvk.kind != gvk.kind) return Status::Ok();
  if (!spec.gvk.group.empty() && spec.gvk.group != gvk.group)
    return Status::Ok();
  if (!spec.gvk.version.empty() && spec.gvk.version != gvk.version)
    return Status::Ok();
  return Walk(obj, SplitFieldPath(spec.path), 0, spec, create_kind, fn);
}

Status ParseFieldSpecs(const yaml::Node& list, std::vector<FieldSpec>* out) {
  if (list.IsNull()) return Status::Ok();
  if (!list.IsSeq()) return yaml::ErrorAt(list, "expected a list of fieldSpecs");
  for (const yaml::Node& item : list.items()) {
    if (!item.IsMap()) return yaml::ErrorAt(item, "expected a fieldSpec mapping");
    FieldSpec fs;
    fs.gvk.group = item.GetString("group");
    fs.gvk.version = item.GetString("version");
    fs.gvk.kind = item.GetString("kind");
    fs.path = item.GetString("path");
    std::string_view create = item.GetString("create");
    fs.create = create == "true" || create == "True" || create == "TRUE";
    out->push_back(std::move(fs));
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
