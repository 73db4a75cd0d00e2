#include "repo/plan.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "k8s/gvk.h"
#include "k8s/scope.h"
#include "kustomize/build.h"
#include "kustomize/parallel.h"
#include "repo/flux_build.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace fs = std::filesystem;

namespace {

// The objects Flux would apply from `dir`.
Status CollectObjects(const fs::path& dir, std::vector<yaml::Node>* out) {
  kustomize::BuildResult result;
  FERRY_RETURN_IF_ERROR(FluxBuild(dir.string(), &result));
  for (kustomize::Resource& r : result.resources)
    out->push_back(std::move(r.node));
  return Status::Ok();
}

// GitRepositories that hold this repository: those flux bootstrap wrote in
// gotk-sync.yaml ("ns/name").
std::set<std::string> OwnSources(const Repository& repo) {
  std::set<std::string> own;
  for (const FluxObject& o : repo.objects) {
    if (o.kind != "GitRepository") continue;
    const std::string& rel = repo.entry_files[o.entry_file].rel_path;
    if (fs::path(rel).filename() != "gotk-sync.yaml") continue;
    own.insert((o.ns.empty() ? "flux-system" : o.ns) + "/" + o.name);
  }
  return own;
}

// Why spec.path of `k` is not in this repository, or "" when it is.
std::string ForeignSource(const FluxKustomization& k,
                          const std::set<std::string>& own) {
  const ObjectRef& s = k.source_ref;
  bool git = s.kind.empty() || s.kind == "GitRepository";
  if (git &&
      (own.empty() || s.name.empty() || own.count(s.ns + "/" + s.name))) {
    return "";
  }
  return "source " + (s.kind.empty() ? "GitRepository" : s.kind) + "/" +
         s.name + " is not this repository; path not built";
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (const std::string& x : v) {
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

std::string Where(const yaml::Node* n) {
  if (!n || n->mark().line == 0) return "";
  return std::string(n->mark().File()) + ":" + std::to_string(n->mark().line) +
         ":" + std::to_string(n->mark().col);
}

// Dependencies of a node as shown: their labels, in dependsOn order.
std::vector<std::string> DependsOnLabels(const DependencyGraph& g, int i) {
  std::vector<std::string> v;
  for (int d : g.nodes()[i].deps) v.push_back(g.nodes()[d].k->Label());
  return v;
}

std::string DotQuote(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string MermaidLabel(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') {
      q += "#quot;";
    } else {
      q += c;
    }
  }
  return q + "\"";
}

}  // namespace

std::vector<std::string> NamespacesWritten(
    const std::vector<const yaml::Node*>& objects,
    std::string_view target_namespace) {
  std::set<std::string> ns;
  if (!target_namespace.empty()) ns.insert(std::string(target_namespace));
  for (const yaml::Node* o : objects) {
    k8s::Gvk gvk = k8s::Gvk::FromNode(*o);
    const yaml::Node* md = o->Get("metadata");
    if (gvk.group.empty() && gvk.kind == "Namespace") {
      if (md && !md->GetString("name").empty())
        ns.insert(std::string(md->GetString("name")));
      continue;
    }
    if (k8s::IsClusterScoped(gvk)) continue;
    if (!target_namespace.empty()) continue;  // moved there by Flux
    if (md && !md->GetString("namespace").empty())
      ns.insert(std::string(md->GetString("namespace")));
  }
  return std::vector<std::string>(ns.begin(), ns.end());
}

Plan MakePlan(const Repository& repo, const DependencyGraph& graph,
              const PlanOptions& options) {
  Plan plan;
  plan.repo = &repo;
  plan.graph = &graph;
  plan.items.resize(graph.nodes().size());
  std::set<std::string> own = OwnSources(repo);
  // Each folder is built once, the folders in parallel.
  struct Built {
    Status status;
    std::vector<yaml::Node> objects;
  };
  std::vector<std::string> dirs;
  std::map<std::string, size_t> dir_index;
  std::vector<int> dir_of(graph.nodes().size(), -1);
  for (size_t i = 0; i < graph.nodes().size(); ++i) {
    const FluxKustomization& k = *graph.nodes()[i].k;
    plan.items[i].note = ForeignSource(k, own);
    if (!options.build || !plan.items[i].note.empty()) continue;
    std::string dir = repo.ResolvePath(k.path);
    auto [it, added] = dir_index.emplace(dir, dirs.size());
    if (added) dirs.push_back(dir);
    dir_of[i] = static_cast<int>(it->second);
  }
  std::vector<Built> built(dirs.size());
  kustomize::ParallelFor(dirs.size(), [&](size_t d) {
    std::error_code ec;
    built[d].status =
        fs::is_directory(dirs[d], ec)
            ? CollectObjects(dirs[d], &built[d].objects)
            : Status::Error("path " + dirs[d] + " does not exist");
  });
  for (size_t i = 0; i < graph.nodes().size(); ++i) {
    PlanItem& item = plan.items[i];
    std::vector<const yaml::Node*> objects;
    if (dir_of[i] >= 0) {
      const Built& b = built[dir_of[i]];
      if (!b.status.ok()) item.build_error = b.status.message();
      for (const yaml::Node& n : b.objects) objects.push_back(&n);
    }
    item.namespaces =
        NamespacesWritten(objects, graph.nodes()[i].k->target_namespace);
  }
  return plan;
}

std::string PlanText(const Plan& plan) {
  const DependencyGraph& g = *plan.graph;
  auto entry = [&](int i) {
    const PlanItem& item = plan.items[i];
    std::string s = g.nodes()[i].k->Label() + " [";
    if (!item.build_error.empty()) {
      s += "build failed";
    } else if (!item.note.empty()) {
      s += "not built";
    } else {
      s += Join(item.namespaces, ", ");
    }
    return s + "]";
  };
  std::string out;
  for (size_t w = 0; w < g.waves().size(); ++w) {
    std::vector<std::string> parts;
    for (int i : g.waves()[w]) parts.push_back(entry(i));
    out += "wave " + std::to_string(w) + ": " + Join(parts, ", ") + "\n";
  }
  if (!g.blocked().empty()) {
    std::vector<std::string> parts;
    for (int i : g.blocked()) parts.push_back(entry(i));
    out += "blocked (dependsOn cycle): " + Join(parts, ", ") + "\n";
  }
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    const std::string label = g.nodes()[i].k->Label();
    if (!item.build_error.empty())
      out += "note: " + label + ": build failed: " + item.build_error + "\n";
    if (!item.note.empty()) out += "note: " + label + ": " + item.note + "\n";
  }
  return out;
}

