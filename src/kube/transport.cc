#include "kube/transport.h"

#include <curl/curl.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

namespace ferry::kube {

struct Call::Impl {
  HttpRequest req;
  HttpResponse resp;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* connect_to = nullptr;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool status_reported = false;
  char errbuf[CURL_ERROR_SIZE] = {0};
  std::weak_ptr<Transport::State> owner;
};

struct Transport::State {
  TransportSettings settings;
  CURLM* multi = nullptr;
  std::mutex mu;
  std::vector<std::shared_ptr<Call::Impl>> pending;
  std::vector<std::shared_ptr<Call::Impl>> cancels;
  std::map<CURL*, std::shared_ptr<Call::Impl>> active;
  bool stop = false;
  std::thread thread;
  std::string noproxy;
};

namespace {

void ReportStatus(Call::Impl* c) {
  if (c->status_reported) return;
  long code = 0;
  curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &code);
  if (code < 200) return;  // 1xx or not yet known
  c->status_reported = true;
  c->resp.status = code;
  if (c->req.on_status) c->req.on_status(code);
}

size_t WriteBody(char* data, size_t size, size_t n, void* p) {
  auto* c = static_cast<Call::Impl*>(p);
  ReportStatus(c);
  size_t len = size * n;
  if (c->req.on_data && c->resp.status >= 200 && c->resp.status < 300)
    c->req.on_data(std::string_view(data, len));
  else
    c->resp.body.append(data, len);
  return len;
}

size_t WriteHeader(char* data, size_t size, size_t n, void* p) {
  auto* c = static_cast<Call::Impl*>(p);
  size_t len = size * n;
  std::string_view h(data, len);
  if (h == "\r\n" || h == "\n") {
    ReportStatus(c);
  } else if (h.size() > 12 && (h.substr(0, 12) == "Retry-After:" || h.substr(0, 12) == "retry-after:")) {
    std::string_view v = h.substr(12);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
    c->resp.retry_after = std::string(v);
  } else if (h.rfind("HTTP/", 0) == 0) {
    c->resp.retry_after.clear();  // a new response (after 100-continue)
  }
  return len;
}

void Finish(Call::Impl* c, CURLcode code, bool canceled) {
  long status = 0, version = 0;
  curl_off_t pretransfer = 0;
  curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c->easy, CURLINFO_HTTP_VERSION, &version);
  curl_easy_getinfo(c->easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
  curl_easy_cleanup(c->easy);
  c->easy = nullptr;
  curl_slist_free_all(c->headers);
  c->headers = nullptr;
  curl_slist_free_all(c->connect_to);
  c->connect_to = nullptr;
{
    std::lock_guard<std::mutex> lock(c->mu);
    c->resp.status = status;
    c->resp.http_version = version;
    c->resp.curl_code = static_cast<int>(code);
    c->resp.canceled = canceled;
    c->resp.sent = status > 0 || pretransfer > 0;
    if (code != CURLE_OK) c->resp.curl_error = c->errbuf[0] ? c->errbuf : curl_easy_strerror(code);
    c->done = true;
}
  c->cv.notify_all();
  if (c->req.on_done) c->req.on_done();
}

// tls-server-name: connect to the URL's host but send and verify `name` in
// TLS, as Go's tls.Config.ServerName does; the Host header stays the URL's.
void SetServerName(CURL* e, const std::string& name, Call::Impl* c) {
  CURLU* u = curl_url();
  if (curl_url_set(u, CURLUPART_URL, c->req.url.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(u);
    return;
  }
  char* host = nullptr;
  char* port = nullptr;
  curl_url_get(u, CURLUPART_HOST, &host, 0);
  curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  std::string h = host ? host : "", p = port ? port : "443";
  curl_free(host);
  curl_free(port);
  curl_url_set(u, CURLUPART_HOST, name.c_str(), 0);
  char* url = nullptr;
  curl_url_get(u, CURLUPART_URL, &url, 0);
  c->req.url = url ? url : c->req.url;
  curl_free(url);
  curl_url_cleanup(u);
  curl_easy_setopt(e, CURLOPT_URL, c->req.url.c_str());
  c->connect_to = curl_slist_append(nullptr, (name + ":" + p + ":" + h + ":" + p).c_str());
  curl_easy_setopt(e, CURLOPT_CONNECT_TO, c->connect_to);
  c->headers = curl_slist_append(c->headers, ("Host: " + h + ":" + p).c_str());
}

std::string Env(const char* n) {
  const char* v = std::getenv(n);
  return v ? v : "";
}

}  // namespace

const HttpResponse& Call::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->cv.wait(lock, [&] { return impl_->done; });
  return impl_->resp;
}

bool Call::done() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->done;
}

void Call::Cancel() {
  std::shared_ptr<Transport::State> s = impl_->owner.lock();
  if (!s) return;
  // Under the lock: ~Transport cleans the multi handle up only after it
  // set `stop` under the same lock.
  std::lock_guard<std::mutex> lock(s->mu);
  if (s->stop) return;
  s->cancels.push_back(impl_);
  curl_multi_wakeup(s->multi);
}

