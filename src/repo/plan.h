// Plan: the apply order of a repository — the dependency graph's waves and,
// for each Flux Kustomization, the namespaces its build writes into — in
// text, JSON, DOT and Mermaid.
#ifndef FERRY_REPO_PLAN_H_
#define FERRY_REPO_PLAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "repo/graph.h"
#include "repo/layout.h"
#include "yaml/node.h"

namespace ferry::repo {

/// What one Kustomization's build writes into, or why that is not known.
struct PlanItem {
  /// Namespaces its objects live in (and Namespace objects it creates),
  /// plus its targetNamespace; sorted, each once.
  std::vector<std::string> namespaces;
  /// Set when the build of spec.path failed (the plan still goes on).
  std::string build_error;
  /// Set when spec.path is not built: the source is another repository.
  std::string note;
};

/// The apply plan of a repository (the repository and graph must outlive
/// it).
struct Plan {
  const Repository* repo = nullptr;
  const DependencyGraph* graph = nullptr;
  std::vector<PlanItem> items;  // indexed like graph->nodes()
};

/// How much work making a plan does.
struct PlanOptions {
  /// Build each Kustomization's path to learn its namespaces; when false,
  /// only targetNamespace is known.
  bool build = true;
};

/// Plans `graph` (made from `repo`): builds each Kustomization's spec.path
/// (a folder without kustomization.yaml is read as Flux reads it: every
/// YAML file under it) to find the namespaces it writes into.
Plan MakePlan(const Repository& repo, const DependencyGraph& graph,
              const PlanOptions& options = PlanOptions());

/// Namespaces that `objects` live in or create, as applied with
/// `target_namespace` (may be empty); sorted, each once.
std::vector<std::string> NamespacesWritten(
    const std::vector<const yaml::Node*>& objects,
    std::string_view target_namespace);

/// One line per wave: "wave 0: flux-system [flux-system]", then blocked
/// Kustomizations and build failures.
std::string PlanText(const Plan& plan);
/// {"waves": [[{"name", "namespace", "path", "dependsOn", "namespaces",
/// ...}]], "blocked": [...], "cycles": [[...]]}
std::string PlanJson(const Plan& plan);
/// A `digraph`, edges from each dependency to its dependent (apply order),
/// one cluster per wave.
std::string PlanDot(const Plan& plan);
/// A Mermaid `graph TD`, edges as in PlanDot, one subgraph per wave.
std::string PlanMermaid(const Plan& plan);

/// Explains why node `n` of `graph` is in its wave: the chain of
/// dependencies down to wave 0, each with the file:line of its dependsOn
/// entry; for a blocked node, the cycle that blocks it.
std::string WhyText(const DependencyGraph& graph, int n);

}  // namespace ferry::repo

#endif  // FERRY_REPO_PLAN_H_
