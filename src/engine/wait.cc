#include "engine/wait.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "kube/watch.h"

namespace ferry::engine {
namespace {

using Clock = std::chrono::steady_clock;

// The objects of one kind in one namespace, watched together.
struct Group {
  k8s::Gvk gvk;
  std::string ns;
  std::vector<size_t> members;  // indices into the state
  std::unique_ptr<kube::WatchStream> stream;
};

struct Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<ObjectHealth> state;
  std::string error;  // a watch that could not go on
  bool changed = false;
};

void Update(Shared* sh, const Group& g, const yaml::Node& obj, bool deleted) {
  std::string_view name = obj.GetPath({"metadata"}) ? obj.GetPath({"metadata"})->GetString("name") : "";
  for (size_t m : g.members) {
    ObjectHealth& oh = sh->state[m];
    if (oh.id.name != name) continue;
    Health h = deleted ? Health{HealthStatus::kNotFound, "", "not found"}
                       : ComputeHealth(obj);
    if (h.status != oh.health.status || h.message != oh.health.message) {
      oh.health = std::move(h);
      sh->changed = true;
    }
  }
}

std::string Quoted(const ObjectHealth& oh) {
  std::string s = oh.id.Display() + " status: '" +
                  HealthStatusName(oh.health.status) + "'";
  if (!oh.health.message.empty()) s += ": " + oh.health.message;
  return s;
}

}  // namespace

Status WaitForHealth(const kube::Client& client, const std::vector<ObjectId>& ids,
                     Clock::time_point deadline, const HealthProgress& progress,
                     std::vector<ObjectHealth>* final) {
  Shared sh;
  std::map<std::pair<std::string, std::string>, Group> groups;
  for (size_t i = 0; i < ids.size(); ++i) {
    sh.state.push_back({ids[i], {HealthStatus::kNotFound, "", "not found"}});
    k8s::Gvk gvk{ids[i].group, ids[i].version, ids[i].kind};
    Group& g = groups[{gvk.ApiVersion() + "/" + gvk.kind, ids[i].ns}];
    g.gvk = gvk;
    g.ns = ids[i].ns;
    g.members.push_back(i);
  }
  // The current state, then a watch from it.
  for (auto& [key, g] : groups) {
    kube::ListOptions lo;
    if (g.members.size() == 1)
      lo.field_selector = "metadata.name=" + ids[g.members[0]].name;
    kube::ListResult lr;
    FERRY_RETURN_IF_ERROR(client.List(g.gvk, g.ns, lo, &lr));
    for (const yaml::Node& item : lr.items) Update(&sh, g, item, false);
    kube::WatchOptions wo;
    wo.resource_version = lr.resource_version;
    wo.field_selector = lo.field_selector;
    FERRY_RETURN_IF_ERROR(client.Watch(g.gvk, g.ns, wo, &g.stream));
  }
  std::vector<std::thread> threads;
  for (auto& [key, g] : groups) {
    threads.emplace_back([&sh, &g, deadline] {
      for (;;) {
        kube::WatchEvent ev;
        Status st = g.stream->Next(&ev, deadline);
        if (!st.ok()) {
          kube::Reason r = kube::ReasonOf(st);
          if (r != kube::Reason::kCanceled && r != kube::Reason::kTimeout) {
            std::lock_guard<std::mutex> lock(sh.mu);
            sh.error = st.message();
            sh.cv.notify_all();
          }
          return;
        }
        if (ev.type == kube::EventType::kBookmark) continue;
        std::lock_guard<std::mutex> lock(sh.mu);
        Update(&sh, g, ev.object, ev.type == kube::EventType::kDeleted);
        if (sh.changed) sh.cv.notify_all();
      }
    });
  }
  Status result;
  {
    std::unique_lock<std::mutex> lock(sh.mu);
    bool first = true;
    for (;;) {
      if (progress && (first || sh.changed)) progress(sh.state);
      first = false;
      sh.changed = false;
      bool all_current = true;
      std::string failed;
      for (const ObjectHealth& oh : sh.state) {
        if (oh.health.status != HealthStatus::kCurrent) all_current = false;
        if (oh.health.status == HealthStatus::kFailed)
          failed += (failed.empty() ? "" : ", ") + Quoted(oh);
      }
      if (all_current) break;
      if (!failed.empty()) {
        result = Status::Error(failed);
        break;
      }
      if (!sh.error.empty()) {
        result = Status::Error("watch failed: " + sh.error);
        break;
      }
      if (Clock::now() >= deadline) {
        std::string waiting;
        for (const ObjectHealth& oh : sh.state)
          if (oh.health.status != HealthStatus::kCurrent)
            waiting += (waiting.empty() ? "" : ", ") + Quoted(oh);
        result = Status::Error("timeout waiting for: [" + waiting + "]");
        break;
      }
      sh.cv.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::seconds(1)));
    }
    if (final) *final = sh.state;
  }
  for (auto& [key, g] : groups) g.stream->Stop();
  for (std::thread& t : threads) t.join();
  return result;
}

}  // namespace ferry::engine
