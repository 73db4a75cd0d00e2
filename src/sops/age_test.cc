#include "sops/age.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sops/age_armor.h"
#include "sops/age_header.h"
#include "sops/age_stream.h"
#include "sops/base64.h"
#include "sops/bech32.h"
#include "sops/crypto.h"

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;

bool HaveAge() {
  return std::system(
             "command -v age >/dev/null 2>&1 && "
             "command -v age-keygen >/dev/null 2>&1") == 0;
}

#define REQUIRE_AGE()                                     \
  do {                                                    \
    if (!HaveAge()) GTEST_SKIP() << "age is not on PATH"; \
  } while (0)

// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (fs::temp_directory_path() / "ferry_age_XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string File(std::string_view name) const {
    return (fs::path(path_) / name).string();
  }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs a shell command; returns its exit status.
int Shell(const std::string& cmd) { return std::system(cmd.c_str()); }

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + 7) & 0xff);
  return s;
}

// ----- bech32 -----

TEST(Bech32Test, Bip173ValidStrings) {
  for (std::string_view s :
       {"A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"}) {
    std::string hrp;
    SecureBytes data;
    Status st = Bech32Decode(s, &hrp, &data);
    EXPECT_TRUE(st.ok()) << s << ": " << st.message();
  }
  std::string hrp;
  SecureBytes data;
  EXPECT_FALSE(Bech32Decode("A12uEL5L", &hrp, &data).ok());      // mixed case
  EXPECT_FALSE(Bech32Decode("a12uel5m", &hrp, &data).ok());      // checksum
  EXPECT_FALSE(Bech32Decode("pzry9x0s0muk", &hrp, &data).ok());  // no sep
  std::string out;
  ASSERT_TRUE(Bech32Encode("A", "", &out).ok());
  EXPECT_EQ(out, "A12UEL5L");
}

TEST(Bech32Test, RoundTrip) {
  std::string out, hrp;
  SecureBytes data;
  ASSERT_TRUE(Bech32Encode("age", Pattern(32), &out).ok());
  ASSERT_TRUE(Bech32Decode(out, &hrp, &data).ok());
  EXPECT_EQ(hrp, "age");
  EXPECT_EQ(data.view(), Pattern(32));
}

// ----- keys -----

TEST(AgeKeysTest, GenerateParseRoundTrip) {
  AgeIdentity id = AgeIdentity::Generate();
  std::string text = id.ToString();
  EXPECT_EQ(text.substr(0, 16), "AGE-SECRET-KEY-1");
  EXPECT_EQ(text.size(), 74u);
  AgeIdentity parsed;
  ASSERT_TRUE(AgeIdentity::Parse(text, &parsed).ok());
  EXPECT_EQ(parsed.ToString(), text);
  EXPECT_EQ(parsed.recipient(), id.recipient());
  std::string r = id.recipient().ToString();
  EXPECT_EQ(r.substr(0, 4), "age1");
  EXPECT_EQ(r.size(), 62u);
  AgeRecipient rp;
  ASSERT_TRUE(AgeRecipient::Parse(r, &rp).ok());
  EXPECT_EQ(rp, id.recipient());
}

TEST(AgeKeysTest, ParseErrorsAreClear) {
  struct Case {
    std::string text;
    std::string want;
  };
  AgeIdentity id = AgeIdentity::Generate();
  std::string r = id.recipient().ToString();
  std::string bad_sum = r;
  bad_sum.back() = bad_sum.back() == 'q' ? 'p' : 'q';
  for (const Case& c : std::vector<Case>{
           {"", "expected \"age1...\""},
           {"ssh-ed25519 AAAA", "SSH recipients are not supported"},
           {"AGE1" + r.substr(4), "expected \"age1...\""},
           {bad_sum, "invalid checksum"},
           {"age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "invalid"},
       }) {
    AgeRecipient out;
    Status st = AgeRecipient::Parse(c.text, &out);
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_NE(st.message().find(c.want), std::string::npos) << st.message();
  }
  std::string s = id.ToString();
  std::string lower = s;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(ch));
  for (const Case& c : std::vector<Case>{
           {lower, "must be upper case"},
           {"AGE-PLUGIN-YUBIKEY-1ABC", "plugin identities are not supported"},
           {"hello", "expected \"AGE-SECRET-KEY-1...\""},
           {s.substr(0, s.size() - 1) + (s.back() == 'Q' ? "P" : "Q"),
            "invalid checksum"},
       }) {
    AgeIdentity out;
    Status st = AgeIdentity::Parse(c.text, &out);
    ASSERT_FALSE(st.ok()) << c.text;
    EXPECT_NE(st.message().find(c.want), std::string::npos) << st.message();
  }
}

