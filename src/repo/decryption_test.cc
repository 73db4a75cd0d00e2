#include "repo/decryption.h"

#include <gtest/gtest.h>

#include "sops/age_test_keys.h"
#include "sops/base64.h"
#include "sops/session.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace {

using Key = sops::testkeys::AgeTestKey;
constexpr auto NewKey = sops::testkeys::NewAgeKey;

sops::CreationRule Rule(const Key& k) { return sops::testkeys::AgeRule({{k}}); }

yaml::Node Parse(const std::string& text) {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, "keys.yaml", &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

yaml::Node KeySecret(const Key& k, const std::string& extra = "") {
  return Parse("apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n"
               "data:\n  age.agekey: " +
               sops::Base64Encode("# comment\n" + k.identity + "\n") + "\n" +
               extra);
}

DecryptionScope Scope(bool provider_sops) {
  DecryptionScope s;
  s.flux = true;
  s.kustomization = "apps";
  s.provider_sops = provider_sops;
  return s;
}

kustomize::Resource EncryptedSecret(const Key& k) {
  std::string enc;
  Status st = sops::EncryptText(
      "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\n"
      "stringData:\n    password: hunter2\n",
      sops::Store::kYaml, Rule(k), sops::KeySourceOptions(), &enc);
  EXPECT_TRUE(st.ok()) << st.message();
  kustomize::Resource r;
  r.node = Parse(enc);
  return r;
}

TEST(Decryption, KeysFromAFluxSecret) {
  Key k = NewKey();
  DecryptionKeys keys;
  std::vector<std::string> ignored;
  Status st = DecryptionKeys::FromSecret(
      KeySecret(k, "stringData:\n  sops.vault-token: t\n"), &keys, &ignored);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ignored, std::vector<std::string>{"sops.vault-token"});
  EXPECT_FALSE(keys.options().age.use_environment);
  ASSERT_TRUE(keys.options().age.identities);
  EXPECT_EQ(keys.options().age.identities->size(), 1u);

  kustomize::ResMap built = {EncryptedSecret(k)};
  ASSERT_TRUE(DecryptBuilt(Scope(true), keys, &built).ok());
  EXPECT_EQ(built[0].node.GetPath({"stringData", "password"})->value(),
            "hunter2");
  EXPECT_EQ(built[0].node.Get("sops"), nullptr);
}

TEST(Decryption, GcpCredentialsEntry) {
  DecryptionKeys keys;
  std::vector<std::string> ignored;
  ASSERT_TRUE(DecryptionKeys::FromSecret(
                  Parse("kind: Secret\nstringData:\n  sops.gcp-kms: "
                        "'{\"type\": \"service_account\"}'\n"),
                  &keys, &ignored)
                  .ok());
  EXPECT_EQ(keys.options().gcp_kms.credentials_json,
            "{\"type\": \"service_account\"}");
  EXPECT_TRUE(keys.options().gcp_kms.use_environment);
}

TEST(Decryption, MalformedSecretsAreErrorsAtTheirLine) {
  DecryptionKeys keys;
  std::vector<std::string> ignored;
  Status st = DecryptionKeys::FromSecret(
      Parse("kind: Secret\ndata:\n  age.agekey: not*base64\n"), &keys,
      &ignored);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("keys.yaml:3:", 0), 0u) << st.message();
  EXPECT_FALSE(
      DecryptionKeys::FromSecret(Parse("kind: ConfigMap\n"), &keys, &ignored)
          .ok());
  st = DecryptionKeys::FromSecret(
      Parse("kind: Secret\nstringData:\n  a.agekey: AGE-SECRET-KEY-1NOPE\n"),
      &keys, &ignored);
  EXPECT_FALSE(st.ok());
}

TEST(Decryption, EncryptedObjectWithoutProviderIsAnError) {
  Key k = NewKey();
  kustomize::ResMap built = {EncryptedSecret(k)};
  Status st = DecryptBuilt(Scope(false), DecryptionKeys::FromEnvironment(),
                           &built);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("keys.yaml:"), std::string::npos);
  EXPECT_NE(st.message().find("no spec.decryption.provider: sops"),
            std::string::npos)
      << st.message();
}

TEST(Decryption, WrongKeyIsAnError) {
  Key k = NewKey(), other = NewKey();
  DecryptionKeys keys;
  std::vector<std::string> ignored;
  ASSERT_TRUE(DecryptionKeys::FromSecret(KeySecret(other), &keys, &ignored).ok());
  kustomize::ResMap built = {EncryptedSecret(k)};
  EXPECT_FALSE(DecryptBuilt(Scope(true), keys, &built).ok());
}

TEST(Decryption, SecretSourcesAreDecryptedByFormat) {
  Key k = NewKey();
  DecryptionKeys keys;
  std::vector<std::string> ignored;
  ASSERT_TRUE(DecryptionKeys::FromSecret(KeySecret(k), &keys, &ignored).ok());
  DecryptionScope on = Scope(true), off = Scope(false);
  kustomize::SecretSourceFilter filter = SecretSourceDecrypter(on, keys);
  sops::CreationRule rule = Rule(k);
  rule.encrypted_regex.clear();
  std::string env;
  ASSERT_TRUE(sops::EncryptText("TOKEN=abc\n", sops::Store::kDotenv, rule,
                                sops::KeySourceOptions(), &env)
                  .ok());
  std::string content = env;
  ASSERT_TRUE(filter("creds.txt", true, &content).ok());  // env: dotenv
  EXPECT_EQ(content, "TOKEN=abc\n");
  content = "plain=1\n";
  ASSERT_TRUE(filter("plain.env", true, &content).ok());
  EXPECT_EQ(content, "plain=1\n");
  content = env;
  size_t at = content.find("TOKEN=ENC[AES256_GCM,data:") + 26;
  content[at] = content[at] == 'Z' ? 'Y' : 'Z';
  EXPECT_FALSE(filter("creds.env", true, &content).ok());
  // Where decryption is off, an encrypted source is an error.
  content = env;
  Status st = SecretSourceDecrypter(off, keys)("creds.env", true, &content);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("creds.env: error: SOPS-encrypted"),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace ferry::repo
