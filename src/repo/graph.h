// DependencyGraph: the Flux Kustomizations of a repository linked by their
// dependsOn, in apply waves, with the mistakes that keep Flux from ever
// applying some of them (missing targets, self references, cycles).
#ifndef FERRY_REPO_GRAPH_H_
#define FERRY_REPO_GRAPH_H_

#include <string>
#include <string_view>
#include <vector>

#include "repo/diagnostic.h"
#include "repo/layout.h"

namespace ferry::repo {

/// The dependsOn graph of Flux Kustomizations and its apply waves: wave 0
/// has no dependencies, wave n depends only on earlier waves.
class DependencyGraph {
 public:
  /// One Kustomization and its edges (indices into nodes()).
  struct Node {
    const FluxKustomization* k = nullptr;
    /// Dependencies that exist (missing and self references left out),
    /// each once, with the dependsOn entry that names it.
    std::vector<int> deps;
    std::vector<const yaml::Node*> dep_entries;
    std::vector<int> dependents;
    /// Apply wave; -1 when the Kustomization is in a cycle or depends on
    /// one (Flux never applies it).
    int wave = -1;
  };

  /// Builds the graph of `ks` (which must outlive it). A Kustomization
  /// whose namespace/name repeats an earlier one is left out, with an error.
  explicit DependencyGraph(const std::vector<FluxKustomization>& ks);

  const std::vector<Node>& nodes() const { return nodes_; }
  /// Node indices per wave, each wave ordered by name, then namespace.
  const std::vector<std::vector<int>>& waves() const { return waves_; }
  /// Nodes with no wave (in or behind a cycle), ordered by name.
  const std::vector<int>& blocked() const { return blocked_; }
  /// Each cycle as a path of nodes, first node repeated at the end.
  const std::vector<std::vector<int>>& cycles() const { return cycles_; }
  /// depends-on-missing, depends-on-self, depends-on-cycle and
  /// duplicate-name errors, in file order.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  bool HasErrors() const;

  /// The node named "name" or "namespace/name"; -1 when there is none,
  /// -2 when a bare name is in several namespaces.
  int Find(std::string_view name) const;

  /// Why node `n` is in its wave: the longest dependency chain from it down
  /// to wave 0 (n first; at each step the dependency in the highest wave,
  /// ties broken by name). Just {n} for wave 0; empty for a blocked node.
  std::vector<int> Why(int n) const;

  /// "a -> b -> a" for a path of nodes.
  std::string PathString(const std::vector<int>& path) const;

 private:
  void ComputeWaves();
  void FindCycles();

  std::vector<Node> nodes_;
  std::vector<std::vector<int>> waves_;
  std::vector<int> blocked_;
  std::vector<std::vector<int>> cycles_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_GRAPH_H_
