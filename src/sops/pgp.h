// The PGP key source: a MasterKey for an OpenPGP key fingerprint, used
// through the `gpg` command (GnuPG), as sops does by default.
#ifndef FERRY_SOPS_PGP_H_
#define FERRY_SOPS_PGP_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sops/master_key.h"

namespace ferry::sops {

/// How gpg is run.
struct PgpOptions {
  /// The gpg program; "" means $SOPS_GPG_EXEC, else "gpg" on PATH.
  std::string gpg;
  /// GNUPGHOME for gpg (Flux imports `*.asc` entries into a private one);
  /// "" keeps the environment's.
  std::string gnupg_home;
};

/// A MasterKey for a PGP fingerprint (spaces removed).
class PgpMasterKey : public MasterKey {
 public:
  static Status Create(std::string_view fingerprint, PgpOptions options,
                       std::unique_ptr<PgpMasterKey>* key);

  std::string_view Type() const override { return "pgp"; }
  std::string Id() const override { return fingerprint_; }
  /// `gpg --batch --encrypt --armor -r FPR`: `enc` is the armored message.
  Status Encrypt(const SecureBytes& data_key, std::string* enc) override;
  /// `gpg --batch --decrypt` of the armored message.
  Status Decrypt(std::string_view enc, SecureBytes* data_key) override;

 private:
  PgpMasterKey() = default;
  std::string fingerprint_;
  PgpOptions options_;
};

namespace pgp_internal {
/// Runs `argv` with `input` on stdin; collects stdout and stderr. The
/// environment is inherited, with GNUPGHOME set when `gnupg_home` is given.
Status RunWithInput(const std::vector<std::string>& argv,
                    const std::string& gnupg_home, std::string_view input,
                    SecureBytes* out, std::string* err, int* exit_code);
}  // namespace pgp_internal

}  // namespace ferry::sops

#endif  // FERRY_SOPS_PGP_H_
