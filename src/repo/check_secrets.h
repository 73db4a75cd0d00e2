// The secret rules of `ferry check`: a Secret committed in plain text, and
// a SOPS-encrypted Secret built by a Flux Kustomization that will not
// decrypt it (the trap the seed's README warns about).
#ifndef FERRY_REPO_CHECK_SECRETS_H_
#define FERRY_REPO_CHECK_SECRETS_H_

#include <string>
#include <vector>

#include "kustomize/resource.h"
#include "repo/diagnostic.h"

namespace ferry::repo {

/// True when `obj` carries SOPS metadata (a `sops:` block with a `mac`).
bool IsSopsEncrypted(const yaml::Node& obj);

/// Checks the Secrets that the Flux Kustomization `kustomization` builds.
/// `decrypts` says whether it has `spec.decryption.provider: sops`.
/// Rules: `secret-plaintext` (error), `secret-not-decrypted` (error).
void CheckSecrets(const kustomize::ResMap& built,
                  const std::string& kustomization, bool decrypts,
                  std::vector<Diagnostic>* out);

}  // namespace ferry::repo

#endif  // FERRY_REPO_CHECK_SECRETS_H_
