#include "repo/decryption.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "repo/check_secrets.h"
#include "sops/base64.h"
#include "sops/file.h"
#include "sops/keysource_age.h"
#include "sops/pgp.h"
#include "sops/secure_bytes.h"
#include "sops/session.h"
#include "sops/stores.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace {

// One entry of a Secret: its name, its decoded value and where it is.
struct Entry {
  std::string name;
  std::string value;
  const yaml::Node* node;
};

Status Entries(const yaml::Node& secret, std::vector<Entry>* out) {
  if (!secret.IsMap() || secret.GetString("kind") != "Secret")
    return yaml::ErrorAt(secret, "the decryption keys must be a v1 Secret");
  if (const yaml::Node* data = secret.Get("data"); data && data->IsMap()) {
    for (const yaml::Pair& p : data->pairs()) {
      Entry e{p.key.value(), "", &p.value};
      std::string text = p.value.IsScalar() ? p.value.value() : "";
      std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });
      if (!sops::Base64Decode(text, sops::Base64Padding::kPadded, false,
                              &e.value))
        return yaml::ErrorAt(p.value, "data." + e.name + " is not base64");
      out->push_back(std::move(e));
    }
  }
  if (const yaml::Node* data = secret.Get("stringData"); data && data->IsMap())
    for (const yaml::Pair& p : data->pairs())
      out->push_back(Entry{p.key.value(),
                           p.value.IsScalar() ? p.value.value() : "",
                           &p.value});
  return Status::Ok();
}

}  // namespace

DecryptionKeys::DecryptionKeys(DecryptionKeys&& other) noexcept
    : options_(std::move(other.options_)),
      gnupg_home_(std::move(other.gnupg_home_)) {
  other.gnupg_home_.clear();
}

DecryptionKeys& DecryptionKeys::operator=(DecryptionKeys&& other) noexcept {
  // `other` takes this object's GnuPG home and removes it when it goes.
  std::swap(options_, other.options_);
  std::swap(gnupg_home_, other.gnupg_home_);
  return *this;
}

DecryptionKeys::~DecryptionKeys() {
  // A service account's key.
  sops::WipeString(&options_.gcp_kms.credentials_json);
  if (gnupg_home_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(gnupg_home_, ec);
}

DecryptionKeys DecryptionKeys::FromEnvironment() {
  // The age identities are read once here, not again for every object;
  // when some cannot be read, each decryption reads them and says why.
  DecryptionKeys keys;
  auto ids = std::make_shared<std::vector<sops::AgeIdentity>>();
  std::vector<std::string> errors, unused;
  sops::LoadAgeIdentitiesFromEnvironment(ids.get(), &errors, &unused);
  if (ids->empty() || !errors.empty()) return keys;
  keys.options_.age.identities = std::move(ids);
  keys.options_.age.use_environment = false;
  return keys;
}

Status DecryptionKeys::FromSecret(const yaml::Node& secret,
                                  DecryptionKeys* out,
                                  std::vector<std::string>* ignored) {
  DecryptionKeys keys;
  keys.options_.age.use_environment = false;
  std::vector<Entry> entries;
  FERRY_RETURN_IF_ERROR(Entries(secret, &entries));
  std::vector<std::string_view> age_texts;
  std::vector<std::string> age_names;
  std::string name = std::string(secret.GetPath({"metadata", "name"})
                                     ? secret.GetPath({"metadata", "name"})->value()
                                     : "");
  Status st;
  for (Entry& e : entries) {
    if (e.name.ends_with(".agekey")) {
      age_texts.push_back(e.value);
      age_names.push_back("secret/" + name + "/" + e.name);
    } else if (e.name == "sops.gcp-kms") {
      keys.options_.gcp_kms.credentials_json = e.value;
    } else if (e.name.ends_with(".asc")) {
      if (keys.gnupg_home_.empty()) {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "ferry-gnupg-XXXXXX")
                .string();
        if (!::mkdtemp(tmpl.data()))
          return Status::Error("cannot create a private GnuPG home");
        keys.gnupg_home_ = tmpl;
        keys.options_.pgp.gnupg_home = tmpl;
      }
      sops::SecureBytes gpg_out;
      std::string err;
      int rc = 0;
      st = sops::pgp_internal::RunWithInput(
          {keys.options_.pgp.gpg.empty() ? "gpg" : keys.options_.pgp.gpg,
           "--batch", "--import"},
          keys.gnupg_home_, e.value, &gpg_out, &err, &rc);
      if (st.ok() && rc != 0)
        st = yaml::ErrorAt(*e.node, "gpg could not import " + e.name + ": " + err);
      if (!st.ok()) break;
    } else if (e.name.starts_with("sops.") || e.name.ends_with(".vault-token")) {
      ignored->push_back(e.name);
    }
  }
  if (st.ok() && !age_texts.empty())
    st = sops::ParseAgeIdentities(age_texts, age_names,
                                  &keys.options_.age.identities);
  for (Entry& e : entries) sops::WipeString(&e.value);
  if (!st.ok()) return st;
  *out = std::move(keys);
  return Status::Ok();
}

