#include "engine/health.h"

#include <gtest/gtest.h>

#include "engine/test_util.h"

namespace ferry::engine {
namespace {

using testing::Yaml;

Health H(const std::string& text) { return ComputeHealth(Yaml(text)); }

const char kDeploy[] =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, generation: 2}\n"
    "spec: {replicas: 2}\n";

TEST(Health, DeploymentWithoutStatusIsInProgress) {
  Health h = H(kDeploy);
  EXPECT_EQ(h.status, HealthStatus::kInProgress);
  EXPECT_EQ(h.message, "replicas: 0/2");
}

TEST(Health, DeploymentGenerationNotObserved) {
  Health h = H(std::string(kDeploy) + "status: {observedGeneration: 1}\n");
  EXPECT_EQ(h.status, HealthStatus::kInProgress);
  EXPECT_EQ(h.message, "Deployment generation is 2, but latest observed generation is 1");
}

TEST(Health, DeploymentAvailable) {
  Health h = H(std::string(kDeploy) +
               "status:\n  observedGeneration: 2\n  replicas: 2\n  updatedReplicas: 2\n"
               "  readyReplicas: 2\n  availableReplicas: 2\n  conditions:\n"
               "  - {type: Progressing, status: 'True', reason: NewReplicaSetAvailable}\n"
               "  - {type: Available, status: 'True'}\n");
  EXPECT_EQ(h.status, HealthStatus::kCurrent) << h.message;
  EXPECT_EQ(h.message, "Deployment is available. Replicas: 2");
}

TEST(Health, DeploymentDeadlineExceeded) {
  Health h = H(std::string(kDeploy) +
               "status:\n  conditions:\n"
               "  - {type: Progressing, status: 'False', reason: ProgressDeadlineExceeded}\n");
  EXPECT_EQ(h.status, HealthStatus::kFailed);
  EXPECT_EQ(h.message, "Progress deadline exceeded");
}

TEST(Health, StatefulSetDaemonSetReplicaSet) {
  EXPECT_EQ(H("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n"
              "status: {replicas: 1, readyReplicas: 0}\n").message,
            "Ready: 0/1");
  EXPECT_EQ(H("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n"
              "status: {replicas: 1, readyReplicas: 1, currentReplicas: 1,"
              " currentRevision: a, updateRevision: a}\n").status,
            HealthStatus::kCurrent);
  EXPECT_EQ(H("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: s}\n").message,
            "Missing .status.desiredNumberScheduled");
  EXPECT_EQ(H("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: s}\n"
              "spec: {replicas: 0}\n").status,
            HealthStatus::kCurrent);
}

TEST(Health, JobPodPvcServiceCrd) {
  EXPECT_EQ(H("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n").message,
            "Job not started");
  EXPECT_EQ(H("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nstatus:\n"
              "  conditions: [{type: Failed, status: 'True'}]\n  failed: 1\n").status,
            HealthStatus::kFailed);
  EXPECT_EQ(H("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
              "status: {phase: Pending}\n").message,
            "Pod is in the Pending phase");
  EXPECT_EQ(H("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: p}\n"
              "status: {phase: Pending}\n").message,
            "PVC is not Bound. phase: Pending");
  EXPECT_EQ(H("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n").status,
            HealthStatus::kCurrent);
  EXPECT_EQ(H("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
              "metadata: {name: c}\n").status,
            HealthStatus::kInProgress);
  EXPECT_EQ(H("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
              "metadata: {name: c}\nstatus:\n  conditions:\n"
              "  - {type: NamesAccepted, status: 'True'}\n"
              "  - {type: Established, status: 'True'}\n").message,
            "CRD is established");
  EXPECT_EQ(H("apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n").status,
            HealthStatus::kCurrent);
}

TEST(Health, GenericConditions) {
  EXPECT_EQ(H("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").status,
            HealthStatus::kCurrent);
  EXPECT_EQ(H("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
              "status:\n  conditions: [{type: Reconciling, status: 'True', message: busy}]\n")
                .message,
            "busy");
  EXPECT_EQ(H("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
              "status:\n  conditions: [{type: Stalled, status: 'True', message: stuck}]\n")
                .status,
            HealthStatus::kFailed);
  EXPECT_EQ(H("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
              "metadata: {name: k}\nstatus:\n"
              "  conditions: [{type: Ready, status: 'False', reason: BuildFailed, message: bad}]\n")
                .status,
            HealthStatus::kInProgress);
  EXPECT_EQ(H("apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n"
              "status: {phase: Active}\n").status,
            HealthStatus::kCurrent);
  EXPECT_EQ(H("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\n"
              "  deletionTimestamp: '2020-01-01T00:00:00Z'\n").status,
            HealthStatus::kTerminating);
}

}  // namespace
}  // namespace ferry::engine
