// `.sops.yaml`: where it is, what its creation rules say, and which rule
// applies to a file, with the semantics of sops's config package (go-yaml v3
// decoding into typed fields, Go regular expressions, first matching rule).
#ifndef FERRY_SOPS_CONFIG_H_
#define FERRY_SOPS_CONFIG_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml/node.h"
#include "yaml/status.h"

namespace re2 {
class RE2;
}

namespace ferry::sops {

/// One master key as a rule (or a metadata entry) names it, before it is
/// made. `type` is the metadata list name: "age" (id: recipient), "gcp_kms"
/// (resource id), "pgp" (fingerprint), "kms" (ARN), "azure_kv" (key URL
/// "https://VAULT/keys/NAME[/VERSION]"), "hc_vault" (key URI
/// "https://HOST/v1/ENGINE/keys/NAME"), "hckms" (key id).
struct KeySpec {
  std::string type;
  std::string id;
  /// AWS KMS only: role ARN, profile and encryption context (config order).
  std::string aws_role;
  std::string aws_profile;
  std::vector<std::pair<std::string, std::string>> aws_context;
  /// Where a `.sops.yaml` named the key (empty when it did not).
  yaml::Mark mark;

  /// Same type and id (what sops deduplicates key groups by).
  friend bool operator==(const KeySpec& a, const KeySpec& b) {
    return a.type == b.type && a.id == b.id;
  }
};

/// Key groups as specs (one group unless Shamir is used).
using KeySpecGroups = std::vector<std::vector<KeySpec>>;

/// Result of searching for `.sops.yaml`.
struct ConfigLookup {
  std::string path;     // the file found, "" if none
  std::string warning;  // set when a ".sops.yml" was seen (sops ignores it)
};

/// Looks for ".sops.yaml" in `dir` and its parents (at most 100 levels, as
/// sops). Returns false when there is none. Note: the sops command starts
/// from the working directory (LookupConfigFile(".")); `ferry` callers pass
/// the folder of the file, as Flux users expect.
bool FindConfigFile(std::string_view dir, ConfigLookup* lookup);

/// One entry of `creation_rules`, its key fields resolved into key groups
/// (the flat fields `age`, `pgp`, `gcp_kms`, ... make one group; `key_groups`
/// make one each, `merge` flattened, duplicates dropped).
struct CreationRule {
  std::string path_regex;  // "" matches every file
  KeySpecGroups key_groups;
  int shamir_threshold = 0;
  std::string unencrypted_suffix;
  std::string encrypted_suffix;
  std::string unencrypted_regex;
  std::string encrypted_regex;
  std::string unencrypted_comment_regex;
  std::string encrypted_comment_regex;
  bool mac_only_encrypted = false;
  yaml::Mark mark;                        // the rule's mapping
  std::shared_ptr<const re2::RE2> regex;  // compiled path_regex, or null

  /// True if `path` (as MatchRule computes it) matches: an unanchored search
  /// like Go's Regexp.MatchString; always true without path_regex.
  bool Matches(std::string_view path) const;
};

/// `stores:` options (kept for the stores; ferry does not act on them yet).
struct StoresConfig {
  int yaml_indent = 0;  // 0: the store's default
  int json_indent = -1;
  int json_binary_indent = -1;
};

/// A parsed `.sops.yaml`.
struct SopsConfig {
  std::string path;
  /// False when the file has no `creation_rules` (or it is null): sops then
  /// behaves as if there were no config file for encryption.
  bool has_creation_rules = false;
  std::vector<CreationRule> creation_rules;
  yaml::Node destination_rules;  // kept as written, not acted on
  yaml::Node stores;             // kept as written
  StoresConfig store_options;

  /// The first creation rule for `file_path`, matched as sops does: against
  /// the path relative to the folder of this config when the (absolute,
  /// cleaned) file path lies inside it, else against the absolute path.
  /// *rule is null (and the status ok) when there are no creation rules; no
  /// matching rule is an error ("no matching creation rules found").
  Status MatchRule(std::string_view file_path, const CreationRule** rule) const;
  /// The string MatchRule matches path_regex against.
  std::string RulePath(std::string_view file_path) const;
};

/// Parses `.sops.yaml` text. Errors carry file:line:col. Unknown fields are
/// ignored as sops ignores them. ferry is stricter than sops in one way:
/// every rule is checked when the file is read (regexes compile, age
/// recipients parse, at most one of the encrypted/unencrypted selectors),
/// where sops only checks the rule a file selects.
Status ParseConfig(std::string_view text, std::string_view file_name,
                   SopsConfig* config);

/// Reads and parses a `.sops.yaml` file.
Status LoadConfig(const std::string& path, SopsConfig* config);

/// The keys of a comma-separated list, as `.sops.yaml` and sops's --add-*
/// flags take them ("age1a,age1b"): age recipients are trimmed and must
/// parse; other ids lose their spaces, and empty ones are skipped.
Status ParseKeyList(std::string_view type, std::string_view text,
                    std::vector<KeySpec>* out);

}  // namespace ferry::sops

#endif  // FERRY_SOPS_CONFIG_H_
