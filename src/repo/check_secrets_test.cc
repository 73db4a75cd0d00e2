#include "repo/check_secrets.h"

#include <gtest/gtest.h>

#include "yaml/parse.h"

namespace ferry::repo {
namespace {

kustomize::ResMap Parse(std::string_view text) {
  std::vector<yaml::Node> docs;
  EXPECT_TRUE(yaml::ParseDocuments(text, "secret.yaml", &docs).ok());
  kustomize::ResMap m;
  for (yaml::Node& d : docs) m.push_back(kustomize::Resource{std::move(d)});
  return m;
}

constexpr std::string_view kPlain = R"(apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: hunter2
)";

constexpr std::string_view kEncrypted = R"(apiVersion: v1
kind: Secret
metadata:
  name: db
data:
  password: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]
sops:
  mac: ENC[AES256_GCM,data:x=,iv:y=,tag:z=,type:str]
  version: 3.9.0
)";

TEST(CheckSecretsTest, PlainTextSecretIsAnErrorAtTheValue) {
  std::vector<Diagnostic> d;
  CheckSecrets(Parse(kPlain), "server", true, &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].rule, "secret-plaintext");
  EXPECT_EQ(d[0].ToString().rfind("secret.yaml:6:13: error:", 0), 0u)
      << d[0].ToString();
}

TEST(CheckSecretsTest, EncryptedSecretPassesWhereDecryptionIsOn) {
  std::vector<Diagnostic> d;
  CheckSecrets(Parse(kEncrypted), "server", true, &d);
  EXPECT_TRUE(d.empty());
}

TEST(CheckSecretsTest, EncryptedSecretWithoutDecryptionIsAnError) {
  std::vector<Diagnostic> d;
  CheckSecrets(Parse(kEncrypted), "cert-manager", false, &d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].rule, "secret-not-decrypted");
  EXPECT_NE(d[0].message.find("cert-manager"), std::string::npos);
}

TEST(CheckSecretsTest, OtherKindsAndEmptyValuesAreIgnored) {
  std::vector<Diagnostic> d;
  CheckSecrets(Parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
                     "data: {a: b}\n---\napiVersion: v1\nkind: Secret\n"
                     "metadata: {name: s}\ndata: {a: ''}\n"),
               "x", false, &d);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace ferry::repo
