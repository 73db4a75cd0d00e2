// Test helpers (header only, for the tests of this layer and those above):
// fresh age key pairs, creation rules naming them, key options holding
// their identities.
#ifndef FERRY_SOPS_AGE_TEST_KEYS_H_
#define FERRY_SOPS_AGE_TEST_KEYS_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "sops/age.h"
#include "sops/config.h"
#include "sops/keysource.h"
#include "sops/metadata.h"

namespace ferry::sops::testkeys {

/// A generated age key pair, kept as text (identities are move-only).
struct AgeTestKey {
  std::string identity, recipient;
};

inline AgeTestKey NewAgeKey() {
  AgeIdentity id = AgeIdentity::Generate();
  return AgeTestKey{id.ToString(), id.recipient().ToString()};
}

inline KeySpec AgeSpec(const AgeTestKey& k) {
  KeySpec s;
  s.type = "age";
  s.id = k.recipient;
  return s;
}

/// A rule with one key group per inner list, encrypting data/stringData.
inline CreationRule AgeRule(const std::vector<std::vector<AgeTestKey>>& groups,
                            int shamir_threshold = 0) {
  CreationRule rule;
  for (const auto& g : groups) {
    std::vector<KeySpec> specs;
    for (const AgeTestKey& k : g) specs.push_back(AgeSpec(k));
    rule.key_groups.push_back(specs);
  }
  rule.shamir_threshold = shamir_threshold;
  rule.encrypted_regex = "^(data|stringData)$";
  return rule;
}

/// Options that hold exactly these identities (nothing from the
/// environment).
inline KeySourceOptions WithAgeKeys(const std::vector<AgeTestKey>& keys) {
  KeySourceOptions o;
  std::vector<std::string_view> texts;
  for (const AgeTestKey& k : keys) texts.push_back(k.identity);
  EXPECT_TRUE(ParseAgeIdentities(texts, {}, &o.age.identities).ok());
  o.age.use_environment = false;
  return o;
}

/// Decrypts an armored age message with the `age` command, the reference
/// implementation (Debian's age package); false when it is not installed
/// or refuses. The oracle for what ferry wraps with age.
inline bool DecryptWithAgeCommand(const AgeTestKey& k, std::string_view armored,
                                  std::string* out) {
  if (std::system("command -v age >/dev/null 2>&1") != 0) return false;
  std::string dir =
      (std::filesystem::temp_directory_path() / "ferry-age-XXXXXX").string();
  if (!::mkdtemp(dir.data())) return false;
  std::ofstream(dir + "/key.txt") << k.identity << "\n";
  std::ofstream(dir + "/msg.age") << armored;
  std::string cmd =
      "age -d -i " + dir + "/key.txt " + dir + "/msg.age 2>/dev/null";
  out->clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[256];
  size_t n;
  while (p && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  bool ok = p && ::pclose(p) == 0;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return ok;
}

/// The entry of `group` for this key's recipient, or null.
inline const KeyEntry* EntryOf(const std::vector<KeyEntry>& group,
                               const AgeTestKey& k) {
  for (const KeyEntry& e : group)
    if (e.Get("recipient") == k.recipient) return &e;
  return nullptr;
}

}  // namespace ferry::sops::testkeys

#endif  // FERRY_SOPS_AGE_TEST_KEYS_H_
