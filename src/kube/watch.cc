// WatchStream over a streaming GET ?watch=1: newline-delimited JSON events,
// resumed from the last resourceVersion when a stream ends.
#include "kube/watch.h"
#include "yaml/emit.h"

#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <mutex>

#include "kube/client.h"
#include "kube/client_impl.h"
#include "kube/errors.h"
#include "yaml/emit.h"

namespace ferry::kube {
namespace {

constexpr auto kMaxResumeBackoff = std::chrono::milliseconds(5000);

// What the I/O thread hands to the reader of one stream.
struct StreamState {
  std::mutex mu;
  std::condition_variable cv;
  std::string partial;
  std::deque<std::string> lines;
  bool done = false;
  long status = 0;
};

class WatchImpl : public WatchStream {
 public:
  WatchImpl(std::shared_ptr<ClientImpl> impl, std::shared_ptr<const Impersonation> as,
            std::string base, std::string subject, WatchOptions opts)
      : impl_(std::move(impl)), as_(std::move(as)), base_(std::move(base)),
        subject_(std::move(subject)), opts_(std::move(opts)), rv_(opts_.resource_version) {}
  ~WatchImpl() override { Stop(); }

  // Starts the first stream and waits for its HTTP status.
  Status Begin() {
    FERRY_RETURN_IF_ERROR(StartStream());
    std::shared_ptr<StreamState> s = state_;
    auto limit = std::chrono::steady_clock::now() + impl_->options().connect_timeout +
                 impl_->options().request_timeout;
    std::unique_lock<std::mutex> lock(s->mu);
    s->cv.wait_until(lock, limit, [&] { return s->status != 0 || s->done; });
    if (s->status >= 200 && s->status < 300) return Status::Ok();
    lock.unlock();
    Status st = Ended();
    return st.ok() ? MakeError(Reason::kWatchEnded, subject_ + ": the watch ended at once") : st;
  }

  Status Next(WatchEvent* ev, std::chrono::steady_clock::time_point deadline) override {
    auto backoff = std::chrono::milliseconds(100);
    while (true) {
      std::shared_ptr<StreamState> s;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopped_) return MakeError(Reason::kCanceled, subject_ + ": watch stopped");
        if (!terminal_.ok()) return terminal_;
        s = state_;
      }
      std::string line;
      {
        std::unique_lock<std::mutex> lock(s->mu);
        bool woke = s->cv.wait_until(lock, deadline, [&] {
          return !s->lines.empty() || s->done || Stopped();
        });
        if (Stopped()) return MakeError(Reason::kCanceled, subject_ + ": watch stopped");
        if (!woke) return MakeError(Reason::kTimeout, subject_ + ": no event before the deadline");
        if (!s->lines.empty()) {
          line = std::move(s->lines.front());
          s->lines.pop_front();
        }
      }
      if (!line.empty()) {
        Status st = Decode(line, ev);
        if (st.ok() || ReasonOf(st) != Reason::kNone) {
          if (!st.ok() && IsGone(st)) SetTerminal(st);
          return st;
        }
        continue;  // blank or undecodable line
      }
      // The stream is over: report what the server said, or resume.
      Status st = Ended();
      if (!st.ok()) {
        Reason r = ReasonOf(st);
        bool transient = r == Reason::kUnreachable || r == Reason::kTimeout ||
                         r == Reason::kServiceUnavailable || r == Reason::kTooManyRequests ||
                         r == Reason::kServerTimeout || r == Reason::kInternalError;
        if (!transient || std::chrono::steady_clock::now() - last_ok_ > impl_->options().retry_budget) {
          SetTerminal(st);
          return st;
        }
        // Wait (interruptibly) before resuming.
        std::unique_lock<std::mutex> lock(mu_);
        stop_cv_.wait_for(lock, backoff, [&] { return stopped_; });
        backoff = std::min(backoff * 2, kMaxResumeBackoff);
        if (stopped_) return MakeError(Reason::kCanceled, subject_ + ": watch stopped");
      } else {
        last_ok_ = std::chrono::steady_clock::now();
      }
      if (std::chrono::steady_clock::now() >= deadline)
        return MakeError(Reason::kTimeout, subject_ + ": no event before the deadline");
      Status rs = StartStream();
      if (!rs.ok() && ReasonOf(rs) != Reason::kUnreachable) {
        SetTerminal(rs);
        return rs;
      }
    }
  }

