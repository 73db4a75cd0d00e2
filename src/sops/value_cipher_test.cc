#include "sops/value_cipher.h"

#include <gtest/gtest.h>

#include <string>

namespace ferry::sops {
namespace {

std::string Bytes(int from, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>(from + i));
  return s;
}

const std::string kKey = Bytes(0, 32);

TEST(ValueCipherTest, RoundTripEachType) {
  const std::pair<ValueType, std::string> cases[] = {
      {ValueType::kStr, "s3cr3t value with spaces and ünïcode"},
      {ValueType::kInt, "42"},
      {ValueType::kInt64, "-9007199254740993"},
      {ValueType::kFloat, "3.25"},
      {ValueType::kBool, "True"},
      {ValueType::kBytes, std::string("\x00\x01\xff\n", 4)},
      {ValueType::kComment, " a comment"},
  };
  for (const auto& [type, plain] : cases) {
    std::string enc;
    ASSERT_TRUE(EncryptValue(plain, type, kKey, "a:b:", &enc).ok());
    EXPECT_TRUE(IsEncryptedValue(enc)) << enc;
    EXPECT_NE(enc.find(",type:" + std::string(ValueTypeName(type)) + "]"),
              std::string::npos)
        << enc;
    EncryptedValue parsed;
    ASSERT_TRUE(ParseEncryptedValue(enc, &parsed).ok());
    EXPECT_EQ(parsed.iv.size(), kValueIvSize);
    EXPECT_EQ(parsed.tag.size(), 16u);
    EXPECT_EQ(FormatEncryptedValue(parsed), enc);
    SecureBytes out;
    ValueType out_type;
    Status st = DecryptValue(enc, kKey, "a:b:", &out, &out_type);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(out.view(), plain);
    EXPECT_EQ(out_type, type);
  }
}

TEST(ValueCipherTest, FreshIvEachTime) {
  std::string a, b;
  ASSERT_TRUE(EncryptValue("x", ValueType::kStr, kKey, "k:", &a).ok());
  ASSERT_TRUE(EncryptValue("x", ValueType::kStr, kKey, "k:", &b).ok());
  EXPECT_NE(a, b);
}

TEST(ValueCipherTest, EmptyValueLikeSops) {
  std::string enc = "unchanged";
  ASSERT_TRUE(EncryptValue("", ValueType::kStr, kKey, "k:", &enc).ok());
  EXPECT_EQ(enc, "");
  SecureBytes out("junk");
  ValueType type = ValueType::kInt;
  ASSERT_TRUE(DecryptValue("", kKey, "k:", &out, &type).ok());
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(type, ValueType::kStr);
}

// Computed once with Python's `cryptography` AESGCM (an implementation
// independent of OpenSSL's EVP wrappers here): key 00..1f, IV 20..3f.
TEST(ValueCipherTest, KnownAnswer) {
  const std::string iv = Bytes(32, 32);
  const std::string want_str =
      "ENC[AES256_GCM,data:f6SdJOIj9kWjIxQO,iv:"
      "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:/0uo9tkVyc9SHa2g4H/"
      "AZQ==,type:str]";
  const std::string want_bool =
      "ENC[AES256_GCM,data:Q7OELQ==,iv:"
      "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=,tag:li3h1Qf/g64Y4pnK1fj/"
      "hw==,type:bool]";
  std::string enc;
  ASSERT_TRUE(EncryptValueWithIv("hello, ferry", ValueType::kStr, kKey,
                                          iv, "stringData:password:", &enc)
                  .ok());
  EXPECT_EQ(enc, want_str);
  ASSERT_TRUE(EncryptValueWithIv("True", ValueType::kBool, kKey, iv,
                                          "enabled:", &enc)
                  .ok());
  EXPECT_EQ(enc, want_bool);

  SecureBytes out;
  ValueType type;
  ASSERT_TRUE(
      DecryptValue(want_str, kKey, "stringData:password:", &out, &type).ok());
  EXPECT_EQ(out.view(), "hello, ferry");
  EXPECT_EQ(type, ValueType::kStr);
}

TEST(ValueCipherTest, TamperedCiphertextFails) {
  std::string enc;
  ASSERT_TRUE(EncryptValue("hello", ValueType::kStr, kKey, "k:", &enc).ok());
  EncryptedValue v;
  ASSERT_TRUE(ParseEncryptedValue(enc, &v).ok());
  for (std::string EncryptedValue::*field :
       {&EncryptedValue::data, &EncryptedValue::iv, &EncryptedValue::tag}) {
    EncryptedValue t = v;
    (t.*field)[0] ^= 1;
    SecureBytes out;
    ValueType type;
    Status st = DecryptValue(FormatEncryptedValue(t), kKey, "k:", &out, &type);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("authentication failed"), std::string::npos)
        << st.message();
  }
}

TEST(ValueCipherTest, WrongAdditionalDataOrKeyFails) {
  std::string enc;
  ASSERT_TRUE(EncryptValue("hello", ValueType::kStr, kKey, "a:b:", &enc).ok());
  SecureBytes out;
  ValueType type;
  Status st = DecryptValue(enc, kKey, "a:c:", &out, &type);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("\"a:c:\""), std::string::npos) << st.message();
  EXPECT_FALSE(DecryptValue(enc, kKey, "a:b", &out, &type).ok());
  EXPECT_FALSE(DecryptValue(enc, Bytes(1, 32), "a:b:", &out, &type).ok());
  st = DecryptValue(enc, "short", "a:b:", &out, &type);
  EXPECT_NE(st.message().find("32 bytes"), std::string::npos) << st.message();
}

TEST(ValueCipherTest, MalformedValues) {
  const char* bad[] = {
      "ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str",
      "ENC[AES256_GCM,data:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]",
      "ENC[AES256_GCM,data:A!AA,iv:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]",
      "ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAA,type:str]",
      "ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:"
      "list]",
      "ENC[AES256_GCM,data:AAAA,iv:,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]",
      "ENC[AES256_GCM,data:AAA,iv:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]",
      "ENC[PGP,data:AAAA]",
      "plain text",
  };
  for (const char* text : bad) {
    EncryptedValue v;
    Status st = ParseEncryptedValue(text, &v);
    ASSERT_FALSE(st.ok()) << text;
    EXPECT_NE(st.message().find("malformed sops encrypted value"),
              std::string::npos)
        << st.message();
    SecureBytes out;
    ValueType type;
    EXPECT_FALSE(DecryptValue(text, kKey, "", &out, &type).ok()) << text;
  }
  EncryptedValue v;
  Status st = ParseEncryptedValue(
      "ENC[AES256_GCM,data:AAAA,iv:AAAA,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:x]",
      &v);
  EXPECT_NE(st.message().find("unknown type \"x\""), std::string::npos)
      << st.message();
}

TEST(ValueCipherTest, TypeNames) {
  for (std::string_view name :
       {"str", "int", "int64", "float", "bool", "bytes", "comment"}) {
    ValueType t;
    ASSERT_TRUE(ParseValueType(name, &t));
    EXPECT_EQ(ValueTypeName(t), name);
  }
  ValueType t;
  EXPECT_FALSE(ParseValueType("string", &t));
}

}  // namespace
}  // namespace ferry::sops
