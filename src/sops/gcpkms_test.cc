#include "sops/gcpkms.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include "sops/base64.h"

namespace ferry::sops {
namespace {

namespace fs = std::filesystem;
using gcpkms_internal::JsonField;

constexpr char kKey[] = "projects/p/locations/global/keyRings/r/cryptoKeys/k";

struct Request {
  std::string method, path, body;
  std::map<std::string, std::string> headers;  // lower-case names
};
struct Response {
  int status = 200;
  std::string body;
};

// A tiny HTTP/1.1 server on 127.0.0.1 (random port), one thread, one
// request per connection.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::function<Response(const Request&)> handler)
      : handler_(std::move(handler)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd_, 16);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_);
  }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }

 private:
  void Loop() {
    while (!stop_) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      Serve(c);
      close(c);
    }
  }
  void Serve(int c) {
    std::string data;
    char buf[4096];
    size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = read(c, buf, sizeof buf);
      if (n <= 0) return;
      data.append(buf, n);
    }
    Request req;
    std::string head = data.substr(0, header_end);
    size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
    req.method = head.substr(0, sp1);
    req.path = head.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos) {
      size_t next = head.find("\r\n", pos + 2);
      std::string line =
          head.substr(pos + 2, next == std::string::npos ? std::string::npos
                                                         : next - pos - 2);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& ch : name) ch = static_cast<char>(tolower(ch));
        size_t v = colon + 1;
        while (v < line.size() && line[v] == ' ') ++v;
        req.headers[name] = line.substr(v);
      }
      pos = next;
    }
    size_t length = 0;
    if (req.headers.count("content-length")) {
      length = std::stoul(req.headers["content-length"]);
    }
    req.body = data.substr(header_end + 4);
    while (req.body.size() < length) {
      ssize_t n = read(c, buf, sizeof buf);
      if (n <= 0) break;
      req.body.append(buf, n);
    }
    ++requests_;
    Response r = handler_(req);
    std::string out = "HTTP/1.1 " + std::to_string(r.status) +
                      " X\r\nContent-Type: application/json\r\n"
                      "Content-Length: " +
                      std::to_string(r.body.size()) +
                      "\r\nConnection: close\r\n\r\n" + r.body;
    ssize_t off = 0;
    while (off < static_cast<ssize_t>(out.size())) {
      ssize_t n = write(c, out.data() + off, out.size() - off);
      if (n <= 0) break;
      off += n;
    }
  }

  std::function<Response(const Request&)> handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(
          std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    std::string kv = body.substr(
        start, amp == std::string::npos ? std::string::npos : amp - start);
    size_t eq = kv.find('=');
    if (eq != std::string::npos)
      out[kv.substr(0, eq)] = UrlDecode(kv.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

std::string FromBase64Url(std::string s) {
  for (char& c : s) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  std::string out;
  EXPECT_TRUE(Base64Decode(s, Base64Padding::kRaw, false, &out)) << s;
  return out;
}

// A fake Cloud KMS: "ciphertext" = "CT" + plaintext XOR 0x42; tokens must be
// "good-token". Also a token endpoint (JWT checked with `public_key`) and a
// metadata endpoint.
struct FakeGoogle {
  EVP_PKEY* public_key = nullptr;
  std::string last_jwt_header, last_jwt_claims, last_kms_path;
  int forced_status = 0;
  std::string forced_body;

  Response Handle(const Request& req) {
    if (forced_status) return {forced_status, forced_body};
    if (req.path == "/token") {
      auto form = ParseForm(req.body);
      if (form["grant_type"] == "refresh_token") {
        if (form["refresh_token"] != "rt" || form["client_secret"] != "cs") {
          return {
              400,
              R"({"error":"invalid_grant","error_description":"Bad refresh token"})"};
        }
        return {200, R"({"access_token":"good-token","expires_in":3599})"};
      }
      if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return {400, R"({"error":"unsupported_grant_type"})"};
      }
      std::string jwt = form["assertion"];
      size_t d1 = jwt.find('.'), d2 = jwt.rfind('.');
      last_jwt_header = FromBase64Url(jwt.substr(0, d1));
      last_jwt_claims = FromBase64Url(jwt.substr(d1 + 1, d2 - d1 - 1));
      std::string sig = FromBase64Url(jwt.substr(d2 + 1));
      std::string input = jwt.substr(0, d2);
      EVP_MD_CTX* ctx = EVP_MD_CTX_new();
      bool ok =
          EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr,
                               public_key) == 1 &&
          EVP_DigestVerify(
              ctx, reinterpret_cast<const unsigned char*>(sig.data()),
              sig.size(), reinterpret_cast<const unsigned char*>(input.data()),
              input.size()) == 1;
      EVP_MD_CTX_free(ctx);
      if (!ok)
        return {
            400,
            R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"};
      return {
          200,
          R"({"access_token":"good-token","token_type":"Bearer","expires_in":3599})"};
    }
    if (req.path ==
        "/computeMetadata/v1/instance/service-accounts/default/token") {
      auto it = req.headers.find("metadata-flavor");
      if (it == req.headers.end() || it->second != "Google")
        return {403, "missing flavor"};
      return {
          200,
          R"({"access_token":"good-token","expires_in":3599,"token_type":"Bearer"})"};
    }
    last_kms_path = req.path;
    auto auth = req.headers.find("authorization");
    if (auth == req.headers.end() || auth->second != "Bearer good-token") {
      return {
          401,
          R"({"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}})"};
    }
    std::string prefix = std::string("/v1/") + kKey;
    if (req.path == prefix + ":encrypt") {
      std::string b64, plain;
      if (!JsonField(req.body, {"plaintext"}, &b64) ||
          !Base64Decode(b64, Base64Padding::kPadded, false, &plain)) {
        return {
            400,
            R"({"error":{"code":400,"message":"bad plaintext","status":"INVALID_ARGUMENT"}})"};
      }
      std::string ct = "CT";
      for (char c : plain) ct += static_cast<char>(c ^ 0x42);
      return {200, "{\n  \"name\": \"" + std::string(kKey) +
                       "/cryptoKeyVersions/1\",\n  \"ciphertext\": \"" +
                       Base64Encode(ct) + "\"\n}"};
    }
    if (req.path == prefix + ":decrypt") {
      std::string b64, ct;
      if (!JsonField(req.body, {"ciphertext"}, &b64) ||
          !Base64Decode(b64, Base64Padding::kPadded, false, &ct) ||
          ct.substr(0, 2) != "CT") {
        return {
            400,
            R"({"error":{"code":400,"message":"Decryption failed: the ciphertext is invalid.","status":"INVALID_ARGUMENT"}})"};
      }
      std::string plain;
      for (char c : ct.substr(2)) plain += static_cast<char>(c ^ 0x42);
      return {200, "{\"plaintext\": \"" + Base64Encode(plain) + "\"}"};
    }
    return {
        404,
        R"({"error":{"code":404,"message":"not found","status":"NOT_FOUND"}})"};
  }
};

