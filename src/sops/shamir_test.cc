#include "sops/shamir.h"

#include <gtest/gtest.h>

#include <string>

namespace ferry::sops {
namespace {

using shamir_internal::Div;
using shamir_internal::Mul;

std::string Hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(
        std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::vector<std::string_view> Views(const std::vector<SecureBytes>& shares,
                                    const std::vector<int>& pick) {
  std::vector<std::string_view> out;
  for (int i : pick) out.push_back(shares[i].view());
  return out;
}

// Vault's shamir_test.go field cases.
TEST(ShamirFieldTest, VaultCases) {
  EXPECT_EQ(Mul(3, 7), 9);
  EXPECT_EQ(Mul(3, 0), 0);
  EXPECT_EQ(Mul(0, 3), 0);
  EXPECT_EQ(Div(0, 7), 0);
  EXPECT_EQ(Div(3, 3), 1);
  EXPECT_EQ(Div(6, 3), 2);
}

// Vault's tables.go: exp table for generator 0xe5; the first and last
// entries pin the field polynomial.
TEST(ShamirFieldTest, MatchesVaultExpTable) {
  const uint8_t head[] = {0x01, 0xe5, 0x4c, 0xb5, 0xfb, 0x9f, 0xfc, 0x12,
                          0x03, 0x34, 0xd4, 0xc4, 0x16, 0xba, 0x1f, 0x36};
  const uint8_t tail[] = {0xaa, 0xcd, 0x9a, 0xa0, 0x75, 0x54, 0x0e, 0x01};
  uint8_t exp[256];
  exp[0] = 1;
  for (int i = 1; i < 256; ++i) exp[i] = Mul(exp[i - 1], 0xe5);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(exp[i], head[i]) << i;
  for (int i = 0; i < 8; ++i) EXPECT_EQ(exp[248 + i], tail[i]) << i;
  for (int a = 1; a < 256; ++a) {
    for (int b = 1; b < 256; b += 17) {
      EXPECT_EQ(Mul(Div(a, b), b), a);
    }
  }
}

TEST(ShamirTest, TwoOfThree) {
  std::string secret(32, '\0');
  for (int i = 0; i < 32; ++i) secret[i] = static_cast<char>(i * 7 + 1);
  std::vector<SecureBytes> shares;
  ASSERT_TRUE(ShamirSplit(secret, 3, 2, &shares).ok());
  ASSERT_EQ(shares.size(), 3u);
  for (const auto& s : shares) {
    EXPECT_EQ(s.size(), 33u);
    EXPECT_NE(s[32], 0);
  }
  for (const auto& pick : std::vector<std::vector<int>>{
           {0, 1}, {1, 0}, {0, 2}, {1, 2}, {2, 1}, {0, 1, 2}}) {
    SecureBytes out;
    ASSERT_TRUE(ShamirCombine(Views(shares, pick), &out).ok());
    EXPECT_EQ(out.view(), secret);
  }
}

TEST(ShamirTest, ThreeOfFiveEverySubset) {
  std::string secret = "a sops data key of thirty-two b.";
  std::vector<SecureBytes> shares;
  ASSERT_TRUE(ShamirSplit(secret, 5, 3, &shares).ok());
  int recovered = 0, below = 0;
  for (int mask = 1; mask < 32; ++mask) {
    std::vector<int> pick;
    for (int i = 0; i < 5; ++i) {
      if (mask & (1 << i)) pick.push_back(i);
    }
    SecureBytes out;
    Status st = ShamirCombine(Views(shares, pick), &out);
    if (pick.size() >= 3) {
      ASSERT_TRUE(st.ok());
      EXPECT_EQ(out.view(), secret) << mask;
      ++recovered;
    } else if (pick.size() == 2) {
      // Two points of a degree-2 polynomial say nothing about the secret.
      ASSERT_TRUE(st.ok());
      EXPECT_NE(out.view(), secret) << mask;
      ++below;
    } else {
      EXPECT_FALSE(st.ok());
    }
  }
  EXPECT_EQ(recovered, 16);
  EXPECT_EQ(below, 10);
}

TEST(ShamirTest, RandomXCoordinates) {
  // Like Vault and sops, x-coordinates are random, not 1..n.
  bool varied = false;
  for (int round = 0; round < 20 && !varied; ++round) {
    std::vector<SecureBytes> shares;
    ASSERT_TRUE(ShamirSplit("k", 3, 2, &shares).ok());
    varied = shares[0][1] != 1 || shares[1][1] != 2 || shares[2][1] != 3;
  }
  EXPECT_TRUE(varied);
}

// Shares computed with Vault's table arithmetic (exp/log tables of
// generator 0xe5) in an independent script: secret "ferry!", threshold 3,
// x = 7, 42, 200, 255, 1.
TEST(ShamirTest, PinnedVaultVector) {
  const std::string shares[] = {
      Hex("36f28620fd5207"), Hex("330c0df1dbf12a"), Hex("086a32db52e6c8"),
      Hex("5b65edaa4665ff"), Hex("84870f58604401"),
  };
  for (const auto& pick : std::vector<std::vector<int>>{
           {0, 1, 2}, {4, 3, 2}, {1, 3, 4}, {0, 1, 2, 3, 4}}) {
    std::vector<std::string_view> views;
    for (int i : pick) views.push_back(shares[i]);
    SecureBytes out;
    ASSERT_TRUE(ShamirCombine(views, &out).ok());
    EXPECT_EQ(out.view(), "ferry!");
  }
}

TEST(ShamirTest, InvalidArguments) {
  std::vector<SecureBytes> shares;
  EXPECT_FALSE(ShamirSplit("test", 0, 0, &shares).ok());
  EXPECT_FALSE(ShamirSplit("test", 2, 3, &shares).ok());
  EXPECT_FALSE(ShamirSplit("test", 1000, 3, &shares).ok());
  EXPECT_FALSE(ShamirSplit("test", 10, 1, &shares).ok());
  EXPECT_FALSE(ShamirSplit("", 3, 2, &shares).ok());
  ASSERT_TRUE(ShamirSplit("test", 255, 255, &shares).ok());

  SecureBytes out;
  EXPECT_FALSE(ShamirCombine({}, &out).ok());
  EXPECT_FALSE(ShamirCombine({"foo"}, &out).ok());
  EXPECT_FALSE(ShamirCombine({"foo", "ba"}, &out).ok());
  EXPECT_FALSE(ShamirCombine({"f", "b"}, &out).ok());
  Status st = ShamirCombine({"foo", "foo"}, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("duplicate"), std::string::npos);
}

}  // namespace
}  // namespace ferry::sops
