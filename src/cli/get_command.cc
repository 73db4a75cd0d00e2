// ferry get kustomizations [-A]: the Flux Kustomizations of the cluster in a
// table like `flux get kustomizations` (NAME, REVISION, SUSPENDED, READY,
// MESSAGE; -o wide adds PATH, SOURCE and AGE), or as JSON/YAML objects.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cluster.h"
#include "cli/commands.h"
#include "engine/ks_status.h"
#include "kube/credentials.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

// kubectl's AGE column: "45s", "12m", "5h", "3d" ("<unknown>" unparsable).
std::string Age(std::string_view created) {
  std::chrono::system_clock::time_point t;
  if (!kube::ParseRfc3339(created, &t)) return "<unknown>";
  long long s = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now() - t).count();
  if (s < 0) s = 0;
  if (s < 120) return std::to_string(s) + "s";
  if (s < 2 * 3600) return std::to_string(s / 60) + "m";
  if (s < 2 * 86400) return std::to_string(s / 3600) + "h";
  return std::to_string(s / 86400) + "d";
}

struct GetFlags {
  ClusterFlags cluster;
  bool all_namespaces = false;
  std::string output = "table";
};

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - r[i].size() + 3, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

int RunGet(const GetFlags& f) {
  kube::Client client;
  Status st = OpenClient(f.cluster, &client);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return 2;
  }
  // As the flux CLI: flux-system unless a namespace is given.
  std::string ns = f.all_namespaces ? "" : (f.cluster.ns.empty() ? "flux-system" : f.cluster.ns);
  kube::ListResult lr;
  st = client.List(engine::KustomizationGvk(), ns, {}, &lr);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.message().c_str());
    return ExitFor(st);
  }
  if (f.output == "json" || f.output == "yaml") {
    yaml::Node list = yaml::Node::Map();
    list.Set("apiVersion", yaml::Node::Str("v1"));
    list.Set("kind", yaml::Node::Str("List"));
    yaml::Node items = yaml::Node::Seq();
    for (yaml::Node& i : lr.items) items.Append(std::move(i));
    list.Set("items", std::move(items));
    std::string out;
    if (f.output == "json") {
      yaml::EmitJson(list, &out, 2);
      out += "\n";
    } else {
      yaml::EmitKustomizeDocument(list, &out);
    }
    std::fputs(out.c_str(), stdout);
    return 0;
  }
  if (lr.items.empty()) {
    std::fprintf(stderr, "no Kustomization objects found in %s\n",
                 ns.empty() ? "any namespace" : ("namespace " + ns).c_str());
    return 0;
  }
  bool color = UseColor(f.cluster);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head = {"NAME", "REVISION", "SUSPENDED", "READY", "MESSAGE"};
  bool wide = f.output == "wide";
  if (wide) head.insert(head.end() - 1, {"PATH", "SOURCE", "AGE"});
  if (f.all_namespaces) head.insert(head.begin(), "NAMESPACE");
  rows.push_back(head);
  for (const yaml::Node& k : lr.items) {
    const yaml::Node* md = k.Get("metadata");
    const yaml::Node* status = k.Get("status");
    const yaml::Node* ready = engine::ReadyCondition(k);
    const yaml::Node* suspend = k.GetPath({"spec", "suspend"});
    std::vector<std::string> r = {
        std::string(md ? md->GetString("name") : ""),
        std::string(status ? status->GetString("lastAppliedRevision") : ""),
        suspend && suspend->value() == "true" ? "True" : "False",
        ready ? std::string(ready->GetString("status")) : "Unknown",
        ready ? std::string(ready->GetString("message")) : "waiting to be reconciled"};
    if (wide) {
      const yaml::Node* spec = k.Get("spec");
      const yaml::Node* src = k.GetPath({"spec", "sourceRef"});
      std::string source = src ? std::string(src->GetString("kind")) + "/" +
                                     std::string(src->GetString("name"))
                               : "";
      r.insert(r.end() - 1,
               {std::string(spec ? spec->GetString("path") : ""), source,
                Age(md ? md->GetString("creationTimestamp") : "")});
    }
    if (f.all_namespaces) r.insert(r.begin(), std::string(md ? md->GetString("namespace") : ""));
    rows.push_back(r);
  }
  std::string out = Table(rows);
  if (color) {
    // Colour the READY cells after layout, so the columns stay aligned.
    size_t pos = out.find('\n');
    std::string colored = out.substr(0, pos + 1);
    size_t start = pos + 1;
    while (start < out.size()) {
      size_t end = out.find('\n', start);
      std::string line = out.substr(start, end - start);
      colored += Paint(true, line.find("   True   ") != std::string::npos ? "32" : "31", line) + "\n";
      start = end + 1;
    }
    out = colored;
  }
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace

void AddGetCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<GetFlags>();
  CLI::App* get = app.add_subcommand("get", "Show Flux objects of the cluster");
  get->require_subcommand(1);
  CLI::App* ks = get->add_subcommand("kustomizations", "Flux Kustomizations and their readiness");
  ks->alias("ks");
  ks->alias("kustomization");
  ks->add_flag("-A,--all-namespaces", f->all_namespaces, "every namespace");
  ks->add_option("-o,--output", f->output, "table, wide, json or yaml")
      ->check(CLI::IsMember({"table", "wide", "json", "yaml"}));
  AddClusterFlags(ks, &f->cluster);
  ks->callback([f, exit_code] { *exit_code = RunGet(*f); });
}

}  // namespace ferry::cli
