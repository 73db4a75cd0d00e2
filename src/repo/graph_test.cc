#include "repo/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "yaml/parse.h"

namespace ferry::repo {
namespace {

// Flux Kustomizations parsed from one sync.yaml text.
struct Fixture {
  std::vector<yaml::Node> docs;
  std::vector<FluxKustomization> ks;

  explicit Fixture(const std::string& text) {
    Status st = yaml::ParseDocuments(text, "k8s/x/sync.yaml", &docs);
    EXPECT_TRUE(st.ok()) << st.message();
    for (const yaml::Node& d : docs) {
      FluxKustomization k;
      if (ReadFluxKustomization(d, &k)) ks.push_back(std::move(k));
    }
  }
};

// One Kustomization document: name, then the names it depends on
// ("ns/name" gives a namespace).
std::string K(const std::string& name, std::vector<std::string> deps = {},
              const std::string& ns = "flux-system") {
  std::string s =
      "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata:\n  name: " +
      name + "\n  namespace: " + ns + "\nspec:\n  path: ./k8s/" + name + "\n";
  if (!deps.empty()) {
    s += "  dependsOn:\n";
    for (const std::string& d : deps) {
      size_t slash = d.find('/');
      if (slash == std::string::npos) {
        s += "    - name: " + d + "\n";
      } else {
        s += "    - name: " + d.substr(slash + 1) +
             "\n      namespace: " + d.substr(0, slash) + "\n";
      }
    }
  }
  return s;
}

std::vector<std::vector<std::string>> WaveNames(const DependencyGraph& g) {
  std::vector<std::vector<std::string>> out;
  for (const std::vector<int>& w : g.waves()) {
    out.emplace_back();
    for (int i : w) out.back().push_back(g.nodes()[i].k->Label());
  }
  return out;
}

// Line in `text` (1-based) where `needle` first appears.
int LineOf(const std::string& text, const std::string& needle) {
  size_t p = text.find(needle);
  if (p == std::string::npos) return -1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + p, '\n'));
}

TEST(GraphTest, WavesOrderedByNameWithinAWave) {
  Fixture f(K("zeta", {"root"}) + K("app", {"zeta", "alpha"}) +
            K("alpha", {"root"}) + K("root") + K("other"));
  DependencyGraph g(f.ks);
  EXPECT_TRUE(g.diagnostics().empty());
  EXPECT_FALSE(g.HasErrors());
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"other", "root"}, {"alpha", "zeta"}, {"app"}}));
  EXPECT_TRUE(g.blocked().empty());
  EXPECT_TRUE(g.cycles().empty());
  int app = g.Find("app");
  ASSERT_GE(app, 0);
  EXPECT_EQ(g.nodes()[app].wave, 2);
  EXPECT_EQ(g.nodes()[app].deps.size(), 2u);
  EXPECT_EQ(g.nodes()[g.Find("root")].dependents.size(), 2u);
}

TEST(GraphTest, WaveIsOneMoreThanTheDeepestDependency) {
  // d depends on a (wave 0) and c (wave 2): d is in wave 3.
  Fixture f(K("a") + K("b", {"a"}) + K("c", {"b"}) + K("d", {"a", "c"}));
  DependencyGraph g(f.ks);
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"a"}, {"b"}, {"c"}, {"d"}}));
}

TEST(GraphTest, WhyFollowsTheLongestChain) {
  Fixture f(K("a") + K("b", {"a"}) + K("c", {"b"}) + K("d", {"a", "c"}));
  DependencyGraph g(f.ks);
  std::vector<int> chain = g.Why(g.Find("d"));
  EXPECT_EQ(g.PathString(chain), "d -> c -> b -> a");
  EXPECT_EQ(g.Why(g.Find("a")), std::vector<int>{g.Find("a")});
  EXPECT_TRUE(g.Why(-1).empty());
}

TEST(GraphTest, WhyBreaksTiesByName) {
  Fixture f(K("root") + K("y", {"root"}) + K("x", {"root"}) +
            K("top", {"y", "x"}));
  DependencyGraph g(f.ks);
  EXPECT_EQ(g.PathString(g.Why(g.Find("top"))), "top -> x -> root");
}

