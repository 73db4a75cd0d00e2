// Files written by the real sops decrypt with ferry (testdata/sops).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sops/age.h"
#include "sops/file.h"

namespace ferry::sops {
namespace {

std::string ReadTestdata(std::string_view name) {
  std::ifstream in(std::filesystem::path(FERRY_SOURCE_DIR) / "testdata/sops" /
                   std::string(name));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The data key from the metadata's age entries, with the test identity.
DataKeyProvider AgeProvider() {
  return [](const Metadata& m, SecureBytes* key) -> Status {
    std::vector<AgeIdentity> ids;
    FERRY_RETURN_IF_ERROR(
        ParseAgeIdentityFile(ReadTestdata("age-test-key.txt"), "key", &ids));
    for (const auto& group : m.key_groups)
      for (const KeyEntry& e : group)
        if (e.type == "age" && AgeDecrypt(e.enc(), ids, key).ok())
          return Status::Ok();
    return Status::Error("no age key decrypts the data key");
  };
}

TEST(SopsInterop, DecryptsYamlWrittenBySops391) {
  std::string out;
  Status st = DecryptDocument(ReadTestdata("age-3.9.1.enc.yaml"), Store::kYaml,
                              AgeProvider(), &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out, "hello: world\n");
}

TEST(SopsInterop, DecryptsJsonWrittenBySops391) {
  std::string out;
  Status st = DecryptDocument(ReadTestdata("age-3.9.1.enc.json"), Store::kJson,
                              AgeProvider(), &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out, "{\n\t\"hello\": \"world\"\n}\n");
}

TEST(SopsInterop, MetadataRewrittenByteForByte) {
  // ferry writes the sops block of a sops 3.9.1 file back unchanged (but
  // for the version it claims).
  for (auto [name, store] : {std::pair{"age-3.9.1.enc.yaml", Store::kYaml},
                             std::pair{"age-3.9.1.enc.json", Store::kJson}}) {
    std::string text = ReadTestdata(name);
    std::vector<yaml::Node> docs;
    Metadata m;
    ASSERT_TRUE(LoadEncrypted(text, store, &docs, &m).ok());
    std::string out;
    ASSERT_TRUE(EmitEncrypted(docs, m, store, &out).ok());
    EXPECT_EQ(out, text) << name;
  }
}

TEST(SopsInterop, TamperedSopsFileFails) {
  std::string text = ReadTestdata("age-3.9.1.enc.yaml");
  // Another value under the same data key cannot be forged without it, so
  // tamper with the MAC's ciphertext instead.
  size_t at = text.find("mac: ENC[AES256_GCM,data:") + 25;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  std::string out;
  Status st = DecryptDocument(text, Store::kYaml, AgeProvider(), &out);
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace ferry::sops

namespace ferry::sops {
namespace {

TEST(SopsInterop, DotenvMetadataOfSops3131) {
  std::string text = ReadTestdata("pgp-3.13.1.enc.env");
  std::vector<yaml::Node> docs;
  Metadata m;
  Status st = LoadEncrypted(text, Store::kDotenv, &docs, &m);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(m.key_groups.size(), 1u);
  ASSERT_EQ(m.key_groups[0].size(), 1u);
  EXPECT_EQ(m.key_groups[0][0].type, "pgp");
  EXPECT_EQ(m.key_groups[0][0].Get("fp"),
            "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
  EXPECT_TRUE(m.key_groups[0][0].enc().starts_with(
      "-----BEGIN PGP MESSAGE-----\n\nwcBM"));
  EXPECT_EQ(m.version, "3.13.1");
  std::string out;
  ASSERT_TRUE(EmitEncrypted(docs, m, Store::kDotenv, &out).ok());
  EXPECT_EQ(out, text);
}

}  // namespace
}  // namespace ferry::sops

namespace ferry::sops {
namespace {

// Runs a shell command, returning its standard output.
bool RunCommand(const std::string& cmd, std::string* out) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return false;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  return pclose(p) == 0;
}

bool HaveGpg() {
  std::string ignored;
  return RunCommand("gpg --version >/dev/null 2>&1", &ignored);
}

// A throwaway GnuPG home, removed however the test ends.
class TestGpgHome {
 public:
  TestGpgHome() {
    char tmpl[] = "/tmp/ferry-gpg-XXXXXX";
    if (mkdtemp(tmpl)) path_ = tmpl;
  }
  ~TestGpgHome() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Imports the key of sops's functional tests.
  bool ImportTestKey() const {
    std::string ignored;
    return !path_.empty() &&
           RunCommand("gpg --batch --quiet --homedir " + path_ + " --import " +
                          FERRY_SOURCE_DIR +
                          "/testdata/sops/pgp-test-key1.asc 2>/dev/null",
                      &ignored);
  }

 private:
  std::string path_;
};

// The data key from the metadata's pgp entry, with the sops functional-test
// key imported into a throwaway GnuPG home.
DataKeyProvider GpgProvider(const std::string& home) {
  return [home](const Metadata& m, SecureBytes* key) -> Status {
    for (const auto& group : m.key_groups)
      for (const KeyEntry& e : group) {
        if (e.type != "pgp") continue;
        std::string msg = home + "/msg.asc";
        std::ofstream(msg) << e.enc();
        std::string out;
        if (RunCommand("gpg --batch --quiet --homedir " + home + " --decrypt " +
                           msg + " 2>/dev/null",
                       &out)) {
          *key = SecureBytes(out);
          return Status::Ok();
        }
      }
    return Status::Error("gpg could not decrypt the data key");
  };
}

TEST(SopsInterop, DecryptsCommentsWrittenBySops361WithPgp) {
  if (!HaveGpg()) GTEST_SKIP() << "gpg not installed";
  TestGpgHome gpg;
  ASSERT_TRUE(gpg.ImportTestKey());
  const std::string& home = gpg.path();
  std::string out;
  Status st = DecryptDocument(ReadTestdata("comments-3.6.1.enc.yaml"),
                              Store::kYaml, GpgProvider(home), &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out,
            "# first comment in file\nlorem: ipsum\n# "
            "this-is-a-comment\ndolor: sit\n");
}

TEST(SopsInterop, IniWrittenBySops3132) {
  if (!HaveGpg()) GTEST_SKIP() << "gpg not installed";
  TestGpgHome gpg;
  ASSERT_TRUE(gpg.ImportTestKey());
  const std::string& home = gpg.path();
  std::string text = ReadTestdata("pgp-3.13.2.enc.ini");
  std::string out;
  Status st = DecryptDocument(text, Store::kIni, GpgProvider(home), &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out, "[foo]\nbar = baz\n\n");
  // The [sops] section is read and written back byte for byte. (go-ini ends
  // every section with a blank line, the last one too; the fixture in the
  // sops repository has had its final blank line stripped.)
  std::vector<yaml::Node> docs;
  Metadata m;
  ASSERT_TRUE(LoadEncrypted(text, Store::kIni, &docs, &m).ok());
  std::string again;
  ASSERT_TRUE(EmitEncrypted(docs, m, Store::kIni, &again).ok());
  EXPECT_EQ(again, text + "\n");
}

}  // namespace
}  // namespace ferry::sops

namespace ferry::sops {
namespace {

// The sops 3.9.1 file with its `mac` line removed, or emptied.
std::vector<std::string> WithoutMac() {
  std::string text = ReadTestdata("age-3.9.1.enc.yaml");
  size_t at = text.find("    mac: ENC[");
  size_t end = text.find('\n', at);
  std::string removed = text.substr(0, at) + text.substr(end + 1);
  std::string emptied = text.substr(0, at) + "    mac: \"\"" + text.substr(end);
  return {removed, emptied};
}

TEST(SopsInterop, MissingMacSaysSo) {
  for (const std::string& text : WithoutMac()) {
    std::string out;
    Status st = DecryptDocument(text, Store::kYaml, AgeProvider(), &out);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("holds no MAC"), std::string::npos)
        << st.message();
    EXPECT_EQ(st.message().find("modified"), std::string::npos);
    EXPECT_TRUE(out.empty());
  }
}

TEST(SopsInterop, IgnoreMacDecryptsAndReportsWhy) {
  for (const std::string& text : WithoutMac()) {
    std::vector<yaml::Node> docs;
    Metadata m;
    ASSERT_TRUE(LoadEncrypted(text, Store::kYaml, &docs, &m).ok());
    SecureBytes key;
    ASSERT_TRUE(AgeProvider()(m, &key).ok());
    std::string problem;
    Status st = DecryptDocuments(&docs, m, key, nullptr, MacCheck::kIgnore,
                                 &problem);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_NE(problem.find("holds no MAC"), std::string::npos);
    std::string out;
    ASSERT_TRUE(EmitPlain(docs, Store::kYaml, &out).ok());
    EXPECT_EQ(out, "hello: world\n");
  }
}

TEST(SopsInterop, VerifyIsTheDefault) {
  for (const std::string& text : WithoutMac()) {
    std::vector<yaml::Node> docs;
    Metadata m;
    ASSERT_TRUE(LoadEncrypted(text, Store::kYaml, &docs, &m).ok());
    SecureBytes key;
    ASSERT_TRUE(AgeProvider()(m, &key).ok());
    EXPECT_FALSE(DecryptDocuments(&docs, m, key, nullptr).ok());
  }
}

// sops writes the flattened metadata of dotenv and INI files from a Go map:
// the keys of list entry 1 may come before those of entry 0. The real sops
// 3.13.1 file, its PGP entry copied as a second entry listed first.
TEST(SopsInterop, DotenvListEntriesInAnyOrder) {
  std::string text = ReadTestdata("pgp-3.13.1.enc.env");
  std::string second, rest;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end + 1 - pos);
    pos = end + 1;
    if (line.starts_with("sops_pgp__list_0__"))
      second += "sops_pgp__list_1__" + line.substr(18);
    rest += line;
  }
  size_t at = rest.find("sops_pgp__list_0__");
  text = rest.substr(0, at) + second + rest.substr(at);
  ASSERT_LT(text.find("sops_pgp__list_1__"), text.find("sops_pgp__list_0__"));
  std::vector<yaml::Node> docs;
  Metadata m;
  Status st = LoadEncrypted(text, Store::kDotenv, &docs, &m);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(m.key_groups.size(), 1u);
  ASSERT_EQ(m.key_groups[0].size(), 2u);
  EXPECT_EQ(m.key_groups[0][1].Get("fp"),
            "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
  // A hole (entry 2 given, entry 1 not) stays malformed.
  std::string holed = ReadTestdata("pgp-3.13.1.enc.env");
  holed.insert(holed.find("sops_pgp__list_0__"),
               "sops_pgp__list_2__map_fp=AB\n");
  st = LoadEncrypted(holed, Store::kDotenv, &docs, &m);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no key for list entry \"sops_pgp__list_1\""),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace ferry::sops
