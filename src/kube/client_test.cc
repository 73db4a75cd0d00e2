// Client against the real local control plane (scripts/control-plane.sh):
// discovery, server-side apply, dry-run, conflicts, pagination, watch,
// impersonation, and the connection errors a user must be able to act on.
#include "kube/client.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "kube/config.h"
#include "kube/errors.h"
#include "kube/testing.h"
#include "kube/watch.h"
#include "yaml/parse.h"

namespace ferry::kube {
namespace {

yaml::Node Doc(const std::string& text) {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, "test.yaml", &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

yaml::Node ConfigMap(const std::string& ns, const std::string& name,
                     const std::string& value) {
  return Doc("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
             "\n  namespace: " + ns + "\ndata:\n  key: \"" + value + "\"\n");
}

k8s::ResId CmId(const std::string& ns, const std::string& name) {
  k8s::ResId id;
  id.gvk = {"", "v1", "ConfigMap"};
  id.ns = ns;
  id.name = name;
  return id;
}

std::string ResourceVersion(const yaml::Node& obj) {
  const yaml::Node* md = obj.Get("metadata");
  return md ? std::string(md->GetString("resourceVersion")) : "";
}

TEST(ClientCluster, DiscoveryMapsCoreAppsAndCrds) {
  FERRY_CLUSTER_OR_SKIP(client);
  RestMapping m;
  ASSERT_TRUE(client.Mapping({"", "v1", "ConfigMap"}, &m).ok());
  EXPECT_EQ(m.resource, "configmaps");
  EXPECT_TRUE(m.namespaced);
  ASSERT_TRUE(client.Mapping({"apps", "v1", "Deployment"}, &m).ok());
  EXPECT_EQ(m.resource, "deployments");
  ASSERT_TRUE(client.Mapping({"", "v1", "Namespace"}, &m).ok());
  EXPECT_FALSE(m.namespaced);
  ASSERT_TRUE(client.Mapping({"apiextensions.k8s.io", "v1", "CustomResourceDefinition"}, &m).ok());
  Status st = client.Mapping({"example.invalid", "v1", "Nothing"}, &m);
  EXPECT_EQ(ReasonOf(st), Reason::kNoKindMatch) << st.message();
  ServerVersion v;
  ASSERT_TRUE(client.GetServerVersion(&v).ok());
  EXPECT_EQ(v.major, "1");
}

TEST(ClientCluster, ApplyTwiceWithoutChangeKeepsResourceVersion) {
  FERRY_CLUSTER_OR_SKIP(client);
  testing::TestNamespace ns(client, "kube-t-");
  ApplyOptions ao;
  ao.field_manager = "ferry-test";
  yaml::Node first, second, live;
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "a", "1"), ao, &first).ok());
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "a", "1"), ao, &second).ok());
  EXPECT_FALSE(ResourceVersion(first).empty());
  EXPECT_EQ(ResourceVersion(first), ResourceVersion(second));
  // A dry-run of a change answers the changed object and stores nothing.
  ApplyOptions dry = ao;
  dry.dry_run = true;
  yaml::Node dried;
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "a", "2"), dry, &dried).ok());
  EXPECT_EQ(dried.Get("data")->GetString("key"), "2");
  ASSERT_TRUE(client.Get(CmId(ns.name(), "a"), &live).ok());
  EXPECT_EQ(live.Get("data")->GetString("key"), "1");
  EXPECT_EQ(ResourceVersion(live), ResourceVersion(first));
}

TEST(ClientCluster, ConflictNamesTheOtherManager) {
  FERRY_CLUSTER_OR_SKIP(client);
  testing::TestNamespace ns(client, "kube-t-");
  ApplyOptions a;
  a.field_manager = "manager-one";
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "c", "1"), a, nullptr).ok());
  ApplyOptions b;
  b.field_manager = "manager-two";
  Status st = client.Apply(ConfigMap(ns.name(), "c", "2"), b, nullptr);
  ASSERT_TRUE(IsConflict(st)) << st.message();
  EXPECT_NE(st.message().find("manager-one"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("ConfigMap"), std::string::npos) << st.message();
  b.force = true;
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "c", "2"), b, nullptr).ok());
}

TEST(ClientCluster, ListFollowsContinueAndConcurrentAppliesSucceed) {
  FERRY_CLUSTER_OR_SKIP(client);
  testing::TestNamespace ns(client, "kube-t-");
  ApplyOptions ao;
  ao.field_manager = "ferry-test";
  std::vector<std::thread> threads;
  std::vector<std::string> errors(16);
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < 120; i += 16) {
        Status st = client.Apply(ConfigMap(ns.name(), "cm-" + std::to_string(i), "v"), ao, nullptr);
        if (!st.ok()) errors[t] = st.message();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  ListOptions lo;
  lo.page_size = 25;
  ListResult r;
  ASSERT_TRUE(client.List({"", "v1", "ConfigMap"}, ns.name(), lo, &r).ok());
  // The controller-manager publishes kube-root-ca.crt into every namespace.
  size_t ours = 0;
  for (const auto& item : r.items) {
    EXPECT_EQ(item.GetString("kind"), "ConfigMap");
    const yaml::Node* md = item.Get("metadata");
    if (md && md->GetString("name").rfind("cm-", 0) == 0) ++ours;
  }
  EXPECT_EQ(ours, 120u);
}