TEST(AgeKeysTest, IdentityFile) {
  AgeIdentity a = AgeIdentity::Generate();
  AgeIdentity b = AgeIdentity::Generate();
  std::string text = "# created: 2024-01-01T00:00:00Z\r\n# public key: x\r\n" +
                     a.ToString() + "\r\n\n   \n# second\n" + b.ToString();
  std::vector<AgeIdentity> ids;
  Status st = ParseAgeIdentityFile(text, "keys.txt", &ids);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0].recipient(), a.recipient());
  EXPECT_EQ(ids[1].recipient(), b.recipient());

  st = ParseAgeIdentityFile("# c\n\n" + a.ToString() + "\nnot a key\n",
                            "keys.txt", &ids);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().substr(0, 18), "keys.txt:4: error:") << st.message();
  st = ParseAgeIdentityFile("# only comments\n", "keys.txt", &ids);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no age identities"), std::string::npos);
}

// ----- armor -----

TEST(AgeArmorTest, LayoutAndRoundTrip) {
  for (size_t n : {0, 1, 47, 48, 49, 96, 100, 1000}) {
    std::string bin = Pattern(n);
    std::string armored = AgeArmor(bin);
    EXPECT_EQ(armored.substr(0, 35), "-----BEGIN AGE ENCRYPTED FILE-----\n");
    EXPECT_EQ(armored.substr(armored.size() - 33),
              "-----END AGE ENCRYPTED FILE-----\n");
    std::istringstream lines(armored);
    std::string line;
    std::vector<std::string> body;
    while (std::getline(lines, line)) body.push_back(line);
    for (size_t i = 1; i + 2 < body.size(); ++i) EXPECT_EQ(body[i].size(), 64u);
    std::string back;
    ASSERT_TRUE(AgeDearmor(armored, &back).ok()) << n;
    EXPECT_EQ(back, bin);
    // CRLF line endings and surrounding whitespace are accepted.
    std::string crlf;
    for (char c : armored) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    ASSERT_TRUE(AgeDearmor("\n  " + crlf + "\n\n", &back).ok()) << n;
    EXPECT_EQ(back, bin);
  }
}

TEST(AgeArmorTest, RejectsMalformed) {
  std::string good = AgeArmor(Pattern(100));
  std::string back;
  EXPECT_FALSE(AgeDearmor(good.substr(0, good.size() - 10), &back).ok());
  EXPECT_FALSE(AgeDearmor(good + "garbage\n", &back).ok());
  EXPECT_FALSE(AgeDearmor("-----BEGIN PGP MESSAGE-----\n", &back).ok());
  // A short line that is not the last one.
  std::string bad = std::string(kAgeArmorHeader) + "\nAAAA\nAAAA\n" +
                    std::string(kAgeArmorFooter) + "\n";
  Status st = AgeDearmor(bad, &back);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("invalid age armor"), std::string::npos);
  // Non-canonical base64 (unused bits set).
  bad = std::string(kAgeArmorHeader) + "\nAB==\n" +
        std::string(kAgeArmorFooter) + "\n";
  EXPECT_FALSE(AgeDearmor(bad, &back).ok());
}

// ----- encryption without the age binary -----

