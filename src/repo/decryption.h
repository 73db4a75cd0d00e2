// Decryption as kustomize-controller does it: a Flux Kustomization with
// spec.decryption.provider: sops gets its SOPS-encrypted objects and
// secretGenerator sources decrypted after (and during) the build, with the
// keys of the Secret its decryption.secretRef names (or the environment's);
// one without it must not carry encrypted objects, since Flux would send
// the `sops` field to the API server, which refuses it. Decrypted values
// stay in memory.
#ifndef FERRY_REPO_DECRYPTION_H_
#define FERRY_REPO_DECRYPTION_H_

#include <string>
#include <vector>

#include "kustomize/loader.h"
#include "repo/layout.h"
#include "kustomize/resource.h"
#include "sops/keysource.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::repo {

/// The keys a decryption uses. Owns the private GnuPG home that `*.asc`
/// keys are imported into (removed with it), so it moves but does not copy.
class DecryptionKeys {
 public:
  DecryptionKeys() = default;
  DecryptionKeys(DecryptionKeys&& other) noexcept;
  DecryptionKeys& operator=(DecryptionKeys&& other) noexcept;
  DecryptionKeys(const DecryptionKeys&) = delete;
  DecryptionKeys& operator=(const DecryptionKeys&) = delete;
  ~DecryptionKeys();

  /// The local environment's keys, as `ferry secrets decrypt` uses them
  /// (SOPS_AGE_KEY*, ~/.config/sops/age/keys.txt, GCP credentials, gpg).
  static DecryptionKeys FromEnvironment();

  /// The keys of a decryption Secret (a v1 Secret object: `data` in base64
  /// and `stringData`), read as Flux reads them: every `*.agekey` entry
  /// holds age identities, `sops.gcp-kms` a GCP credentials JSON, every
  /// `*.asc` entry a PGP private key (imported into a private GnuPG home).
  /// Like the controller, age keys come only from the Secret, while GCP KMS
  /// falls back to the environment's credentials (workload identity).
  /// Entries for key services ferry does not implement (sops.aws-kms,
  /// sops.azure-kv, sops.vault-token, sops.hcvault...) are listed in
  /// `ignored`. A malformed entry is an error at its line.
  static Status FromSecret(const yaml::Node& secret, DecryptionKeys* out,
                           std::vector<std::string>* ignored);

  const sops::KeySourceOptions& options() const { return options_; }

 private:
  sops::KeySourceOptions options_;
  std::string gnupg_home_;  // created by FromSecret for *.asc keys
};

/// How the Flux Kustomization that builds a folder decrypts.
struct DecryptionScope {
  bool flux = false;           // a Flux Kustomization of the repository builds it
  std::string kustomization;   // its label ("name" or "namespace/name")
  bool provider_sops = false;  // spec.decryption.provider: sops
  std::string secret_ref;      // spec.decryption.secretRef.name, "" if none
};

/// Finds the Flux Kustomization whose spec.path is `dir`, in the repository
/// around `dir` (as LoadRepository finds it). With `name`, only the
/// Kustomization of that name (or namespace/name) counts. Several with
/// different decryption settings is an error asking for `name`; a folder
/// outside any repository, or that no Kustomization builds, gives
/// flux == false.
Status FindDecryptionScope(const std::string& dir, const std::string& name,
                           DecryptionScope* out);

/// True when `scope` decrypts: its Kustomization has provider sops, or no
/// Flux Kustomization builds the folder (an explicit request to decrypt).
inline bool Decrypts(const DecryptionScope& scope) {
  return !scope.flux || scope.provider_sops;
}

/// Decrypts, in place, every built object that carries SOPS metadata when
/// the scope decrypts; otherwise such an object is an error at its `sops`
/// key naming the Kustomization. An object that does not decrypt is an
/// error at its position.
Status DecryptBuilt(const DecryptionScope& scope, const DecryptionKeys& keys,
                    kustomize::ResMap* resources);

/// True when a secretGenerator source file is SOPS-encrypted, read in the
/// format the controller reads it in: its extension's, an env file of no
/// known extension as dotenv, any other file as binary.
bool IsSopsEncryptedSource(const std::string& path, bool env_file,
                           std::string_view content);

/// The secretGenerator source filter of a scope. Where it decrypts, it
/// decrypts SOPS-encrypted sources as kustomize-controller does: each in
/// the format of its extension, an env file of no known extension as
/// dotenv, any other file as binary. Where it does not, an encrypted source
/// is an error (the Secret would hold ciphertext). Sources without SOPS
/// metadata pass unchanged. `scope` and `keys` must outlive the build.
kustomize::SecretSourceFilter SecretSourceDecrypter(
    const DecryptionScope& scope, const DecryptionKeys& keys);

}  // namespace ferry::repo

#endif  // FERRY_REPO_DECRYPTION_H_
