// ApplySet: a Kustomization's built objects applied to the cluster as
// fluxcd/pkg's ssa ResourceManager.ApplyAllStaged does: cluster definitions
// (CRDs, Namespaces, ClusterRoles) first, waiting until each CRD is
// Established, then class definitions, then the rest; within a stage the
// objects are applied concurrently over one connection. Each object is
// applied only when it drifted: a server-side dry-run apply is compared with
// the live object, so a reconcile without drift writes nothing.
#ifndef FERRY_ENGINE_APPLY_SET_H_
#define FERRY_ENGINE_APPLY_SET_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "engine/apply_policy.h"
#include "engine/change.h"
#include "kube/client.h"
#include "yaml/node.h"
#include "yaml/status.h"

namespace ferry::engine {

/// How a set is applied.
struct ApplySetOptions {
  std::string field_manager = kFieldManager;
  /// spec.force: recreate an object whose apply fails on an immutable field.
  bool force = false;
  /// Validate and compare against the cluster (dry-run applies) but write
  /// nothing; changes say what a real apply would do.
  bool dry_run = false;
  /// Objects applied at once within a stage.
  int concurrency = 16;
  /// How long to wait for applied CRDs to become Established.
  std::chrono::seconds crd_timeout{60};
  /// Called (from any worker thread, serialised) after each object.
  std::function<void(const Change&)> on_change;
};

/// Applies `objects` (already normalised and labelled) in stages. Every
/// object of a stage is attempted; when any fails, the error lists each
/// failure ("Kind/ns/name: reason", one per line) and the later stages are
/// not applied. `changes` gets one entry per object applied or skipped, in
/// apply order (also on failure, for what was done).
Status ApplyAllStaged(const kube::Client& client,
                      const std::vector<yaml::Node>& objects,
                      const ApplySetOptions& options,
                      std::vector<Change>* changes);

/// The live object with what a dry-run apply returns compared: equal when
/// the apply would change nothing. metadata.managedFields count, so a change
/// of field ownership is drift, but not their timestamps.
bool SameLive(const yaml::Node& live, const yaml::Node& dry_run);

}  // namespace ferry::engine

#endif  // FERRY_ENGINE_APPLY_SET_H_