TEST(AgeTest, RoundTripSizes) {
  AgeIdentity id = AgeIdentity::Generate();
  std::vector<AgeIdentity> ids;
  ids.push_back(std::move(id));
  for (size_t n :
       {size_t{0}, size_t{1}, size_t{32}, kAgeChunkSize - 1, kAgeChunkSize,
        kAgeChunkSize + 1, 3 * kAgeChunkSize, 3 * kAgeChunkSize + 5}) {
    for (AgeOutput output : {AgeOutput::kBinary, AgeOutput::kArmored}) {
      std::string plain = Pattern(n);
      std::string file;
      ASSERT_TRUE(AgeEncrypt(plain, {ids[0].recipient()}, output, &file).ok());
      SecureBytes out;
      Status st = AgeDecrypt(file, ids, &out);
      ASSERT_TRUE(st.ok()) << n << ": " << st.message();
      EXPECT_EQ(out.view(), plain) << n;
    }
  }
}

TEST(AgeTest, HeaderLayout) {
  AgeIdentity id = AgeIdentity::Generate();
  std::string file;
  ASSERT_TRUE(AgeEncrypt("x", {id.recipient(), id.recipient()},
                         AgeOutput::kBinary, &file)
                  .ok());
  AgeHeader header;
  size_t offset = 0;
  ASSERT_TRUE(ParseAgeHeader(file, &header, &offset).ok());
  ASSERT_EQ(header.stanzas.size(), 2u);
  EXPECT_EQ(header.stanzas[0].type, "X25519");
  ASSERT_EQ(header.stanzas[0].args.size(), 1u);
  EXPECT_EQ(header.stanzas[0].args[0].size(), 43u);
  EXPECT_EQ(header.stanzas[0].body.size(), 32u);
  EXPECT_EQ(file.substr(0, 32), "age-encryption.org/v1\n-> X25519 ");
  // header, MAC line (4 + 43 + 1), 16-byte nonce, one chunk of 1 + 16.
  EXPECT_EQ(file.size(), header.mac_input.size() + 1 + 43 + 1 + 16 + 17);
  EXPECT_EQ(offset, file.size() - 33);
}

TEST(AgeTest, WrongIdentity) {
  AgeIdentity id = AgeIdentity::Generate();
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt("secret", {id.recipient()}, AgeOutput::kArmored, &file).ok());
  std::vector<AgeIdentity> wrong;
  wrong.push_back(AgeIdentity::Generate());
  wrong.push_back(AgeIdentity::Generate());
  SecureBytes out;
  Status st = AgeDecrypt(file, wrong, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no identity matched"), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("tried 2 identities"), std::string::npos)
      << st.message();
  st = AgeDecrypt(file, {}, &out);
  EXPECT_FALSE(st.ok());
}

TEST(AgeTest, TamperedHeaderMac) {
  std::vector<AgeIdentity> ids;
  ids.push_back(AgeIdentity::Generate());
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt("secret", {ids[0].recipient()}, AgeOutput::kBinary, &file)
          .ok());
  size_t mac_at = file.find("\n--- ") + 5;
  std::string tampered = file;
  tampered[mac_at] = tampered[mac_at] == 'A' ? 'B' : 'A';
  SecureBytes out;
  Status st = AgeDecrypt(tampered, ids, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad header MAC"), std::string::npos)
      << st.message();
  // A header change outside the stanza the identity uses also breaks the MAC.
  tampered = file;
  tampered.insert(file.find("\n--- ") + 1, "-> unknown-type arg\n\n");
  st = AgeDecrypt(tampered, ids, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("bad header MAC"), std::string::npos)
      << st.message();
}

TEST(AgeTest, TruncatedOrModifiedPayload) {
  std::vector<AgeIdentity> ids;
  ids.push_back(AgeIdentity::Generate());
  std::string plain = Pattern(2 * kAgeChunkSize + 100);
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt(plain, {ids[0].recipient()}, AgeOutput::kBinary, &file).ok());
  SecureBytes out;
  const size_t enc_chunk = kAgeChunkSize + 16;
  // Drop the last byte, the whole last chunk, everything after the nonce,
  // and part of the nonce.
  size_t payload = file.size() - (100 + 16) - 2 * enc_chunk - 16;
  for (size_t keep : {file.size() - 1, file.size() - 116,
                      payload + 16 + enc_chunk, payload + 16, payload + 5}) {
    Status st = AgeDecrypt(file.substr(0, keep), ids, &out);
    ASSERT_FALSE(st.ok()) << keep;
    EXPECT_NE(st.message().find("age payload"), std::string::npos)
        << st.message();
  }
  std::string modified = file;
  modified[payload + 16 + enc_chunk + 3] ^= 0x40;
  Status st = AgeDecrypt(modified, ids, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("chunk 1 failed authentication"),
            std::string::npos)
      << st.message();
  // Appended data after the final chunk.
  EXPECT_FALSE(AgeDecrypt(file + "x", ids, &out).ok());
}

