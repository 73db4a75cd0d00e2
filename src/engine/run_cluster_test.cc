// RunRepository against the real control plane (scripts/control-plane.sh):
// repositories laid out as the seed's, applied as `ferry apply` applies
// them, with what happened read back from the cluster itself
// (resourceVersions, managedFields, status, inventories), never from
// ferry's own report alone. No kubelet runs there: Pods never start, so a
// Deployment becomes Available only with replicas: 0 (the real deployment
// controller then reports it so).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "engine/run.h"
#include "engine/test_repo.h"
#include "kube/errors.h"
#include "kube/testing.h"
#include "yaml/parse.h"

namespace ferry::engine {
namespace {

using Clock = std::chrono::steady_clock;
using testing::ConfigMapYaml;
using testing::TestRepo;

k8s::ResId Id(const std::string& api_version, const std::string& kind,
              const std::string& ns, const std::string& name) {
  k8s::ResId id;
  id.gvk = k8s::Gvk::FromApiVersion(api_version, kind);
  id.ns = ns;
  id.name = name;
  return id;
}
k8s::ResId ConfigMap(const std::string& ns, const std::string& name) {
  return Id("v1", "ConfigMap", ns, name);
}
k8s::ResId FluxKs(const std::string& ns, const std::string& name) {
  return Id("kustomize.toolkit.fluxcd.io/v1", "Kustomization", ns, name);
}

// The live object, or a failed assertion.
yaml::Node Live(const kube::Client& c, const k8s::ResId& id) {
  yaml::Node n;
  Status st = c.Get(id, &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}
bool Exists(const kube::Client& c, const k8s::ResId& id) {
  Status st = c.Get(id, nullptr);
  EXPECT_TRUE(st.ok() || kube::IsNotFound(st)) << st.message();
  return st.ok();
}
std::string Rv(const yaml::Node& n) {
  return std::string(n.GetPath({"metadata"})->GetString("resourceVersion"));
}
std::string DataKey(const kube::Client& c, const k8s::ResId& id) {
  yaml::Node n = Live(c, id);
  const yaml::Node* d = n.GetPath({"data"});
  return d ? std::string(d->GetString("key")) : "";
}
const yaml::Node* Condition(const yaml::Node& obj, const std::string& type) {
  const yaml::Node* cs = obj.GetPath({"status", "conditions"});
  if (!cs || !cs->IsSeq()) return nullptr;
  for (const yaml::Node& c : cs->items())
    if (c.GetString("type") == type) return &c;
  return nullptr;
}

// Runs the repository; the report's entries by short name.
struct Ran {
  Status status;
  RunReport report;
  std::map<std::string, KustomizationReport> by_name;
  std::map<std::string, Clock::time_point> started, done;
  std::vector<std::string> start_order;
};
Ran RunRepo(const kube::Client& c, const std::string& path,
        std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
  Ran r;
  RunOptions o;
  o.path = path;
  o.timeout = timeout;
  RunObserver obs;
  auto short_name = [](const std::string& n) { return n.substr(n.find('/') + 1); };
  obs.on_start = [&](const std::string& ks, int) {
    r.started[short_name(ks)] = Clock::now();
    r.start_order.push_back(short_name(ks));
  };
  obs.on_done = [&](const KustomizationReport& k) { r.done[short_name(k.name)] = Clock::now(); };
  r.status = RunRepository(c, o, obs, &r.report);
  for (const KustomizationReport& k : r.report.kustomizations)
    r.by_name[short_name(k.name)] = k;
  return r;
}
#define EXPECT_STATE(ran, name, st)                                       \
  do {                                                                    \
    ASSERT_TRUE((ran).by_name.count(name)) << name;                       \
    EXPECT_EQ((ran).by_name[name].state, st)                              \
        << name << ": " << (ran).by_name[name].reason << ": "             \
        << (ran).by_name[name].message;                                   \
  } while (0)

TEST(RunCluster, DependsOnOrderStatusInventoryAndNoWritesOnSecondRun) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-dep-");
  TestRepo repo(ns.name());
  const std::string n = ns.name();
  for (std::string f : {"a", "b", "c"}) {
    repo.Folder(f, "  - cm.yaml\n");
    repo.Write("k8s/" + f + "/cm.yaml", ConfigMapYaml("cm-" + f, n, f));
  }
  // Declared against the dependency order, in one file and two.
  repo.Write("k8s/c/sync.yaml", repo.Kustomization("c", "c", "  dependsOn:\n  - name: b\n"));
  repo.Write("k8s/a/sync.yaml", repo.Kustomization("a", "a") +
                                    repo.Kustomization("b", "b", "  dependsOn:\n  - name: a\n"));
  repo.Commit();

  Ran r1 = RunRepo(client, repo.root());
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  for (std::string k : {"a", "b", "c"}) EXPECT_STATE(r1, k, RunState::kReady);
  ASSERT_EQ(r1.start_order, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_GE(r1.started["b"], r1.done["a"]);
  EXPECT_GE(r1.started["c"], r1.done["b"]);
  EXPECT_EQ(r1.report.revision.rfind("main@sha1:", 0), 0u) << r1.report.revision;
  EXPECT_FALSE(r1.report.dirty);

  // Status and inventory as Flux writes them, read from the cluster.
  yaml::Node ks = Live(client, FluxKs(n, "b"));
  const yaml::Node* ready = Condition(ks, "Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->GetString("status"), "True");
  EXPECT_EQ(ready->GetString("reason"), "ReconciliationSucceeded");
  EXPECT_EQ(ks.GetPath({"status"})->GetString("lastAppliedRevision"), r1.report.revision);
  EXPECT_EQ(ks.GetPath({"status"})->GetString("lastAttemptedRevision"), r1.report.revision);
  const yaml::Node* entries = ks.GetPath({"status", "inventory", "entries"});
  ASSERT_TRUE(entries && entries->IsSeq() && entries->size() == 1u);
  EXPECT_EQ(entries->items()[0].GetString("id"), n + "_cm-b__ConfigMap");
  EXPECT_EQ(entries->items()[0].GetString("v"), "v1");
  yaml::Node cm = Live(client, ConfigMap(n, "cm-b"));
  const yaml::Node* labels = cm.GetPath({"metadata", "labels"});
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels->GetString("kustomize.toolkit.fluxcd.io/name"), "b");
  EXPECT_EQ(labels->GetString("kustomize.toolkit.fluxcd.io/namespace"), n);

  // A second run with nothing changed writes nothing: every object keeps
  // its resourceVersion and managedFields.
  std::map<std::string, yaml::Node> before;
  for (std::string f : {"a", "b", "c"}) before[f] = Live(client, ConfigMap(n, "cm-" + f));
  std::map<std::string, std::string> ks_rv;
  Ran r2 = RunRepo(client, repo.root());
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  for (std::string f : {"a", "b", "c"}) {
    EXPECT_STATE(r2, f, RunState::kReady);
    yaml::Node after = Live(client, ConfigMap(n, "cm-" + f));
    EXPECT_EQ(Rv(after), Rv(before[f])) << f;
    EXPECT_TRUE(*after.GetPath({"metadata", "managedFields"}) ==
                *before[f].GetPath({"metadata", "managedFields"}));
    for (const Change& ch : r2.by_name[f].result.changes)
      EXPECT_EQ(ch.action, Action::kUnchanged) << ch.id.Display();
  }
  for (const Change& ch : r2.report.entry_changes)
    EXPECT_EQ(ch.action, Action::kUnchanged) << ch.id.Display();
}

TEST(RunCluster, CrdAndItsCustomResourcesInOneBuild) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-crd-");
  const std::string n = ns.name();
  const std::string group = n + ".ferry.test";
  TestRepo repo(n);
  repo.Folder("app", "  - widget.yaml\n  - crd.yaml\n");  // CR listed first
  repo.Write("k8s/app/crd.yaml",
             "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
             "metadata:\n  name: widgets." + group + "\n"
             "spec:\n  group: " + group + "\n  scope: Namespaced\n"
             "  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}\n"
             "  versions:\n  - name: v1\n    served: true\n    storage: true\n"
             "    schema:\n      openAPIV3Schema:\n        type: object\n"
             "        x-kubernetes-preserve-unknown-fields: true\n");
  repo.Write("k8s/app/widget.yaml", "apiVersion: " + group + "/v1\nkind: Widget\n"
             "metadata:\n  name: w1\n  namespace: " + n + "\nspec:\n  size: 3\n");
  repo.Write("k8s/app/sync.yaml", repo.Kustomization("app", "app", "  wait: true\n"));
  repo.Commit();

  Ran r = RunRepo(client, repo.root());
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_STATE(r, "app", RunState::kReady);
  yaml::Node w = Live(client, Id(group + "/v1", "Widget", n, "w1"));
  EXPECT_EQ(w.GetPath({"spec"})->GetString("size"), "3");

  kube::DeleteOptions d;
  (void)client.Delete(Id("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                         "widgets." + group), d);
}

TEST(RunCluster, PrunesWhatLeftGitKeepsPruneDisabledAndNeverPrunesAfterFailure) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-prune-");
  const std::string n = ns.name();
  TestRepo repo(n);
  repo.Write("k8s/app/sync.yaml", repo.Kustomization("app", "app"));
  repo.Folder("app", "  - a.yaml\n  - b.yaml\n  - c.yaml\n");
  repo.Write("k8s/app/a.yaml", ConfigMapYaml("cm-a", n, "a"));
  repo.Write("k8s/app/b.yaml", ConfigMapYaml("cm-b", n, "b",
             "  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n"));
  repo.Write("k8s/app/c.yaml", ConfigMapYaml("cm-c", n, "c"));
  repo.Commit();
  Ran r1 = RunRepo(client, repo.root());
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  EXPECT_STATE(r1, "app", RunState::kReady);

  repo.Remove("k8s/app/b.yaml");
  repo.Remove("k8s/app/c.yaml");
  repo.Folder("app", "  - a.yaml\n");
  repo.Commit();
  Ran r2 = RunRepo(client, repo.root());
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  EXPECT_STATE(r2, "app", RunState::kReady);
  EXPECT_FALSE(Exists(client, ConfigMap(n, "cm-c")));
  EXPECT_TRUE(Exists(client, ConfigMap(n, "cm-b")));
  EXPECT_EQ(CountActions(r2.by_name["app"].result.changes, Action::kDeleted), 1);

  // cm-a leaves git while an object the server rejects comes in: the apply
  // fails, so nothing is pruned.
  repo.Remove("k8s/app/a.yaml");
  repo.Folder("app", "  - bad.yaml\n");
  repo.Write("k8s/app/bad.yaml", ConfigMapYaml("Not_A_Valid_Name", n, "x"));
  repo.Commit();
  Ran r3 = RunRepo(client, repo.root());
  ASSERT_TRUE(r3.status.ok()) << r3.status.message();
  EXPECT_STATE(r3, "app", RunState::kFailed);
  EXPECT_NE(r3.by_name["app"].message.find("Not_A_Valid_Name"), std::string::npos)
      << r3.by_name["app"].message;
  EXPECT_TRUE(Exists(client, ConfigMap(n, "cm-a")));
  yaml::Node ks = Live(client, FluxKs(n, "app"));
  const yaml::Node* ready = Condition(ks, "Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->GetString("status"), "False");
  // The inventory still lists cm-a, so a later good build prunes it.
  const yaml::Node* entries = ks.GetPath({"status", "inventory", "entries"});
  ASSERT_TRUE(entries && entries->IsSeq() && entries->size() == 1u);
  EXPECT_EQ(entries->items()[0].GetString("id"), n + "_cm-a__ConfigMap");

  // A folder that does not build: nothing applied, nothing pruned.
  repo.Folder("app", "  - missing.yaml\n");
  repo.Commit();
  Ran r4 = RunRepo(client, repo.root());
  if (r4.status.ok()) {
    EXPECT_STATE(r4, "app", RunState::kFailed);
  } else {
    EXPECT_NE(r4.status.message().find("missing.yaml"), std::string::npos)
        << r4.status.message();
  }
  EXPECT_TRUE(Exists(client, ConfigMap(n, "cm-a")));
}

TEST(RunCluster, FieldsOwnedByAnotherManagerAreTakenOverAsFluxDoes) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-conf-");
  const std::string n = ns.name();
  // Someone ran `kubectl apply --server-side` on the object first.
  yaml::Node theirs;
  ASSERT_TRUE(yaml::ParseDocument(ConfigMapYaml("shared", n, "theirs"), "t.yaml", &theirs).ok());
  kube::ApplyOptions ao;
  ao.field_manager = "kubectl";
  ASSERT_TRUE(client.Apply(theirs, ao, nullptr).ok());

  TestRepo repo(n);
  repo.Write("k8s/app/sync.yaml", repo.Kustomization("app", "app"));
  repo.Folder("app", "  - cm.yaml\n");
  repo.Write("k8s/app/cm.yaml", ConfigMapYaml("shared", n, "git"));
  repo.Commit();
  Ran r = RunRepo(client, repo.root());
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_STATE(r, "app", RunState::kReady);
  EXPECT_EQ(DataKey(client, ConfigMap(n, "shared")), "git");
  // The data field now belongs to kustomize-controller alone.
  yaml::Node live = Live(client, ConfigMap(n, "shared"));
  for (const yaml::Node& mf : live.GetPath({"metadata", "managedFields"})->items()) {
    const yaml::Node* data = mf.GetPath({"fieldsV1", "f:data"});
    if (mf.GetString("manager") == "kustomize-controller") EXPECT_NE(data, nullptr);
    else EXPECT_EQ(data, nullptr) << mf.GetString("manager");
  }
}

TEST(RunCluster, UnreadyDeploymentTimesOutAndItsDependentsWait) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-health-");
  const std::string n = ns.name();
  TestRepo repo(n);
  auto deployment = [&](int replicas) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: " + n +
           "\nspec:\n  replicas: " + std::to_string(replicas) +
           "\n  selector:\n    matchLabels: {app: web}\n"
           "  template:\n    metadata:\n      labels: {app: web}\n"
           "    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n";
  };
  repo.Write("k8s/app/sync.yaml",
             repo.Kustomization("app", "app", "  wait: true\n") +
                 repo.Kustomization("after", "after", "  dependsOn:\n  - name: app\n"));
  repo.Folder("app", "  - web.yaml\n");
  repo.Write("k8s/app/web.yaml", deployment(1));
  repo.Folder("after", "  - cm.yaml\n");
  repo.Write("k8s/after/cm.yaml", ConfigMapYaml("after", n, "x"));
  repo.Commit();

