#include "sops/secure_bytes.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace ferry::sops {
namespace {

static_assert(!std::is_copy_constructible_v<SecureBytes>);
static_assert(!std::is_copy_assignable_v<SecureBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecureBytes>);

TEST(SecureBytesTest, BasicsAndClone) {
  SecureBytes a("key material");
  EXPECT_EQ(a.size(), 12u);
  EXPECT_EQ(a.view(), "key material");
  SecureBytes b = a.Clone();
  EXPECT_TRUE(b.Equals("key material"));
  EXPECT_FALSE(b.Equals("key materiaL"));
  EXPECT_FALSE(b.Equals("key"));
  b.append("!");
  EXPECT_EQ(b.view(), "key material!");
  EXPECT_EQ(a.view(), "key material");
  SecureBytes z(4);
  EXPECT_EQ(z.view(), std::string_view("\0\0\0\0", 4));
}

TEST(SecureBytesTest, MoveLeavesSourceEmpty) {
  SecureBytes a("secret");
  SecureBytes b(std::move(a));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(b.view(), "secret");
  SecureBytes c("other");
  c = std::move(b);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(c.view(), "secret");
  c.clear();
  EXPECT_TRUE(c.empty());
}

TEST(SecureBytesTest, ClearWipesBuffer) {
  SecureBytes a("secret");
  const uint8_t* p = a.data();
  a.clear();
  // The capacity is kept until destruction; its bytes are already zero.
  for (int i = 0; i < 6; ++i) EXPECT_EQ(p[i], 0);
}

TEST(SecureBytesTest, RandomBytesDiffer) {
  SecureBytes a = RandomSecureBytes(32);
  SecureBytes b = RandomSecureBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_FALSE(a.Equals(b.view()));
}

}  // namespace
}  // namespace ferry::sops
