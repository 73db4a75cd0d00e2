#include "engine/build_objects.h"

#include <map>

#include "engine/apply_policy.h"
#include "engine/normalize.h"
#include "kube/errors.h"
#include "repo/decryption.h"
#include "repo/flux_build.h"
#include "repo/flux_overlay.h"
#include "repo/substitute.h"

namespace ferry::engine {
namespace {

Status ReadObject(const kube::Client& client, std::string_view kind,
                  const std::string& ns, const std::string& name,
                  yaml::Node* out) {
  k8s::ResId id;
  id.gvk = {"", "v1", std::string(kind)};
  id.ns = ns;
  id.name = name;
  return client.Get(id, out);
}

Status Keys(const kube::Client& client, const repo::Kustomization& ks,
            repo::DecryptionKeys* keys) {
  const repo::Decryption& d = *ks.spec.decryption;
  if (!d.secret_ref) {
    *keys = repo::DecryptionKeys();  // GCP KMS from workload identity only
    return Status::Ok();
  }
  yaml::Node secret;
  Status st = ReadObject(client, "Secret", KustomizationNamespace(ks), d.secret_ref->name, &secret);
  if (!st.ok())
    return Status::Error("cannot get decryption Secret '" + KustomizationNamespace(ks) + "/" +
                         d.secret_ref->name + "': " + st.message());
  std::vector<std::string> ignored;
  return repo::DecryptionKeys::FromSecret(secret, keys, &ignored);
}

}  // namespace

std::string KustomizationNamespace(const repo::Kustomization& ks) {
  return ks.meta.namespace_.empty() ? "flux-system" : ks.meta.namespace_;
}

Status BuildObjects(const kube::Client& client, const repo::Kustomization& ks,
                    const std::string& dir, std::vector<yaml::Node>* objects,
                    BuildStep* failed_step) {
  *failed_step = BuildStep::kDecrypt;
  repo::DecryptionScope scope;
  scope.flux = true;
  scope.kustomization = KustomizationNamespace(ks) + "/" + ks.meta.name;
  scope.provider_sops = ks.spec.decryption && ks.spec.decryption->provider == "sops";
  repo::DecryptionKeys keys;
  if (scope.provider_sops) {
    if (ks.spec.decryption->secret_ref)
      scope.secret_ref = ks.spec.decryption->secret_ref->name;
    FERRY_RETURN_IF_ERROR(Keys(client, ks, &keys));
  }
  *failed_step = BuildStep::kBuild;
  kustomize::BuildOptions bo;
  bo.load_restrictor = kustomize::LoadRestrictor::kNone;  // as Flux builds
  bo.secret_source_filter = repo::SecretSourceDecrypter(scope, keys);
  kustomize::BuildResult built;
  FERRY_RETURN_IF_ERROR(repo::FluxBuild(dir, ks.spec, bo, &built));
  *failed_step = BuildStep::kDecrypt;
  FERRY_RETURN_IF_ERROR(repo::DecryptBuilt(scope, keys, &built.resources));

  objects->clear();
  for (kustomize::Resource& r : built.resources) objects->push_back(std::move(r.node));

  if (ks.spec.post_build) {
    *failed_step = BuildStep::kSubstitute;
    std::map<std::string, yaml::Node, std::less<>> fetched;
    std::string fetch_error;
    auto lookup = [&](std::string_view kind, std::string_view name) -> const yaml::Node* {
      std::string key = std::string(kind) + "/" + std::string(name);
      auto it = fetched.find(key);
      if (it == fetched.end()) {
        yaml::Node obj;
        Status st = ReadObject(client, kind, KustomizationNamespace(ks), std::string(name), &obj);
        if (!st.ok()) {
          if (!kube::IsNotFound(st) && fetch_error.empty()) fetch_error = st.message();
          return nullptr;
        }
        it = fetched.emplace(key, std::move(obj)).first;
      }
      return &it->second;
    };
    repo::Variables vars;
    std::vector<const repo::SubstituteReference*> unresolved;
    FERRY_RETURN_IF_ERROR(
        repo::CollectVariables(*ks.spec.post_build, lookup, &vars, &unresolved));
    if (!fetch_error.empty()) return Status::Error("substitute: " + fetch_error);
    if (!unresolved.empty()) {
      const repo::SubstituteReference& r = *unresolved.front();
      return Status::Error("substitute from '" + r.kind + "/" + r.name +
                           "' error: " + r.kind + " '" + KustomizationNamespace(ks) + "/" +
                           r.name + "' not found");
    }
    for (yaml::Node& obj : *objects)
      FERRY_RETURN_IF_ERROR(repo::Substitute(&obj, vars, /*strict=*/false));
  }
  *failed_step = BuildStep::kNone;
  repo::SetCommonMetadata(ks.spec, objects);
  for (yaml::Node& obj : *objects) {
    SetOwnerLabels(&obj, ks.meta.name, KustomizationNamespace(ks));
    NormalizeForApply(&obj);
  }
  return Status::Ok();
}

}  // namespace ferry::engine
