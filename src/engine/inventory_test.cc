#include "engine/inventory.h"

#include <gtest/gtest.h>

#include "engine/apply_policy.h"
#include "engine/test_util.h"

namespace ferry::engine {
namespace {

using testing::Yaml;

TEST(Inventory, ReadsAndWritesFluxStatus) {
  yaml::Node ks = Yaml(
      "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
      "metadata: {name: apps, namespace: flux-system}\nstatus:\n  inventory:\n"
      "    entries:\n    - {id: _prod__Namespace, v: v1}\n"
      "    - {id: prod_web_apps_Deployment, v: v1}\n");
  Inventory inv = Inventory::FromKustomization(ks);
  ASSERT_EQ(inv.entries.size(), 2u);
  EXPECT_EQ(inv.entries[1].id, "prod_web_apps_Deployment");
  yaml::Node n = inv.ToNode();
  EXPECT_EQ(n.Get("entries")->items()[0].GetString("id"), "_prod__Namespace");
  EXPECT_EQ(n.Get("entries")->items()[0].GetString("v"), "v1");
  EXPECT_TRUE(inv.Contains(ObjectId::FromNode(Yaml(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\n"))));
}

TEST(Inventory, StaleObjectsInReverseApplyOrder) {
  Inventory old_inv, new_inv;
  old_inv.entries = {{"_prod__Namespace", "v1"},
                     {"prod_cm__ConfigMap", "v1"},
                     {"prod_web_apps_Deployment", "v1"},
                     {"prod_keep__Service", "v1"},
                     {"_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition", "v1"}};
  new_inv.entries = {{"prod_keep__Service", "v1"}};
  std::vector<ObjectId> stale = StaleObjects(old_inv, new_inv);
  std::vector<std::string> got;
  for (const ObjectId& id : stale) got.push_back(id.Display());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "Deployment/prod/web", "ConfigMap/prod/cm", "Namespace/prod",
                     "CustomResourceDefinition/widgets.example.com"}));
}

TEST(ApplyPolicy, OwnerLabelsAndAnnotations) {
  yaml::Node o = Yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  SetOwnerLabels(&o, "apps", "flux-system");
  EXPECT_TRUE(IsOwnedBy(o, "apps", "flux-system"));
  EXPECT_FALSE(IsOwnedBy(o, "apps", "other"));

  yaml::Node ignore = Yaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
      "    kustomize.toolkit.fluxcd.io/ssa: ignore\n");
  EXPECT_TRUE(PolicyFor(ignore, nullptr).exclude);
  yaml::Node ifnp = Yaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
      "    kustomize.toolkit.fluxcd.io/ssa: IfNotPresent\n");
  EXPECT_TRUE(PolicyFor(ifnp, nullptr).if_not_present);
  EXPECT_FALSE(PolicyFor(ifnp, nullptr).exclude);
  yaml::Node live_disabled = Yaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n"
      "    kustomize.toolkit.fluxcd.io/reconcile: disabled\n"
      "    kustomize.toolkit.fluxcd.io/prune: disabled\n");
  EXPECT_TRUE(PolicyFor(o, &live_disabled).exclude);
  EXPECT_TRUE(PruneDisabled(live_disabled));
  yaml::Node force = Yaml(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n"
      "    kustomize.toolkit.fluxcd.io/force: Enabled\n");
  EXPECT_TRUE(PolicyFor(force, nullptr).force);
  EXPECT_FALSE(PolicyFor(o, nullptr).force);
}

}  // namespace
}  // namespace ferry::engine