TEST(AgeTest, MalformedHeaders) {
  std::vector<AgeIdentity> ids;
  ids.push_back(AgeIdentity::Generate());
  SecureBytes out;
  Status st = AgeDecrypt("hello world", ids, &out);
  EXPECT_NE(st.message().find("not an age file"), std::string::npos);
  st = AgeDecrypt("age-encryption.org/v2\n", ids, &out);
  EXPECT_NE(st.message().find("unsupported age format version"),
            std::string::npos);
  st = AgeDecrypt("age-encryption.org/v1\n-> X25519 abc\n", ids, &out);
  EXPECT_NE(st.message().find("malformed age header"), std::string::npos)
      << st.message();
  st = AgeDecrypt("age-encryption.org/v1\n-> X25519 abc\n\n--- xyz\n", ids,
                  &out);
  EXPECT_NE(st.message().find("bad MAC line"), std::string::npos)
      << st.message();
  std::string mac(43, 'A');
  st = AgeDecrypt("age-encryption.org/v1\n-> X25519 abc\n\n--- " + mac + "\n",
                  ids, &out);
  EXPECT_NE(st.message().find("invalid X25519 stanza"), std::string::npos)
      << st.message();
}

TEST(AgeTest, ScryptRejectedClearly) {
  std::vector<AgeIdentity> ids;
  ids.push_back(AgeIdentity::Generate());
  std::string body = Base64Encode(std::string(32, 'x'), Base64Padding::kRaw);
  std::string salt = Base64Encode(std::string(16, 's'), Base64Padding::kRaw);
  std::string file = "age-encryption.org/v1\n-> scrypt " + salt + " 18\n" +
                     body + "\n--- " + std::string(43, 'A') + "\n";
  SecureBytes out;
  Status st = AgeDecrypt(file, ids, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("passphrase"), std::string::npos) << st.message();
}

// Builds a file by hand with an unknown stanza type before the X25519 one,
// using the same pieces AgeEncrypt uses.
std::string FileWithUnknownStanza(const AgeRecipient& r,
                                  std::string_view plain) {
  SecureBytes file_key = RandomSecureBytes(16);
  std::vector<AgeStanza> stanzas(2);
  stanzas[0].type = "ferry-test-unknown";
  stanzas[0].args = {"a", "b"};
  stanzas[0].body = Pattern(48);  // exactly 64 columns: an empty line follows
  EXPECT_TRUE(r.WrapFileKey(file_key.view(), &stanzas[1]).ok());
  std::string out = FormatAgeHeaderForMac(stanzas);
  SecureBytes mac_key = HkdfSha256(file_key.view(), "", "header", 32);
  out += " " +
         Base64Encode(HmacSha256(mac_key.view(), out), Base64Padding::kRaw) +
         "\n";
  std::string nonce = Pattern(16);
  out += nonce;
  SecureBytes key = HkdfSha256(file_key.view(), nonce, "payload", 32);
  EXPECT_TRUE(AgeStreamEncrypt(key.view(), plain, &out).ok());
  return out;
}

TEST(AgeTest, UnknownStanzasSkipped) {
  std::vector<AgeIdentity> ids;
  ids.push_back(AgeIdentity::Generate());
  std::string file = FileWithUnknownStanza(ids[0].recipient(), "hi there");
  EXPECT_NE(file.find("-> ferry-test-unknown a b\n"), std::string::npos);
  SecureBytes out;
  Status st = AgeDecrypt(file, ids, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out.view(), "hi there");
}

// Known answers from sops's own tests (age/keysource_test.go): an identity,
// its recipient, and a data key sops's age code encrypted to it.
constexpr std::string_view kSopsMockRecipient =
    "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun";
