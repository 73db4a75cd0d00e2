// ferry check [REPO]: the repository's conventions and mistakes, offline.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "repo/check.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

struct CheckFlags {
  std::string repo;
  std::string k8s_dir = "k8s";
  std::string output = "text";
};

int RunCheck(const CheckFlags& f) {
  repo::CheckOptions opts;
  opts.repo.path = f.repo;
  opts.repo.k8s_dir = f.k8s_dir;
  repo::CheckReport report;
  Status st = repo::RunCheck(opts, &report);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 2;
  }
  if (f.output == "json") {
    yaml::Node list = yaml::Node::Seq();
    for (const repo::Diagnostic& d : report.diagnostics) {
      yaml::Node n = yaml::Node::Map();
      n.Set("file", yaml::Node::Str(d.file));
      n.Set("line", yaml::Node::Plain(std::to_string(d.line)));
      n.Set("column", yaml::Node::Plain(std::to_string(d.col)));
      n.Set("severity", yaml::Node::Str(d.severity == repo::Severity::kError
                                            ? "error"
                                            : "warning"));
      n.Set("message", yaml::Node::Str(d.message));
      n.Set("rule", yaml::Node::Str(d.rule));
      list.Append(std::move(n));
    }
    std::string out;
    yaml::EmitJson(list, &out);
    std::printf("%s\n", out.c_str());
  } else {
    for (const repo::Diagnostic& d : report.diagnostics)
      std::printf("%s\n", d.ToString().c_str());
    std::fprintf(stderr, "%d error(s), %d warning(s)\n", report.errors,
                 report.warnings);
  }
  return report.errors > 0 ? 1 : 0;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check the repository's conventions, builds and references");
  cmd->add_option("repo", flags->repo,
                  "repository root or a folder inside it (default: .)");
  cmd->add_option("--k8s-dir", flags->k8s_dir,
                  "folder holding one folder per namespace")
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([flags, exit_code] { *exit_code = RunCheck(*flags); });
}

}  // namespace ferry::cli
