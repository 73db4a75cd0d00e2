// Transport (private to kube/): HTTP for one API server through one libcurl
// multi handle driven by one I/O thread, so that requests from any number of
// threads share one connection cache (one multiplexed HTTP/2 connection when
// the server offers h2 over TLS, reused HTTP/1.1 connections otherwise).
#ifndef FERRY_KUBE_TRANSPORT_H_
#define FERRY_KUBE_TRANSPORT_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ferry::kube {

/// TLS and proxy settings, fixed for a Transport.
struct TransportSettings {
  std::string ca_file;
  std::string ca_pem;
  bool insecure = false;
  std::string tls_server_name;  // verify this name, connect to the URL's host
  std::string proxy_url;
  std::string client_cert_file, client_key_file;
  long connect_timeout_ms = 10000;
  std::string user_agent = "ferry";
};

/// One HTTP request.
struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::string client_cert_pem, client_key_pem;  // per request (exec plugins)
  long timeout_ms = 60000;  // 0: none (streams)
  /// For streams: called on the I/O thread with each chunk of a 2xx body
  /// (other bodies are collected in HttpResponse::body).
  std::function<void(std::string_view)> on_data;
  /// For streams: called on the I/O thread when the status is known.
  std::function<void(long)> on_status;
  /// Called on the I/O thread once the call is done (after Wait would return).
  std::function<void()> on_done;
};

/// The outcome of one HTTP request.
struct HttpResponse {
  long status = 0;           // 0 when no response came
  int curl_code = 0;         // CURLcode; 0 = ok
  std::string curl_error;    // libcurl's message
  bool sent = false;         // false: the request never reached the server
  bool canceled = false;
  std::string body;
  std::string retry_after;   // the Retry-After header
  long http_version = 0;     // CURL_HTTP_VERSION_* used
};

/// A request in flight.
class Call {
 public:
  /// Blocks until the call is done.
  const HttpResponse& Wait();
  bool done();
  /// Asks the I/O thread to stop the call (it completes with canceled).
  void Cancel();

 public:
  struct Impl;  // defined in transport.cc

 private:
  friend class Transport;
  std::shared_ptr<Impl> impl_;
};

/// The multi handle and its I/O thread.
class Transport {
 public:
  struct State;

  explicit Transport(TransportSettings settings);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  /// Starts a request; the Call completes on the I/O thread.
  Call Start(HttpRequest req);
  /// Start + Wait.
  HttpResponse Perform(HttpRequest req);

 private:
  std::shared_ptr<State> s_;
  void Loop();
};

}  // namespace ferry::kube

#endif  // FERRY_KUBE_TRANSPORT_H_
