// ferry plan [REPO]: the apply waves of a repository's Flux Kustomizations.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "repo/graph.h"
#include "repo/layout.h"
#include "repo/plan.h"

namespace ferry::cli {
namespace {

struct PlanFlags {
  std::string repo;
  std::string output = "text";
  std::string why;
  std::string k8s_dir = "k8s";
};

int RunPlan(const PlanFlags& f) {
  repo::RepoOptions options;
  options.path = f.repo;
  options.k8s_dir = f.k8s_dir;
  repo::Repository r;
  Status st = repo::LoadRepository(options, &r);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  bool errors = false;
  for (const repo::Diagnostic& d : r.diagnostics) {
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
    errors |= d.severity == repo::Severity::kError;
  }
  repo::DependencyGraph graph(r.kustomizations);
  for (const repo::Diagnostic& d : graph.diagnostics())
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  errors |= graph.HasErrors();

  if (!f.why.empty()) {
    int n = graph.Find(f.why);
    if (n < 0) {
      std::fprintf(stderr, "error: %s Kustomization %s%s\n",
                   n == -2 ? "more than one" : "no", f.why.c_str(),
                   n == -2 ? "; give it as namespace/name" : "");
      return 1;
    }
    std::string text = repo::WhyText(graph, n);
    std::fputs(text.c_str(), stdout);
    return graph.nodes()[n].wave < 0 ? 1 : 0;
  }

  repo::Plan plan = repo::MakePlan(r, graph);
  std::string out;
  if (f.output == "json") {
    out = repo::PlanJson(plan);
  } else if (f.output == "dot") {
    out = repo::PlanDot(plan);
  } else if (f.output == "mermaid") {
    out = repo::PlanMermaid(plan);
  } else {
    out = repo::PlanText(plan);
  }
  std::fputs(out.c_str(), stdout);
  return errors ? 1 : 0;
}

}  // namespace

void AddPlanCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "plan",
      "Apply waves of the repository's Flux Kustomizations (dependsOn)");
  cmd->add_option("repo", flags->repo,
                  "repository root, its k8s folder, or a folder inside it "
                  "(default: the current directory)");
  cmd->add_option("-o,--output", flags->output, "text, json, dot or mermaid")
      ->check(CLI::IsMember({"text", "json", "dot", "mermaid"}))
      ->capture_default_str();
  cmd->add_option("--why", flags->why,
                  "explain why Kustomization NAME (or namespace/name) is in "
                  "its wave");
  cmd->add_option("--k8s-dir", flags->k8s_dir,
                  "folder of the repository holding one folder per namespace")
      ->capture_default_str();
  cmd->callback([flags, exit_code] { *exit_code = RunPlan(*flags); });
}

}  // namespace ferry::cli
