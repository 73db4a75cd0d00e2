#include "sops/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;

constexpr char kAge1[] =
    "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
constexpr char kAge2[] =
    "age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg";

SopsConfig Parse(const std::string& text) {
  SopsConfig c;
  Status st = ParseConfig(text, "/repo/.sops.yaml", &c);
  EXPECT_TRUE(st.ok()) << st.message();
  return c;
}

std::string ParseError(const std::string& text) {
  SopsConfig c;
  Status st = ParseConfig(text, "/repo/.sops.yaml", &c);
  EXPECT_FALSE(st.ok());
  return st.message();
}

TEST(ConfigTest, FlatRuleFieldsAndFirstMatchWins) {
  SopsConfig c = Parse(std::string(R"(
creation_rules:
  - path_regex: k8s/.*/secret.*\.yaml$
    encrypted_regex: ^(data|stringData)$
    gcp_kms: projects/p/locations/global/keyRings/r/cryptoKeys/k
  - path_regex: \.env$
    age: )") + kAge1 + ", " +
                       kAge2 + R"(
    pgp: "AAAA BBBB,CCCC"
    mac_only_encrypted: yes
  - age:
      - )" + kAge2 + R"(
    unencrypted_suffix: _plain
    shamir_threshold: 2
)");
  ASSERT_TRUE(c.has_creation_rules);
  ASSERT_EQ(c.creation_rules.size(), 3u);
  const CreationRule* r = nullptr;
  ASSERT_TRUE(c.MatchRule("/repo/k8s/app/secret-db.yaml", &r).ok());
  ASSERT_EQ(r, &c.creation_rules[0]);
  EXPECT_EQ(r->encrypted_regex, "^(data|stringData)$");
  ASSERT_EQ(r->key_groups.size(), 1u);
  ASSERT_EQ(r->key_groups[0].size(), 1u);
  EXPECT_EQ(r->key_groups[0][0].type, "gcp_kms");
  EXPECT_EQ(r->key_groups[0][0].id,
            "projects/p/locations/global/keyRings/r/cryptoKeys/k");
  EXPECT_EQ(r->key_groups[0][0].mark.line, 5u);

  ASSERT_TRUE(c.MatchRule("/repo/app/.env", &r).ok());
  ASSERT_EQ(r, &c.creation_rules[1]);
  EXPECT_TRUE(r->mac_only_encrypted);
  ASSERT_EQ(r->key_groups[0].size(), 4u);
  EXPECT_EQ(r->key_groups[0][0].type, "age");
  EXPECT_EQ(r->key_groups[0][0].id, kAge1);
  EXPECT_EQ(r->key_groups[0][1].id, kAge2);
  EXPECT_EQ(r->key_groups[0][2].type, "pgp");
  EXPECT_EQ(r->key_groups[0][2].id, "AAAABBBB");
  EXPECT_EQ(r->key_groups[0][3].id, "CCCC");

  ASSERT_TRUE(c.MatchRule("/elsewhere/x.yaml", &r).ok());
  ASSERT_EQ(r, &c.creation_rules[2]);
  EXPECT_EQ(r->shamir_threshold, 2);
  EXPECT_EQ(r->unencrypted_suffix, "_plain");
}

TEST(ConfigTest, PathRelativeToConfigFolderUnanchored) {
  SopsConfig c = Parse(R"(
creation_rules:
  - path_regex: ^secrets/
    age: )" + std::string(kAge1) +
                       "\n");
  EXPECT_EQ(c.RulePath("/repo/secrets/a.yaml"), "secrets/a.yaml");
  EXPECT_EQ(c.RulePath("/repo/x/../secrets/a.yaml"), "secrets/a.yaml");
  EXPECT_EQ(c.RulePath("/other/secrets/a.yaml"), "/other/secrets/a.yaml");
  const CreationRule* r = nullptr;
  EXPECT_TRUE(c.MatchRule("/repo/secrets/a.yaml", &r).ok());
  EXPECT_NE(r, nullptr);
  Status st = c.MatchRule("/other/secrets/a.yaml", &r);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no matching creation rules found"),
            std::string::npos);

  // Relative file paths are taken from the working directory.
  std::string cwd = fs::current_path().string();
  SopsConfig local;
  ASSERT_TRUE(ParseConfig("creation_rules: [{path_regex: 'b\\.yaml$'}]\n",
                          cwd + "/.sops.yaml", &local)
                  .ok());
  EXPECT_EQ(local.RulePath("a/b.yaml"), "a/b.yaml");
  EXPECT_EQ(local.RulePath("./a/./b.yaml"), "a/b.yaml");
}

