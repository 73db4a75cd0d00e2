#include "engine/stages.h"

#include <gtest/gtest.h>

namespace ferry::engine {
namespace {

ObjectId Id(std::string group, std::string version, std::string kind,
            std::string name, std::string ns = "") {
  ObjectId id;
  id.group = std::move(group);
  id.version = std::move(version);
  id.kind = std::move(kind);
  id.name = std::move(name);
  id.ns = std::move(ns);
  return id;
}

TEST(Stages, DefinitionsThenClassesThenTheRest) {
  EXPECT_EQ(StageOf(Id("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "x")),
            ApplyStage::kClusterDefinitions);
  EXPECT_EQ(StageOf(Id("", "v1", "Namespace", "x")), ApplyStage::kClusterDefinitions);
  EXPECT_EQ(StageOf(Id("rbac.authorization.k8s.io", "v1", "ClusterRole", "x")),
            ApplyStage::kClusterDefinitions);
  EXPECT_EQ(StageOf(Id("storage.k8s.io", "v1", "StorageClass", "x")),
            ApplyStage::kClassDefinitions);
  EXPECT_EQ(StageOf(Id("networking.k8s.io", "v1", "IngressClass", "x")),
            ApplyStage::kClassDefinitions);
  EXPECT_EQ(StageOf(Id("scheduling.k8s.io", "v1", "PriorityClass", "x")),
            ApplyStage::kClassDefinitions);
  EXPECT_EQ(StageOf(Id("", "v1", "ConfigMap", "x")), ApplyStage::kRest);
  // A custom kind named Namespace is not a cluster definition.
  EXPECT_EQ(StageOf(Id("example.com", "v1", "Namespace", "x")), ApplyStage::kRest);
}

TEST(Stages, FluxSortOrder) {
  std::vector<ObjectId> ids = {
      Id("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "v"),
      Id("apps", "v1", "Deployment", "b", "ns"),
      Id("example.com", "v1", "Widget", "w", "ns"),
      Id("", "v1", "Service", "s", "ns"),
      Id("apps", "v1", "Deployment", "a", "ns"),
      Id("", "v1", "ConfigMap", "c", "ns"),
      Id("", "v1", "Namespace", "ns"),
      Id("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "widgets.example.com"),
      Id("storage.k8s.io", "v1", "StorageClass", "fast"),
      Id("batch", "v1", "Job", "j", "ns"),
  };
  StagedOrder o = OrderForApply(ids);
  auto names = [&](const std::vector<int>& s) {
    std::vector<std::string> out;
    for (int i : s) out.push_back(ids[i].kind + "/" + ids[i].name);
    return out;
  };
  EXPECT_EQ(names(o.stages[0]),
            (std::vector<std::string>{"CustomResourceDefinition/widgets.example.com",
                                      "Namespace/ns"}));
  EXPECT_EQ(names(o.stages[1]), (std::vector<std::string>{"StorageClass/fast"}));
  // ConfigMap, Service, Deployment (ranked), then unranked kinds by group
  // ("" < batch < example.com), webhooks last.
  EXPECT_EQ(names(o.stages[2]),
            (std::vector<std::string>{"ConfigMap/c", "Service/s", "Deployment/a",
                                      "Deployment/b", "Job/j", "Widget/w",
                                      "ValidatingWebhookConfiguration/v"}));
}

}  // namespace
}  // namespace ferry::engine