std::string PlanJson(const Plan& plan) {
  const DependencyGraph& g = *plan.graph;
  auto strings = [](const std::vector<std::string>& v) {
    yaml::Node seq = yaml::Node::Seq();
    for (const std::string& s : v) seq.Append(yaml::Node::Str(s));
    return seq;
  };
  auto entry = [&](int i) {
    const FluxKustomization& k = *g.nodes()[i].k;
    const PlanItem& item = plan.items[i];
    yaml::Node o = yaml::Node::Map();
    o.Set("name", yaml::Node::Str(k.name));
    o.Set("namespace", yaml::Node::Str(k.ns));
    o.Set("path", yaml::Node::Str(k.path));
    o.Set("file", yaml::Node::Str(plan.repo->entry_files[k.entry_file].path));
    o.Set("dependsOn", strings(DependsOnLabels(g, i)));
    o.Set("namespaces", strings(item.namespaces));
    if (!item.build_error.empty())
      o.Set("buildError", yaml::Node::Str(item.build_error));
    if (!item.note.empty()) o.Set("note", yaml::Node::Str(item.note));
    return o;
  };
  yaml::Node root = yaml::Node::Map();
  yaml::Node& waves = root.Set("waves", yaml::Node::Seq());
  for (const std::vector<int>& w : g.waves()) {
    yaml::Node& wave = waves.Append(yaml::Node::Seq());
    for (int i : w) wave.Append(entry(i));
  }
  yaml::Node& blocked = root.Set("blocked", yaml::Node::Seq());
  for (int i : g.blocked()) blocked.Append(entry(i));
  yaml::Node& cycles = root.Set("cycles", yaml::Node::Seq());
  for (const std::vector<int>& c : g.cycles()) {
    std::vector<std::string> labels;
    for (int i : c) labels.push_back(g.nodes()[i].k->Label());
    cycles.Append(strings(labels));
  }
  std::string out;
  yaml::EmitJson(root, &out);
  out += "\n";
  return out;
}

