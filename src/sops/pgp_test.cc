#include "sops/pgp.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;

// A private GNUPGHOME with one fresh key without passphrase.
class PgpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v gpg >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "gpg is not on PATH";
    }
    std::string tmpl =
        (fs::temp_directory_path() / "ferry_gpg_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    home_ = tmpl;
    std::string cmd = "GNUPGHOME=" + home_ +
                      " gpg --batch --quiet --passphrase '' --quick-gen-key "
                      "'ferry test <t@example.com>' ed25519 cert,sign 0 "
                      ">/dev/null 2>&1 && GNUPGHOME=" +
                      home_ +
                      " gpg --batch --quiet --passphrase '' --quick-add-key "
                      "$(GNUPGHOME=" +
                      home_ +
                      " gpg --list-keys --with-colons | awk -F: '/^fpr/ "
                      "{print $10; exit}') cv25519 encr 0 >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    SecureBytes out;
    std::string err;
    int code = 0;
    ASSERT_TRUE(pgp_internal::RunWithInput(
                    {"gpg", "--batch", "--list-keys", "--with-colons"}, home_,
                    "", &out, &err, &code)
                    .ok());
    std::string list(out.view());
    size_t p = list.find("\nfpr:");
    ASSERT_NE(p, std::string::npos) << list << err;
    size_t start = list.find_first_not_of(':', p + 5);
    fpr_ = list.substr(start, list.find(':', start) - start);
  }
  void TearDown() override {
    if (home_.empty()) return;
    std::system(
        ("GNUPGHOME=" + home_ + " gpgconf --kill all >/dev/null 2>&1").c_str());
    fs::remove_all(home_);
  }
  std::string home_, fpr_;
};

TEST_F(PgpTest, RoundTripThroughGpg) {
  std::unique_ptr<PgpMasterKey> key;
  ASSERT_TRUE(PgpMasterKey::Create(fpr_, PgpOptions{"", home_}, &key).ok());
  EXPECT_EQ(key->Type(), "pgp");
  EXPECT_EQ(key->Id(), fpr_);
  SecureBytes data_key(std::string(32, '\x11'));
  std::string enc;
  Status st = key->Encrypt(data_key, &enc);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(enc.rfind("-----BEGIN PGP MESSAGE-----", 0), 0u);
  SecureBytes out;
  st = key->Decrypt(enc, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(out.Equals(data_key.view()));

  // Another GNUPGHOME has no secret key.
  std::string other = home_ + "/other";
  fs::create_directories(other);
  fs::permissions(other, fs::perms::owner_all);
  std::unique_ptr<PgpMasterKey> stranger;
  ASSERT_TRUE(
      PgpMasterKey::Create(fpr_, PgpOptions{"", other}, &stranger).ok());
  st = stranger->Decrypt(enc, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("failed to decrypt sops data key with pgp key"),
            std::string::npos);
  st = stranger->Encrypt(data_key, &enc);
  EXPECT_FALSE(st.ok());
}

TEST_F(PgpTest, MissingProgram) {
  std::unique_ptr<PgpMasterKey> key;
  ASSERT_TRUE(
      PgpMasterKey::Create(fpr_, PgpOptions{"/nonexistent/gpg", home_}, &key)
          .ok());
  std::string enc;
  Status st = key->Encrypt(SecureBytes(std::string(32, 'x')), &enc);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/nonexistent/gpg"), std::string::npos);
}

}  // namespace
}  // namespace ferry::sops