Status FindDecryptionScope(const std::string& dir, const std::string& name,
                           DecryptionScope* out) {
  *out = DecryptionScope();
  RepoOptions options;
  options.path = dir;
  Repository repo;
  if (!LoadRepository(options, &repo).ok()) return Status::Ok();  // no repo
  // A sync.yaml that cannot be read may hold the Kustomization that builds
  // `dir`: without it, whether Flux decrypts is unknown.
  for (const Diagnostic& d : repo.diagnostics)
    if (d.severity == Severity::kError)
      return Status::At(d.file, d.line, d.col,
                        d.message + " (needed to know whether Flux decrypts " +
                            dir + ")");
  std::error_code ec;
  std::filesystem::path want = std::filesystem::canonical(dir, ec);
  if (ec) return Status::Ok();
  std::vector<DecryptionScope> found;
  for (const FluxKustomization& k : repo.kustomizations) {
    if (!name.empty() && name != k.name && name != k.ns + "/" + k.name)
      continue;
    std::filesystem::path p =
        std::filesystem::canonical(repo.ResolvePath(k.path), ec);
    if (ec || p != want) continue;
    DecryptionScope s;
    s.flux = true;
    s.kustomization = k.Label();
    const yaml::Node* d = k.node->GetPath({"spec", "decryption"});
    s.provider_sops = d && d->GetString("provider") == "sops";
    if (const yaml::Node* ref = d ? d->Get("secretRef") : nullptr)
      s.secret_ref = std::string(ref->GetString("name"));
    found.push_back(std::move(s));
  }
  if (found.empty()) return Status::Ok();
  for (const DecryptionScope& s : found)
    if (s.provider_sops != found[0].provider_sops ||
        s.secret_ref != found[0].secret_ref)
      return Status::Error("Kustomizations '" + found[0].kustomization +
                           "' and '" + s.kustomization + "' both build " +
                           dir +
                           " with different decryption settings; name one "
                           "with --kustomization");
  *out = std::move(found[0]);
  return Status::Ok();
}

Status DecryptBuilt(const DecryptionScope& scope, const DecryptionKeys& keys,
                    kustomize::ResMap* resources) {
  for (kustomize::Resource& r : *resources) {
    if (!IsSopsEncrypted(r.node)) continue;
    if (!Decrypts(scope)) {
      const yaml::Node* at = &r.node;
      for (const yaml::Pair& p : r.node.pairs())
        if (p.key.value() == "sops") at = &p.key;
      return yaml::ErrorAt(
          *at, std::string(r.node.GetString("kind")) + " '" +
                   std::string(r.Name()) +
                   "' carries SOPS metadata but Kustomization '" +
                   scope.kustomization +
                   "' has no spec.decryption.provider: sops; Flux would "
                   "apply it encrypted and the API server would refuse it");
    }
    FERRY_RETURN_IF_ERROR(sops::DecryptObject(&r.node, keys.options()));
  }
  return Status::Ok();
}

namespace {

sops::Store SourceStore(const std::string& path, bool env_file) {
  sops::Store store = sops::StoreForPath(path);
  return env_file && store == sops::Store::kBinary ? sops::Store::kDotenv
                                                   : store;
}

}  // namespace

bool IsSopsEncryptedSource(const std::string& path, bool env_file,
                           std::string_view content) {
  sops::Metadata metadata;
  return sops::ReadMetadata(content, SourceStore(path, env_file), &metadata)
      .ok();
}

kustomize::SecretSourceFilter SecretSourceDecrypter(
    const DecryptionScope& scope, const DecryptionKeys& keys) {
  return [&scope, &keys](const std::string& path, bool env_file,
                         std::string* content) -> Status {
    if (!IsSopsEncryptedSource(path, env_file, *content))
      return Status::Ok();  // not a SOPS file: used as it is
    if (!Decrypts(scope))
      return Status::At(path, 0, 0,
                        "SOPS-encrypted, but Kustomization '" +
                            scope.kustomization +
                            "' has no spec.decryption.provider: sops; the "
                            "generated Secret would hold ciphertext");
    std::string plain;
    FERRY_RETURN_IF_ERROR(
        sops::DecryptText(*content, SourceStore(path, env_file), keys.options(),
                          &plain, path));
    sops::WipeString(content);
    *content = std::move(plain);
    return Status::Ok();
  };
}

}  // namespace ferry::repo