  void Stop() override {
    std::optional<Call> call;
    std::shared_ptr<StreamState> s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_) return;
      stopped_ = true;
      call = call_;
      s = state_;
    }
    stop_cv_.notify_all();
    if (call) call->Cancel();
    if (s) {
      std::lock_guard<std::mutex> lock(s->mu);
      s->cv.notify_all();
    }
  }

  std::string resource_version() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return rv_;
  }

 private:
  bool Stopped() {
    std::lock_guard<std::mutex> lock(mu_);
    return stopped_;
  }

  void SetTerminal(const Status& st) {
    std::lock_guard<std::mutex> lock(mu_);
    terminal_ = st;
  }

  Status StartStream() {
    ApiRequest req;
    req.path = base_;
    req.subject = subject_;
    req.as = as_.get();
    auto q = [&](std::string_view k, std::string_view v) {
      req.path += req.path.find('?') == std::string::npos ? '?' : '&';
      req.path += k;
      req.path += '=';
      req.path += Escape(v);
    };
    q("watch", "1");
    if (opts_.allow_bookmarks) q("allowWatchBookmarks", "true");
    std::string rv = resource_version();
    if (!rv.empty()) q("resourceVersion", rv);
    if (opts_.timeout_seconds > 0) q("timeoutSeconds", std::to_string(opts_.timeout_seconds));
    if (!opts_.label_selector.empty()) q("labelSelector", opts_.label_selector);
    if (!opts_.field_selector.empty()) q("fieldSelector", opts_.field_selector);
    // No client timeout beyond the server's own end of the stream.
    req.timeout_ms = opts_.timeout_seconds > 0 ? (opts_.timeout_seconds + 30) * 1000L : 0;
    HttpRequest hr;
    FERRY_RETURN_IF_ERROR(impl_->Build(req, &hr));
    auto s = std::make_shared<StreamState>();
    hr.on_status = [s](long code) {
      std::lock_guard<std::mutex> lock(s->mu);
      s->status = code;
      s->cv.notify_all();
    };
    hr.on_data = [s](std::string_view data) {
      std::lock_guard<std::mutex> lock(s->mu);
      s->partial.append(data);
      size_t start = 0, nl;
      bool any = false;
      while ((nl = s->partial.find('\n', start)) != std::string::npos) {
        if (nl > start) s->lines.emplace_back(s->partial, start, nl - start);
        start = nl + 1;
        any = true;
      }
      s->partial.erase(0, start);
      if (any) s->cv.notify_all();
    };
    hr.on_done = [s] {
      std::lock_guard<std::mutex> lock(s->mu);
      if (!s->partial.empty()) s->lines.push_back(std::move(s->partial));
      s->partial.clear();
      s->done = true;
      s->cv.notify_all();
    };
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return MakeError(Reason::kCanceled, subject_ + ": watch stopped");
    state_ = s;
    call_ = impl_->transport().Start(std::move(hr));
    return Status::Ok();
  }

  // The outcome of a finished stream: ok for a clean end (resume), else why.
  Status Ended() {
    std::optional<Call> call;
    {
      std::lock_guard<std::mutex> lock(mu_);
      call = call_;
    }
    if (!call) return Status::Ok();
    const HttpResponse& r = call->Wait();
    ApiRequest req;
    req.subject = subject_;
    req.as = as_.get();
    if (r.canceled) return MakeError(Reason::kCanceled, subject_ + ": watch stopped");
    if (r.status != 0 && (r.status < 200 || r.status >= 300))
      return ErrorFromHttp(r.status, r.body, req, impl_->config());
    if (r.curl_code != 0) {
      // A stream cut by the server's timeoutSeconds or a dropped connection.
      if (r.status >= 200 && r.status < 300 && r.curl_code == 28 /* timeout */)
        return Status::Ok();
      return ErrorFromTransport(r, req, impl_->config(), 0);
    }
    return Status::Ok();
  }

  // One event line; a Status with Reason kNone and !ok means "skip".
  Status Decode(const std::string& line, WatchEvent* ev) {
    ApiRequest req;
    req.subject = subject_;
    yaml::Node doc;
    if (!ParseJson(line, req, &doc).ok() || !doc.IsMap()) return Status::Error("skip");
    std::string_view type = doc.GetString("type");
    yaml::Node* obj = doc.Get("object");
    if (obj == nullptr) return Status::Error("skip");
    if (type == "ERROR") {
      std::string body;
      long code = 500;
      if (obj->IsMap()) {
        std::string_view c = obj->GetString("code");
        if (!c.empty()) code = std::strtol(std::string(c).c_str(), nullptr, 10);
      }
      std::string json;
      yaml::EmitJson(*obj, &json);
      return ErrorFromHttp(code, json, req, impl_->config());
    }
    EventType t;
    if (type == "ADDED") t = EventType::kAdded;
    else if (type == "MODIFIED") t = EventType::kModified;
    else if (type == "DELETED") t = EventType::kDeleted;
    else if (type == "BOOKMARK") t = EventType::kBookmark;
    else return Status::Error("skip");
    if (const yaml::Node* md = obj->Get("metadata"); md && md->IsMap()) {
      std::string_view rv = md->GetString("resourceVersion");
      if (!rv.empty()) {
        std::lock_guard<std::mutex> lock(mu_);
        rv_ = std::string(rv);
      }
    }
    last_ok_ = std::chrono::steady_clock::now();
    ev->type = t;
    ev->object = std::move(*obj);
    return Status::Ok();
  }

  std::shared_ptr<ClientImpl> impl_;
  std::shared_ptr<const Impersonation> as_;
  std::string base_, subject_;
  WatchOptions opts_;
  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopped_ = false;
  Status terminal_;
  std::string rv_;
  std::optional<Call> call_;
  std::shared_ptr<StreamState> state_;
  std::chrono::steady_clock::time_point last_ok_ = std::chrono::steady_clock::now();
};

}  // namespace

Status Client::Watch(const k8s::Gvk& gvk, std::string_view ns, const WatchOptions& opts,
                     std::unique_ptr<WatchStream>* out) const {
  std::string subject = ns.empty() ? fmt::format("watch of {}", gvk.kind)
                                   : fmt::format("watch of {} in {}", gvk.kind, ns);
  std::string base;
  RestMapping m;
  Status st = impl_->Path(gvk, ns, "", "", &base, &m);
  if (!st.ok()) return MakeError(ReasonOf(st), subject + ": " + st.message());
  auto w = std::make_unique<WatchImpl>(impl_, as_, base, subject, opts);
  FERRY_RETURN_IF_ERROR(w->Begin());
  *out = std::move(w);
  return Status::Ok();
}

}  // namespace ferry::kube