TEST(GraphTest, CycleIsReportedWithItsPathAndLine) {
  std::string text =
      K("b", {"c"}) + K("a", {"b"}) + K("c", {"a"}) + K("d", {"c"}) + K("free");
  Fixture f(text);
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.cycles().size(), 1u);
  EXPECT_EQ(g.PathString(g.cycles()[0]), "a -> b -> c -> a");
  ASSERT_EQ(g.diagnostics().size(), 1u);
  const Diagnostic& d = g.diagnostics()[0];
  EXPECT_EQ(d.rule, "depends-on-cycle");
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.file, "k8s/x/sync.yaml");
  // At a's dependsOn entry naming b.
  int a_doc = LineOf(text, "name: a\n");
  EXPECT_EQ(d.line, a_doc + 5);
  EXPECT_EQ(d.ToString(), "k8s/x/sync.yaml:" + std::to_string(a_doc + 5) +
                              ":7: error: dependsOn cycle: a -> b -> c -> a "
                              "[depends-on-cycle]");
  EXPECT_TRUE(g.HasErrors());
  // d depends on the cycle: blocked too; free is planned.
  std::vector<std::string> blocked;
  for (int i : g.blocked()) blocked.push_back(g.nodes()[i].k->name);
  EXPECT_EQ(blocked, (std::vector<std::string>{"a", "b", "c", "d"}));
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"free"}}));
  EXPECT_TRUE(g.Why(g.Find("d")).empty());
}

TEST(GraphTest, TwoCyclesTwoDiagnostics) {
  Fixture f(K("a", {"b"}) + K("b", {"a"}) + K("x", {"y"}) + K("y", {"x"}));
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.cycles().size(), 2u);
  EXPECT_EQ(g.PathString(g.cycles()[0]), "a -> b -> a");
  EXPECT_EQ(g.PathString(g.cycles()[1]), "x -> y -> x");
  EXPECT_EQ(g.diagnostics().size(), 2u);
}

TEST(GraphTest, ShortestCycleThroughTheFirstName) {
  // a -> b -> a and a -> c -> d -> a share a: the short one is printed.
  Fixture f(K("a", {"c", "b"}) + K("b", {"a"}) + K("c", {"d"}) + K("d", {"a"}));
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.cycles().size(), 1u);
  EXPECT_EQ(g.PathString(g.cycles()[0]), "a -> b -> a");
}

TEST(GraphTest, SelfReference) {
  std::string text = K("a") + K("b", {"a", "b"});
  Fixture f(text);
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.diagnostics().size(), 1u);
  const Diagnostic& d = g.diagnostics()[0];
  EXPECT_EQ(d.rule, "depends-on-self");
  EXPECT_EQ(d.line, LineOf(text, "- name: b"));
  EXPECT_EQ(d.message, "Kustomization b depends on itself");
  // The self edge is left out: b is still planned after a.
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"a"}, {"b"}}));
  EXPECT_TRUE(g.cycles().empty());
}

TEST(GraphTest, MissingTarget) {
  std::string text =
      K("a") + K("b", {"a", "nope"}) + K("db", {}, "data") + K("c", {"db"});
  Fixture f(text);
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.diagnostics().size(), 2u);
  const Diagnostic& d = g.diagnostics()[0];
  EXPECT_EQ(d.rule, "depends-on-missing");
  EXPECT_EQ(d.line, LineOf(text, "- name: nope"));
  EXPECT_EQ(d.message,
            "Kustomization b depends on flux-system/nope, which is not "
            "defined in the repository");
  // dependsOn.namespace defaults to the dependent's: a hint names the
  // namespace where the name exists.
  const Diagnostic& d2 = g.diagnostics()[1];
  EXPECT_EQ(d2.line, LineOf(text, "- name: db"));
  EXPECT_NE(d2.message.find("there is one in namespace data"),
            std::string::npos);
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"a", "c", "data/db"}, {"b"}}));
}

TEST(GraphTest, NamespacedReferencesAndFind) {
  Fixture f(K("db", {}, "data") + K("db") + K("app", {"data/db", "db"}));
  DependencyGraph g(f.ks);
  EXPECT_TRUE(g.diagnostics().empty());
  int app = g.Find("app");
  ASSERT_GE(app, 0);
  EXPECT_EQ(g.nodes()[app].deps.size(), 2u);
  EXPECT_EQ(g.Find("db"), -2);  // in two namespaces
  EXPECT_EQ(g.nodes()[g.Find("data/db")].k->ns, "data");
  EXPECT_EQ(g.nodes()[g.Find("flux-system/db")].k->ns, "flux-system");
  EXPECT_EQ(g.Find("nope"), -1);
  using W = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WaveNames(g), (W{{"data/db", "db"}, {"app"}}));
}

TEST(GraphTest, DuplicateNameAndRepeatedDependency) {
  std::string text = K("a") + K("a") + K("b", {"a", "a"});
  Fixture f(text);
  DependencyGraph g(f.ks);
  ASSERT_EQ(g.diagnostics().size(), 1u);
  EXPECT_EQ(g.diagnostics()[0].rule, "duplicate-name");
  EXPECT_EQ(g.nodes().size(), 2u);
  EXPECT_EQ(g.nodes()[g.Find("b")].deps.size(), 1u);
}

TEST(GraphTest, Empty) {
  std::vector<FluxKustomization> none;
  DependencyGraph g(none);
  EXPECT_TRUE(g.waves().empty());
  EXPECT_TRUE(g.diagnostics().empty());
}

}  // namespace
}  // namespace ferry::repo