// Clears the Google variables (and HOME) for the test, restoring them after.
class GcpKmsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (fs::temp_directory_path() / "ferry_gcp_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    for (const char* n : kVars) {
      if (const char* v = getenv(n)) saved_[n] = v;
      unsetenv(n);
    }
    setenv("HOME", dir_.c_str(), 1);
    server_ = std::make_unique<LoopbackServer>(
        [this](const Request& r) { return google_.Handle(r); });
    setenv("FERRY_GCP_KMS_ENDPOINT", server_->url().c_str(), 1);
    // Never the real metadata server.
    setenv("GCE_METADATA_HOST", "127.0.0.1:1", 1);
  }
  void TearDown() override {
    server_.reset();
    for (const char* n : kVars) {
      auto it = saved_.find(n);
      if (it == saved_.end())
        unsetenv(n);
      else
        setenv(n, it->second.c_str(), 1);
    }
    fs::remove_all(dir_);
    EVP_PKEY_free(google_.public_key);
  }

  std::unique_ptr<GcpKmsMasterKey> Key(GcpKmsOptions options = {}) {
    std::unique_ptr<GcpKmsMasterKey> key;
    Status st = GcpKmsMasterKey::Create(kKey, std::move(options), &key);
    EXPECT_TRUE(st.ok()) << st.message();
    return key;
  }

  void RoundTrip(GcpKmsOptions options = {}) {
    auto key = Key(options);
    SecureBytes data_key(std::string(32, '\x07'));
    std::string enc;
    Status st = key->Encrypt(data_key, &enc);
    ASSERT_TRUE(st.ok()) << st.message();
    std::string raw;
    ASSERT_TRUE(Base64Decode(enc, Base64Padding::kPadded, false, &raw));
    EXPECT_EQ(raw.substr(0, 2), "CT");
    SecureBytes out;
    st = key->Decrypt(enc, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(out.Equals(data_key.view()));
  }

  // A service-account JSON with a fresh RSA key; the server gets the public
  // half to verify the JWT.
  std::string ServiceAccountJson() {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data;
    long len = BIO_get_mem_data(bio, &data);
    std::string pem(data, len);
    BIO_free(bio);
    EVP_PKEY_free(google_.public_key);  // a test may make several accounts
    google_.public_key = key;
    std::string escaped;
    for (char c : pem)
      escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    return "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\",\n"
           "  \"private_key_id\": \"kid1\",\n  \"private_key\": \"" +
           escaped +
           "\",\n  \"client_email\": \"sa@p.iam.gserviceaccount.com\",\n"
           "  \"token_uri\": \"" +
           server_->url() + "/token\"\n}\n";
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string p = (dir_ / name).string();
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p) << text;
    return p;
  }

  static constexpr const char* kVars[] = {"GOOGLE_OAUTH_ACCESS_TOKEN",
                                          "GOOGLE_CREDENTIALS",
                                          "GOOGLE_APPLICATION_CREDENTIALS",
                                          "CLOUDSDK_CONFIG",
                                          "HOME",
                                          "GCE_METADATA_HOST",
                                          "FERRY_GCP_KMS_ENDPOINT"};
  fs::path dir_;
  std::map<std::string, std::string> saved_;
  FakeGoogle google_;
  std::unique_ptr<LoopbackServer> server_;
};

