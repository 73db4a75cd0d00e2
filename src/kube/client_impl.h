// ClientImpl (private to kube/): the state a Client and its copies share —
// config, transport, credentials, discovery cache — and the request loop
// with its retries and error mapping.
#ifndef FERRY_KUBE_CLIENT_IMPL_H_
#define FERRY_KUBE_CLIENT_IMPL_H_

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/client.h"
#include "kube/credentials.h"
#include "kube/transport.h"

namespace ferry::kube {

/// One API request as the client loop sees it.
struct ApiRequest {
  std::string method = "GET";
  std::string path;  // with the query string, e.g. /api/v1/namespaces?limit=5
  std::string body;
  std::string content_type;
  /// May be repeated after a failure past the connection (see client.h).
  bool idempotent = true;
  /// What the request is about, for messages: "ConfigMap ns/name".
  std::string subject;
  const Impersonation* as = nullptr;
  bool server_side_apply = false;
  long timeout_ms = -1;  // -1: ClientOptions::request_timeout; 0: none
};

/// Builds the error for a non-2xx answer (the body is a Status object when
/// the API server wrote it).
Status ErrorFromHttp(long http_status, std::string_view body, const ApiRequest& req,
                     const RestConfig& cfg);
/// Builds the error for a request that got no HTTP answer.
Status ErrorFromTransport(const HttpResponse& resp, const ApiRequest& req,
                          const RestConfig& cfg, long timeout_ms);
/// Parses a JSON answer (kBadResponse when it is not JSON).
Status ParseJson(std::string_view body, const ApiRequest& req, yaml::Node* out);
/// Percent-encodes a query value or path segment.
std::string Escape(std::string_view s);

/// The shared state of a Client.
class ClientImpl {
 public:
  ClientImpl(const RestConfig& cfg, const ClientOptions& opts);

  const RestConfig& config() const { return cfg_; }
  const ClientOptions& options() const { return opts_; }

  /// Sends a request with retries; the 2xx body in *body.
  Status Do(const ApiRequest& req, std::string* body);
  /// Do, then parse the JSON answer.
  Status DoJson(const ApiRequest& req, yaml::Node* out);
  /// The HttpRequest for one attempt (also used by watches).
  Status Build(const ApiRequest& req, HttpRequest* out);
  Transport& transport() { return *transport_; }
  CredentialSource& credentials() { return creds_; }

  // Discovery.
  Status Mapping(const k8s::Gvk& gvk, RestMapping* out);
  Status Resources(const std::string& gv, std::vector<RestMapping>* out);
  Status Groups(std::vector<ApiGroup>* out);
  void Invalidate();
  /// The path of a kind's collection (ns "" = all namespaces) or of one
  /// object when `name` is given; *mapping set.
  Status Path(const k8s::Gvk& gvk, std::string_view ns, std::string_view name,
              std::string_view subresource, std::string* path, RestMapping* mapping);

 private:
  struct GvEntry {
    std::vector<RestMapping> resources;
    bool found = false;
    std::chrono::steady_clock::time_point fetched;
  };
  Status FetchGv(const std::string& gv, GvEntry* out);

  RestConfig cfg_;
  ClientOptions opts_;
  CredentialSource creds_;
  std::unique_ptr<Transport> transport_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const GvEntry>> gvs_;
  std::shared_ptr<const std::vector<ApiGroup>> groups_;
};

}  // namespace ferry::kube

#endif  // FERRY_KUBE_CLIENT_IMPL_H_