  // No kubelet: the Pod never runs, the Deployment never becomes Available.
  std::vector<HealthStatus> seen;
  RunOptions o;
  o.path = repo.root();
  o.timeout = std::chrono::seconds(4);
  RunObserver obs;
  obs.on_health = [&](const std::string&, const std::vector<ObjectHealth>& hs) {
    for (const ObjectHealth& h : hs)
      if (h.id.name == "web") seen.push_back(h.health.status);
  };
  RunReport report;
  Clock::time_point t0 = Clock::now();
  ASSERT_TRUE(RunRepository(client, o, obs, &report).ok());
  EXPECT_GE(Clock::now() - t0, std::chrono::seconds(4));
  ASSERT_EQ(report.kustomizations.size(), 2u);
  const KustomizationReport& app = report.kustomizations[0];
  const KustomizationReport& after = report.kustomizations[1];
  EXPECT_EQ(app.state, RunState::kFailed);
  EXPECT_EQ(app.reason, "HealthCheckFailed") << app.message;
  EXPECT_NE(app.message.find("Deployment/" + n + "/web"), std::string::npos) << app.message;
  EXPECT_NE(std::find(seen.begin(), seen.end(), HealthStatus::kInProgress), seen.end());
  EXPECT_EQ(after.state, RunState::kFailed);
  EXPECT_EQ(after.reason, "DependencyNotReady");
  EXPECT_NE(after.message.find(n + "/app"), std::string::npos) << after.message;
  EXPECT_FALSE(Exists(client, ConfigMap(n, "after")));
  yaml::Node after_ks = Live(client, FluxKs(n, "after"));
  const yaml::Node* ready = Condition(after_ks, "Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->GetString("reason"), "DependencyNotReady");

  // replicas: 0 needs no Pod: the deployment controller reports it
  // Available, and the dependent follows.
  repo.Write("k8s/app/web.yaml", deployment(0));
  repo.Commit();
  Ran r = RunRepo(client, repo.root(), std::chrono::seconds(30));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_STATE(r, "app", RunState::kReady);
  EXPECT_STATE(r, "after", RunState::kReady);
  EXPECT_TRUE(Exists(client, ConfigMap(n, "after")));
}

TEST(RunCluster, PostBuildSubstitutesFromClusterConfigMapsAndSecrets) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-subst-");
  const std::string n = ns.name();
  yaml::Node vars, secret;
  ASSERT_TRUE(yaml::ParseDocument("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n"
                                  "  namespace: " + n + "\ndata:\n  GREETING: hello\n",
                                  "v.yaml", &vars).ok());
  ASSERT_TRUE(yaml::ParseDocument("apiVersion: v1\nkind: Secret\nmetadata:\n  name: svars\n"
                                  "  namespace: " + n + "\nstringData:\n  TOKEN: t0k3n\n",
                                  "s.yaml", &secret).ok());
  kube::ApplyOptions ao;
  ASSERT_TRUE(client.Apply(vars, ao, nullptr).ok());
  ASSERT_TRUE(client.Apply(secret, ao, nullptr).ok());

