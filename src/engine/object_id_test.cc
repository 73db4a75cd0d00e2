#include "engine/object_id.h"

#include <gtest/gtest.h>

#include "engine/test_util.h"

namespace ferry::engine {
namespace {

using testing::Yaml;

TEST(ObjectId, InventoryIdAsFluxWritesIt) {
  ObjectId d = ObjectId::FromNode(Yaml(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\n"));
  EXPECT_EQ(d.InventoryId(), "prod_web_apps_Deployment");
  EXPECT_EQ(d.version, "v1");
  EXPECT_EQ(d.Display(), "Deployment/prod/web");
  ObjectId ns = ObjectId::FromNode(
      Yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n"));
  EXPECT_EQ(ns.InventoryId(), "_prod__Namespace");
  EXPECT_EQ(ns.Display(), "Namespace/prod");
}

TEST(ObjectId, RbacColonsTranscoded) {
  ObjectId r = ObjectId::FromNode(Yaml(
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
      "metadata: {name: 'system:flux:view'}\n"));
  EXPECT_EQ(r.InventoryId(),
            "_system__flux__view_rbac.authorization.k8s.io_ClusterRole");
  ObjectId back;
  ASSERT_TRUE(ObjectId::Parse(r.InventoryId(), "v1", &back));
  EXPECT_EQ(back.name, "system:flux:view");
  EXPECT_TRUE(back.SameObject(r));
}

TEST(ObjectId, ParseRoundTrip) {
  ObjectId id;
  ASSERT_TRUE(ObjectId::Parse("prod_web_apps_Deployment", "v1", &id));
  EXPECT_EQ(id.ns, "prod");
  EXPECT_EQ(id.name, "web");
  EXPECT_EQ(id.group, "apps");
  EXPECT_EQ(id.kind, "Deployment");
  EXPECT_EQ(id.ApiVersion(), "apps/v1");
  ASSERT_TRUE(ObjectId::Parse("default_cm__ConfigMap", "v1", &id));
  EXPECT_EQ(id.group, "");
  EXPECT_EQ(id.ApiVersion(), "v1");
  EXPECT_FALSE(ObjectId::Parse("nounderscores", "v1", &id));
  EXPECT_FALSE(ObjectId::Parse("a_b", "v1", &id));
}

}  // namespace
}  // namespace ferry::engine
