// Key sources: the MasterKeys named by a `.sops.yaml` rule or a `sops:`
// metadata entry (a type and an id), made with the options of the caller
// (explicit age identities as Flux passes them, the Cloud KMS endpoint,
// GnuPG's home).
#ifndef FERRY_SOPS_KEYSOURCE_H_
#define FERRY_SOPS_KEYSOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "sops/config.h"
#include "sops/gcpkms.h"
#include "sops/keysource_age.h"
#include "sops/master_key.h"
#include "sops/pgp.h"
#include "yaml/status.h"

namespace ferry::sops {

/// What the key sources get from the caller.
struct KeySourceOptions {
  AgeKeyOptions age;
  GcpKmsOptions gcp_kms;
  PgpOptions pgp;
};

/// Makes the MasterKey for `spec`. A malformed id (not an age recipient, not
/// a Cloud KMS key name) is an error, at spec.mark when known; key types
/// ferry does not implement (kms, azure_kv, hc_vault, hckms) are errors
/// that name the type.
Status MakeMasterKey(const KeySpec& spec, const KeySourceOptions& options,
                     std::unique_ptr<MasterKey>* key);

/// Makes every key of every group, in order.
Status MakeKeyGroups(const KeySpecGroups& specs,
                     const KeySourceOptions& options,
                     std::vector<KeyGroup>* groups);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_KEYSOURCE_H_