constexpr std::string_view kSopsMockIdentity =
    "AGE-SECRET-KEY-"
    "1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7";
constexpr std::string_view kSopsMockOtherIdentity =
    "AGE-SECRET-KEY-"
    "1432K5YRNSC44GC4986NXMX6GVZ52WTMT9C79CLUVWYY4DKDHD5JSNDP4MC";
constexpr std::string_view kSopsMockEncryptedKey =
    "-----BEGIN AGE ENCRYPTED FILE-----\n"
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBvY2t2NkdLUGRvY3l2OGNy\n"
    "MVJWcUhCOEZrUG8yeCtnRnhxL0I5NFk4YjJFCmE4SVQ3MEdyZkFqRWpSa2F0NVhF\n"
    "VDUybzBxdS9nSGpHSVRVMUI0UEVqZkkKLS0tIGJjeGhNQ0Y5L2VZRVVYSm90djFF\n"
    "bzdnQ3UwTGljMmtrbWNMV1MxYkFzUFUK4xjOZOTGdcbzuwUY/zeBXhcF+Md3e5PQ\n"
    "EylloI7MNGbadPGb\n"
    "-----END AGE ENCRYPTED FILE-----";
// A passphrase-encrypted (scrypt) file from the same tests.
constexpr std::string_view kSopsMockScryptFile =
    "-----BEGIN AGE ENCRYPTED FILE-----\n"
    "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IHNjcnlwdCBMN2FXZW9xSFViYjdNeW5D\n"
    "dy9iSHFnIDE4Ck9zV0ZoNldmci9rL3VXd3BtZmQvK3VZWEpBQjdhZ0UrcmhqR2lF\n"
    "YThFMzAKLS0tIGVEQ0xwODI1TlNYeHNHaHZKWHoyLzYwMTMvTGhaZG1oa203cSs0\n"
    "VUpBL1kKsaTnt+H/z8mkL21UYKIt3YMpWSV/oYqTm1cSSUnF9InZEYU9HndK9rc8\n"
    "ni+MTJCmYf4mgvvGPMf7oIQvs6ijaTdlQb+zeQsL4eif20w+CWgvPNrS6iXUIs8W\n"
    "w5/fHsxwmrkG96nDkMErJKhmjmLpC+YdbiMe6P/KIpas09m08RTIqcz7ua0Xm3ey\n"
    "ndU+8ILJOhcnWV55W43nTw/UUFse7f+qY61n7kcd1sGd7ZfSEdEIqS3K2vEtA3ER\n"
    "fn0s3cyXVEBxL9OZqcAk45bCFVOl13Fp/DBfquHEjvAyeg0=\n"
    "-----END AGE ENCRYPTED FILE-----";

TEST(AgeTest, SopsKnownAnswers) {
  AgeIdentity id;
  ASSERT_TRUE(AgeIdentity::Parse(kSopsMockIdentity, &id).ok());
  EXPECT_EQ(id.recipient().ToString(), kSopsMockRecipient);
  EXPECT_EQ(id.ToString(), kSopsMockIdentity);

  std::vector<AgeIdentity> ids;
  ASSERT_TRUE(ParseAgeIdentityFile(std::string(kSopsMockOtherIdentity) + "\n" +
                                       std::string(kSopsMockIdentity),
                                   "", &ids)
                  .ok());
  SecureBytes out;
  Status st = AgeDecrypt(kSopsMockEncryptedKey, ids, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out.view(), "data");

  ids.pop_back();  // only the other identity
  st = AgeDecrypt(kSopsMockEncryptedKey, ids, &out);
  EXPECT_NE(st.message().find("no identity matched"), std::string::npos);

  st = AgeDecrypt(kSopsMockScryptFile, ids, &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("passphrase"), std::string::npos) << st.message();
}

// ----- interoperability with the age command -----

