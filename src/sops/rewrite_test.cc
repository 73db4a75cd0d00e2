#include "sops/rewrite.h"

#include <gtest/gtest.h>

#include <set>

#include "sops/age_test_keys.h"
#include "sops/exit_codes.h"
#include "sops/file.h"
#include "sops/session.h"
#include "sops/value_cipher.h"

namespace ferry::sops {
namespace {

using Key = testkeys::AgeTestKey;
constexpr auto NewKey = testkeys::NewAgeKey;
constexpr auto Spec = testkeys::AgeSpec;
using testkeys::AgeRule;
constexpr auto With = testkeys::WithAgeKeys;

constexpr std::string_view kSecret = R"(apiVersion: v1
kind: Secret
metadata:
    name: db
stringData:
    password: hunter2
    user: admin
    port: "5432"
)";

std::string Encrypted(const Key& k) {
  std::string enc;
  Status st = EncryptText(kSecret, Store::kYaml, AgeRule({{k}}), With({}), &enc);
  EXPECT_TRUE(st.ok()) << st.message();
  return enc;
}

// Every ENC[...] value of a file's text, with the line it is on.
std::set<std::string> EncLines(const std::string& text) {
  std::set<std::string> out;
  size_t pos = 0;
  while ((pos = text.find("ENC[AES256_GCM", pos)) != std::string::npos) {
    size_t line = text.rfind('\n', pos) + 1;
    size_t end = text.find(']', pos) + 1;
    if (text.compare(line, 8, "    mac:") != 0)
      out.insert(text.substr(line, end - line));
    pos = end;
  }
  return out;
}

std::string Plain(const std::string& enc, const std::vector<Key>& keys) {
  std::string out;
  Status st = DecryptText(enc, Store::kYaml, With(keys), &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(Rewrite, SealKeepsTheCiphertextOfUnchangedValues) {
  Key k = NewKey();
  std::string enc = Encrypted(k);
  OpenedFile f;
  ASSERT_TRUE(OpenEncrypted(enc, Store::kYaml, With({k}), &f).ok());
  f.docs[0].GetPath({"stringData"})->Set("user", yaml::Node::Str("root"));
  std::string sealed;
  ASSERT_TRUE(Seal(f, &sealed).ok());

  std::set<std::string> before = EncLines(enc), after = EncLines(sealed);
  ASSERT_EQ(before.size(), 3u);
  std::vector<std::string> kept;
  for (const std::string& l : after)
    if (before.count(l)) kept.push_back(l);
  ASSERT_EQ(kept.size(), 2u);  // password and port unchanged
  EXPECT_NE(kept[0].find("password"), std::string::npos);
  EXPECT_NE(kept[1].find("port"), std::string::npos);
  std::string plain = Plain(sealed, {k});
  EXPECT_NE(plain.find("user: root"), std::string::npos) << plain;
}

TEST(Rewrite, AValueMovedToAnotherKeyGetsANewCiphertext) {
  Key k = NewKey();
  std::string enc = Encrypted(k);
  OpenedFile f;
  ASSERT_TRUE(OpenEncrypted(enc, Store::kYaml, With({k}), &f).ok());
  // Same plaintext under another path: the additional data differs, so the
  // stash must not reuse the IV.
  f.docs[0].GetPath({"stringData"})->Set("copy", yaml::Node::Str("hunter2"));
  std::string sealed;
  ASSERT_TRUE(Seal(f, &sealed).ok());
  std::set<std::string> ivs;
  size_t pos = 0;
  while ((pos = sealed.find(",iv:", pos)) != std::string::npos) {
    std::string iv = sealed.substr(pos, sealed.find(',', pos + 1) - pos);
    EXPECT_TRUE(ivs.insert(iv).second) << "IV reused: " << iv;
    ++pos;
  }
  EXPECT_NE(Plain(sealed, {k}).find("copy: hunter2"), std::string::npos);
}

TEST(Rewrite, EqualItemsOfAListKeepTheirOwnCiphertexts) {
  Key k = NewKey();
  std::string enc;
  ASSERT_TRUE(EncryptText("stringData:\n    l:\n        - same\n        - same\n",
                          Store::kYaml, AgeRule({{k}}), With({}), &enc)
                  .ok());
  OpenedFile f;
  ASSERT_TRUE(OpenEncrypted(enc, Store::kYaml, With({k}), &f).ok());
  std::string sealed;
  ASSERT_TRUE(Seal(f, &sealed).ok());
  std::set<std::string> before = EncLines(enc), after = EncLines(sealed);
  EXPECT_EQ(before.size(), 2u);  // two different ciphertexts
  EXPECT_EQ(after, before);
}

TEST(Rewrite, OpenRefusesATamperedFile) {
  Key k = NewKey();
  std::string enc = Encrypted(k);
  size_t at = enc.find("password: ENC[AES256_GCM,data:") + 30;
  enc[at] = enc[at] == 'A' ? 'B' : 'A';
  OpenedFile f;
  Status st = OpenEncrypted(enc, Store::kYaml, With({k}), &f);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), kExitDecryptingTree);
}

// The `age` command, the reference implementation, opens `key`'s entry of
// `group` to `data_key`.
void ExpectAgeCommandOpens(const std::vector<KeyEntry>& group, const Key& key,
                           std::string_view data_key) {
  const KeyEntry* e = testkeys::EntryOf(group, key);
  ASSERT_NE(e, nullptr);
  std::string by_age;
  ASSERT_TRUE(testkeys::DecryptWithAgeCommand(key, e->enc(), &by_age))
      << "the age command is missing or refused the entry";
  EXPECT_EQ(by_age, data_key);
}

TEST(Rewrite, RotateReplacesTheDataKeyAndEveryValue) {
  Key k = NewKey(), added = NewKey();
  std::string enc = Encrypted(k);
  OpenedFile f;
  ASSERT_TRUE(OpenEncrypted(enc, Store::kYaml, With({k}), &f).ok());
  std::string old_key(f.data_key.view());
  KeyChanges changes;
  changes.add.push_back(Spec(added));
  ASSERT_TRUE(RotateDataKey(&f, changes, With({})).ok());
  EXPECT_NE(std::string(f.data_key.view()), old_key);
  std::string rotated;
  ASSERT_TRUE(Seal(f, &rotated).ok());
  for (const std::string& l : EncLines(rotated))
    EXPECT_EQ(EncLines(enc).count(l), 0u) << l;
  EXPECT_EQ(Plain(rotated, {k}), Plain(enc, {k}));
  EXPECT_EQ(Plain(rotated, {added}), Plain(enc, {k}));
  ExpectAgeCommandOpens(f.metadata.key_groups[0], added, f.data_key.view());

  // Removing the first key leaves a file only `added` opens.
  OpenedFile g;
  ASSERT_TRUE(OpenEncrypted(rotated, Store::kYaml, With({added}), &g).ok());
  KeyChanges rm;
  rm.remove.push_back(Spec(k));
  ASSERT_TRUE(RotateDataKey(&g, rm, With({})).ok());
  std::string again;
  ASSERT_TRUE(Seal(g, &again).ok());
  std::string out;
  Status st = DecryptText(again, Store::kYaml, With({k}), &out);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), kExitCouldNotRetrieveKey);
}

