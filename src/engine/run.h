// Run: a whole repository applied to a cluster, as the seed's operators do
// it by hand (`kubectl apply -f <ns>/sync.yaml` in dependency order) and
// Flux then does: the Flux CRDs installed when missing, every entry file's
// objects applied, then each Flux Kustomization reconciled wave by wave of
// the dependsOn graph (independent ones of a wave in parallel); a failure
// stops its dependents, which say which dependency failed and why.
#ifndef FERRY_ENGINE_RUN_H_
#define FERRY_ENGINE_RUN_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/reconcile.h"
#include "kube/client.h"
#include "yaml/status.h"

namespace ferry::engine {

/// How a repository is run.
struct RunOptions {
  std::string path;       // the repository (any folder of it)
  std::string k8s_dir = "k8s";
  /// Only these Kustomizations ("name" or "namespace/name"); their
  /// dependencies must then be Ready in the cluster already.
  std::vector<std::string> only;
  bool dry_run = false;
  int concurrency = 16;
  int parallel_kustomizations = 4;
  std::optional<std::chrono::milliseconds> timeout;
};

/// What happened to one Kustomization.
enum class RunState { kReady, kFailed, kSkipped, kSuspended };
const char* RunStateName(RunState s);

struct KustomizationReport {
  std::string name;  // namespace/name
  int wave = -1;
  RunState state = RunState::kSkipped;
  std::string reason;   // Flux's reason
  std::string message;  // Flux's message, or why skipped
  ReconcileResult result;
};

/// The whole run.
struct RunReport {
  std::string revision;  // <branch>@sha1:<commit>
  bool dirty = false;
  std::vector<Change> entry_changes;  // the entry files' own objects
  std::vector<std::string> notes;     // entry objects of kinds not served, ...
  std::vector<KustomizationReport> kustomizations;  // in plan order
  bool AllReady() const;
};

/// Progress of a run; callbacks may come from several threads, but never
/// two at once.
struct RunObserver {
  std::function<void(const std::string& ks, int wave)> on_start;
  std::function<void(const std::string& ks, const Change&)> on_change;
  std::function<void(const std::string& ks, const std::vector<ObjectHealth>&)> on_health;
  std::function<void(const KustomizationReport&)> on_done;
};

/// Status::code() of a RunRepository error that is the caller's mistake
/// (an --only name the repository lacks), not the repository's or the
/// cluster's.
inline constexpr int kRunUsageError = 2;

/// Runs the repository. Fails (nothing applied) when the repository does
/// not load or has errors, or the cluster cannot be reached; otherwise the
/// report says how each Kustomization went.
Status RunRepository(const kube::Client& client, const RunOptions& options,
                     const RunObserver& observer, RunReport* report);

/// Installs ferry's Flux CRDs when the cluster does not serve the
/// Kustomization kind yet (or always, with `force`), waiting until they are
/// Established. `installed` says whether it applied anything.
Status EnsureFluxCrds(const kube::Client& client, bool force, bool* installed);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_RUN_H_