TEST(AgeInteropTest, AgeKeygenKeyFerryEncryptsAgeDecrypts) {
  REQUIRE_AGE();
  TempDir dir;
  ASSERT_EQ(Shell("age-keygen -o " + dir.File("key.txt") + " 2>/dev/null"), 0);
  std::string keys = ReadFile(dir.File("key.txt"));
  std::vector<AgeIdentity> ids;
  ASSERT_TRUE(ParseAgeIdentityFile(keys, "key.txt", &ids).ok());
  ASSERT_EQ(ids.size(), 1u);
  // The recipient ferry derives equals the one age-keygen printed.
  std::string want = "# public key: " + ids[0].recipient().ToString() + "\n";
  EXPECT_NE(keys.find(want), std::string::npos) << keys;

  for (size_t n : {size_t{0}, size_t{32}, kAgeChunkSize, 150000 + size_t{0}}) {
    for (AgeOutput output : {AgeOutput::kBinary, AgeOutput::kArmored}) {
      std::string plain = Pattern(n);
      std::string file;
      ASSERT_TRUE(AgeEncrypt(plain, {ids[0].recipient()}, output, &file).ok());
      WriteFile(dir.File("f.age"), file);
      ASSERT_EQ(Shell("age -d -i " + dir.File("key.txt") + " -o " +
                      dir.File("out") + " " + dir.File("f.age")),
                0)
          << n;
      EXPECT_EQ(ReadFile(dir.File("out")), plain) << n;
    }
  }
}

TEST(AgeInteropTest, AgeEncryptsFerryDecrypts) {
  REQUIRE_AGE();
  TempDir dir;
  ASSERT_EQ(Shell("age-keygen -o " + dir.File("key.txt") + " 2>/dev/null"), 0);
  std::vector<AgeIdentity> ids;
  ASSERT_TRUE(
      ParseAgeIdentityFile(ReadFile(dir.File("key.txt")), "", &ids).ok());
  std::string r = ids[0].recipient().ToString();
  for (size_t n : {size_t{0}, size_t{1}, size_t{32}, kAgeChunkSize,
                   kAgeChunkSize + 1, 200000 + size_t{0}}) {
    std::string plain = Pattern(n);
    WriteFile(dir.File("in"), plain);
    for (bool armor : {false, true}) {
      ASSERT_EQ(Shell(std::string("age ") + (armor ? "--armor " : "") + "-r " +
                      r + " -o " + dir.File("f.age") + " " + dir.File("in")),
                0);
      std::string file = ReadFile(dir.File("f.age"));
      EXPECT_EQ(IsAgeArmored(file), armor);
      SecureBytes out;
      Status st = AgeDecrypt(file, ids, &out);
      ASSERT_TRUE(st.ok()) << n << " armor=" << armor << ": " << st.message();
      EXPECT_EQ(out.view(), plain);
      if (armor) {
        // ferry's armor is byte-for-byte age's layout.
        std::string bin;
        ASSERT_TRUE(AgeDearmor(file, &bin).ok());
        EXPECT_EQ(AgeArmor(bin), file) << n;
      }
    }
  }
}

TEST(AgeInteropTest, FerryIdentityUsedByAge) {
  REQUIRE_AGE();
  TempDir dir;
  AgeIdentity id = AgeIdentity::Generate();
  WriteFile(dir.File("key.txt"), FormatAgeKeyFile(id, "2024-05-01T10:00:00Z"));
  // age-keygen -y derives the same recipient from ferry's identity.
  ASSERT_EQ(
      Shell("age-keygen -y -o " + dir.File("pub") + " " + dir.File("key.txt")),
      0);
  EXPECT_EQ(ReadFile(dir.File("pub")), id.recipient().ToString() + "\n");
  // age encrypts to ferry's recipient; ferry decrypts.
  WriteFile(dir.File("in"), "sops data key 0123456789abcdef");
  ASSERT_EQ(Shell("age -a -r " + id.recipient().ToString() + " -o " +
                  dir.File("f.age") + " " + dir.File("in")),
            0);
  std::vector<AgeIdentity> ids;
  ASSERT_TRUE(
      ParseAgeIdentityFile(ReadFile(dir.File("key.txt")), "", &ids).ok());
  SecureBytes out;
  ASSERT_TRUE(AgeDecrypt(ReadFile(dir.File("f.age")), ids, &out).ok());
  EXPECT_EQ(out.view(), "sops data key 0123456789abcdef");
  // ferry encrypts; age decrypts with ferry's key file.
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt("back again", {id.recipient()}, AgeOutput::kArmored, &file)
          .ok());
  WriteFile(dir.File("g.age"), file);
  ASSERT_EQ(Shell("age -d -i " + dir.File("key.txt") + " -o " +
                  dir.File("out") + " " + dir.File("g.age")),
            0);
  EXPECT_EQ(ReadFile(dir.File("out")), "back again");
}

