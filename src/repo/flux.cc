#include "repo/flux.h"

#include <string>
#include <string_view>

#include "repo/flux_fields.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace {

constexpr std::string_view kKustomizeGroup = "kustomize.toolkit.fluxcd.io";
constexpr std::string_view kSourceGroup = "source.toolkit.fluxcd.io";
constexpr std::string_view kImageGroup = "image.toolkit.fluxcd.io";
constexpr std::string_view kNotificationGroup =
    "notification.toolkit.fluxcd.io";

/// A kind ferry models: its group, current version and the older versions
/// it still reads.
struct KnownKind {
  std::string_view group;
  std::string_view kind;
  std::string_view current;
  std::initializer_list<std::string_view> deprecated;
};

const KnownKind kKnownKinds[] = {
    {kKustomizeGroup, "Kustomization", "v1", {"v1beta1", "v1beta2"}},
    {kSourceGroup, "GitRepository", "v1", {"v1beta1", "v1beta2"}},
    {kSourceGroup, "OCIRepository", "v1", {"v1beta2"}},
    {kSourceGroup, "HelmRepository", "v1", {"v1beta1", "v1beta2"}},
    {kImageGroup, "ImageRepository", "v1", {"v1beta1", "v1beta2"}},
    {kImageGroup, "ImagePolicy", "v1", {"v1beta1", "v1beta2"}},
    {kImageGroup, "ImageUpdateAutomation", "v1", {"v1beta1", "v1beta2"}},
    {kNotificationGroup, "Provider", "v1beta3", {"v1beta1", "v1beta2"}},
    {kNotificationGroup, "Alert", "v1beta3", {"v1beta1", "v1beta2"}},
    {kNotificationGroup, "Receiver", "v1", {"v1beta1", "v1beta2"}},
};

const KnownKind* FindKind(std::string_view group, std::string_view kind) {
  for (const KnownKind& k : kKnownKinds) {
    if (k.group == group && k.kind == kind) return &k;
  }
  return nullptr;
}

// Reads apiVersion, kind and metadata; false when the document is not an
// object at all.
bool ReadMeta(const yaml::Node& doc, bool name_required, ObjectMeta* meta,
              std::vector<Diagnostic>* diags) {
  FieldReader top(&doc, &doc, "", diags);
  meta->mark = doc.mark();
  bool ok = top.String("apiVersion", &meta->api_version, /*required=*/true);
  ok = top.String("kind", &meta->kind, /*required=*/true) && ok;
  FieldReader md = top.Object("metadata", name_required);
  md.String("name", &meta->name, name_required && md.present());
  md.String("namespace", &meta->namespace_);
  md.Map("labels", &meta->labels);
  md.Map("annotations", &meta->annotations);
  return ok;
}

template <typename T, typename ReadSpec>
void ReadTyped(const yaml::Node& doc, ObjectMeta meta, std::string_view version,
               ReadSpec read_spec, std::vector<T>* out,
               std::vector<Diagnostic>* diags) {
  T obj;
  obj.meta = std::move(meta);
  FieldReader top(&obj.meta.node, &obj.meta.node, "", diags);
  FieldReader spec = top.Object("spec", /*required=*/true);
  read_spec(spec, version, &obj.spec);
  out->push_back(std::move(obj));
}

template <typename T>
const T* FindByName(const std::vector<T>& v, std::string_view name,
                    std::string_view ns) {
  for (const T& o : v) {
    if (o.meta.name == name && (ns.empty() || o.meta.namespace_ == ns)) {
      return &o;
    }
  }
  return nullptr;
}

}  // namespace

const Kustomization* FluxObjects::FindKustomization(std::string_view name,
                                                    std::string_view ns) const {
  return FindByName(kustomizations, name, ns);
}

const GitRepository* FluxObjects::FindGitRepository(std::string_view name,
                                                    std::string_view ns) const {
  return FindByName(git_repositories, name, ns);
}

