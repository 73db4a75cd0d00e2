#include "sops/mac.h"

#include <gtest/gtest.h>

#include "sops/value_cipher.h"

namespace ferry::sops {
namespace {

const std::string kKey(32, 'k');

// Digests computed with Python's hashlib.
TEST(SopsMacTest, KnownDigests) {
  SopsMac empty;
  EXPECT_EQ(empty.HexDigest(),
            "CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE"
            "47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E");
  SopsMac mac;
  for (std::string_view v : {"hunter2", "42", "True", "3.5"}) mac.AddValue(v);
  EXPECT_EQ(mac.HexDigest(),
            "376A9BA1AF9C75FB32F40E7452BC9C645454CA404378FC6E11E30D25FAB0C596"
            "4E9719D06E22EB989B19678C44B69A2AAC90D38E95E47326EAB7FBC71E678138");
  SopsMac only(/*mac_only_encrypted=*/true);
  only.AddValue("hunter2");
  EXPECT_EQ(only.HexDigest(),
            "31CD661315959FEF3255F3440FA54D16E94E02DADFA16194DD9BACD1EE881561"
            "46C2BFF940C0B3598DD8237955BE84FD84FA02872113F896DCB51A6E4473008A");
}

TEST(SopsMacTest, EncryptAndVerify) {
  SopsMac mac;
  mac.AddValue("v");
  std::string hex = mac.HexDigest();
  std::string enc;
  ASSERT_TRUE(EncryptMac(hex, kKey, "2024-09-04T13:43:30Z", &enc).ok());
  EXPECT_NE(enc.find(",type:str]"), std::string::npos);
  EXPECT_TRUE(VerifyMac(enc, hex, kKey, "2024-09-04T13:43:30Z").ok());

  SopsMac other;
  other.AddValue("w");
  Status st = VerifyMac(enc, other.HexDigest(), kKey, "2024-09-04T13:43:30Z");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().substr(0, 12), "MAC mismatch");

  // lastmodified is the additional data: changing it breaks decryption.
  st = VerifyMac(enc, hex, kKey, "2024-09-04T13:43:31Z");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot decrypt the sops MAC"),
            std::string::npos);
}

}  // namespace
}  // namespace ferry::sops