TEST(Rewrite, UpdateKeysKeepsValuesMacAndKeptEntries) {
  Key k = NewKey(), added = NewKey();
  std::string enc = Encrypted(k);
  Metadata before;
  ASSERT_TRUE(ReadMetadata(enc, Store::kYaml, &before).ok());
  CreationRule rule = AgeRule({{k, added}});
  EXPECT_EQ(DescribeKeyChanges(before, rule),
            "Group 1\n    " + k.recipient + "\n+++ " + added.recipient + "\n");
  std::string updated;
  ASSERT_TRUE(UpdateKeys(enc, Store::kYaml, rule, With({k}), &updated).ok());
  Metadata after;
  ASSERT_TRUE(ReadMetadata(updated, Store::kYaml, &after).ok());
  EXPECT_EQ(after.mac, before.mac);
  EXPECT_EQ(after.last_modified, before.last_modified);
  EXPECT_EQ(EncLines(updated), EncLines(enc));
  ASSERT_EQ(after.key_groups[0].size(), 2u);
  EXPECT_EQ(after.key_groups[0][0].enc(), before.key_groups[0][0].enc());
  EXPECT_EQ(Plain(updated, {added}), kSecret);
  EXPECT_EQ(DescribeKeyChanges(after, rule), "");
  OpenedFile opened;
  ASSERT_TRUE(OpenEncrypted(enc, Store::kYaml, With({k}), &opened).ok());
  ExpectAgeCommandOpens(after.key_groups[0], added, opened.data_key.view());
}

TEST(Rewrite, UpdateKeysToShamirTwoOfThree) {
  Key a = NewKey(), b = NewKey(), c = NewKey();
  std::string enc = Encrypted(a);
  CreationRule rule = AgeRule({{a}, {b}, {c}}, 2);
  std::string updated;
  ASSERT_TRUE(UpdateKeys(enc, Store::kYaml, rule, With({a}), &updated).ok());
  EXPECT_EQ(Plain(updated, {b, c}), kSecret);
  EXPECT_EQ(Plain(updated, {a, c}), kSecret);
  std::string out;
  EXPECT_FALSE(DecryptText(updated, Store::kYaml, With({c}), &out).ok());
  Metadata m;
  ASSERT_TRUE(ReadMetadata(updated, Store::kYaml, &m).ok());
  EXPECT_EQ(m.shamir_threshold, 2);
  EXPECT_NE(DescribeKeyChanges(m, AgeRule({{a}, {b}, {c}}, 3)).find(
                "shamir_threshold: 2 -> 3"),
            std::string::npos);
}

TEST(Rewrite, UpdateKeysNeedsTheDataKey) {
  Key k = NewKey(), other = NewKey();
  std::string out;
  Status st = UpdateKeys(Encrypted(k), Store::kYaml, AgeRule({{other}}),
                         With({other}), &out);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), kExitCouldNotRetrieveKey);
}

}  // namespace
}  // namespace ferry::sops