TEST(ClientCluster, WatchSeesAnUpdate) {
  FERRY_CLUSTER_OR_SKIP(client);
  testing::TestNamespace ns(client, "kube-t-");
  ApplyOptions ao;
  ao.field_manager = "ferry-test";
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "w", "1"), ao, nullptr).ok());
  ListResult r;
  ASSERT_TRUE(client.List({"", "v1", "ConfigMap"}, ns.name(), ListOptions(), &r).ok());
  WatchOptions wo;
  wo.resource_version = r.resource_version;
  std::unique_ptr<WatchStream> w;
  ASSERT_TRUE(client.Watch({"", "v1", "ConfigMap"}, ns.name(), wo, &w).ok());
  ASSERT_TRUE(client.Apply(ConfigMap(ns.name(), "w", "2"), ao, nullptr).ok());
  bool seen = false;
  for (int i = 0; i < 10 && !seen; ++i) {
    WatchEvent ev;
    Status st = w->Next(&ev, std::chrono::steady_clock::now() + std::chrono::seconds(10));
    ASSERT_TRUE(st.ok()) << st.message();
    const yaml::Node* data = ev.object.Get("data");
    seen = ev.type == EventType::kModified && data && data->GetString("key") == "2";
  }
  EXPECT_TRUE(seen);
}

TEST(ClientCluster, ImpersonatedUnprivilegedUserIsForbidden) {
  FERRY_CLUSTER_OR_SKIP(client);
  testing::TestNamespace ns(client, "kube-t-");
  Impersonation who;
  who.user = "system:serviceaccount:" + ns.name() + ":nobody";
  Client as = client.Impersonating(who);
  Status st = as.Apply(ConfigMap(ns.name(), "f", "1"), ApplyOptions(), nullptr);
  ASSERT_TRUE(IsForbidden(st)) << st.message();
  EXPECT_NE(st.message().find("nobody"), std::string::npos) << st.message();
}

TEST(ClientCluster, UnprivilegedKubeconfigIsForbidden) {
  FERRY_USER_CLUSTER_OR_SKIP(user);
  Status st = user.Get(CmId("kube-system", "extension-apiserver-authentication"), nullptr);
  ASSERT_TRUE(IsForbidden(st)) << st.message();
  EXPECT_NE(st.message().find("ferry-user"), std::string::npos) << st.message();
}

// A kubeconfig like the admin one with its server or token replaced.
std::string VariantKubeconfig(const std::string& from, const std::string& what,
                              const std::string& with) {
  std::ifstream in(from);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  size_t p = text.find(what);
  EXPECT_NE(p, std::string::npos);
  size_t eol = text.find('\n', p);
  text.replace(p, eol - p, what + " " + with);
  std::string path = ::testing::TempDir() + "/kubeconfig-" + std::to_string(getpid()) +
                     "-" + std::to_string(rand());
  std::ofstream(path) << text;
  return path;
}

Status GetWith(const std::string& kubeconfig, const ClientOptions& opts) {
  ConfigOverrides o;
  o.kubeconfig = kubeconfig;
  RestConfig cfg;
  FERRY_RETURN_IF_ERROR(LoadRestConfig(o, &cfg));
  Client c;
  FERRY_RETURN_IF_ERROR(Client::Open(cfg, opts, &c));
  return c.Get(CmId("default", "x"), nullptr);
}

TEST(ClientCluster, ConnectionErrorsSayWhatToFix) {
  FERRY_REQUIRE_CLUSTER_OR_SKIP();
  std::string admin = testing::AdminKubeconfig();
  ClientOptions quick;
  quick.retry_budget = std::chrono::milliseconds(300);
  Status st = GetWith(VariantKubeconfig(admin, "token:", "not-a-valid-token"), quick);
  EXPECT_EQ(ReasonOf(st), Reason::kUnauthorized) << st.message();
  EXPECT_TRUE(IsConnectionError(st));
  st = GetWith(VariantKubeconfig(admin, "server:", "https://127.0.0.1:1"), quick);
  EXPECT_EQ(ReasonOf(st), Reason::kUnreachable) << st.message();
  EXPECT_NE(st.message().find("127.0.0.1:1"), std::string::npos) << st.message();
  st = GetWith("/nonexistent/kubeconfig", quick);
  EXPECT_EQ(ReasonOf(st), Reason::kConfig) << st.message();
  EXPECT_NE(st.message().find("/nonexistent/kubeconfig"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace ferry::kube
