#include "sops/keysource_age.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;

// Sets environment variables for one test and restores them afterwards;
// HOME and XDG_CONFIG_HOME point into a temporary folder.
class AgeEnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (fs::temp_directory_path() / "ferry_agek_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    for (const char* name : {"SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE",
                             "SOPS_AGE_KEY_CMD", "HOME", "XDG_CONFIG_HOME"}) {
      const char* v = getenv(name);
      if (v) saved_[name] = v;
      unsetenv(name);
    }
    setenv("HOME", (dir_ / "home").c_str(), 1);
  }
  void TearDown() override {
    for (const char* name : {"SOPS_AGE_KEY", "SOPS_AGE_KEY_FILE",
                             "SOPS_AGE_KEY_CMD", "HOME", "XDG_CONFIG_HOME"}) {
      auto it = saved_.find(name);
      if (it == saved_.end()) {
        unsetenv(name);
      } else {
        setenv(name, it->second.c_str(), 1);
      }
    }
    fs::remove_all(dir_);
  }
  std::string Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }

  fs::path dir_;
  std::map<std::string, std::string> saved_;
};

std::unique_ptr<AgeMasterKey> KeyFor(const AgeIdentity& id,
                                     AgeKeyOptions options = {}) {
  std::unique_ptr<AgeMasterKey> key;
  Status st = AgeMasterKey::Create("  " + id.recipient().ToString() + " ",
                                   std::move(options), &key);
  EXPECT_TRUE(st.ok()) << st.message();
  return key;
}

const SecureBytes& DataKey() {
  static SecureBytes* k = new SecureBytes(std::string(32, '\x5a'));
  return *k;
}

TEST_F(AgeEnvTest, EncryptWritesArmoredAgeFile) {
  AgeIdentity id = AgeIdentity::Generate();
  auto key = KeyFor(id);
  EXPECT_EQ(key->Type(), "age");
  EXPECT_EQ(key->Id(), id.recipient().ToString());
  std::string enc;
  ASSERT_TRUE(key->Encrypt(DataKey(), &enc).ok());
  EXPECT_EQ(enc.rfind("-----BEGIN AGE ENCRYPTED FILE-----\n", 0), 0u);
  EXPECT_NE(enc.find("\n-----END AGE ENCRYPTED FILE-----\n"),
            std::string::npos);

  // Explicit identities (as Flux passes them), without the environment.
  auto ids = std::make_shared<std::vector<AgeIdentity>>();
  ids->push_back(AgeIdentity::Generate());  // not this one
  AgeIdentity copy;
  ASSERT_TRUE(AgeIdentity::Parse(id.ToString(), &copy).ok());
  ids->push_back(std::move(copy));
  auto dec_key = KeyFor(id, AgeKeyOptions{ids, false});
  SecureBytes out;
  Status st = dec_key->Decrypt(enc, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(out.Equals(DataKey().view()));
}

TEST_F(AgeEnvTest, ParseAgeIdentitiesNamesTheSource) {
  std::shared_ptr<const std::vector<AgeIdentity>> ids;
  std::string a = AgeIdentity::Generate().ToString();
  ASSERT_TRUE(
      ParseAgeIdentities({"# c\n" + a + "\n"}, {"x.agekey"}, &ids).ok());
  EXPECT_EQ(ids->size(), 1u);
  Status st = ParseAgeIdentities({"garbage\n"}, {"sops/key.agekey"}, &ids);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("sops/key.agekey"), std::string::npos)
      << st.message();
}

