// ferry apply [REPO]: every Flux Kustomization of the repository reconciled
// into the cluster in dependency order, as Flux would (engine/run.h).
#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "cli/cluster.h"
#include "cli/commands.h"
#include "engine/run.h"
#include "k8s/duration.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

struct ApplyFlags {
  ClusterFlags cluster;
  std::string repo;
  std::vector<std::string> only;
  std::string dry_run;
  std::string timeout;
  int concurrency = 16;
  std::string output = "text";
  std::string k8s_dir = "k8s";
};

// Plain lines, or a live status line on a terminal.
class Printer {
 public:
  Printer(bool color, bool tty, bool quiet) : color_(color), tty_(tty), quiet_(quiet) {}

  void Line(const std::string& s) {
    if (quiet_) return;
    ClearLive();
    std::fprintf(stdout, "%s\n", s.c_str());
    std::fflush(stdout);
  }
  void Health(const std::string& ks, const std::vector<engine::ObjectHealth>& hs) {
    if (quiet_) return;
    int ready = 0;
    const engine::ObjectHealth* first = nullptr;
    for (const engine::ObjectHealth& h : hs) {
      if (h.health.status == engine::HealthStatus::kCurrent) ++ready;
      else if (!first) first = &h;
    }
    std::string s = "  " + ks + ": " + std::to_string(ready) + "/" +
                    std::to_string(hs.size()) + " ready";
    if (first)
      s += "; waiting for " + first->id.Display() + " (" +
           engine::HealthStatusName(first->health.status) +
           (first->health.message.empty() ? "" : ": " + first->health.message) + ")";
    if (tty_) {
      ClearLive();
      std::fprintf(stdout, "%s", Paint(color_, "2", s).c_str());
      std::fflush(stdout);
      live_ = true;
    } else if (ready != last_ready_[ks]) {
      last_ready_[ks] = ready;
      Line(s);
    }
  }
  bool color() const { return color_; }

 private:
  void ClearLive() {
    if (live_) std::fputs("\r\033[2K", stdout);
    live_ = false;
  }
  bool color_, tty_, quiet_;
  bool live_ = false;
  std::map<std::string, int> last_ready_;
};

std::string Counts(const std::vector<engine::Change>& cs) {
  using engine::Action;
  std::string s;
  for (Action a : {Action::kCreated, Action::kConfigured, Action::kUnchanged,
                   Action::kDeleted, Action::kSkipped}) {
    int n = engine::CountActions(cs, a);
    if (!n) continue;
    s += (s.empty() ? "" : ", ") + std::to_string(n) + " " + engine::ActionName(a);
  }
  return s.empty() ? "nothing to apply" : s;
}

yaml::Node S(const std::string& s) { return yaml::Node::Str(s); }

std::string ReportJson(const engine::RunReport& r) {
  yaml::Node root = yaml::Node::Map();
  root.Set("revision", S(r.revision));
  root.Set("dirty", yaml::Node::Plain(r.dirty ? "true" : "false"));
  yaml::Node notes = yaml::Node::Seq();
  for (const std::string& n : r.notes) notes.Append(S(n));
  root.Set("notes", std::move(notes));
  yaml::Node ks = yaml::Node::Seq();
  for (const engine::KustomizationReport& k : r.kustomizations) {
    yaml::Node e = yaml::Node::Map();
    e.Set("name", S(k.name));
    e.Set("wave", yaml::Node::Plain(std::to_string(k.wave)));
    e.Set("state", S(engine::RunStateName(k.state)));
    e.Set("reason", S(k.reason));
    e.Set("message", S(k.message));
    e.Set("durationMs", yaml::Node::Plain(std::to_string(k.result.duration.count())));
    yaml::Node changes = yaml::Node::Seq();
    for (const engine::Change& c : k.result.changes) {
      yaml::Node ce = yaml::Node::Map();
      ce.Set("object", S(c.id.Display()));
      ce.Set("action", S(engine::ActionName(c.action)));
      if (!c.note.empty()) ce.Set("note", S(c.note));
      changes.Append(std::move(ce));
    }
    e.Set("changes", std::move(changes));
    ks.Append(std::move(e));
  }
  root.Set("kustomizations", std::move(ks));
  std::string out;
  yaml::EmitJson(root, &out, 2);
  return out + "\n";
}

