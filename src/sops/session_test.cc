#include "sops/session.h"

#include <gtest/gtest.h>

#include "sops/age.h"
#include "sops/age_test_keys.h"
#include "sops/file.h"
#include "sops/metadata.h"
#include "yaml/parse.h"

namespace ferry::sops {
namespace {

using Key = testkeys::AgeTestKey;
using testkeys::AgeRule;
constexpr auto NewKey = testkeys::NewAgeKey;
constexpr auto With = testkeys::WithAgeKeys;

constexpr std::string_view kSecret = R"(apiVersion: v1
kind: Secret
metadata:
    name: db
stringData:
    password: hunter2
    user: admin
)";

TEST(SessionTest, AgeRoundTripEncryptsOnlyTheSelectedFields) {
  Key id = NewKey();
  std::string enc;
  ASSERT_TRUE(EncryptText(kSecret, Store::kYaml, AgeRule({{id}}), With({}), &enc).ok());
  EXPECT_NE(enc.find("name: db"), std::string::npos);  // metadata stays plain
  EXPECT_EQ(enc.find("hunter2"), std::string::npos);
  EXPECT_NE(enc.find("password: ENC[AES256_GCM"), std::string::npos);
  EXPECT_NE(enc.find("recipient: " + id.recipient), std::string::npos);
  std::string plain;
  Status st = DecryptText(enc, Store::kYaml, With({id}), &plain);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(plain, kSecret);
}

TEST(SessionTest, WrongKeyNamesWhatWasTried) {
  Key id = NewKey(), other = NewKey();
  std::string enc, plain;
  ASSERT_TRUE(EncryptText(kSecret, Store::kYaml, AgeRule({{id}}), With({}), &enc).ok());
  Status st = DecryptText(enc, Store::kYaml, With({other}), &plain);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(id.recipient), std::string::npos);
  EXPECT_TRUE(plain.empty());
}

TEST(SessionTest, ShamirTwoOfThreeGroups) {
  Key a = NewKey(), b = NewKey(), c = NewKey();
  CreationRule rule = AgeRule({{a}, {b}, {c}});
  rule.shamir_threshold = 2;
  std::string enc;
  ASSERT_TRUE(EncryptText(kSecret, Store::kYaml, rule, With({}), &enc).ok());
  EXPECT_NE(enc.find("shamir_threshold: 2"), std::string::npos);
  std::string plain;
  ASSERT_TRUE(DecryptText(enc, Store::kYaml, With({a, c}), &plain).ok());
  EXPECT_EQ(plain, kSecret);
  plain.clear();
  EXPECT_FALSE(DecryptText(enc, Store::kYaml, With({b}), &plain).ok());
}

TEST(SessionTest, JsonStoreRoundTrip) {
  Key id = NewKey();
  CreationRule rule = AgeRule({{id}});
  rule.encrypted_regex.clear();
  std::string json = "{\n\t\"token\": \"abc\",\n\t\"port\": 5432\n}\n";
  std::string enc, plain;
  ASSERT_TRUE(EncryptText(json, Store::kJson, rule, With({}), &enc).ok());
  EXPECT_EQ(enc.find("\"abc\""), std::string::npos);
  ASSERT_TRUE(DecryptText(enc, Store::kJson, With({id}), &plain).ok());
  EXPECT_EQ(plain, json);
}

TEST(SessionTest, DecryptObjectOfABuild) {
  Key id = NewKey();
  std::string enc;
  ASSERT_TRUE(EncryptText(kSecret, Store::kYaml, AgeRule({{id}}), With({}), &enc).ok());
  yaml::Node obj;
  ASSERT_TRUE(yaml::ParseDocument(enc, "s.yaml", &obj).ok());
  // A build re-emits objects; decryption must not depend on the bytes.
  ASSERT_TRUE(DecryptObject(&obj, With({id})).ok());
  EXPECT_EQ(obj.Get("sops"), nullptr);
  EXPECT_EQ(obj.GetPath({"stringData", "password"})->value(), "hunter2");
  yaml::Node plain;
  ASSERT_TRUE(yaml::ParseDocument("kind: ConfigMap\ndata: {a: b}\n", "c", &plain).ok());
  ASSERT_TRUE(DecryptObject(&plain, With({})).ok());
  EXPECT_EQ(plain.GetPath({"data", "a"})->value(), "b");
}

}  // namespace
}  // namespace ferry::sops
