// The age key source: a MasterKey for one age recipient, whose data key is
// an armored age file, decrypted with identities given by the caller (Flux's
// `*.agekey` entries) and those sops finds in the environment.
#ifndef FERRY_SOPS_KEYSOURCE_AGE_H_
#define FERRY_SOPS_KEYSOURCE_AGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sops/age.h"
#include "sops/master_key.h"

namespace ferry::sops {

/// Where age identities come from.
struct AgeKeyOptions {
  /// Identities tried first (e.g. parsed from a Flux decryption Secret).
  std::shared_ptr<const std::vector<AgeIdentity>> identities;
  /// Also load the identities sops loads: $SOPS_AGE_KEY, $SOPS_AGE_KEY_FILE,
  /// the output of $SOPS_AGE_KEY_CMD and <user config dir>/sops/age/keys.txt
  /// (Flux's controller does not: it uses only the Secret's keys).
  bool use_environment = true;
};

/// Parses identity-file texts (one identity per line, "#" comments) into a
/// list to put in AgeKeyOptions. `names` (same length, or empty) name each
/// text in errors, e.g. "secret/sops-age/key.agekey".
Status ParseAgeIdentities(const std::vector<std::string_view>& texts,
                          const std::vector<std::string>& names,
                          std::shared_ptr<const std::vector<AgeIdentity>>* out);

/// Identities from the environment, as sops's age key source loads them:
/// every source that is set is read (not only the first). Sources that fail
/// are described in *errors; sources set but empty, or absent, are listed
/// in *unused ("SOPS_AGE_KEY", a file path, ...).
void LoadAgeIdentitiesFromEnvironment(std::vector<AgeIdentity>* identities,
                                      std::vector<std::string>* errors,
                                      std::vector<std::string>* unused);

/// A MasterKey for an age X25519 recipient ("age1...").
class AgeMasterKey : public MasterKey {
 public:
  /// Parses the recipient (surrounding spaces trimmed, as sops does).
  static Status Create(std::string_view recipient, AgeKeyOptions options,
                       std::unique_ptr<AgeMasterKey>* key);

  std::string_view Type() const override { return "age"; }
  std::string Id() const override { return recipient_text_; }
  /// Writes the armored age file of the data key, as sops's `enc` holds it.
  Status Encrypt(const SecureBytes& data_key, std::string* enc) override;
  /// Decrypts with the given identities, then the environment's.
  Status Decrypt(std::string_view enc, SecureBytes* data_key) override;

 private:
  AgeMasterKey() = default;
  std::string recipient_text_;
  AgeRecipient recipient_;
  AgeKeyOptions options_;
};

}  // namespace ferry::sops

#endif  // FERRY_SOPS_KEYSOURCE_AGE_H_
