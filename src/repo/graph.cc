#include "repo/graph.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <tuple>
#include <utility>

namespace ferry::repo {
namespace {

std::string Key(std::string_view ns, std::string_view name) {
  return std::string(ns) + "/" + std::string(name);
}

// A diagnostic at `n` when there is one, else at the object `k`.
Diagnostic ErrorAt(const yaml::Node* n, const FluxKustomization& k,
                   std::string message, std::string rule) {
  const yaml::Node* at = n ? n : k.node;
  if (at) {
    return Diagnostic::At(*at, Severity::kError, std::move(message),
                          std::move(rule));
  }
  Diagnostic d;
  d.message = std::move(message);
  d.rule = std::move(rule);
  return d;
}

}  // namespace

DependencyGraph::DependencyGraph(const std::vector<FluxKustomization>& ks) {
  std::map<std::string, int> index;
  std::map<std::string, std::vector<std::string>> namespaces_of;  // name -> ns
  for (const FluxKustomization& k : ks) {
    std::string key = Key(k.ns, k.name);
    if (auto it = index.find(key); it != index.end()) {
      const yaml::Node* first = nodes_[it->second].k->node;
      std::string where;
      if (first) {
        where = " (first at " + std::string(first->mark().File()) + ":" +
                std::to_string(first->mark().line) + ")";
      }
      diagnostics_.push_back(
          ErrorAt(k.node ? k.node->Get("metadata") : nullptr, k,
                  "Kustomization " + key + " is defined more than once" + where,
                  "duplicate-name"));
      continue;
    }
    index[key] = static_cast<int>(nodes_.size());
    namespaces_of[k.name].push_back(k.ns);
    Node n;
    n.k = &k;
    nodes_.push_back(std::move(n));
  }

  for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
    Node& n = nodes_[i];
    const FluxKustomization& k = *n.k;
    for (const ObjectRef& d : k.depends_on) {
      if (d.name.empty()) {
        diagnostics_.push_back(ErrorAt(
            d.node, k, "dependsOn entry of " + k.Label() + " has no name",
            "depends-on-missing"));
        continue;
      }
      auto it = index.find(Key(d.ns, d.name));
      if (it == index.end()) {
        std::string msg = "Kustomization " + k.Label() + " depends on " +
                          Key(d.ns, d.name) +
                          ", which is not defined in the repository";
        if (auto other = namespaces_of.find(d.name);
            other != namespaces_of.end()) {
          msg += " (there is one in namespace " + other->second.front() +
                 "; dependsOn.namespace defaults to the dependent's)";
        }
        diagnostics_.push_back(
            ErrorAt(d.node, k, std::move(msg), "depends-on-missing"));
        continue;
      }
      if (it->second == i) {
        diagnostics_.push_back(ErrorAt(
            d.node, k, "Kustomization " + k.Label() + " depends on itself",
            "depends-on-self"));
        continue;
      }
      if (std::find(n.deps.begin(), n.deps.end(), it->second) != n.deps.end())
        continue;
      n.deps.push_back(it->second);
      n.dep_entries.push_back(d.node);
      nodes_[it->second].dependents.push_back(i);
    }
  }
  ComputeWaves();
  FindCycles();
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.file, a.line, a.col) <
                            std::tie(b.file, b.line, b.col);
                   });
}

void DependencyGraph::ComputeWaves() {
  std::vector<size_t> pending(nodes_.size());
  std::deque<int> ready;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    pending[i] = nodes_[i].deps.size();
    if (pending[i] == 0) ready.push_back(static_cast<int>(i));
  }
  while (!ready.empty()) {
    int i = ready.front();
    ready.pop_front();
    Node& n = nodes_[i];
    n.wave = 0;
    for (int d : n.deps) n.wave = std::max(n.wave, nodes_[d].wave + 1);
    for (int t : n.dependents)
      if (--pending[t] == 0) ready.push_back(t);
  }
  auto by_name = [this](int a, int b) {
    return std::tie(nodes_[a].k->name, nodes_[a].k->ns) <
           std::tie(nodes_[b].k->name, nodes_[b].k->ns);
  };
  for (size_t i = 0; i < nodes_.size(); ++i) {
    int w = nodes_[i].wave;
    if (w < 0) {
      blocked_.push_back(static_cast<int>(i));
      continue;
    }
    if (static_cast<int>(waves_.size()) <= w) waves_.resize(w + 1);
    waves_[w].push_back(static_cast<int>(i));
  }
  for (std::vector<int>& w : waves_) std::sort(w.begin(), w.end(), by_name);
  std::sort(blocked_.begin(), blocked_.end(), by_name);
}

