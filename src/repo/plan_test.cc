#include "repo/plan.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "yaml/parse.h"

namespace ferry::repo {
namespace {
namespace fs = std::filesystem;

// A repository in a temporary folder, removed at the end of the test.
class TempRepo {
 public:
  TempRepo() {
    std::string tmpl = (fs::temp_directory_path() / "ferry-plan-XXXXXX");
    char* dir = mkdtemp(tmpl.data());
    root_ = dir ? dir : "";
    fs::create_directories(fs::path(root_) / ".git");
  }
  ~TempRepo() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const std::string& root() const { return root_; }
  void Write(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(root_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }

 private:
  std::string root_;
};

std::string K(const std::string& name, const std::string& path,
              std::vector<std::string> deps = {},
              const std::string& extra = "") {
  std::string s =
      "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata:\n  name: " +
      name + "\n  namespace: flux-system\nspec:\n  path: " + path +
      "\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n" +
      extra;
  if (!deps.empty()) {
    s += "  dependsOn:\n";
    for (const std::string& d : deps) s += "    - name: " + d + "\n";
  }
  return s;
}

constexpr char kGitRepository[] =
    "---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
    "metadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n"
    "  url: ssh://git@example.com/repo.git\n";

// A small repository: a plain folder without kustomization.yaml, one that
// fails to build, one from another source, and a targetNamespace.
void WriteSmall(TempRepo& t) {
  t.Write("k8s/flux-system/gotk-sync.yaml",
          std::string(kGitRepository) + K("flux-system", "./k8s/flux-system"));
  t.Write("k8s/flux-system/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
          "resources:\n  - ns.yaml\n");
  t.Write("k8s/flux-system/ns.yaml",
          "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n");
  // Flux reads every YAML file under a path without kustomization.yaml.
  t.Write("k8s/apps/sync.yaml",
          K("apps", "./k8s/apps/plain", {"flux-system"}) +
              K("broken", "./k8s/apps/broken", {"flux-system"}) +
              K("external", "./deploy", {"flux-system"},
                "  targetNamespace: ext\n") +
              "---\napiVersion: source.toolkit.fluxcd.io/v1\n"
              "kind: GitRepository\nmetadata:\n  name: other\n"
              "  namespace: flux-system\n");
  // external's sourceRef is rewritten to the other repository.
  t.Write("k8s/apps/plain/cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
          "  namespace: web\n---\napiVersion: v1\nkind: ConfigMap\n"
          "metadata:\n  name: b\n  namespace: api\n");
  t.Write("k8s/apps/plain/rbac/role.yaml",
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
          "metadata:\n  name: r\n");
  t.Write("k8s/apps/plain/sub/kustomization.yaml",
          "namespace: jobs\nresources:\n  - job.yaml\n");
  t.Write("k8s/apps/plain/sub/job.yaml",
          "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n");
  t.Write("k8s/apps/broken/kustomization.yaml",
          "resources:\n  - missing.yaml\n");
}

// k8s/a: a kustomization that puts one ConfigMap in namespace a.
void WriteNamespaceA(TempRepo& t) {
  t.Write("k8s/a/kustomization.yaml",
          "namespace: a\nresources:\n  - cm.yaml\n");
  t.Write("k8s/a/cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
}

struct Loaded {
  Repository repo;
  std::unique_ptr<DependencyGraph> graph;
  Plan plan;
};

std::unique_ptr<Loaded> Load(const std::string& path) {
  auto l = std::make_unique<Loaded>();
  RepoOptions o;
  o.path = path;
  Status st = LoadRepository(o, &l->repo);
  EXPECT_TRUE(st.ok()) << st.message();
  for (FluxKustomization& k : l->repo.kustomizations)
    if (k.name == "external") k.source_ref.name = "other";
  l->graph = std::make_unique<DependencyGraph>(l->repo.kustomizations);
  l->plan = MakePlan(l->repo, *l->graph);
  return l;
}

TEST(PlanTest, NamespacesWritten) {
  std::vector<yaml::Node> docs;
  ASSERT_TRUE(yaml::ParseDocuments(
                  "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n1\n"
                  "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                  "  name: d\n  namespace: n2\n"
                  "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                  "kind: ClusterRoleBinding\nmetadata:\n  name: c\n"
                  "  namespace: ignored\n"
                  "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                  "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
                  "  name: e\n  namespace: n2\n",
                  "t.yaml", &docs)
                  .ok());
  std::vector<const yaml::Node*> objs;
  for (const yaml::Node& d : docs) objs.push_back(&d);
  EXPECT_EQ(NamespacesWritten(objs, ""),
            (std::vector<std::string>{"n1", "n2"}));
  // targetNamespace moves every namespaced object there.
  EXPECT_EQ(NamespacesWritten(objs, "t"),
            (std::vector<std::string>{"n1", "t"}));
  EXPECT_EQ(NamespacesWritten({}, "t"), (std::vector<std::string>{"t"}));
}

TEST(PlanTest, PlainFoldersBuildFailuresAndOtherSources) {
  TempRepo t;
  WriteSmall(t);
  auto l = Load(t.root());
  const DependencyGraph& g = *l->graph;
  ASSERT_EQ(g.nodes().size(), 4u);
  const PlanItem& apps = l->plan.items[g.Find("apps")];
  EXPECT_EQ(apps.namespaces, (std::vector<std::string>{"api", "jobs", "web"}));
  EXPECT_TRUE(apps.build_error.empty());
  const PlanItem& broken = l->plan.items[g.Find("broken")];
  EXPECT_FALSE(broken.build_error.empty());
  EXPECT_NE(broken.build_error.find("missing.yaml"), std::string::npos)
      << broken.build_error;
  const PlanItem& ext = l->plan.items[g.Find("external")];
  EXPECT_EQ(ext.namespaces, (std::vector<std::string>{"ext"}));
  EXPECT_NE(ext.note.find("GitRepository/other"), std::string::npos);

  std::string text = PlanText(l->plan);
  std::string want =
      "wave 0: flux-system [flux-system]\n"
      "wave 1: apps [api, jobs, web], broken [build failed], external [not "
      "built]\n";
  EXPECT_EQ(text.substr(0, want.size()), want) << text;
  EXPECT_NE(text.find("note: broken: build failed: "), std::string::npos);
  EXPECT_NE(text.find("note: external: source GitRepository/other is not this "
                      "repository; path not built\n"),
            std::string::npos);
}

TEST(PlanTest, MissingPathIsABuildFailure) {
  TempRepo t;
  t.Write("k8s/a/sync.yaml", K("a", "./k8s/nowhere"));
  auto l = Load(t.root());
  ASSERT_EQ(l->plan.items.size(), 1u);
  EXPECT_NE(l->plan.items[0].build_error.find("does not exist"),
            std::string::npos);
  EXPECT_EQ(PlanText(l->plan).substr(0, 27), "wave 0: a [build failed]\nno");
}

TEST(PlanTest, Json) {
  TempRepo t;
  WriteSmall(t);
  auto l = Load(t.root());
  yaml::Node doc;
  std::string json = PlanJson(l->plan);
  ASSERT_TRUE(yaml::ParseDocument(json, "plan.json", &doc).ok()) << json;
  const yaml::Node* waves = doc.Get("waves");
  ASSERT_TRUE(waves && waves->IsSeq());
  ASSERT_EQ(waves->size(), 2u);
  ASSERT_EQ(waves->items()[1].size(), 3u);
  const yaml::Node& apps = waves->items()[1].items()[0];
  EXPECT_EQ(apps.GetString("name"), "apps");
  EXPECT_EQ(apps.GetString("namespace"), "flux-system");
  EXPECT_EQ(apps.GetString("path"), "./k8s/apps/plain");
  ASSERT_TRUE(apps.Get("dependsOn")->IsSeq());
  EXPECT_EQ(apps.Get("dependsOn")->items()[0].value(), "flux-system");
  ASSERT_EQ(apps.Get("namespaces")->size(), 3u);
  EXPECT_EQ(apps.Get("namespaces")->items()[1].value(), "jobs");
  const yaml::Node& broken = waves->items()[1].items()[1];
  EXPECT_FALSE(broken.GetString("buildError").empty());
  EXPECT_EQ(doc.Get("blocked")->size(), 0u);
  EXPECT_EQ(doc.Get("cycles")->size(), 0u);
}

TEST(PlanTest, CycleInEveryFormat) {
  TempRepo t;
  t.Write("k8s/a/sync.yaml", K("a", "./k8s/a", {"b"}) +
                                 K("b", "./k8s/a", {"a"}) +
                                 K("c", "./k8s/a", {"b"}) + K("d", "./k8s/a"));
  WriteNamespaceA(t);
  auto l = Load(t.root());
  EXPECT_EQ(PlanText(l->plan),
            "wave 0: d [a]\nblocked (dependsOn cycle): a [a], b [a], c [a]\n");
  yaml::Node doc;
  ASSERT_TRUE(yaml::ParseDocument(PlanJson(l->plan), "p.json", &doc).ok());
  ASSERT_EQ(doc.Get("cycles")->size(), 1u);
  const yaml::Node& cycle = doc.Get("cycles")->items()[0];
  ASSERT_EQ(cycle.size(), 3u);
  EXPECT_EQ(cycle.items()[0].value(), "a");
  EXPECT_EQ(cycle.items()[1].value(), "b");
  EXPECT_EQ(cycle.items()[2].value(), "a");
  EXPECT_EQ(doc.Get("blocked")->size(), 3u);
  EXPECT_NE(PlanDot(l->plan).find("cluster_blocked"), std::string::npos);
  EXPECT_NE(PlanMermaid(l->plan).find("subgraph blocked"), std::string::npos);

  std::string why = WhyText(*l->graph, l->graph->Find("c"));
  EXPECT_EQ(why.substr(0, 36), "c is in no wave: Flux never applies ") << why;
  EXPECT_NE(why.find("  c depends on b ("), std::string::npos) << why;
  EXPECT_NE(why.find("  b is in the dependsOn cycle a -> b -> a\n"),
            std::string::npos)
      << why;
}

TEST(PlanTest, DotAndMermaid) {
  TempRepo t;
  t.Write("k8s/a/sync.yaml", K("a", "./k8s/a") + K("b", "./k8s/a", {"a"}));
  WriteNamespaceA(t);
  auto l = Load(t.root());
  EXPECT_EQ(PlanDot(l->plan),
            "digraph ferry {\n"
            "  rankdir=LR;\n"
            "  node [shape=box];\n"
            "  subgraph cluster_wave0 {\n"
            "    label=\"wave 0\";\n"
            "    \"flux-system/a\" [label=\"a\\na\"];\n"
            "  }\n"
            "  subgraph cluster_wave1 {\n"
            "    label=\"wave 1\";\n"
            "    \"flux-system/b\" [label=\"b\\na\"];\n"
            "  }\n"
            "  \"flux-system/a\" -> \"flux-system/b\";\n"
            "}\n");
  EXPECT_EQ(PlanMermaid(l->plan),
            "graph TD\n"
            "  subgraph wave0[\"wave 0\"]\n"
            "    n0[\"a<br/>a\"]\n"
            "  end\n"
            "  subgraph wave1[\"wave 1\"]\n"
            "    n1[\"b<br/>a\"]\n"
            "  end\n"
            "  n0 --> n1\n");
}

TEST(PlanTest, WhyText) {
  TempRepo t;
  std::string sync = K("a", "./k8s/a") + K("b", "./k8s/a", {"a"}) +
                     K("c", "./k8s/a", {"a", "b"});
  t.Write("k8s/a/sync.yaml", sync);
  t.Write("k8s/a/kustomization.yaml", "resources: []\n");
  auto l = Load(t.root());
  const std::string file = t.root() + "/k8s/a/sync.yaml";
  // Lines of c's "- name: b" and b's "- name: a" entries.
  auto line_of = [&](const std::string& doc, const std::string& entry) {
    size_t p = sync.find(entry, sync.find(doc));
    return std::to_string(1 + std::count(sync.begin(), sync.begin() + p, '\n'));
  };
  EXPECT_EQ(WhyText(*l->graph, l->graph->Find("c")),
            "c is in wave 2:\n  c depends on b (" + file + ":" +
                line_of("name: c", "- name: b") + ":7), wave 1\n" +
                "  b depends on a (" + file + ":" +
                line_of("name: b", "- name: a") + ":7), wave 0\n" +
                "  a has no dependencies\n");
  EXPECT_EQ(WhyText(*l->graph, l->graph->Find("a")),
            "a is in wave 0: it has no dependencies\n");
}

// flux bootstrap --path=k8s: the root Kustomization builds all of k8s/,
// which has no kustomization.yaml (Flux generates one: every YAML file,
// folders with a kustomization.yaml built as such).
TEST(PlanTest, BootstrapPathIsTheWholeK8sFolder) {
  TempRepo t;
  t.Write("k8s/flux-system/gotk-sync.yaml",
          std::string(kGitRepository) + K("flux-system", "./k8s"));
  t.Write("k8s/flux-system/kustomization.yaml",
          "resources:\n  - gotk-sync.yaml\n");
  WriteNamespaceA(t);
  t.Write("k8s/a/sync.yaml", K("a", "./k8s/a", {"flux-system"}));
  t.Write("k8s/b/sync.yaml", K("b", "./k8s/b/app", {"a"}));
  t.Write("k8s/b/app/deploy.yaml",
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n"
          "  namespace: b\n");
  auto l = Load(t.root());
  EXPECT_TRUE(l->graph->diagnostics().empty());
  EXPECT_EQ(PlanText(l->plan),
            "wave 0: flux-system [a, b, flux-system]\n"
            "wave 1: a [a]\n"
            "wave 2: b [b]\n");
}

// End to end: the bundled example repository plans in the order its
// README (and the seed's) keeps by hand.
TEST(PlanEndToEndTest, ExampleRepositoryInTheSeedsOrder) {
  for (const std::string& path :
       {std::string(FERRY_SOURCE_DIR) + "/examples/k8s",
        std::string(FERRY_SOURCE_DIR) + "/examples",
        std::string("examples/k8s")}) {
    if (!fs::is_directory(path)) continue;  // not run from the source dir
    auto l = Load(path);
    EXPECT_TRUE(l->repo.diagnostics.empty());
    EXPECT_TRUE(l->graph->diagnostics().empty());
    std::vector<std::string> names, folders;
    for (const std::vector<int>& w : l->graph->waves()) {
      ASSERT_EQ(w.size(), 1u);
      const FluxKustomization& k = *l->graph->nodes()[w[0]].k;
      names.push_back(k.name);
      folders.push_back(l->repo.entry_files[k.entry_file].namespace_folder);
      EXPECT_TRUE(l->plan.items[w[0]].build_error.empty())
          << l->plan.items[w[0]].build_error;
    }
    EXPECT_EQ(names,
              (std::vector<std::string>{
                  "flux-system", "istio-ingress", "cert-manager-crds",
                  "cert-manager-resources", "cnpg-system", "server-django"}));
    EXPECT_EQ(folders, (std::vector<std::string>{"flux-system", "istio-ingress",
                                                 "cert-manager", "cert-manager",
                                                 "cnpg-system", "server"}));
    EXPECT_EQ(PlanText(l->plan),
              "wave 0: flux-system [flux-system]\n"
              "wave 1: istio-ingress [istio-ingress]\n"
              "wave 2: cert-manager-crds [cert-manager]\n"
              "wave 3: cert-manager-resources [cert-manager, istio-ingress]\n"
              "wave 4: cnpg-system [cnpg-system]\n"
              "wave 5: server-django [server]\n");
    std::string why = WhyText(*l->graph, l->graph->Find("server-django"));
    EXPECT_EQ(why.substr(0, 28), "server-django is in wave 5:\n");
    EXPECT_NE(why.find("istio-ingress depends on flux-system ("),
              std::string::npos);
  }
}

}  // namespace
}  // namespace ferry::repo
