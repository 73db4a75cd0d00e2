// Wait: the health of a set of live objects followed with watches (one per
// kind and namespace, started from a List) until every one is Current by
// kstatus rules, one is Failed, or the deadline passes — what Flux's
// `wait: true` and `healthChecks` do.
#ifndef FERRY_ENGINE_WAIT_H_
#define FERRY_ENGINE_WAIT_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "engine/health.h"
#include "engine/object_id.h"
#include "kube/client.h"
#include "yaml/status.h"

namespace ferry::engine {

/// One object's last known health.
struct ObjectHealth {
  ObjectId id;
  Health health;
};

/// Called whenever a status changes (and once at the start), with every
/// object's health, from the waiting thread.
using HealthProgress = std::function<void(const std::vector<ObjectHealth>&)>;

/// Waits until every object of `ids` is Current. Fails when one is Failed
/// ("Deployment/ns/web status: 'Failed': ..."), or at `deadline` with
/// Flux's "timeout waiting for: [Kind/ns/name status: 'InProgress', ...]"
/// naming what is still not ready and why. `final` (may be null) gets the
/// last health of each object.
Status WaitForHealth(const kube::Client& client, const std::vector<ObjectId>& ids,
                     std::chrono::steady_clock::time_point deadline,
                     const HealthProgress& progress,
                     std::vector<ObjectHealth>* final);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_WAIT_H_