TEST(AgeInteropTest, MultipleRecipients) {
  REQUIRE_AGE();
  TempDir dir;
  ASSERT_EQ(Shell("age-keygen -o " + dir.File("k1.txt") + " 2>/dev/null"), 0);
  ASSERT_EQ(Shell("age-keygen -o " + dir.File("k2.txt") + " 2>/dev/null"), 0);
  std::vector<AgeIdentity> k1, k2;
  ASSERT_TRUE(ParseAgeIdentityFile(ReadFile(dir.File("k1.txt")), "", &k1).ok());
  ASSERT_TRUE(ParseAgeIdentityFile(ReadFile(dir.File("k2.txt")), "", &k2).ok());
  std::vector<AgeIdentity> mine;
  mine.push_back(AgeIdentity::Generate());
  // ferry → three recipients; each key opens it, with age and with ferry.
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt("shared secret",
                 {k1[0].recipient(), mine[0].recipient(), k2[0].recipient()},
                 AgeOutput::kArmored, &file)
          .ok());
  WriteFile(dir.File("f.age"), file);
  for (const char* key : {"k1.txt", "k2.txt"}) {
    ASSERT_EQ(Shell("age -d -i " + dir.File(key) + " -o " + dir.File("out") +
                    " " + dir.File("f.age")),
              0);
    EXPECT_EQ(ReadFile(dir.File("out")), "shared secret");
  }
  for (const auto* ids : {&k1, &k2, &mine}) {
    SecureBytes out;
    ASSERT_TRUE(AgeDecrypt(file, *ids, &out).ok());
    EXPECT_EQ(out.view(), "shared secret");
  }
  // age → two recipients; ferry opens it with the second key only.
  WriteFile(dir.File("in"), "from age");
  ASSERT_EQ(Shell("age -r " + k1[0].recipient().ToString() + " -r " +
                  k2[0].recipient().ToString() + " -o " + dir.File("g.age") +
                  " " + dir.File("in")),
            0);
  SecureBytes out;
  ASSERT_TRUE(AgeDecrypt(ReadFile(dir.File("g.age")), k2, &out).ok());
  EXPECT_EQ(out.view(), "from age");
  Status st = AgeDecrypt(ReadFile(dir.File("g.age")), mine, &out);
  EXPECT_NE(st.message().find("no identity matched"), std::string::npos);
}

TEST(AgeInteropTest, AgeSkipsUnknownStanzaFerryWrote) {
  REQUIRE_AGE();
  TempDir dir;
  AgeIdentity id = AgeIdentity::Generate();
  WriteFile(dir.File("key.txt"), id.ToString() + "\n");
  WriteFile(dir.File("f.age"), FileWithUnknownStanza(id.recipient(), "ok"));
  ASSERT_EQ(Shell("age -d -i " + dir.File("key.txt") + " -o " +
                  dir.File("out") + " " + dir.File("f.age")),
            0);
  EXPECT_EQ(ReadFile(dir.File("out")), "ok");
}

TEST(AgeInteropTest, AgeRejectsTamperedFerryFile) {
  REQUIRE_AGE();
  TempDir dir;
  AgeIdentity id = AgeIdentity::Generate();
  WriteFile(dir.File("key.txt"), id.ToString() + "\n");
  std::string file;
  ASSERT_TRUE(
      AgeEncrypt("data", {id.recipient()}, AgeOutput::kBinary, &file).ok());
  file[file.size() - 1] ^= 1;
  WriteFile(dir.File("f.age"), file);
  EXPECT_NE(Shell("age -d -i " + dir.File("key.txt") + " -o " +
                  dir.File("out") + " " + dir.File("f.age") + " 2>/dev/null"),
            0);
}

}  // namespace
}  // namespace ferry::sops