void ReadFluxObjects(const std::vector<yaml::Node>& docs, FluxObjects* out,
                     std::vector<Diagnostic>* diags) {
  for (const yaml::Node& doc : docs) {
    if (doc.IsNull()) continue;
    if (!doc.IsMap()) {
      diags->push_back(Diagnostic::At(
          doc, Severity::kError,
          "expected a Kubernetes object (a mapping), got " + DescribeValue(doc),
          kRuleObject));
      continue;
    }
    ObjectMeta meta;
    meta.node = doc;
    // Peek at the type to know whether a name is required.
    std::string_view api_version = doc.GetString("apiVersion");
    std::string_view group, version = api_version;
    if (size_t slash = api_version.find('/'); slash != std::string_view::npos) {
      group = api_version.substr(0, slash);
      version = api_version.substr(slash + 1);
    }
    const KnownKind* known = FindKind(group, doc.GetString("kind"));
    if (!ReadMeta(doc, known != nullptr, &meta, diags)) {
      out->others.push_back(UnknownObject{std::move(meta)});
      continue;
    }
    if (!known) {
      out->others.push_back(UnknownObject{std::move(meta)});
      continue;
    }
    bool deprecated = false;
    for (std::string_view d : known->deprecated) deprecated |= d == version;
    if (version != known->current && !deprecated) {
      diags->push_back(Diagnostic::At(
          *doc.Get("apiVersion"), Severity::kWarning,
          std::string(api_version) + " is not a known version of " +
              std::string(known->kind) + " (ferry reads " + std::string(group) +
              "/" + std::string(known->current) +
              "); the object is not checked",
          kRuleDeprecatedApi));
      out->others.push_back(UnknownObject{std::move(meta)});
      continue;
    }
    if (deprecated) {
      diags->push_back(Diagnostic::At(
          *doc.Get("apiVersion"), Severity::kWarning,
          std::string(api_version) + " " + std::string(known->kind) +
              " is deprecated; use " + std::string(group) + "/" +
              std::string(known->current),
          kRuleDeprecatedApi));
    }
    std::string_view kind = known->kind;
    if (kind == "Kustomization") {
      ReadTyped(doc, std::move(meta), version, ReadKustomizationSpec,
                &out->kustomizations, diags);
    } else if (kind == "GitRepository") {
      ReadTyped(doc, std::move(meta), version, ReadGitRepositorySpec,
                &out->git_repositories, diags);
    } else if (kind == "OCIRepository") {
      ReadTyped(doc, std::move(meta), version, ReadOCIRepositorySpec,
                &out->oci_repositories, diags);
    } else if (kind == "HelmRepository") {
      ReadTyped(doc, std::move(meta), version, ReadHelmRepositorySpec,
                &out->helm_repositories, diags);
    } else if (kind == "ImageRepository") {
      ReadTyped(doc, std::move(meta), version, ReadImageRepositorySpec,
                &out->image_repositories, diags);
    } else if (kind == "ImagePolicy") {
      ReadTyped(doc, std::move(meta), version, ReadImagePolicySpec,
                &out->image_policies, diags);
    } else if (kind == "ImageUpdateAutomation") {
      ReadTyped(doc, std::move(meta), version, ReadImageUpdateAutomationSpec,
                &out->image_update_automations, diags);
    } else if (kind == "Provider") {
      ReadTyped(doc, std::move(meta), version, ReadNotificationProviderSpec,
                &out->providers, diags);
    } else if (kind == "Alert") {
      ReadTyped(doc, std::move(meta), version, ReadAlertSpec, &out->alerts,
                diags);
    } else if (kind == "Receiver") {
      ReadTyped(doc, std::move(meta), version, ReadReceiverSpec,
                &out->receivers, diags);
    }
  }
}

Status ParseFluxObjects(const std::vector<yaml::Node>& docs, FluxObjects* out,
                        std::vector<Diagnostic>* warnings) {
  std::vector<Diagnostic> diags;
  ReadFluxObjects(docs, out, &diags);
  std::string errors;
  for (Diagnostic& d : diags) {
    if (d.severity == Severity::kWarning) {
      if (warnings) warnings->push_back(std::move(d));
      continue;
    }
    if (!errors.empty()) errors += "\n";
    errors += Status::At(d.file, d.line, d.col, d.message).message();
  }
  if (!errors.empty()) return Status::Error(errors);
  return Status::Ok();
}

}  // namespace ferry::repo