Transport::Transport(TransportSettings settings) : s_(std::make_shared<State>()) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  s_->settings = std::move(settings);
  s_->multi = curl_multi_init();
  curl_multi_setopt(s_->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  curl_multi_setopt(s_->multi, CURLMOPT_MAX_CONCURRENT_STREAMS, 250L);
  // As Go's http.ProxyFromEnvironment: loopback never goes through a proxy.
  std::string np = Env("NO_PROXY");
  if (np.empty()) np = Env("no_proxy");
  s_->noproxy = np.empty() ? "localhost,127.0.0.1,::1" : np + ",localhost,127.0.0.1,::1";
  s_->thread = std::thread([this] { Loop(); });
}

Transport::~Transport() {
  {
    std::lock_guard<std::mutex> lock(s_->mu);
    s_->stop = true;
  }
  curl_multi_wakeup(s_->multi);
  s_->thread.join();
  curl_multi_cleanup(s_->multi);
}

Call Transport::Start(HttpRequest req) {
  auto c = std::make_shared<Call::Impl>();
  c->req = std::move(req);
  const TransportSettings& ts = s_->settings;
  CURL* e = curl_easy_init();
  c->easy = e;
  HttpRequest& r = c->req;
  curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, c.get());
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->errbuf);
  if (r.method == "GET") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else {
    if (!r.body.empty() || r.method != "DELETE") {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    }
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  }
  if (!ts.tls_server_name.empty()) SetServerName(e, ts.tls_server_name, c.get());
  for (const std::string& h : r.headers) c->headers = curl_slist_append(c->headers, h.c_str());
  c->headers = curl_slist_append(c->headers, "Expect:");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, c->headers);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, c.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, c.get());
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, ts.connect_timeout_ms);
  if (r.timeout_ms > 0) curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(e, CURLOPT_USERAGENT, ts.user_agent.c_str());
  if (!ts.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(ts.ca_pem.data()), ts.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
  } else if (!ts.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_CAINFO, ts.ca_file.c_str());
  }
  if (ts.insecure) {
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!r.client_cert_pem.empty()) {
    curl_blob cert{r.client_cert_pem.data(), r.client_cert_pem.size(), CURL_BLOB_COPY};
    curl_blob key{r.client_key_pem.data(), r.client_key_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &key);
    curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
  } else if (!ts.client_cert_file.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLCERT, ts.client_cert_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSLKEY, ts.client_key_file.c_str());
  }
  if (!ts.proxy_url.empty())
    curl_easy_setopt(e, CURLOPT_PROXY, ts.proxy_url.c_str());
  else
    curl_easy_setopt(e, CURLOPT_NOPROXY, s_->noproxy.c_str());
  c->owner = s_;
  Call call;
  call.impl_ = c;
  std::lock_guard<std::mutex> lock(s_->mu);
  if (s_->stop) {
    Finish(c.get(), CURLE_ABORTED_BY_CALLBACK, true);
    return call;
  }
  s_->pending.push_back(c);
  curl_multi_wakeup(s_->multi);
  return call;
}

HttpResponse Transport::Perform(HttpRequest req) {
  Call c = Start(std::move(req));
  return c.Wait();
}

void Transport::Loop() {
  State& s = *s_;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(s.mu);
      if (s.stop) break;
      for (auto& c : s.pending) {
        curl_multi_add_handle(s.multi, c->easy);
        s.active[c->easy] = c;
      }
      s.pending.clear();
      for (auto& c : s.cancels) {
        if (c->easy == nullptr) continue;
        auto it = s.active.find(c->easy);
        if (it == s.active.end()) continue;
        curl_multi_remove_handle(s.multi, c->easy);
        s.active.erase(it);
        Finish(c.get(), CURLE_ABORTED_BY_CALLBACK, true);
      }
      s.cancels.clear();
    }
    int running = 0;
    curl_multi_perform(s.multi, &running);
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(s.multi, &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      CURL* e = m->easy_handle;
      CURLcode rc = m->data.result;
      auto it = s.active.find(e);
      curl_multi_remove_handle(s.multi, e);
      if (it == s.active.end()) continue;
      std::shared_ptr<Call::Impl> c = it->second;
      s.active.erase(it);
      Finish(c.get(), rc, false);
    }
    curl_multi_poll(s.multi, nullptr, 0, 1000, nullptr);
  }
  std::lock_guard<std::mutex> lock(s.mu);
  for (auto& [e, c] : s.active) {
    curl_multi_remove_handle(s.multi, e);
    Finish(c.get(), CURLE_ABORTED_BY_CALLBACK, true);
  }
  s.active.clear();
  for (auto& c : s.pending) Finish(c.get(), CURLE_ABORTED_BY_CALLBACK, true);
  s.pending.clear();
}

}  // namespace ferry::kube
