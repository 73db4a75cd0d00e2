// The `sops:` metadata block of an encrypted file: its key entries, the
// encryption rules, lastmodified, the encrypted MAC and the version. Read
// from every sops 3.x version, written the way sops 3.9 writes it.
#ifndef FERRY_SOPS_METADATA_H_
#define FERRY_SOPS_METADATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "sops/tree.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::sops {

/// The version ferry writes into files (the sops release whose format it
/// follows).
inline constexpr std::string_view kSopsVersion = "3.9.4";

/// One master key entry as the metadata stores it: its list ("age",
/// "gcp_kms", "pgp", "kms", "azure_kv", "hc_vault") and its fields in file
/// order. Entries of types ferry cannot use are kept so they round-trip.
struct KeyEntry {
  std::string type;
  std::vector<std::pair<std::string, std::string>> fields;

  /// The field's value, or "" when absent.
  std::string_view Get(std::string_view name) const;
  void Set(std::string_view name, std::string value);
  /// The encrypted data key ("enc").
  std::string_view enc() const { return Get("enc"); }
};

/// The metadata of a file.
struct Metadata {
  /// Key groups; one group unless the data key is split with Shamir.
  std::vector<std::vector<KeyEntry>> key_groups;
  int shamir_threshold = 0;
  std::string last_modified;  // RFC 3339, as written ("2024-07-09T08:28:21Z")
  std::string mac;            // ENC[...] of the MAC
  CryptRules rules;
  std::string version;
};

/// How many groups' shares rebuild the data key: `threshold` when it is
/// set, else every one of the `groups` (as sops does).
inline int EffectiveThreshold(int threshold, size_t groups) {
  return threshold > 0 ? threshold : static_cast<int>(groups);
}

/// Reads a `sops` mapping. Errors: missing lastmodified, no keys, more than
/// one of the key rules.
Status ParseMetadata(const yaml::Node& sops, Metadata* out);

/// The `sops` mapping in sops 3.9's field order. With `for_json`, empty key
/// lists are null (Go's nil slices in JSON) instead of [].
yaml::Node MetadataToNode(const Metadata& m, bool for_json);

/// The current time as sops writes lastmodified: UTC, seconds, "Z".
std::string NowRfc3339();

}  // namespace ferry::sops

#endif  // FERRY_SOPS_METADATA_H_
