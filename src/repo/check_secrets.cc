#include "repo/check_secrets.h"

namespace ferry::repo {
namespace {

bool IsEncryptedValue(const yaml::Node& v) {
  return v.IsScalar() && v.value().starts_with("ENC[") &&
         v.value().ends_with("]");
}

// The first data/stringData value that is not encrypted, or nullptr.
const yaml::Node* FirstPlainValue(const yaml::Node& secret) {
  for (std::string_view field : {"data", "stringData"}) {
    const yaml::Node* m = secret.Get(field);
    if (!m || !m->IsMap()) continue;
    for (const yaml::Pair& p : m->pairs()) {
      if (p.value.IsNull() || (p.value.IsScalar() && p.value.value().empty()))
        continue;  // sops leaves empty values as they are
      if (!IsEncryptedValue(p.value)) return &p.value;
    }
  }
  return nullptr;
}

}  // namespace

bool IsSopsEncrypted(const yaml::Node& obj) {
  const yaml::Node* sops = obj.IsMap() ? obj.Get("sops") : nullptr;
  return sops && sops->IsMap() && sops->Get("mac") != nullptr;
}

void CheckSecrets(const kustomize::ResMap& built,
                  const std::string& kustomization, bool decrypts,
                  std::vector<Diagnostic>* out) {
  for (const kustomize::Resource& r : built) {
    if (r.node.GetString("kind") != "Secret") continue;
    std::string name(r.Name());
    bool encrypted = IsSopsEncrypted(r.node);
    if (encrypted && !decrypts) {
      const yaml::Node* sops_key = &r.node;
      for (const yaml::Pair& p : r.node.pairs())
        if (p.key.value() == "sops") sops_key = &p.key;
      out->push_back(Diagnostic::At(
          *sops_key, Severity::kError,
          "Secret '" + name + "' is SOPS-encrypted but Kustomization '" +
              kustomization +
              "' has no spec.decryption.provider: sops; Flux would apply it "
              "still encrypted",
          "secret-not-decrypted"));
      continue;
    }
    if (encrypted) continue;
    if (const yaml::Node* plain = FirstPlainValue(r.node)) {
      out->push_back(Diagnostic::At(
          *plain, Severity::kError,
          "Secret '" + name +
              "' holds plain-text data in git; encrypt it with `ferry secrets "
              "encrypt` (or sops)",
          "secret-plaintext"));
    }
  }
}

}  // namespace ferry::repo