int RunApply(const ApplyFlags& f) {
  engine::RunOptions ro;
  ro.path = f.repo;
  ro.k8s_dir = f.k8s_dir;
  ro.only = f.only;
  ro.dry_run = f.dry_run == "server";
  ro.concurrency = f.concurrency;
  if (!f.timeout.empty()) {
    int64_t nanos = 0;
    std::string err;
    if (!k8s::ParseGoDuration(f.timeout, &nanos, &err) || nanos <= 0) {
      std::fprintf(stderr, "error: --timeout %s: %s\n", f.timeout.c_str(),
                   err.empty() ? "must be positive" : err.c_str());
      return 2;
    }
    ro.timeout = std::chrono::milliseconds(nanos / 1000000);
  }
  kube::Client client;
  Status st = OpenClient(f.cluster, &client);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return 2;
  }
  bool json = f.output == "json";
  Printer p(UseColor(f.cluster), ::isatty(STDOUT_FILENO) && !json, json);
  engine::RunObserver obs;
  obs.on_start = [&](const std::string& ks, int wave) {
    p.Line(Paint(p.color(), "1", "► " + ks) + Paint(p.color(), "2", "  (wave " + std::to_string(wave) + ")"));
  };
  obs.on_change = [&](const std::string&, const engine::Change& c) {
    if (c.action == engine::Action::kUnchanged) return;
    std::string line = "  " + c.id.Display() + " " + engine::ActionName(c.action) +
                       (c.note.empty() ? "" : " (" + c.note + ")");
    p.Line(line);
  };
  obs.on_health = [&](const std::string& ks, const std::vector<engine::ObjectHealth>& h) {
    p.Health(ks, h);
  };
  obs.on_done = [&](const engine::KustomizationReport& k) {
    switch (k.state) {
      case engine::RunState::kReady:
        p.Line(Paint(p.color(), "32", "✔ " + k.name) + "  " + k.message + " (" +
               Counts(k.result.changes) + ")");
        break;
      case engine::RunState::kFailed:
        p.Line(Paint(p.color(), "31", "✗ " + k.name) + "  " + k.reason + ": " + k.message);
        break;
      default:
        p.Line(Paint(p.color(), "33", "- " + k.name) + "  " +
               engine::RunStateName(k.state) + ": " + k.message);
    }
  };
  engine::RunReport report;
  st = engine::RunRepository(client, ro, obs, &report);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return st.code() == engine::kRunUsageError ? 2 : ExitFor(st);
  }
  if (json) {
    std::fputs(ReportJson(report).c_str(), stdout);
  } else {
    std::string head = "revision " + report.revision +
                       (report.dirty ? " with uncommitted changes (not what Flux would see)" : "") +
                       (ro.dry_run ? " (dry run: nothing written)" : "");
    p.Line(head);
    p.Line("entry files' objects: " + Counts(report.entry_changes));
    for (const std::string& n : report.notes) p.Line("note: " + n);
    int ready = 0, failed = 0;
    for (const engine::KustomizationReport& k : report.kustomizations) {
      ready += k.state == engine::RunState::kReady;
      failed += k.state == engine::RunState::kFailed;
    }
    p.Line(std::to_string(ready) + " ready, " + std::to_string(failed) + " failed, " +
           std::to_string(report.kustomizations.size() - ready - failed) + " skipped");
  }
  return report.AllReady() ? 0 : 1;
}

}  // namespace

void AddApplyCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<ApplyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "apply", "Reconcile the repository's Flux Kustomizations into the cluster, in dependency order");
  cmd->add_option("repo", f->repo,
                  "repository root, its k8s folder, or a folder inside it (default: .)");
  cmd->add_option("--only", f->only, "only these Kustomizations (name or namespace/name; repeatable)");
  cmd->add_option("--dry-run", f->dry_run,
                  "server: validate and compare on the server, write nothing")
      ->check(CLI::IsMember({"server", "none"}));
  cmd->add_option("--timeout", f->timeout,
                  "health wait per Kustomization (Go duration; default: its spec.timeout)");
  cmd->add_option("--concurrency", f->concurrency, "objects applied at once")
      ->check(CLI::Range(1, 256));
  cmd->add_option("-o,--output", f->output, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--k8s-dir", f->k8s_dir, "folder of namespace folders (default: k8s)");
  AddClusterFlags(cmd, &f->cluster);
  cmd->callback([f, exit_code] { *exit_code = RunApply(*f); });
}

}  // namespace ferry::cli