  TestRepo repo(n);
  repo.Write("k8s/app/sync.yaml", repo.Kustomization("app", "app",
      "  postBuild:\n    substitute:\n      NAME: world\n"
      "    substituteFrom:\n    - kind: ConfigMap\n      name: vars\n"
      "    - kind: Secret\n      name: svars\n"
      "    - kind: ConfigMap\n      name: absent\n      optional: true\n"));
  repo.Folder("app", "  - cm.yaml\n  - raw.yaml\n");
  repo.Write("k8s/app/cm.yaml",
             ConfigMapYaml("subst", n, "${GREETING}-${NAME}-${TOKEN}-${UNSET:=dflt}"));
  repo.Write("k8s/app/raw.yaml", ConfigMapYaml("raw", n, "${GREETING}",
             "  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n"));
  repo.Commit();
  Ran r = RunRepo(client, repo.root());
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_STATE(r, "app", RunState::kReady);
  EXPECT_EQ(DataKey(client, ConfigMap(n, "subst")), "hello-world-t0k3n-dflt");
  EXPECT_EQ(DataKey(client, ConfigMap(n, "raw")), "${GREETING}");

  // A substituteFrom that is neither there nor optional fails the build.
  repo.Write("k8s/app/sync.yaml", repo.Kustomization("app", "app",
      "  postBuild:\n    substituteFrom:\n    - kind: ConfigMap\n      name: absent\n"));
  repo.Commit();
  Ran r2 = RunRepo(client, repo.root());
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  EXPECT_STATE(r2, "app", RunState::kFailed);
  EXPECT_NE(r2.by_name["app"].message.find("absent"), std::string::npos)
      << r2.by_name["app"].message;
  EXPECT_EQ(DataKey(client, ConfigMap(n, "subst")), "hello-world-t0k3n-dflt");
}

TEST(RunCluster, ServiceAccountImpersonationIsForbiddenUntilBound) {
  FERRY_CLUSTER_OR_SKIP(client);
  kube::testing::TestNamespace ns(client, "eng-sa-");
  const std::string n = ns.name();
  yaml::Node sa;
  ASSERT_TRUE(yaml::ParseDocument("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n"
                                  "  name: tenant\n  namespace: " + n + "\n", "sa.yaml", &sa).ok());
  kube::ApplyOptions ao;
  ASSERT_TRUE(client.Apply(sa, ao, nullptr).ok());
  TestRepo repo(n);
  repo.Write("k8s/app/sync.yaml",
             repo.Kustomization("app", "app", "  serviceAccountName: tenant\n"));
  repo.Folder("app", "  - cm.yaml\n");
  repo.Write("k8s/app/cm.yaml", ConfigMapYaml("tenant-cm", n, "x"));
  repo.Commit();

  Ran r1 = RunRepo(client, repo.root());
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  EXPECT_STATE(r1, "app", RunState::kFailed);
  EXPECT_NE(r1.by_name["app"].message.find("system:serviceaccount:" + n + ":tenant"),
            std::string::npos) << r1.by_name["app"].message;
  EXPECT_FALSE(Exists(client, ConfigMap(n, "tenant-cm")));

  // Bound to the built-in `edit` role in its namespace, it may.
  yaml::Node rb;
  ASSERT_TRUE(yaml::ParseDocument(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n"
      "  name: tenant-edit\n  namespace: " + n + "\nroleRef:\n"
      "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n"
      "subjects:\n- kind: ServiceAccount\n  name: tenant\n  namespace: " + n + "\n",
      "rb.yaml", &rb).ok());
  ASSERT_TRUE(client.Apply(rb, ao, nullptr).ok());
  Ran r2 = RunRepo(client, repo.root());
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  EXPECT_STATE(r2, "app", RunState::kReady);
  EXPECT_TRUE(Exists(client, ConfigMap(n, "tenant-cm")));
}

TEST(RunCluster, ExampleRepositoryInPlanOrderThenNoWrites) {
  FERRY_CLUSTER_OR_SKIP(client);
  const std::string examples = std::string(FERRY_SOURCE_DIR) + "/examples";
  // No kubelet: the example's Deployments never become Available, so the
  // Kustomizations that wait on them fail after the timeout and their
  // dependents wait; everything else must be Ready.
  Ran r1 = RunRepo(client, examples, std::chrono::seconds(3));
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  ASSERT_FALSE(r1.report.kustomizations.empty());
  int last_wave = -1;
  for (const KustomizationReport& k : r1.report.kustomizations) {
    EXPECT_GE(k.wave, last_wave) << k.name;  // reported in plan order
    last_wave = k.wave;
  }
  EXPECT_STATE(r1, "flux-system", RunState::kReady);
  for (const auto& [name, k] : r1.by_name) {
    if (k.state == RunState::kFailed)
      EXPECT_TRUE(k.reason == "HealthCheckFailed" || k.reason == "DependencyNotReady" ||
                  k.reason == "ReconciliationFailed")
          << name << ": " << k.reason << ": " << k.message;
    // Every dependency started (and finished) before its dependent.
    if (r1.started.count(name))
      for (const KustomizationReport& d : r1.report.kustomizations)
        if (d.wave < k.wave && r1.done.count(d.name.substr(d.name.find('/') + 1)))
          EXPECT_LE(r1.done[d.name.substr(d.name.find('/') + 1)] - r1.started[name],
                    std::chrono::seconds(0)) << d.name << " before " << name;
  }
  yaml::Node fs = Live(client, FluxKs("flux-system", "flux-system"));
  EXPECT_EQ(Condition(fs, "Ready")->GetString("status"), "True");

  Ran r2 = RunRepo(client, examples, std::chrono::seconds(3));
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  for (const Change& ch : r2.report.entry_changes)
    EXPECT_EQ(ch.action, Action::kUnchanged) << ch.id.Display();
  for (const KustomizationReport& k : r2.report.kustomizations)
    for (const Change& ch : k.result.changes)
      EXPECT_EQ(ch.action, Action::kUnchanged) << k.name << " " << ch.id.Display();
}

}  // namespace
}  // namespace ferry::engine
