// Tests of the k8s layer: ids, kustomize's legacy order, scope, merge keys.
#include <gtest/gtest.h>

#include <vector>

#include "k8s/gvk.h"
#include "k8s/kind_order.h"
#include "k8s/merge_keys.h"
#include "k8s/resource_id.h"
#include "k8s/scope.h"
#include "yaml/node.h"

namespace ferry::k8s {
namespace {

Gvk G(std::string_view api_version, std::string_view kind) {
  return Gvk::FromApiVersion(api_version, kind);
}

TEST(GvkTest, ParsesApiVersion) {
  Gvk a = G("apps/v1", "Deployment");
  EXPECT_EQ(a.group, "apps");
  EXPECT_EQ(a.version, "v1");
  EXPECT_EQ(a.ApiVersion(), "apps/v1");
  Gvk c = G("v1", "ConfigMap");
  EXPECT_EQ(c.group, "");
  EXPECT_EQ(c.ApiVersion(), "v1");
  EXPECT_EQ(c.String(), "~G_v1_ConfigMap");
  EXPECT_EQ(Gvk().String(), "~G_~V_~K");
}

TEST(GvkTest, Selection) {
  Gvk d = G("apps/v1", "Deployment");
  EXPECT_TRUE(d.IsSelectedBy(Gvk{"", "", "Deployment"}));
  EXPECT_TRUE(d.IsSelectedBy(Gvk{}));
  EXPECT_FALSE(d.IsSelectedBy(Gvk{"extensions", "", "Deployment"}));
  EXPECT_FALSE(d.IsSelectedBy(Gvk{"", "v2", ""}));
}

TEST(ResIdTest, StringAndNode) {
  yaml::Node n = yaml::Node::Map();
  n.Set("apiVersion", yaml::Node::Plain("apps/v1"));
  n.Set("kind", yaml::Node::Plain("Deployment"));
  yaml::Node& md = n.GetOrAddMap("metadata");
  md.Set("name", yaml::Node::Plain("web"));
  md.Set("namespace", yaml::Node::Plain("prod"));
  ResId id = ResId::FromNode(n);
  EXPECT_EQ(id.String(), "apps_v1_Deployment|prod|web");
  EXPECT_EQ(id.GvknString(), "apps_v1_Deployment|web");
  EXPECT_EQ((ResId{G("v1", "ConfigMap"), "", ""}).String(),
            "~G_v1_ConfigMap|~X|~N");
}

TEST(ResIdTest, EffectiveNamespace) {
  ResId a{G("v1", "ConfigMap"), "c", ""};
  ResId b{G("v1", "ConfigMap"), "c", "default"};
  EXPECT_TRUE(a.Equals(b));
  ResId ns{G("v1", "Namespace"), "x", "whatever"};
  EXPECT_EQ(ns.EffectiveNamespace(), "_non_namespaceable_");
  EXPECT_TRUE(a.IsSelectedBy(ResId{Gvk{"", "", "ConfigMap"}, "", "default"}));
}

TEST(ScopeTest, ExactApiVersion) {
  EXPECT_TRUE(IsClusterScoped(G("v1", "Namespace")));
  EXPECT_TRUE(
      IsClusterScoped(G("rbac.authorization.k8s.io/v1", "ClusterRole")));
  EXPECT_FALSE(
      IsClusterScoped(G("rbac.authorization.k8s.io/v1alpha1", "ClusterRole")));
  EXPECT_FALSE(IsClusterScoped(G("apps/v1", "Deployment")));
  EXPECT_FALSE(IsClusterScoped(G("example.com/v1", "Cluster")));
  EXPECT_TRUE(IsNamespaceable(G("v1", "ConfigMap")));
}

// Order recorded from `kubectl kustomize` of these resources.
TEST(KindOrderTest, LegacyOrderAsKubectl) {
  std::vector<ResId> ids = {
      {G("v1", "LimitRange"), "l", ""},
      {G("v1", "Endpoints"), "e", ""},
      {G("v1", "Service"), "s", ""},
      {G("v1", "Secret"), "s", ""},
      {G("example.com/v1", "Namespace"), "z", ""},
      {G("v1", "Namespace"), "a", ""},
      {G("v1", "ConfigMap"), "b", "x"},
      {G("v1", "ConfigMap"), "a", "y"},
      {G("v1", "ConfigMap"), "c", ""},
      {G("v1", "AAA"), "c", ""},
      {G("a/v1", "AAA"), "c", ""},
      {G("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
       "m", ""},
  };
  KindOrder().Sort(&ids);
  std::vector<std::string> got;
  for (const ResId& id : ids) got.push_back(id.String());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "~G_v1_Namespace|~X|a",
                     "example.com_v1_Namespace|~X|z",
                     "~G_v1_ConfigMap|x|b",
                     "~G_v1_ConfigMap|y|a",
                     "~G_v1_ConfigMap|~X|c",
                     "~G_v1_Secret|~X|s",
                     "~G_v1_Endpoints|~X|e",
                     "~G_v1_Service|~X|s",
                     "~G_v1_LimitRange|~X|l",
                     "a_v1_AAA|~X|c",
                     "~G_v1_AAA|~X|c",
                     "admissionregistration.k8s.io_v1_"
                     "MutatingWebhookConfiguration|~X|m",
                 }));
}

TEST(KindOrderTest, UserLists) {
  KindOrder order({"Service"}, {"Namespace"});
  EXPECT_EQ(order.Rank("Service"), -1);
  EXPECT_EQ(order.Rank("Namespace"), 1);
  EXPECT_EQ(order.Rank("ConfigMap"), 0);
  EXPECT_TRUE(order.Less({G("v1", "Service"), "s", ""},
                         {G("v1", "ConfigMap"), "c", ""}));
}

TEST(MergeKeysTest, Lists) {
  Gvk dep = G("apps/v1", "Deployment");
  ListMerge c = ListMergeAt(dep, {"spec", "template", "spec", "containers"});
  EXPECT_TRUE(c.merge);
  EXPECT_EQ(c.keys, std::vector<std::string>{"name"});
  ListMerge p =
      ListMergeAt(dep, {"spec", "template", "spec", "containers", "ports"});
  EXPECT_EQ(p.keys, (std::vector<std::string>{"containerPort", "protocol"}));
  ListMerge v = ListMergeAt(dep, {"spec", "template", "spec", "volumes"});
  EXPECT_TRUE(v.merge);
  EXPECT_TRUE(v.retain_keys);
  EXPECT_FALSE(
      ListMergeAt(dep, {"spec", "template", "spec", "tolerations"}).merge);
  ListMerge f = ListMergeAt(dep, {"metadata", "finalizers"});
  EXPECT_TRUE(f.merge);
  EXPECT_TRUE(f.keys.empty());
  EXPECT_FALSE(ListMergeAt(G("extensions/v1beta1", "Deployment"),
                           {"spec", "template", "spec", "containers"})
                   .merge);
  EXPECT_TRUE(ListMergeAt(G("batch/v1", "CronJob"),
                          {"spec", "jobTemplate", "spec", "template", "spec",
                           "initContainers"})
                  .merge);
  EXPECT_EQ(ListMergeAt(G("v1", "Service"), {"spec", "ports"}).keys,
            (std::vector<std::string>{"port", "protocol"}));
  EXPECT_EQ(
      ListMergeAt(G("v1", "ConfigMap"), {"metadata", "ownerReferences"}).keys,
      std::vector<std::string>{"uid"});
  EXPECT_EQ(SchemaForType(G("example.com/v1", "Foo")), nullptr);
}

}  // namespace
}  // namespace ferry::k8s
