#include "sops/gcpkms.h"

#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <re2/re2.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "sops/base64.h"

namespace ferry::sops {
namespace {

constexpr char kDefaultEndpoint[] = "https://cloudkms.googleapis.com";
constexpr char kDefaultMetadataHost[] = "metadata.google.internal";
constexpr char kDefaultTokenUri[] = "https://oauth2.googleapis.com/token";
constexpr char kScope[] = "https://www.googleapis.com/auth/cloudkms";

std::string Env(const char* name) {
  const char* v = getenv(name);
  return v ? v : "";
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// ----- JSON -----

void SkipSpace(std::string_view j, size_t* i) {
  while (*i < j.size() &&
         (j[*i] == ' ' || j[*i] == '\n' || j[*i] == '\r' || j[*i] == '\t')) {
    ++*i;
  }
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool ParseHex4(std::string_view j, size_t i, uint32_t* v) {
  if (i + 4 > j.size()) return false;
  *v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    char c = j[k];
    *v <<= 4;
    if (c >= '0' && c <= '9') {
      *v |= c - '0';
    } else if (c >= 'a' && c <= 'f') {
      *v |= c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      *v |= c - 'A' + 10;
    } else {
      return false;
    }
  }
  return true;
}

// Parses a JSON string at j[*i] == '"'.
bool ParseString(std::string_view j, size_t* i, std::string* out) {
  if (*i >= j.size() || j[*i] != '"') return false;
  ++*i;
  out->clear();
  while (*i < j.size()) {
    char c = j[(*i)++];
    if (c == '"') return true;
    if (c != '\\') {
      *out += c;
      continue;
    }
    if (*i >= j.size()) return false;
    char e = j[(*i)++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        *out += e;
        break;
      case 'b':
        *out += '\b';
        break;
      case 'f':
        *out += '\f';
        break;
      case 'n':
        *out += '\n';
        break;
      case 'r':
        *out += '\r';
        break;
      case 't':
        *out += '\t';
        break;
      case 'u': {
        uint32_t cp;
        if (!ParseHex4(j, *i, &cp)) return false;
        *i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && *i + 6 <= j.size() &&
            j[*i] == '\\' && j[*i + 1] == 'u') {
          uint32_t lo;
          if (ParseHex4(j, *i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            *i += 6;
          }
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

// Skips any JSON value; a scalar's text goes to *scalar when given.
bool SkipValue(std::string_view j, size_t* i, int depth, std::string* scalar) {
  SkipSpace(j, i);
  if (*i >= j.size() || depth > 64) return false;
  char c = j[*i];
  if (c == '"') {
    std::string s;
    if (!ParseString(j, i, &s)) return false;
    if (scalar) *scalar = std::move(s);
    return true;
  }
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    ++*i;
    SkipSpace(j, i);
    if (*i < j.size() && j[*i] == close) {
      ++*i;
      return true;
    }
    while (true) {
      if (c == '{') {
        std::string key;
        SkipSpace(j, i);
        if (!ParseString(j, i, &key)) return false;
        SkipSpace(j, i);
        if (*i >= j.size() || j[*i] != ':') return false;
        ++*i;
      }
      if (!SkipValue(j, i, depth + 1, nullptr)) return false;
      SkipSpace(j, i);
      if (*i >= j.size()) return false;
      if (j[*i] == ',') {
        ++*i;
        continue;
      }
      if (j[*i] == close) {
        ++*i;
        return true;
      }
      return false;
    }
  }
  size_t start = *i;
  while (*i < j.size() && j[*i] != ',' && j[*i] != '}' && j[*i] != ']' &&
         j[*i] != ' ' && j[*i] != '\n' && j[*i] != '\r' && j[*i] != '\t') {
    ++*i;
  }
  if (*i == start) return false;
  if (scalar) *scalar = std::string(j.substr(start, *i - start));
  return true;
}

bool FindField(std::string_view j, size_t* i, const std::string_view* path,
               size_t n, std::string* out) {
  SkipSpace(j, i);
  if (*i >= j.size() || j[*i] != '{') return false;
  ++*i;
  SkipSpace(j, i);
  if (*i < j.size() && j[*i] == '}') return false;
  while (true) {
    std::string key;
    SkipSpace(j, i);
    if (!ParseString(j, i, &key)) return false;
    SkipSpace(j, i);
    if (*i >= j.size() || j[*i] != ':') return false;
    ++*i;
    if (key == path[0]) {
      SkipSpace(j, i);
      if (n == 1) {
        if (*i < j.size() && (j[*i] == '{' || j[*i] == '[')) return false;
        return SkipValue(j, i, 0, out);
      }
      return FindField(j, i, path + 1, n - 1, out);
    }
    if (!SkipValue(j, i, 0, nullptr)) return false;
    SkipSpace(j, i);
    if (*i >= j.size() || j[*i] != ',') return false;
    ++*i;
  }
}

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// ----- HTTP -----

struct HttpResponse {
  long status = 0;
  WipedString body;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  std::string* body = static_cast<std::string*>(user);
  size_t len = size * n;
  if (body->size() + len > (8u << 20)) return 0;  // 8 MB is plenty
  if (body->capacity() < body->size() + len) {
    // Grow by hand so that the old buffer is wiped.
    std::string bigger;
    bigger.reserve(std::max(body->capacity() * 2, body->size() + len));
    bigger.append(*body);
    if (!body->empty()) CleanseMemory(body->data(), body->size());
    body->swap(bigger);
  }
  body->append(data, len);
  return len;
}

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// GET (body == nullptr) or POST.
Status Http(const std::string& url, const std::vector<std::string>& headers,
            const std::string* body, long timeout, HttpResponse* resp) {
  InitCurl();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Status::Error("cannot initialize libcurl");
  curl_slist* list = nullptr;
  for (const std::string& h : headers)
    list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &resp->body.s);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
  if (body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(body->size()));
  }
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &resp->status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    std::string msg = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    return Status::Error(url + ": " + msg);
  }
  return Status::Ok();
}

// "HTTP 403 PERMISSION_DENIED: message" from a Google API error body.
std::string HttpError(const HttpResponse& r) {
  std::string out = "HTTP " + std::to_string(r.status);
  std::string status, message, error, description;
  std::string_view body = r.body.s;
  if (gcpkms_internal::JsonField(body, {"error", "status"}, &status)) {
    out += " " + status;
  }
  if (gcpkms_internal::JsonField(body, {"error", "message"}, &message)) {
    return out + ": " + message;
  }
  // OAuth2 token endpoints: {"error": "...", "error_description": "..."}.
  if (gcpkms_internal::JsonField(body, {"error"}, &error)) {
    out += ": " + error;
    if (gcpkms_internal::JsonField(body, {"error_description"}, &description)) {
      out += ": " + description;
    }
    return out;
  }
  std::string text(body.substr(0, 200));
  while (!text.empty() && isspace(static_cast<unsigned char>(text.back()))) {
    text.pop_back();
  }
  return text.empty() ? out : out + ": " + text;
}

std::string FormEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string Base64Url(std::string_view bytes) {
  std::string s = Base64Encode(bytes, Base64Padding::kRaw);
  for (char& c : s) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return s;
}

// The access_token of a token endpoint's answer.
Status TokenFromResponse(std::string_view source, const HttpResponse& r,
                         std::string* token) {
  if (r.status != 200) {
    return Status::Error("cannot get a Google access token from " +
                         std::string(source) + ": " + HttpError(r));
  }
  if (!gcpkms_internal::JsonField(r.body.s, {"access_token"}, token) ||
      token->empty()) {
    return Status::Error("cannot get a Google access token from " +
                         std::string(source) +
                         ": the answer has no access_token");
  }
  return Status::Ok();
}

// RS256 signature of `input` with a PEM private key.
Status SignRs256(std::string_view pem, std::string_view input,
                 std::string* signature) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) {
    return Status::Error("cannot read the service account's private_key");
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestSign(ctx, nullptr, &len,
                           reinterpret_cast<const unsigned char*>(input.data()),
                           input.size()) == 1;
  if (ok) {
    signature->resize(len);
    ok = EVP_DigestSign(
             ctx, reinterpret_cast<unsigned char*>(signature->data()), &len,
             reinterpret_cast<const unsigned char*>(input.data()),
             input.size()) == 1;
    signature->resize(len);
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  if (!ok) return Status::Error("cannot sign the service account assertion");
  return Status::Ok();
}

// A token for credentials JSON: a service account (signed JWT assertion) or
// an authorized user (refresh token).
Status TokenFromCredentials(std::string_view json, std::string_view source,
                            const GcpKmsOptions& options, std::string* token) {
  using gcpkms_internal::JsonField;
  std::string type;
  if (!JsonField(json, {"type"}, &type)) {
    return Status::Error(std::string(source) +
                         ": not a Google credentials JSON (no \"type\")");
  }
  std::string token_uri;
  if (!JsonField(json, {"token_uri"}, &token_uri) || token_uri.empty()) {
    token_uri = kDefaultTokenUri;
  }
  std::vector<std::string> headers = {
      "Content-Type: application/x-www-form-urlencoded"};
  WipedString form;
  if (type == "service_account") {
    std::string email, key_id;
    WipedString pem;
    if (!JsonField(json, {"client_email"}, &email) ||
        !JsonField(json, {"private_key"}, &pem.s)) {
      return Status::Error(std::string(source) +
                           ": service account JSON needs client_email and "
                           "private_key");
    }
    JsonField(json, {"private_key_id"}, &key_id);
    long now = static_cast<long>(time(nullptr));
    std::string header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"";
    if (!key_id.empty()) header += ",\"kid\":" + JsonQuote(key_id);
    header += "}";
    std::string claims =
        "{\"iss\":" + JsonQuote(email) + ",\"scope\":" + JsonQuote(kScope) +
        ",\"aud\":" + JsonQuote(token_uri) + ",\"iat\":" + std::to_string(now) +
        ",\"exp\":" + std::to_string(now + 3600) + "}";
    std::string input = Base64Url(header) + "." + Base64Url(claims);
    std::string signature;
    Status st = SignRs256(pem.s, input, &signature);
    if (!st.ok()) {
      return Status::Error(std::string(source) + ": " + st.message());
    }
    std::string jwt = input + "." + Base64Url(signature);
    form.s = "grant_type=" +
             FormEscape("urn:ietf:params:oauth:grant-type:jwt-bearer") +
             "&assertion=" + FormEscape(jwt);
  } else if (type == "authorized_user") {
    std::string client_id;
    WipedString secret, refresh;
    if (!JsonField(json, {"client_id"}, &client_id) ||
        !JsonField(json, {"client_secret"}, &secret.s) ||
        !JsonField(json, {"refresh_token"}, &refresh.s)) {
      return Status::Error(std::string(source) +
                           ": authorized_user JSON needs client_id, "
                           "client_secret and refresh_token");
    }
    form.s = "grant_type=refresh_token&client_id=" + FormEscape(client_id) +
             "&client_secret=" + FormEscape(secret.s) +
             "&refresh_token=" + FormEscape(refresh.s);
  } else {
    return Status::Error(std::string(source) +
                         ": unsupported Google credentials type \"" + type +
                         "\" (want service_account or authorized_user)");
  }
  HttpResponse r;
  Status st = Http(token_uri, headers, &form.s, options.timeout_seconds, &r);
  if (!st.ok()) {
    return Status::Error("cannot get a Google access token from " +
                         std::string(source) + ": " + st.message());
  }
  return TokenFromResponse(std::string(source) + " (" + token_uri + ")", r,
                           token);
}

Status TokenFromCredentialsFile(const std::string& path, std::string_view env,
                                const GcpKmsOptions& options,
                                std::string* token) {
  WipedString json;
  if (!ReadFile(path, &json.s)) {
    return Status::Error(std::string(env) + ": cannot read " + path);
  }
  return TokenFromCredentials(json.s, path, options, token);
}

Status TokenFromMetadata(const GcpKmsOptions& options, std::string* token,
                         bool* reachable) {
  std::string host = options.metadata_host;
  if (host.empty()) host = Env("GCE_METADATA_HOST");
  if (host.empty()) host = kDefaultMetadataHost;
  std::string url = "http://" + host +
                    "/computeMetadata/v1/instance/service-accounts/default/"
                    "token";
  HttpResponse r;
  Status st = Http(url, {"Metadata-Flavor: Google"}, nullptr,
                   options.timeout_seconds, &r);
  *reachable = st.ok();
  if (!st.ok()) return st;
  return TokenFromResponse("the metadata server (" + url + ")", r, token);
}

bool IsFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string StripError(std::string msg) {
  if (msg.rfind("error: ", 0) == 0) msg.erase(0, 7);
  return msg;
}

}  // namespace

namespace gcpkms_internal {
bool JsonField(std::string_view json,
               std::initializer_list<std::string_view> path, std::string* out) {
  if (path.size() == 0) return false;
  size_t i = 0;
  return FindField(json, &i, path.begin(), path.size(), out);
}
}  // namespace gcpkms_internal

Status GcpAccessToken(const GcpKmsOptions& options, std::string* token) {
  if (!options.access_token.empty()) {
    *token = options.access_token;
    return Status::Ok();
  }
  if (!options.credentials_json.empty()) {
    return TokenFromCredentials(options.credentials_json,
                                "the given credentials", options, token);
  }
  if (!options.use_environment) {
    return Status::Error("no Google credentials given");
  }
  std::string env = Env("GOOGLE_OAUTH_ACCESS_TOKEN");
  if (!env.empty()) {
    *token = env;
    return Status::Ok();
  }
  env = Env("GOOGLE_CREDENTIALS");
  if (!env.empty()) {
    if (IsFile(env)) {
      return TokenFromCredentialsFile(env, "GOOGLE_CREDENTIALS", options,
                                      token);
    }
    return TokenFromCredentials(env, "GOOGLE_CREDENTIALS", options, token);
  }
  env = Env("GOOGLE_APPLICATION_CREDENTIALS");
  if (!env.empty()) {
    return TokenFromCredentialsFile(env, "GOOGLE_APPLICATION_CREDENTIALS",
                                    options, token);
  }
  std::string config = Env("CLOUDSDK_CONFIG");
  if (config.empty() && !Env("HOME").empty()) {
    config = Env("HOME") + "/.config/gcloud";
  }
  std::string adc = config + "/application_default_credentials.json";
  if (!config.empty() && IsFile(adc)) {
    return TokenFromCredentialsFile(adc, "gcloud", options, token);
  }
  bool reachable = false;
  Status st = TokenFromMetadata(options, token, &reachable);
  if (st.ok() || reachable) return st;
  return Status::Error(
      "no Google credentials found: set GOOGLE_OAUTH_ACCESS_TOKEN, "
      "GOOGLE_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS, run `gcloud "
      "auth application-default login`, or run on GCE/GKE (metadata server: " +
      StripError(st.message()) + ")");
}

Status GcpKmsMasterKey::Create(std::string_view resource_id,
                               GcpKmsOptions options,
                               std::unique_ptr<GcpKmsMasterKey>* key) {
  std::string id;
  for (char c : resource_id) {
    if (c != ' ') id += c;
  }
  static const RE2 kResource(
      "^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$");
  if (!RE2::FullMatch(id, kResource)) {
    return Status::Error("no valid resource ID found in \"" + id + "\"");
  }
  std::unique_ptr<GcpKmsMasterKey> k(new GcpKmsMasterKey());
  k->resource_id_ = std::move(id);
  k->options_ = std::move(options);
  *key = std::move(k);
  return Status::Ok();
}

namespace {

std::string Endpoint(const GcpKmsOptions& options) {
  std::string e = options.endpoint;
  if (e.empty()) e = Env("FERRY_GCP_KMS_ENDPOINT");
  if (e.empty()) e = kDefaultEndpoint;
  while (!e.empty() && e.back() == '/') e.pop_back();
  return e;
}

// POSTs `body` to {endpoint}/v1/{resource}:{verb}.
Status Call(const GcpKmsOptions& options, const std::string& resource,
            std::string_view verb, const std::string& body,
            HttpResponse* resp) {
  WipedString token;
  FERRY_RETURN_IF_ERROR(GcpAccessToken(options, &token.s));
  std::string url =
      Endpoint(options) + "/v1/" + resource + ":" + std::string(verb);
  WipedString auth;
  auth.s = "Authorization: Bearer " + token.s;
  std::vector<std::string> headers = {auth.s, "Content-Type: application/json"};
  Status st = Http(url, headers, &body, options.timeout_seconds, resp);
  CleanseMemory(headers[0].data(), headers[0].size());
  if (!st.ok()) return st;
  if (resp->status != 200) return Status::Error(HttpError(*resp));
  return Status::Ok();
}

}  // namespace

Status GcpKmsMasterKey::Encrypt(const SecureBytes& data_key, std::string* enc) {
  WipedString body;
  body.s = "{\"plaintext\":\"" + Base64Encode(data_key.view()) + "\"}";
  HttpResponse r;
  Status st = Call(options_, resource_id_, "encrypt", body.s, &r);
  std::string ciphertext, raw;
  if (st.ok() &&
      (!gcpkms_internal::JsonField(r.body.s, {"ciphertext"}, &ciphertext) ||
       !Base64Decode(ciphertext, Base64Padding::kPadded, false, &raw) ||
       raw.empty())) {
    st = Status::Error("the answer has no valid base64 \"ciphertext\"");
  }
  if (!st.ok()) {
    return Status::Error("failed to encrypt sops data key with GCP KMS key " +
                         resource_id_ + ": " + StripError(st.message()));
  }
  *enc = Base64Encode(raw);
  return Status::Ok();
}

Status GcpKmsMasterKey::Decrypt(std::string_view enc, SecureBytes* data_key) {
  std::string raw;
  if (!Base64Decode(enc, Base64Padding::kPadded, false, &raw)) {
    return Status::Error("GCP KMS key " + resource_id_ +
                         ": the encrypted data key is not valid base64");
  }
  std::string body = "{\"ciphertext\":\"" + Base64Encode(raw) + "\"}";
  HttpResponse r;
  Status st = Call(options_, resource_id_, "decrypt", body, &r);
  WipedString plaintext, bytes;
  if (st.ok() &&
      (!gcpkms_internal::JsonField(r.body.s, {"plaintext"}, &plaintext.s) ||
       !Base64Decode(plaintext.s, Base64Padding::kPadded, false, &bytes.s))) {
    st = Status::Error("the answer has no valid base64 \"plaintext\"");
  }
  if (!st.ok()) {
    return Status::Error("failed to decrypt sops data key with GCP KMS key " +
                         resource_id_ + ": " + StripError(st.message()));
  }
  *data_key = SecureBytes(bytes.s);
  return Status::Ok();
}

}  // namespace ferry::sops
