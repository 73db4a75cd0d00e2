#include "engine/normalize.h"

#include <gtest/gtest.h>

#include "engine/test_util.h"

namespace ferry::engine {
namespace {

using testing::Yaml;

TEST(Normalize, ServicePortsGetTcp) {
  yaml::Node s = Yaml(
      "apiVersion: v1\nkind: Service\nmetadata: {name: s, creationTimestamp: null}\n"
      "spec:\n  ports:\n  - port: 80\n  - port: 53\n    protocol: UDP\n"
      "status: {loadBalancer: {}}\n");
  NormalizeForApply(&s);
  EXPECT_EQ(s.GetPath({"spec", "ports"})->items()[0].GetString("protocol"), "TCP");
  EXPECT_EQ(s.GetPath({"spec", "ports"})->items()[1].GetString("protocol"), "UDP");
  EXPECT_EQ(s.Get("status"), nullptr);
  EXPECT_EQ(s.GetPath({"metadata", "creationTimestamp"}), nullptr);
}

TEST(Normalize, ContainerPortsOfEveryWorkload) {
  for (const char* head :
       {"apiVersion: apps/v1\nkind: Deployment\n", "apiVersion: apps/v1\nkind: StatefulSet\n",
        "apiVersion: apps/v1\nkind: DaemonSet\n", "apiVersion: batch/v1\nkind: Job\n"}) {
    yaml::Node d = Yaml(std::string(head) +
                        "metadata: {name: d}\nspec:\n  template:\n    spec:\n"
                        "      initContainers:\n      - name: i\n        ports:\n"
                        "        - containerPort: 1\n"
                        "      containers:\n      - name: c\n        ports:\n"
                        "        - containerPort: 8080\n");
    NormalizeForApply(&d);
    const yaml::Node* spec = d.GetPath({"spec", "template", "spec"});
    EXPECT_EQ(spec->Get("containers")->items()[0].Get("ports")->items()[0].GetString("protocol"),
              "TCP") << head;
    EXPECT_EQ(spec->Get("initContainers")->items()[0].Get("ports")->items()[0].GetString("protocol"),
              "TCP") << head;
  }
  yaml::Node cj = Yaml(
      "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n"
      "    spec:\n      template:\n        spec:\n          containers:\n"
      "          - name: c\n            ports: [{containerPort: 1}]\n");
  NormalizeForApply(&cj);
  EXPECT_EQ(cj.GetPath({"spec", "jobTemplate", "spec", "template", "spec"})
                ->Get("containers")->items()[0].Get("ports")->items()[0].GetString("protocol"),
            "TCP");
  yaml::Node pod = Yaml(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "  - name: c\n    ports: [{containerPort: 1}]\n");
  NormalizeForApply(&pod);
  EXPECT_EQ(pod.GetPath({"spec"})->Get("containers")->items()[0].Get("ports")->items()[0].GetString("protocol"),
            "TCP");
}

TEST(Normalize, SecretStringDataMovesToData) {
  yaml::Node s = Yaml(
      "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
      "data: {a: b2xk, keep: eA==}\nstringData: {a: new}\n");
  NormalizeForApply(&s);
  EXPECT_EQ(s.Get("stringData"), nullptr);
  EXPECT_EQ(s.GetPath({"data", "a"})->value(), "bmV3");
  EXPECT_EQ(s.GetPath({"data", "keep"})->value(), "eA==");
}

TEST(Normalize, SecretWithOnlyStringDataGetsData) {
  // As a decrypted SOPS Secret usually is: stringData and no data.
  yaml::Node s = Yaml(
      "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\n"
      "stringData: {password: hunter2, user: app}\n");
  NormalizeForApply(&s);
  EXPECT_EQ(s.Get("stringData"), nullptr);
  ASSERT_NE(s.GetPath({"data", "password"}), nullptr);
  EXPECT_EQ(s.GetPath({"data", "password"})->value(), "aHVudGVyMg==");
  EXPECT_EQ(s.GetPath({"data", "user"})->value(), "YXBw");
}

TEST(Normalize, CrdKeepsStatusCustomKindUntouched) {
  yaml::Node crd = Yaml(
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
      "metadata: {name: x}\nstatus: {acceptedNames: {kind: ''}}\n");
  NormalizeForApply(&crd);
  EXPECT_NE(crd.Get("status"), nullptr);
  yaml::Node cr = Yaml(
      "apiVersion: example.com/v1\nkind: Service\nmetadata: {name: x}\n"
      "spec: {ports: [{port: 1}]}\n");
  NormalizeForApply(&cr);
  EXPECT_EQ(cr.GetPath({"spec", "ports"})->items()[0].Get("protocol"), nullptr);
}

}  // namespace
}  // namespace ferry::engine