TEST(GcpKmsJsonTest, JsonField) {
  std::string out;
  EXPECT_TRUE(
      JsonField(R"({"a": {"b": [1, {"x": "y"}], "c": "d\u00e9\n"}, "n": 5})",
                {"a", "c"}, &out));
  EXPECT_EQ(out, "d\xc3\xa9\n");
  EXPECT_TRUE(
      JsonField(R"({"a": {"b": [1, {"x": "y"}]}, "n": 5})", {"n"}, &out));
  EXPECT_EQ(out, "5");
  EXPECT_FALSE(JsonField(R"({"a": 1})", {"b"}, &out));
  EXPECT_FALSE(JsonField(R"({"a": {"b": 1}})", {"a"}, &out));
  EXPECT_FALSE(JsonField("not json", {"a"}, &out));
  EXPECT_FALSE(JsonField(R"({"a": "unterminated)", {"a"}, &out));
}

TEST_F(GcpKmsTest, ResourceIdChecked) {
  std::unique_ptr<GcpKmsMasterKey> key;
  EXPECT_FALSE(GcpKmsMasterKey::Create("projects/p/keyRings/r", {}, &key).ok());
  ASSERT_TRUE(GcpKmsMasterKey::Create(
                  " projects/p/locations/l/keyRings/r/cryptoKeys/k ", {}, &key)
                  .ok());
  EXPECT_EQ(key->Id(), "projects/p/locations/l/keyRings/r/cryptoKeys/k");
  EXPECT_EQ(key->Type(), "gcp_kms");
}

TEST_F(GcpKmsTest, AccessTokenFromEnvironment) {
  setenv("GOOGLE_OAUTH_ACCESS_TOKEN", "good-token", 1);
  RoundTrip();
  EXPECT_EQ(google_.last_kms_path, std::string("/v1/") + kKey + ":decrypt");
}

TEST_F(GcpKmsTest, ExplicitTokenAndEndpointOption) {
  unsetenv("FERRY_GCP_KMS_ENDPOINT");
  GcpKmsOptions o;
  o.access_token = "good-token";
  o.endpoint = server_->url() + "/";
  o.use_environment = false;
  RoundTrip(o);
}

TEST_F(GcpKmsTest, ServiceAccountJwtFlow) {
  setenv("GOOGLE_APPLICATION_CREDENTIALS",
         Write("sa.json", ServiceAccountJson()).c_str(), 1);
  RoundTrip();
  std::string v;
  EXPECT_TRUE(JsonField(google_.last_jwt_header, {"alg"}, &v));
  EXPECT_EQ(v, "RS256");
  EXPECT_TRUE(JsonField(google_.last_jwt_header, {"kid"}, &v));
  EXPECT_EQ(v, "kid1");
  EXPECT_TRUE(JsonField(google_.last_jwt_claims, {"iss"}, &v));
  EXPECT_EQ(v, "sa@p.iam.gserviceaccount.com");
  EXPECT_TRUE(JsonField(google_.last_jwt_claims, {"aud"}, &v));
  EXPECT_EQ(v, server_->url() + "/token");
  EXPECT_TRUE(JsonField(google_.last_jwt_claims, {"scope"}, &v));
  EXPECT_EQ(v, "https://www.googleapis.com/auth/cloudkms");

  // The same JSON as an option (Flux's sops.gcp-kms) and as GOOGLE_CREDENTIALS.
  unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  GcpKmsOptions o;
  o.credentials_json = ServiceAccountJson();
  o.use_environment = false;
  RoundTrip(o);
  setenv("GOOGLE_CREDENTIALS", ServiceAccountJson().c_str(), 1);
  RoundTrip();
}

TEST_F(GcpKmsTest, BadSignatureIsReported) {
  std::string json = ServiceAccountJson();
  EVP_PKEY_free(google_.public_key);
  google_.public_key = EVP_RSA_gen(2048);  // the server expects another key
  GcpKmsOptions o;
  o.credentials_json = json;
  SecureBytes out;
  Status st = Key(o)->Decrypt(Base64Encode("CTx"), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(
      st.message().find("HTTP 400: invalid_grant: Invalid JWT Signature."),
      std::string::npos)
      << st.message();
}

TEST_F(GcpKmsTest, AuthorizedUserFromGcloudConfig) {
  Write(".config/gcloud/application_default_credentials.json",
        R"({"type": "authorized_user", "client_id": "ci", "client_secret": "cs",
            "refresh_token": "rt", "token_uri": ")" +
            server_->url() + "/token\"}");
  RoundTrip();
}

TEST_F(GcpKmsTest, MetadataServer) {
  setenv("GCE_METADATA_HOST", server_->host().c_str(), 1);
  RoundTrip();
  // Without any source and no metadata server: a clear error.
  setenv("GCE_METADATA_HOST", "127.0.0.1:1", 1);
  std::string token;
  Status st = GcpAccessToken({}, &token);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no Google credentials found"), std::string::npos)
      << st.message();
}

TEST_F(GcpKmsTest, ErrorPaths) {
  setenv("GOOGLE_OAUTH_ACCESS_TOKEN", "bad-token", 1);
  std::string enc;
  SecureBytes key(std::string(32, 'k'));
  Status st = Key()->Encrypt(key, &enc);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            std::string("failed to encrypt sops data key with GCP KMS key ") +
                kKey +
                ": HTTP 401 UNAUTHENTICATED: Request had invalid "
                "authentication credentials.");

  setenv("GOOGLE_OAUTH_ACCESS_TOKEN", "good-token", 1);
  google_.forced_status = 403;
  google_.forced_body =
      R"({"error": {"code": 403, "message": "Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied", "status": "PERMISSION_DENIED"}})";
  SecureBytes out;
  st = Key()->Decrypt(Base64Encode("CTabc"), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(
      st.message().find("HTTP 403 PERMISSION_DENIED: Permission "
                        "'cloudkms.cryptoKeyVersions.useToDecrypt' denied"),
      std::string::npos)
      << st.message();

  google_.forced_status = 200;
  google_.forced_body = "{not json";
  st = Key()->Decrypt(Base64Encode("CTabc"), &out);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no valid base64 \"plaintext\""),
            std::string::npos)
      << st.message();
  st = Key()->Encrypt(key, &enc);
  EXPECT_NE(st.message().find("no valid base64 \"ciphertext\""),
            std::string::npos)
      << st.message();

  google_.forced_status = 0;
  st = Key()->Decrypt("not base64!", &out);
  EXPECT_NE(st.message().find("not valid base64"), std::string::npos);
  st = Key()->Decrypt(Base64Encode("garbage"), &out);
  EXPECT_NE(st.message().find("HTTP 400 INVALID_ARGUMENT: Decryption failed"),
            std::string::npos)
      << st.message();

  // Connection refused.
  GcpKmsOptions o;
  o.endpoint = "http://127.0.0.1:1";
  st = Key(o)->Encrypt(key, &enc);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("http://127.0.0.1:1/v1/"), std::string::npos)
      << st.message();

  // A credentials file that is missing.
  unsetenv("GOOGLE_OAUTH_ACCESS_TOKEN");
  setenv("GOOGLE_APPLICATION_CREDENTIALS", (dir_ / "nope.json").c_str(), 1);
  std::string token;
  st = GcpAccessToken({}, &token);
  EXPECT_NE(st.message().find("GOOGLE_APPLICATION_CREDENTIALS: cannot read"),
            std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace ferry::sops
