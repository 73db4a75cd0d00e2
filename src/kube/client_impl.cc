// The request loop: credentials, headers, retries with backoff.
#include "kube/client_impl.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "kube/errors.h"
#include "sops/base64.h"

namespace ferry::kube {
namespace {

constexpr auto kFirstBackoff = std::chrono::milliseconds(100);
constexpr auto kMaxBackoff = std::chrono::milliseconds(5000);
constexpr auto kMaxRetryAfter = std::chrono::milliseconds(10000);
constexpr int kMaxInternalErrorAttempts = 3;

bool IsTlsVerification(int code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CERTPROBLEM ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_URL_MALFORMAT ||
         code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_ABORTED_BY_CALLBACK;
}

std::chrono::milliseconds RetryAfter(const std::string& v) {
  if (v.empty()) return std::chrono::milliseconds(0);
  char* end = nullptr;
  long secs = std::strtol(v.c_str(), &end, 10);
  if (end == v.c_str() || secs < 0) return std::chrono::milliseconds(0);
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(secs), kMaxRetryAfter);
}

TransportSettings SettingsOf(const RestConfig& cfg, const ClientOptions& opts) {
  TransportSettings t;
  t.ca_file = cfg.cluster.certificate_authority;
  t.ca_pem = cfg.cluster.certificate_authority_data;
  t.insecure = cfg.cluster.insecure_skip_tls_verify;
  t.tls_server_name = cfg.cluster.tls_server_name;
  t.proxy_url = cfg.cluster.proxy_url;
  t.client_cert_file = cfg.user.client_certificate;
  t.client_key_file = cfg.user.client_key;
  t.connect_timeout_ms = static_cast<long>(opts.connect_timeout.count());
  t.user_agent = opts.user_agent;
  return t;
}

}  // namespace

ClientImpl::ClientImpl(const RestConfig& cfg, const ClientOptions& opts)
    : cfg_(cfg), opts_(opts), creds_(cfg_) {
  transport_ = std::make_unique<Transport>(SettingsOf(cfg_, opts_));
}

Status ClientImpl::Build(const ApiRequest& req, HttpRequest* out) {
  Credential cred;
  FERRY_RETURN_IF_ERROR(creds_.Get(&cred));
  *out = HttpRequest();
  out->method = req.method;
  out->url = cfg_.cluster.server + req.path;
  out->body = req.body;
  out->timeout_ms = req.timeout_ms >= 0 ? req.timeout_ms
                                        : static_cast<long>(opts_.request_timeout.count());
  out->headers.push_back("Accept: application/json");
  if (!req.content_type.empty()) out->headers.push_back("Content-Type: " + req.content_type);
  if (!cred.bearer_token.empty()) {
    out->headers.push_back("Authorization: Bearer " + cred.bearer_token);
  } else if (!cred.basic_user.empty() || !cred.basic_password.empty()) {
    out->headers.push_back("Authorization: Basic " +
                           sops::Base64Encode(cred.basic_user + ":" + cred.basic_password));
  }
  out->client_cert_pem = std::move(cred.client_cert_pem);
  out->client_key_pem = std::move(cred.client_key_pem);
  const std::string* user = &cfg_.user.impersonate;
  const std::vector<std::string>* groups = &cfg_.user.impersonate_groups;
  if (req.as && !req.as->empty()) {
    user = &req.as->user;
    groups = &req.as->groups;
  }
  if (!user->empty()) out->headers.push_back("Impersonate-User: " + *user);
  for (const std::string& g : *groups) out->headers.push_back("Impersonate-Group: " + g);
  return Status::Ok();
}

Status ClientImpl::Do(const ApiRequest& req, std::string* body) {
  auto start = std::chrono::steady_clock::now();
  auto deadline = start + opts_.retry_budget;
  auto backoff = kFirstBackoff;
  bool refreshed_auth = false;
  int attempts = 0, internal_errors = 0;
  while (true) {
    ++attempts;
    HttpRequest hr;
    FERRY_RETURN_IF_ERROR(Build(req, &hr));
    HttpResponse resp = transport_->Perform(std::move(hr));
    Status err;
    bool retry = false;
    std::chrono::milliseconds wait(0);
    if (resp.curl_code != CURLE_OK) {
      err = ErrorFromTransport(resp, req, cfg_, static_cast<long>(opts_.request_timeout.count()));
      // Nothing reached the server: safe for every method. Otherwise only
      // idempotent requests are repeated.
      retry = !IsTlsVerification(resp.curl_code) && (!resp.sent || req.idempotent);
    } else if (resp.status >= 200 && resp.status < 300) {
      if (body) *body = std::move(resp.body);
      return Status::Ok();
    } else {
      if (resp.status == 401 && !refreshed_auth && creds_.Invalidate()) {
        refreshed_auth = true;  // a rotated token or an expired exec credential
        continue;
      }
      err = ErrorFromHttp(resp.status, resp.body, req, cfg_);
      Reason r = ReasonOf(err);
      wait = RetryAfter(resp.retry_after);
      if (resp.status == 429) {
        retry = true;  // the server did not process it
      } else if (resp.status == 502 || resp.status == 503 || resp.status == 504) {
        retry = req.idempotent || !resp.retry_after.empty();
      } else if (resp.status == 500 && r == Reason::kInternalError) {
        retry = req.idempotent && ++internal_errors < kMaxInternalErrorAttempts;
      }
    }
    if (!retry || opts_.retry_budget.count() == 0) return err;
    if (wait.count() == 0) wait = backoff;
    auto now = std::chrono::steady_clock::now();
    if (now + wait > deadline) {
      return MakeError(ReasonOf(err),
                       fmt::format("{} (gave up after {} attempts in {:.1f}s)", err.message(),
                                   attempts,
                                   std::chrono::duration<double>(now - start).count()));
    }
    if (opts_.on_retry) opts_.on_retry(err.message(), wait);
    std::this_thread::sleep_for(wait);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

Status ClientImpl::DoJson(const ApiRequest& req, yaml::Node* out) {
  std::string body;
  FERRY_RETURN_IF_ERROR(Do(req, &body));
  if (out == nullptr) return Status::Ok();
  return ParseJson(body, req, out);
}

}  // namespace ferry::kube
