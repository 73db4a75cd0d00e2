// Fuzzes the reading of sync.yaml files (repo/flux.h) and the dependsOn
// graph built from their Kustomizations (repo/graph.h). Checked: no crash,
// no UB, no leak; every diagnostic has a message; in the graph each
// Kustomization is in exactly one wave or blocked, every dependency of a
// node in wave w is in an earlier wave, and each cycle closes on itself.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "repo/flux.h"
#include "repo/graph.h"
#include "repo/layout.h"
#include "sections.h"
#include "yaml/parse.h"

namespace {

using namespace ferry;

void CheckGraph(const std::vector<yaml::Node>& docs) {
  std::vector<repo::FluxKustomization> ks;
  for (const yaml::Node& doc : docs) {
    repo::FluxKustomization k;
    if (repo::ReadFluxKustomization(doc, &k)) ks.push_back(std::move(k));
  }
  repo::DependencyGraph graph(ks);
  const auto& nodes = graph.nodes();
  std::vector<int> seen(nodes.size(), 0);
  for (size_t w = 0; w < graph.waves().size(); ++w) {
    for (int n : graph.waves()[w]) {
      ++seen.at(n);
      if (nodes[n].wave != static_cast<int>(w)) abort();
      for (int d : nodes[n].deps)
        if (nodes.at(d).wave < 0 || nodes[d].wave >= nodes[n].wave) abort();
      graph.PathString(graph.Why(n));
    }
  }
  for (int n : graph.blocked()) {
    ++seen.at(n);
    if (nodes[n].wave != -1 || !graph.Why(n).empty()) abort();
  }
  for (int s : seen)
    if (s != 1) abort();
  for (const auto& cycle : graph.cycles()) {
    if (cycle.size() < 2 || cycle.front() != cycle.back()) abort();
    graph.PathString(cycle);
  }
  for (const repo::Diagnostic& d : graph.diagnostics())
    if (d.message.empty()) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<yaml::Node> docs;
  if (!yaml::ParseDocuments(fuzz::AsText(data, size), "sync.yaml", &docs).ok())
    return 0;
  repo::FluxObjects objects;
  std::vector<repo::Diagnostic> diags;
  repo::ReadFluxObjects(docs, &objects, &diags);
  for (const repo::Diagnostic& d : diags)
    if (d.message.empty()) abort();
  CheckGraph(docs);
  return 0;
}