TEST_F(AgeEnvTest, EnvironmentSources) {
  AgeIdentity a = AgeIdentity::Generate(), b = AgeIdentity::Generate(),
              c = AgeIdentity::Generate(), d = AgeIdentity::Generate();
  std::string enc_a, enc_b, enc_c, enc_d;
  ASSERT_TRUE(KeyFor(a)->Encrypt(DataKey(), &enc_a).ok());
  ASSERT_TRUE(KeyFor(b)->Encrypt(DataKey(), &enc_b).ok());
  ASSERT_TRUE(KeyFor(c)->Encrypt(DataKey(), &enc_c).ok());
  ASSERT_TRUE(KeyFor(d)->Encrypt(DataKey(), &enc_d).ok());

  // Nothing set: the error lists where sops looked.
  SecureBytes out;
  Status st = KeyFor(a)->Decrypt(enc_a, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "failed to load age identities. Did not find keys in "
            "locations 'SOPS_AGE_KEY', 'SOPS_AGE_KEY_FILE', "
            "'SOPS_AGE_KEY_CMD', and '" +
                (dir_ / "home/.config/sops/age/keys.txt").string() + "'.");

  // All sources are read together.
  setenv("SOPS_AGE_KEY", ("# one\n" + a.ToString() + "\n").c_str(), 1);
  setenv("SOPS_AGE_KEY_FILE", Write("k/file.txt", b.ToString() + "\n").c_str(),
         1);
  setenv("SOPS_AGE_KEY_CMD",
         ("cat " + Write("k/cmd.txt", d.ToString() + "\n")).c_str(), 1);
  Write("home/.config/sops/age/keys.txt", c.ToString() + "\n");
  for (const std::string* enc : {&enc_a, &enc_b, &enc_c, &enc_d}) {
    st = KeyFor(a)->Decrypt(*enc, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(out.Equals(DataKey().view()));
  }

  // XDG_CONFIG_HOME replaces ~/.config.
  unsetenv("SOPS_AGE_KEY");
  unsetenv("SOPS_AGE_KEY_FILE");
  unsetenv("SOPS_AGE_KEY_CMD");
  setenv("XDG_CONFIG_HOME", (dir_ / "xdg").c_str(), 1);
  EXPECT_FALSE(KeyFor(a)->Decrypt(enc_c, &out).ok());
  Write("xdg/sops/age/keys.txt", c.ToString() + "\n");
  EXPECT_TRUE(KeyFor(a)->Decrypt(enc_c, &out).ok());

  // A broken source is reported, the others still used.
  setenv("SOPS_AGE_KEY", "AGE-SECRET-KEY-1BROKEN", 1);
  st = KeyFor(a)->Decrypt(enc_c, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  st = KeyFor(a)->Decrypt(enc_a, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("Errors while loading age identities: failed "
                              "to parse 'SOPS_AGE_KEY' age identities"),
            std::string::npos)
      << st.message();
  setenv("SOPS_AGE_KEY_FILE", (dir_ / "missing").c_str(), 1);
  st = KeyFor(a)->Decrypt(enc_a, &out);
  EXPECT_NE(st.message().find("failed to open SOPS_AGE_KEY_FILE file"),
            std::string::npos)
      << st.message();
}

TEST_F(AgeEnvTest, InteropWithAgeCommand) {
  if (std::system("command -v age >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "age is not on PATH";
  }
  AgeIdentity id = AgeIdentity::Generate();
  std::string key_file = Write("id.txt", id.ToString() + "\n");
  std::string enc;
  ASSERT_TRUE(KeyFor(id)->Encrypt(DataKey(), &enc).ok());
  std::string enc_file = Write("enc.age", enc);
  std::string out_file = (dir_ / "out").string();
  ASSERT_EQ(
      std::system(("age -d -i " + key_file + " -o " + out_file + " " + enc_file)
                      .c_str()),
      0);
  std::ifstream f(out_file, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(ss.str(), std::string(DataKey().view()));

  // What the age command writes (as sops does: armored) decrypts here.
  std::string plain_file = Write("plain", std::string(DataKey().view()));
  std::string age_file = (dir_ / "by_age.age").string();
  ASSERT_EQ(std::system(("age -a -r " + id.recipient().ToString() + " -o " +
                         age_file + " " + plain_file)
                            .c_str()),
            0);
  std::ifstream g(age_file, std::ios::binary);
  std::stringstream gs;
  gs << g.rdbuf();
  setenv("SOPS_AGE_KEY_FILE", key_file.c_str(), 1);
  SecureBytes out;
  Status st = KeyFor(id)->Decrypt(gs.str(), &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(out.Equals(DataKey().view()));
}

}  // namespace
}  // namespace ferry::sops
