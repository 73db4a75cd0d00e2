// WatchStream: the events of a Kubernetes watch (?watch=true), for health
// waits. It resumes by itself from the last resourceVersion it saw (bookmarks
// keep that fresh) when the server ends a stream or the connection drops, and
// reports Gone when that version is too old (list again, then watch again).
#ifndef FERRY_KUBE_WATCH_H_
#define FERRY_KUBE_WATCH_H_

#include <chrono>
#include <string>

#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::kube {

/// Options of Client::Watch.
struct WatchOptions {
  std::string label_selector;
  std::string field_selector;  // e.g. "metadata.name=web" for one object
  /// Start after this version (from a List or Get); "" = the server sends
  /// ADDED for every existing object first.
  std::string resource_version;
  bool allow_bookmarks = true;
  /// How long the server keeps one stream open before it is resumed.
  int timeout_seconds = 300;
};

/// What happened to an object.
enum class EventType { kAdded, kModified, kDeleted, kBookmark };

/// One watch event; `object` is the object after the change (for
/// kBookmark only its kind and metadata.resourceVersion).
struct WatchEvent {
  EventType type = EventType::kAdded;
  yaml::Node object;
};

/// A running watch; stops when destroyed. Next and Stop may be called from
/// different threads.
class WatchStream {
 public:
  virtual ~WatchStream() = default;
  /// Waits for the next event until `deadline`. Errors: Reason kTimeout
  /// when the deadline passes (the watch goes on: call again), kGone when
  /// the server no longer has the version to resume from, kCanceled after
  /// Stop, or the failure that kept it from resuming (e.g. Forbidden).
  virtual Status Next(WatchEvent* ev,
                      std::chrono::steady_clock::time_point deadline) = 0;
  /// Ends the watch (and wakes a waiting Next). Idempotent, thread-safe.
  virtual void Stop() = 0;
  /// The last resourceVersion seen (events and bookmarks).
  virtual std::string resource_version() const = 0;
};

}  // namespace ferry::kube

#endif  // FERRY_KUBE_WATCH_H_
