// Turning API server answers (Status objects) and transport failures into
// ferry errors that name the object, the reason and what to do.
#include <curl/curl.h>
#include <fmt/format.h>

#include <set>

#include "kube/client_impl.h"
#include "kube/errors.h"
#include "yaml/parse.h"

namespace ferry::kube {
namespace {

Reason FromStatusReason(std::string_view r) {
  if (r == "BadRequest") return Reason::kBadRequest;
  if (r == "Unauthorized") return Reason::kUnauthorized;
  if (r == "Forbidden") return Reason::kForbidden;
  if (r == "NotFound") return Reason::kNotFound;
  if (r == "MethodNotAllowed") return Reason::kMethodNotAllowed;
  if (r == "AlreadyExists") return Reason::kAlreadyExists;
  if (r == "Conflict") return Reason::kConflict;
  if (r == "Gone" || r == "Expired") return Reason::kGone;
  if (r == "Invalid") return Reason::kInvalid;
  if (r == "UnsupportedMediaType") return Reason::kUnsupportedMediaType;
  if (r == "TooManyRequests") return Reason::kTooManyRequests;
  if (r == "InternalError") return Reason::kInternalError;
  if (r == "ServiceUnavailable") return Reason::kServiceUnavailable;
  if (r == "Timeout" || r == "ServerTimeout") return Reason::kServerTimeout;
  return Reason::kNone;
}

Reason FromHttpCode(long code) {
  switch (code) {
    case 400: return Reason::kBadRequest;
    case 401: return Reason::kUnauthorized;
    case 403: return Reason::kForbidden;
    case 404: return Reason::kNotFound;
    case 405: return Reason::kMethodNotAllowed;
    case 409: return Reason::kConflict;
    case 410: return Reason::kGone;
    case 415: return Reason::kUnsupportedMediaType;
    case 422: return Reason::kInvalid;
    case 429: return Reason::kTooManyRequests;
    case 500: return Reason::kInternalError;
    case 502:
    case 503: return Reason::kServiceUnavailable;
    case 504: return Reason::kServerTimeout;
    default: return Reason::kOtherHttp;
  }
}

// The manager name in a FieldManagerConflict cause: `conflict with "NAME"`
// or `conflict with "NAME" using apps/v1`.
std::string ManagerOf(std::string_view msg) {
  size_t q = msg.find('"');
  if (q == std::string_view::npos) return "";
  size_t e = msg.find('"', q + 1);
  if (e == std::string_view::npos) return "";
  return std::string(msg.substr(q + 1, e - q - 1));
}

std::string Snippet(std::string_view body) {
  std::string s(body.substr(0, 300));
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  if (body.size() > 300) s += "...";
  return s;
}

std::string AuthHint(const RestConfig& cfg) {
  const AuthInfo& u = cfg.user;
  if (u.exec)
    return fmt::format("the token of exec plugin \"{}\" was refused even after running it again; "
                       "log in again for that plugin (e.g. gcloud auth login)",
                       u.exec->command);
  if (!u.token.empty()) return "the token is invalid or has expired; put a valid token there";
  if (!u.token_file.empty())
    return fmt::format("the token in {} is invalid or has expired", u.token_file);
  if (!u.client_certificate.empty() || !u.client_certificate_data.empty())
    return "the client certificate is not accepted (expired, or signed by another CA)";
  if (!u.username.empty()) return "the username or password is wrong";
  return "no credentials were given; add a token, client certificate or exec plugin";
}

}  // namespace

std::string Escape(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Status ParseJson(std::string_view body, const ApiRequest& req, yaml::Node* out) {
  Status st = yaml::ParseDocument(body, "API server response", out);
  if (!st.ok())
    return MakeError(Reason::kBadResponse,
                     fmt::format("{}: the API server's answer is not JSON: {}", req.subject,
                                 Snippet(body)));
  return Status::Ok();
}

Status ErrorFromHttp(long http, std::string_view body, const ApiRequest& req,
                     const RestConfig& cfg) {
  yaml::Node st;
  bool is_status = yaml::ParseDocument(body, "API server response", &st).ok() && st.IsMap() &&
                   st.GetString("kind") == "Status";
  std::string message = is_status ? std::string(st.GetString("message")) : Snippet(body);
  std::string_view status_reason = is_status ? st.GetString("reason") : "";
  Reason reason = FromStatusReason(status_reason);
  if (reason == Reason::kNone) reason = FromHttpCode(http);
  // 1.20 answers a server-side apply of a field the schema lacks with 500
  // "failed to create typed patch object: .spec.x: field not declared in
  // schema"; newer servers with 4xx. Either way the object is invalid.
  if (http == 500 && req.server_side_apply &&
      (message.find("typed patch") != std::string::npos ||
       message.find("field not declared in schema") != std::string::npos ||
       message.find("not declared in schema") != std::string::npos))
    reason = Reason::kInvalid;
  const yaml::Node* causes = is_status ? st.GetPath({"details", "causes"}) : nullptr;
  std::string extra;
  if (reason == Reason::kConflict && causes && causes->IsSeq()) {
    std::vector<std::string> managers;
    std::set<std::string> seen;
    for (const yaml::Node& c : causes->items()) {
      if (c.GetString("reason") != "FieldManagerConflict") continue;
      std::string m = ManagerOf(c.GetString("message"));
      if (!m.empty() && seen.insert(m).second) managers.push_back(m);
    }
    if (!managers.empty()) {
      std::string list;
      for (const auto& m : managers) list += (list.empty() ? "\"" : ", \"") + m + "\"";
      extra = fmt::format(
          " (conflicting field managers: {}; apply with force to take the fields over)", list);
    }
  } else if ((reason == Reason::kInvalid || reason == Reason::kBadRequest) && causes &&
             causes->IsSeq()) {
    for (const yaml::Node& c : causes->items()) {
      std::string_view field = c.GetString("field");
      std::string_view m = c.GetString("message");
      if (m.empty()) m = c.GetString("reason");
      extra += fmt::format("\n  - {}{}{}", field, field.empty() ? "" : ": ", m);
    }
  }
  std::string name(ReasonName(reason));
  if (reason == Reason::kOtherHttp) name = fmt::format("HTTP {}", http);
  std::string text;
  if (reason == Reason::kUnauthorized) {
    text = fmt::format("{}: the credentials in {} were rejected by {} (401 Unauthorized): {}",
                       req.subject, cfg.Describe(), cfg.cluster.server, AuthHint(cfg));
  } else if (reason == Reason::kForbidden) {
    std::string who;
    if (req.as && !req.as->user.empty())
      who = fmt::format(" (impersonating {}, as {})", req.as->user, cfg.Describe());
    else
      who = fmt::format(" (as {})", cfg.Describe());
    text = fmt::format("{}: Forbidden: {}{}", req.subject, message, who);
  } else {
    text = fmt::format("{}: {}: {}{}", req.subject, name, message, extra);
  }
  return MakeError(reason, std::move(text));
}

Status ErrorFromTransport(const HttpResponse& resp, const ApiRequest& req,
                          const RestConfig& cfg, long timeout_ms) {
  const std::string& server = cfg.cluster.server;
  std::string from = cfg.in_cluster ? cfg.source : fmt::format("cluster \"{}\" of {}",
                                                               cfg.cluster_name, cfg.source);
  auto code = static_cast<CURLcode>(resp.curl_code);
  const std::string& why = resp.curl_error;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return MakeError(Reason::kUnreachable,
                       fmt::format("{}: cannot connect to the API server {} ({}): {}; is the "
                                   "cluster running, and is the server address right?",
                                   req.subject, server, from, why));
    case CURLE_COULDNT_RESOLVE_HOST:
      return MakeError(Reason::kUnreachable,
                       fmt::format("{}: cannot resolve the API server's host in {} ({}): {}",
                                   req.subject, server, from, why));
    case CURLE_COULDNT_RESOLVE_PROXY:
      return MakeError(Reason::kUnreachable,
                       fmt::format("{}: cannot resolve the proxy {} ({}): {}", req.subject,
                                   cfg.cluster.proxy_url, from, why));
    case CURLE_OPERATION_TIMEDOUT:
      return MakeError(resp.sent ? Reason::kTimeout : Reason::kUnreachable,
                       fmt::format("{}: {} {} ({}): {}", req.subject,
                                   resp.sent ? "no answer in time from" : "cannot connect to",
                                   server, from, why));
    case CURLE_PEER_FAILED_VERIFICATION:
#if LIBCURL_VERSION_NUM < 0x073e00
    case CURLE_SSL_CACERT:
#endif
      return MakeError(
          Reason::kTls,
          fmt::format("{}: the TLS certificate of {} could not be verified ({}): {}; check "
                      "certificate-authority(-data){} of {}",
                      req.subject, server, why,
                      cfg.cluster.certificate_authority_data.empty() &&
                              cfg.cluster.certificate_authority.empty()
                          ? " (none is set, so the system CAs were used)"
                          : "",
                      cfg.cluster.tls_server_name.empty() ? "and the server name" : "and tls-server-name",
                      from));
    case CURLE_SSL_CACERT_BADFILE:
      return MakeError(Reason::kConfig,
                       fmt::format("{}: cannot use the certificate authority of {}: {}",
                                   req.subject, from, why));
    case CURLE_SSL_CERTPROBLEM:
      return MakeError(Reason::kCredentials,
                       fmt::format("{}: cannot use the client certificate of {}: {}", req.subject,
                                   cfg.Describe(), why));
    case CURLE_SSL_CONNECT_ERROR:
      return MakeError(Reason::kTls,
                       fmt::format("{}: TLS handshake with {} failed ({}): {}", req.subject,
                                   server, from, why));
    case CURLE_ABORTED_BY_CALLBACK:
      return MakeError(Reason::kCanceled, fmt::format("{}: request canceled", req.subject));
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return MakeError(Reason::kConfig, fmt::format("{}: bad server URL \"{}\" ({}): {}",
                                                    req.subject, server, from, why));
    default:
      return MakeError(Reason::kUnreachable,
                       fmt::format("{}: the connection to {} failed ({}): {}", req.subject,
                                   server, from, why));
  }
}

}  // namespace ferry::kube