std::string PlanDot(const Plan& plan) {
  const DependencyGraph& g = *plan.graph;
  auto id = [&](int i) {
    const FluxKustomization& k = *g.nodes()[i].k;
    return DotQuote(k.ns + "/" + k.name);
  };
  auto node = [&](int i) {
    std::string label = g.nodes()[i].k->Label();
    const PlanItem& item = plan.items[i];
    if (!item.namespaces.empty()) label += "\\n" + Join(item.namespaces, ", ");
    std::string quoted = DotQuote(label);
    // DotQuote escaped the "\n" line break; restore it.
    for (size_t p; (p = quoted.find("\\\\n")) != std::string::npos;)
      quoted.replace(p, 3, "\\n");
    return "    " + id(i) + " [label=" + quoted + "];\n";
  };
  std::string out = "digraph ferry {\n  rankdir=LR;\n  node [shape=box];\n";
  for (size_t w = 0; w < g.waves().size(); ++w) {
    out += "  subgraph cluster_wave" + std::to_string(w) + " {\n";
    out += "    label=\"wave " + std::to_string(w) + "\";\n";
    for (int i : g.waves()[w]) out += node(i);
    out += "  }\n";
  }
  if (!g.blocked().empty()) {
    out += "  subgraph cluster_blocked {\n    label=\"blocked\";\n";
    out += "    color=red;\n";
    for (int i : g.blocked()) out += node(i);
    out += "  }\n";
  }
  for (size_t i = 0; i < g.nodes().size(); ++i)
    for (int d : g.nodes()[i].deps)
      out += "  " + id(d) + " -> " + id(static_cast<int>(i)) + ";\n";
  out += "}\n";
  return out;
}

std::string PlanMermaid(const Plan& plan) {
  const DependencyGraph& g = *plan.graph;
  auto node = [&](int i) {
    std::string label = g.nodes()[i].k->Label();
    const PlanItem& item = plan.items[i];
    if (!item.namespaces.empty())
      label += "<br/>" + Join(item.namespaces, ", ");
    return "    n" + std::to_string(i) + "[" + MermaidLabel(label) + "]\n";
  };
  std::string out = "graph TD\n";
  for (size_t w = 0; w < g.waves().size(); ++w) {
    out += "  subgraph wave" + std::to_string(w) + "[\"wave " +
           std::to_string(w) + "\"]\n";
    for (int i : g.waves()[w]) out += node(i);
    out += "  end\n";
  }
  if (!g.blocked().empty()) {
    out += "  subgraph blocked[\"blocked\"]\n";
    for (int i : g.blocked()) out += node(i);
    out += "  end\n";
  }
  for (size_t i = 0; i < g.nodes().size(); ++i)
    for (int d : g.nodes()[i].deps)
      out += "  n" + std::to_string(d) + " --> n" + std::to_string(i) + "\n";
  return out;
}

std::string WhyText(const DependencyGraph& g, int n) {
  const auto& nodes = g.nodes();
  const std::string label = nodes[n].k->Label();
  auto entry_of = [&](int from, int to) -> const yaml::Node* {
    const DependencyGraph::Node& f = nodes[from];
    for (size_t i = 0; i < f.deps.size(); ++i)
      if (f.deps[i] == to) return f.dep_entries[i];
    return nullptr;
  };
  auto step = [&](int from, int to) {
    std::string s =
        "  " + nodes[from].k->Label() + " depends on " + nodes[to].k->Label();
    if (std::string w = Where(entry_of(from, to)); !w.empty())
      s += " (" + w + ")";
    return s;
  };
  std::string out;
  std::vector<int> chain = g.Why(n);
  if (!chain.empty()) {
    out = label + " is in wave " + std::to_string(nodes[n].wave);
    if (chain.size() == 1) return out + ": it has no dependencies\n";
    out += ":\n";
    for (size_t i = 0; i + 1 < chain.size(); ++i) {
      out += step(chain[i], chain[i + 1]) + ", wave " +
             std::to_string(nodes[chain[i + 1]].wave) + "\n";
    }
    return out + "  " + nodes[chain.back()].k->Label() +
           " has no dependencies\n";
  }
  // Blocked: the way from n to a cycle, then the cycle.
  out = label + " is in no wave: Flux never applies it";
  std::vector<int> parent(nodes.size(), -1);
  std::deque<int> queue{n};
  parent[n] = n;
  while (!queue.empty()) {
    int v = queue.front();
    queue.pop_front();
    for (const std::vector<int>& c : g.cycles()) {
      if (std::find(c.begin(), c.end(), v) == c.end()) continue;
      std::vector<int> path;
      for (int u = v; u != n; u = parent[u]) path.push_back(u);
      path.push_back(n);
      std::reverse(path.begin(), path.end());
      out += ":\n";
      for (size_t i = 0; i + 1 < path.size(); ++i)
        out += step(path[i], path[i + 1]) + "\n";
      return out + "  " + nodes[v].k->Label() + " is in the dependsOn cycle " +
             g.PathString(c) + "\n";
    }
    for (int d : nodes[v].deps) {
      if (parent[d] < 0) {
        parent[d] = v;
        queue.push_back(d);
      }
    }
  }
  return out + "\n";
}

}  // namespace ferry::repo
