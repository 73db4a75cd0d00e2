#include "sops/file.h"

#include <gtest/gtest.h>

#include "sops/stores.h"
#include "sops/value_cipher.h"

namespace ferry::sops {
namespace {

SecureBytes TestKey() { return SecureBytes(std::string(32, '\x42')); }

Metadata TestMetadata() {
  Metadata m;
  KeyEntry age;
  age.type = "age";
  age.Set("recipient", "age1example");
  age.Set("enc",
          "-----BEGIN AGE ENCRYPTED FILE-----\nAAAA\n-----END AGE "
          "ENCRYPTED FILE-----\n");
  KeyEntry gcp;
  gcp.type = "gcp_kms";
  gcp.Set("resource_id", "projects/p/locations/global/keyRings/r/cryptoKeys/k");
  gcp.Set("created_at", "2024-07-09T08:28:21Z");
  gcp.Set("enc", "CiQAbase64");
  m.key_groups.push_back({});
  m.key_groups[0].push_back(std::move(gcp));
  m.key_groups[0].push_back(std::move(age));
  m.last_modified = "2024-07-09T08:28:21Z";
  return m;
}

DataKeyProvider KeyProvider() {
  return [](const Metadata&, SecureBytes* key) {
    *key = TestKey();
    return Status::Ok();
  };
}

std::string Encrypt(std::string_view text, Store store,
                    Metadata m = TestMetadata()) {
  std::string out;
  Status st = EncryptDocument(text, store, TestKey(), std::move(m), &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

std::string Decrypt(std::string_view text, Store store) {
  std::string out;
  Status st = DecryptDocument(text, store, KeyProvider(), &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(SopsFile, YamlRoundTripAllTypes) {
  const std::string plain =
      "# top comment\n"
      "str: hello\n"
      "int: 42\n"
      "float: 1.5\n"
      "bool: true\n"
      "empty: \"\"\n"
      "nothing: null\n"
      "nested:\n"
      "    list:\n"
      "        - a\n"
      "        - 7\n"
      "    multi: |\n"
      "        line1\n"
      "        line2\n"
      "plain_unencrypted: visible\n";
  std::string enc = Encrypt(plain, Store::kYaml);
  EXPECT_NE(enc.find("str: ENC[AES256_GCM,"), std::string::npos) << enc;
  EXPECT_NE(enc.find("type:int]"), std::string::npos);
  EXPECT_NE(enc.find("type:float]"), std::string::npos);
  EXPECT_NE(enc.find("type:bool]"), std::string::npos);
  EXPECT_NE(enc.find("#ENC[AES256_GCM,"), std::string::npos) << enc;
  EXPECT_NE(enc.find("type:comment]"), std::string::npos);
  EXPECT_NE(enc.find("empty: \"\"\n"), std::string::npos) << enc;
  EXPECT_NE(enc.find("plain_unencrypted: visible\n"), std::string::npos);
  EXPECT_EQ(Decrypt(enc, Store::kYaml), plain);
}

TEST(SopsFile, YamlMetadataAsSops39WritesIt) {
  std::string enc = Encrypt("a: b\n", Store::kYaml);
  size_t at = enc.find("sops:\n");
  ASSERT_NE(at, std::string::npos);
  std::string meta = enc.substr(at);
  size_t mac = meta.find("    mac: ENC[");
  ASSERT_NE(mac, std::string::npos);
  size_t mac_end = meta.find('\n', mac);
  meta.replace(mac, mac_end - mac, "    mac: X");
  EXPECT_EQ(meta,
            "sops:\n"
            "    kms: []\n"
            "    gcp_kms:\n"
            "        - resource_id: "
            "projects/p/locations/global/keyRings/r/cryptoKeys/k\n"
            "          created_at: \"2024-07-09T08:28:21Z\"\n"
            "          enc: CiQAbase64\n"
            "    azure_kv: []\n"
            "    hc_vault: []\n"
            "    age:\n"
            "        - recipient: age1example\n"
            "          enc: |\n"
            "            -----BEGIN AGE ENCRYPTED FILE-----\n"
            "            AAAA\n"
            "            -----END AGE ENCRYPTED FILE-----\n"
            "    lastmodified: \"2024-07-09T08:28:21Z\"\n"
            "    mac: X\n"
            "    pgp: []\n"
            "    unencrypted_suffix: _unencrypted\n"
            "    version: 3.9.4\n");
}

TEST(SopsFile, YamlMultiDocumentEachGetsMetadata) {
  std::string plain = "a: 1\n---\nb: 2\n";
  std::string enc = Encrypt(plain, Store::kYaml);
  EXPECT_NE(enc.find("---\nb: ENC["), std::string::npos) << enc;
  size_t first = enc.find("sops:");
  EXPECT_NE(enc.find("sops:", first + 1), std::string::npos);
  EXPECT_EQ(Decrypt(enc, Store::kYaml), plain);
}

TEST(SopsFile, EncryptedRegexKeepsOtherValues) {
  Metadata m = TestMetadata();
  m.rules.encrypted_regex = "^(data|stringData)$";
  std::string plain =
      "apiVersion: v1\nkind: Secret\nmetadata:\n    name: s\nstringData:\n"
      "    password: hunter2\n";
  std::string enc = Encrypt(plain, Store::kYaml, m);
  EXPECT_NE(enc.find("kind: Secret\n"), std::string::npos);
  EXPECT_NE(enc.find("    name: s\n"), std::string::npos);
  EXPECT_NE(enc.find("    password: ENC["), std::string::npos);
  EXPECT_NE(enc.find("    encrypted_regex: ^(data|stringData)$\n"),
            std::string::npos)
      << enc;
  EXPECT_EQ(Decrypt(enc, Store::kYaml), plain);
}

TEST(SopsFile, AdditionalDataIsThePathOfKeys) {
  std::string enc = Encrypt("a:\n    b:\n        - x\n", Store::kYaml);
  size_t at = enc.find("ENC[");
  std::string value = enc.substr(at, enc.find('\n', at) - at);
  SecureBytes plain;
  ValueType type;
  ASSERT_TRUE(
      DecryptValue(value, TestKey().view(), "a:b:", &plain, &type).ok());
  EXPECT_EQ(plain.view(), "x");
}

TEST(SopsFile, JsonRoundTrip) {
  std::string plain =
      "{\n\t\"s\": \"x<y\",\n\t\"n\": 3,\n\t\"f\": 2.25,\n\t\"b\": false,\n"
      "\t\"list\": [\n\t\t\"a\",\n\t\t{\n\t\t\t\"k\": \"v\"\n\t\t}\n\t],\n"
      "\t\"e\": []\n}\n";
  std::string enc = Encrypt(plain, Store::kJson);
  EXPECT_NE(enc.find("\"kms\": null"), std::string::npos) << enc;
  EXPECT_NE(enc.find("\t\"sops\": {"), std::string::npos);
  std::string dec = Decrypt(enc, Store::kJson);
  EXPECT_EQ(
      dec,
      "{\n\t\"s\": \"x\\u003cy\",\n\t\"n\": 3,\n\t\"f\": 2.25,\n\t\"b\": "
      "false,\n\t\"list\": [\n\t\t\"a\",\n\t\t{\n\t\t\t\"k\": \"v\"\n\t\t}"
      "\n\t],\n\t\"e\": []\n}\n");
}

TEST(SopsFile, BinaryRoundTrip) {
  std::string plain = "line one\nline two\n\x01\x02";
  std::string enc = Encrypt(plain, Store::kBinary);
  EXPECT_EQ(enc.rfind("{\n\t\"data\": \"ENC[AES256_GCM,", 0), 0u) << enc;
  EXPECT_EQ(Decrypt(enc, Store::kBinary), plain);
}

// Changes the first encrypted value for another valid encryption of a
// different plaintext (same path), so that only the MAC can notice.
std::string SwapValue(std::string enc, std::string_view path_ad) {
  size_t at = enc.find("ENC[AES256_GCM,");
  size_t end = enc.find(']', at) + 1;
  std::string other;
  EXPECT_TRUE(
      EncryptValue("evil", ValueType::kStr, TestKey().view(), path_ad, &other)
          .ok());
  enc.replace(at, end - at, other);
  return enc;
}

void ExpectMacMismatch(const std::string& enc, Store store) {
  std::string out = "unchanged";
  Status st = DecryptDocument(enc, store, KeyProvider(), &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("MAC mismatch"), std::string::npos)
      << st.message();
  EXPECT_TRUE(out.empty());
}

TEST(SopsFile, MacTamperYaml) {
  ExpectMacMismatch(SwapValue(Encrypt("k: v\n", Store::kYaml), "k:"),
                    Store::kYaml);
}
TEST(SopsFile, MacTamperJson) {
  ExpectMacMismatch(SwapValue(Encrypt("{\"k\": \"v\"}", Store::kJson), "k:"),
                    Store::kJson);
}
TEST(SopsFile, MacTamperBinary) {
  ExpectMacMismatch(SwapValue(Encrypt("secret", Store::kBinary), "data:"),
                    Store::kBinary);
}

TEST(SopsFile, TamperedLastModifiedFails) {
  std::string enc = Encrypt("k: v\n", Store::kYaml);
  size_t at = enc.find("2024-07-09T08:28:21Z\"\n    mac");
  enc.replace(at, 4, "2025");
  std::string out;
  EXPECT_FALSE(DecryptDocument(enc, Store::kYaml, KeyProvider(), &out).ok());
  EXPECT_TRUE(out.empty());
}

TEST(SopsFile, MacOnlyEncrypted) {
  Metadata m = TestMetadata();
  m.rules.encrypted_regex = "^secret$";
  m.rules.mac_only_encrypted = true;
  std::string enc = Encrypt("open: 1\nsecret: 2\n", Store::kYaml, m);
  EXPECT_NE(enc.find("mac_only_encrypted: true"), std::string::npos);
  // A plain value may change without breaking the MAC.
  size_t at = enc.find("open: 1");
  enc.replace(at, 7, "open: 5");
  EXPECT_EQ(Decrypt(enc, Store::kYaml), "open: 5\nsecret: 2\n");
}

TEST(SopsFile, RulesAreMutuallyExclusive) {
  Metadata m = TestMetadata();
  m.rules.encrypted_regex = "a";
  m.rules.unencrypted_suffix = "_x";
  std::string out;
  EXPECT_FALSE(
      EncryptDocument("a: b\n", Store::kYaml, TestKey(), m, &out).ok());
}

TEST(SopsFile, NoMetadata) {
  std::string out;
  Status st = DecryptDocument("a: b\n", Store::kYaml, KeyProvider(), &out);
  EXPECT_EQ(st.message(), "sops metadata not found");
}

TEST(SopsFile, UnencryptedCommentRegex) {
  Metadata m = TestMetadata();
  m.rules.unencrypted_comment_regex = "sops:nocrypt";
  std::string plain = "# sops:nocrypt\nopen: x\nclosed: z\n";
  std::string enc = Encrypt(plain, Store::kYaml, m);
  EXPECT_NE(enc.find("# sops:nocrypt\nopen: x\nclosed: ENC["),
            std::string::npos)
      << enc;
  EXPECT_EQ(Decrypt(enc, Store::kYaml), plain);
}

}  // namespace
}  // namespace ferry::sops

namespace ferry::sops {
namespace {

TEST(SopsFile, DotenvRoundTrip) {
  std::string plain = "# db\nDB_USER=admin\nDB_PASS=p=w\nEMPTY=\n# end\n";
  std::string enc = Encrypt(plain, Store::kDotenv);
  EXPECT_NE(enc.find("DB_PASS=ENC[AES256_GCM,"), std::string::npos) << enc;
  EXPECT_NE(enc.find("EMPTY=\n"), std::string::npos);
  EXPECT_NE(enc.find("sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED "
                     "FILE-----\\nAAAA\\n"),
            std::string::npos)
      << enc;
  EXPECT_NE(enc.find("\nsops_version=3.9.4\n"), std::string::npos);
  EXPECT_EQ(Decrypt(enc, Store::kDotenv), plain);
}

TEST(SopsFile, MacTamperDotenv) {
  ExpectMacMismatch(SwapValue(Encrypt("K=v\n", Store::kDotenv), "K:"),
                    Store::kDotenv);
}

TEST(SopsFile, DotenvLineFeedsAreEscaped) {
  std::string enc = Encrypt("CERT=line1\\nline2\n", Store::kDotenv);
  std::vector<yaml::Node> docs;
  Metadata m;
  ASSERT_TRUE(LoadEncrypted(enc, Store::kDotenv, &docs, &m).ok());
  // The value encrypted is the two-line string, as sops reads it.
  SecureBytes value;
  ValueType type;
  ASSERT_TRUE(DecryptValue(docs[0].GetString("CERT"), TestKey().view(),
                           "CERT:", &value, &type)
                  .ok());
  EXPECT_EQ(value.view(), "line1\nline2");
  std::vector<yaml::Node> plain;
  ASSERT_TRUE(LoadPlain("CERT=line1\\nline2\n", Store::kDotenv, &plain).ok());
  EXPECT_EQ(plain[0].GetString("CERT"), "line1\nline2");
  EXPECT_EQ(Decrypt(enc, Store::kDotenv), "CERT=line1\\nline2\n");
}

TEST(SopsFile, IniRoundTrip) {
  const std::string plain =
      "; database settings\n"
      "[database]\n"
      "user     = admin\n"
      "; the password\n"
      "password = `s3cr;t`\n"
      "\n"
      "[cache]\n"
      "url = redis://cache:6379\n"
      "\n";
  std::string enc = Encrypt(plain, Store::kIni);
  EXPECT_EQ(enc.find("admin"), std::string::npos) << enc;
  EXPECT_NE(enc.find("[sops]\n"), std::string::npos) << enc;
  EXPECT_NE(enc.find("age__list_0__map_recipient       = age1example\n"),
            std::string::npos)
      << enc;
  EXPECT_EQ(Decrypt(enc, Store::kIni), plain);
}

TEST(SopsFile, MacTamperIni) {
  ExpectMacMismatch(
      SwapValue(Encrypt("[s]\nk = v\n", Store::kIni), "s:k:"), Store::kIni);
}

// Found by fuzz/sops_decrypt: a list index in a flattened metadata key
// (dotenv, INI) overflowed and indexed out of bounds.
TEST(SopsFile, MalformedFlattenedListIndexIsAnError) {
  std::vector<yaml::Node> docs;
  Metadata m;
  for (std::string_view bad :
       {"sops_age__list_18446744073709551615__map_enc=x\n",
        "sops_age__list_5__map_enc=x\n", "sops_age__list_x__map_enc=x\n",
        "sops_age__list___map_enc=x\n"}) {
    Status st = LoadEncrypted(bad, Store::kDotenv, &docs, &m);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.message().find("malformed sops metadata key"),
              std::string::npos)
        << st.message();
  }
  Status st = LoadEncrypted("[sops]\nage__list_7__map_enc = x\n", Store::kIni,
                            &docs, &m);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("malformed sops metadata key"),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace ferry::sops