void DependencyGraph::FindCycles() {
  if (blocked_.empty()) return;
  // Tarjan's strongly connected components over the blocked nodes (every
  // cycle is among them).
  const int n = static_cast<int>(nodes_.size());
  std::vector<int> order(n, -1), low(n, 0), comp(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<int> stack;
  std::vector<std::vector<int>> sccs;
  int counter = 0;
  std::function<void(int)> visit = [&](int v) {
    order[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (int w : nodes_[v].deps) {
      if (order[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], order[w]);
      }
    }
    if (low[v] == order[v]) {
      std::vector<int> scc;
      int w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        comp[w] = static_cast<int>(sccs.size());
        scc.push_back(w);
      } while (w != v);
      sccs.push_back(std::move(scc));
    }
  };
  for (int v : blocked_)
    if (order[v] < 0) visit(v);

  auto less = [this](int a, int b) {
    return std::tie(nodes_[a].k->name, nodes_[a].k->ns) <
           std::tie(nodes_[b].k->name, nodes_[b].k->ns);
  };
  std::vector<int> starts;
  for (const std::vector<int>& scc : sccs) {
    if (scc.size() < 2) continue;
    starts.push_back(*std::min_element(scc.begin(), scc.end(), less));
  }
  std::sort(starts.begin(), starts.end(), less);
  for (int s : starts) {
    // Shortest cycle through s: breadth-first along dependencies inside
    // its component until an edge leads back to s.
    std::vector<int> parent(n, -1);
    std::deque<int> queue{s};
    parent[s] = s;
    int last = -1;
    while (!queue.empty() && last < 0) {
      int v = queue.front();
      queue.pop_front();
      std::vector<int> next = nodes_[v].deps;
      std::sort(next.begin(), next.end(), less);
      for (int w : next) {
        if (comp[w] != comp[s]) continue;
        if (w == s) {
          last = v;
          break;
        }
        if (parent[w] < 0) {
          parent[w] = v;
          queue.push_back(w);
        }
      }
    }
    std::vector<int> path;
    for (int v = last; v != s; v = parent[v]) path.push_back(v);
    path.push_back(s);
    std::reverse(path.begin(), path.end());
    path.push_back(s);
    const Node& start = nodes_[s];
    const yaml::Node* entry = nullptr;
    for (size_t i = 0; i < start.deps.size(); ++i)
      if (start.deps[i] == path[1]) entry = start.dep_entries[i];
    diagnostics_.push_back(ErrorAt(entry, *start.k,
                                   "dependsOn cycle: " + PathString(path),
                                   "depends-on-cycle"));
    cycles_.push_back(std::move(path));
  }
}

bool DependencyGraph::HasErrors() const {
  for (const Diagnostic& d : diagnostics_)
    if (d.severity == Severity::kError) return true;
  return false;
}

int DependencyGraph::Find(std::string_view name) const {
  int found = -1;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const FluxKustomization& k = *nodes_[i].k;
    if (Key(k.ns, k.name) == name) return static_cast<int>(i);
    if (k.name == name) found = found == -1 ? static_cast<int>(i) : -2;
  }
  return found;
}

std::vector<int> DependencyGraph::Why(int n) const {
  if (n < 0 || n >= static_cast<int>(nodes_.size()) || nodes_[n].wave < 0)
    return {};
  std::vector<int> chain{n};
  for (int cur = n; !nodes_[cur].deps.empty();) {
    int best = -1;
    for (int d : nodes_[cur].deps) {
      if (best < 0 || nodes_[d].wave > nodes_[best].wave ||
          (nodes_[d].wave == nodes_[best].wave &&
           std::tie(nodes_[d].k->name, nodes_[d].k->ns) <
               std::tie(nodes_[best].k->name, nodes_[best].k->ns))) {
        best = d;
      }
    }
    chain.push_back(best);
    cur = best;
  }
  return chain;
}

std::string DependencyGraph::PathString(const std::vector<int>& path) const {
  std::string s;
  for (int v : path) {
    if (!s.empty()) s += " -> ";
    s += nodes_[v].k->Label();
  }
  return s;
}

}  // namespace ferry::repo