TEST(ConfigTest, KeyGroupsMergeAndDedup) {
  SopsConfig c = Parse(std::string(R"(
creation_rules:
  - shamir_threshold: 2
    key_groups:
      - age: [)") + kAge1 +
                       R"(]
        gcp_kms:
          - resource_id: projects/p/locations/l/keyRings/r/cryptoKeys/a
        kms:
          - arn: arn:aws:kms:us-east-1:1:key/x
            role: arn:aws:iam::1:role/r
            context: {a: b}
      - merge:
          - age: [)" + kAge2 +
                       R"(]
          - age: [)" + kAge2 +
                       R"(]
        pgp: [FPR1]
        azure_keyvault:
          - {vaultUrl: "https://v.vault.azure.net", key: k, version: "1"}
        hc_vault: [https://vault:8200/v1/transit/keys/k]
)");
  const CreationRule& r = c.creation_rules[0];
  ASSERT_EQ(r.key_groups.size(), 2u);
  ASSERT_EQ(r.key_groups[0].size(), 3u);
  EXPECT_EQ(r.key_groups[0][0].type, "age");
  EXPECT_EQ(r.key_groups[0][1].type, "kms");
  EXPECT_EQ(r.key_groups[0][1].aws_role, "arn:aws:iam::1:role/r");
  ASSERT_EQ(r.key_groups[0][1].aws_context.size(), 1u);
  EXPECT_EQ(r.key_groups[0][2].type, "gcp_kms");
  ASSERT_EQ(r.key_groups[1].size(), 4u);  // the duplicate age key dropped
  EXPECT_EQ(r.key_groups[1][0].id, kAge2);
  EXPECT_EQ(r.key_groups[1][1].id, "FPR1");
  EXPECT_EQ(r.key_groups[1][2].type, "azure_kv");
  EXPECT_EQ(r.key_groups[1][2].id, "https://v.vault.azure.net/keys/k/1");
  EXPECT_EQ(r.key_groups[1][3].type, "hc_vault");
}

TEST(ConfigTest, NoCreationRulesAndOtherSections) {
  SopsConfig c = Parse("");
  EXPECT_FALSE(c.has_creation_rules);
  const CreationRule* r = &c.creation_rules.emplace_back();
  EXPECT_TRUE(c.MatchRule("/repo/a.yaml", &r).ok());
  EXPECT_EQ(r, nullptr);

  c = Parse(R"(
destination_rules:
  - s3_bucket: b
    path_regex: x
stores:
  json: {indent: 2}
  yaml:
    indent: 4
)");
  EXPECT_FALSE(c.has_creation_rules);
  EXPECT_TRUE(c.destination_rules.IsSeq());
  EXPECT_EQ(c.store_options.json_indent, 2);
  EXPECT_EQ(c.store_options.yaml_indent, 4);
  EXPECT_EQ(c.store_options.json_binary_indent, -1);

  c = Parse("creation_rules: []\n");
  EXPECT_TRUE(c.has_creation_rules);
  EXPECT_FALSE(c.MatchRule("/repo/a.yaml", &r).ok());

  // Key kinds sops has that ferry only records.
  c = Parse(R"(
creation_rules:
  - kms: "arn:aws:kms:r:1:key/a+arn:aws:iam::1:role/x, arn:aws:kms:r:1:key/b"
    aws_profile: prof
    hc_vault_transit_uri: https://v:8200/v1/transit/keys/k
    azure_keyvault: [https://v.vault.azure.net/keys/k/1]
    unknown_field: ignored
)");
  const auto& g = c.creation_rules[0].key_groups[0];
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g[0].id, "arn:aws:kms:r:1:key/a");
  EXPECT_EQ(g[0].aws_role, "arn:aws:iam::1:role/x");
  EXPECT_EQ(g[0].aws_profile, "prof");
  EXPECT_EQ(g[1].id, "arn:aws:kms:r:1:key/b");
  EXPECT_EQ(g[2].type, "azure_kv");
  EXPECT_EQ(g[3].type, "hc_vault");
}

TEST(ConfigTest, ErrorsHavePositions) {
  EXPECT_EQ(ParseError("creation_rules:\n  - path_regex: '(['\n"),
            "/repo/.sops.yaml:2:18: error: can not compile regexp: missing ]: "
            "[");
  EXPECT_EQ(ParseError("creation_rules:\n  - age: age1nope\n"),
            "/repo/.sops.yaml:2:10: error: invalid age recipient "
            "\"age1nope\": bech32: separator '1' at invalid position");
  std::string e = ParseError("creation_rules:\n  - shamir_threshold: two\n");
  EXPECT_EQ(e,
            "/repo/.sops.yaml:2:23: error: shamir_threshold: expected an "
            "integer, got \"two\"");
  e = ParseError(
      "creation_rules:\n  - encrypted_regex: a\n    unencrypted_regex: b\n");
  EXPECT_EQ(e.rfind("/repo/.sops.yaml:2:5: error: cannot use more than one", 0),
            0u)
      << e;
  e = ParseError("creation_rules:\n  - age: 3\n");
  EXPECT_EQ(e,
            "/repo/.sops.yaml:2:10: error: invalid age key configuration: "
            "expected string, []string, or nil, got int");
  e = ParseError("creation_rules:\n  - pgp: [a, [b]]\n");
  EXPECT_EQ(e.rfind("/repo/.sops.yaml:2:14: error:", 0), 0u) << e;
  e = ParseError("creation_rules:\n  - key_groups:\n      - pgp: abc\n");
  EXPECT_EQ(e,
            "/repo/.sops.yaml:3:14: error: pgp: expected a list, got a "
            "scalar");
  e = ParseError("creation_rules: {a: b}\n");
  EXPECT_EQ(e.rfind("/repo/.sops.yaml:1:17: error: creation_rules: expected a "
                    "list",
                    0),
            0u)
      << e;
  e = ParseError("creation_rules:\n  - mac_only_encrypted: maybe\n");
  EXPECT_NE(e.find("expected true or false"), std::string::npos);
}

TEST(ConfigTest, FindConfigFileWalksUp) {
  std::string tmpl = (fs::temp_directory_path() / "ferry_cfg_XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  fs::path root = tmpl;
  fs::create_directories(root / "a/b/c");
  std::ofstream(root / "a/.sops.yaml") << "creation_rules: []\n";
  std::ofstream(root / "a/b/.sops.yml") << "";
  ConfigLookup l;
  ASSERT_TRUE(FindConfigFile((root / "a/b/c").string(), &l));
  EXPECT_EQ(l.path, (root / "a/.sops.yaml").string());
  EXPECT_NE(l.warning.find(".sops.yml"), std::string::npos);
  ASSERT_TRUE(FindConfigFile((root / "a").string(), &l));
  EXPECT_TRUE(l.warning.empty());
  EXPECT_FALSE(FindConfigFile(root.string(), &l));

  SopsConfig c;
  ASSERT_TRUE(LoadConfig((root / "a/.sops.yaml").string(), &c).ok());
  EXPECT_TRUE(c.has_creation_rules);
  EXPECT_FALSE(LoadConfig((root / "missing.yaml").string(), &c).ok());
  fs::remove_all(root);
}

}  // namespace
}  // namespace ferry::sops
