// Cases whose expected output was recorded from `kubectl kustomize`
// (kustomize v5.5.0) with the target as a resource and the patch in
// `patches:`.
#include "kustomize/strategic_merge.h"

#include <gtest/gtest.h>

#include <string>

#include "k8s/gvk.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

std::string Merge(const std::string &base, const std::string &patch) {
  yaml::Node target, p;
  Status st = yaml::ParseDocument(base, "base.yaml", &target);
  EXPECT_TRUE(st.ok()) << st.message();
  st = yaml::ParseDocument(patch, "patch.yaml", &p);
  EXPECT_TRUE(st.ok()) << st.message();
  st = StrategicMerge(&target, p, k8s::Gvk::FromNode(target));
  if (!st.ok()) return "ERROR: " + st.message();
  if (target.IsNull()) return "";
  std::string out;
  yaml::EmitKustomizeDocument(target, &out);
  return out;
}

TEST(StrategicMergeTest, NewContainersFirstThenTargetOnly) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: a
        image: a
        ports:
        - containerPort: 80
          protocol: TCP
          name: http
        - containerPort: 81
      - name: b
        image: b
      resourceClaims:
      - name: x
        source: {resourceClaimName: x}
      - name: y
        source: {resourceClaimName: y}
      tolerations:
      - key: k1
        effect: NoSchedule
      finalizers: [a]
  selector:
    matchLabels: {a: b}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: c
        image: c
      - name: a
        image: a2
        ports:
        - containerPort: 80
          protocol: TCP
          name: http2
        - containerPort: 81
          name: p81
        - containerPort: 82
      resourceClaims:
      - name: y
        source: {resourceClaimName: y2}
      tolerations:
      - key: k2
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      a: b
  template:
    spec:
      containers:
      - image: c
        name: c
      - image: a2
        name: a
        ports:
        - containerPort: 82
        - containerPort: 80
          name: http2
          protocol: TCP
        - containerPort: 81
          name: p81
      - image: b
        name: b
      finalizers:
      - a
      resourceClaims:
      - name: "y"
        source:
          resourceClaimName: y2
      tolerations:
      - key: k2
)Y");
}

TEST(StrategicMergeTest, PatchOrderForMergedElementsAndElementDelete) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  finalizers: [x, y]
spec:
  template:
    metadata:
      labels: {a: b}
    spec:
      containers:
      - name: a
        image: a
        args: [1, 2]
      - name: b
        image: b
      volumes:
      - name: v
        emptyDir: {}
      - name: u
        emptyDir: {}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: c
        image: c
      - name: b
        image: b2
      - name: d
        image: d
      - name: a
        image: a2
      volumes:
      - name: v
        $patch: delete
      - name: w
        emptyDir: {}
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - x
  - "y"
  name: d
spec:
  template:
    metadata:
      labels:
        a: b
    spec:
      containers:
      - image: c
        name: c
      - image: b2
        name: b
      - image: d
        name: d
      - args:
        - 1
        - 2
        image: a2
        name: a
      volumes:
      - emptyDir: {}
        name: w
      - emptyDir: {}
        name: u
)Y");
}

TEST(StrategicMergeTest, ListReplaceDirectiveAndPrimitiveMerge) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  finalizers: [x, y]
spec:
  template:
    metadata:
      labels: {a: b}
    spec:
      containers:
      - name: a
        image: a
        args: [1, 2]
      - name: b
        image: b
      volumes:
      - name: v
        emptyDir: {}
      - name: u
        emptyDir: {}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  finalizers: [z, x]
spec:
  template:
    metadata:
      labels: null
    spec:
      containers:
      - name: a
        args: [3]
        $patch: replace
      - $patch: replace
      volumes:
      - name: w
        emptyDir: {}
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - z
  - x
  - "y"
  name: d
spec:
  template:
    metadata: {}
    spec:
      containers:
      - args:
        - 3
        name: a
      volumes:
      - emptyDir: {}
        name: w
      - emptyDir: {}
        name: v
      - emptyDir: {}
        name: u
)Y");
}

TEST(StrategicMergeTest, DollarKeysOtherThanPatchAreCopied) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1}
  template:
    spec:
      containers:
      - name: a
        image: a
        args: [x, y, z]
        env:
        - name: E1
          value: "1"
        - name: E2
          value: "2"
      nodeSelector: {a: b, c: d}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  strategy:
    $retainKeys: [type]
    type: Recreate
  template:
    spec:
      $setElementOrder/containers:
      - name: a
      nodeSelector:
        $patch: replace
        e: f
      containers:
      - name: a
        $deleteFromPrimitiveList/args: [y]
        env:
        - name: E0
          value: "0"
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  strategy:
    $retainKeys:
    - type
    rollingUpdate:
      maxSurge: 1
    type: Recreate
  template:
    spec:
      $setElementOrder/containers:
      - name: a
      containers:
      - $deleteFromPrimitiveList/args:
        - "y"
        args:
        - x
        - "y"
        - z
        env:
        - name: E0
          value: "0"
        - name: E1
          value: "1"
        - name: E2
          value: "2"
        image: a
        name: a
      nodeSelector:
        e: f
)Y");
}

TEST(StrategicMergeTest, ServicePortsByPortAndProtocol) {
  EXPECT_EQ(Merge(R"Y(apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  selector: {a: null}
  clusterIP: null
  ports:
  - port: 80
    name: http
  - port: 443
    protocol: TCP
    name: https
  - port: 53
    protocol: UDP
    name: dns
)Y",
                  R"Y(apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
  - port: 80
    targetPort: 8080
  - port: 53
    protocol: TCP
    name: dnstcp
  - port: 443
    name: https2
)Y"),
            R"Y(apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  clusterIP: null
  ports:
  - name: dnstcp
    port: 53
    protocol: TCP
  - name: http
    port: 80
    targetPort: 8080
  - name: https
    port: 443
    protocol: TCP
  - name: dns
    port: 53
    protocol: UDP
  selector:
    a: null
)Y");
}

TEST(StrategicMergeTest, CustomResourceListsReplaced) {
  EXPECT_EQ(Merge(R"Y(apiVersion: example.com/v1
kind: Foo
metadata:
  name: f
spec:
  containers:
  - name: a
    image: a
  finalizers: [a]
  x: {y: 1}
)Y",
                  R"Y(apiVersion: example.com/v1
kind: Foo
metadata:
  name: f
spec:
  containers:
  - name: b
  finalizers: [b]
  x: {z: 2}
)Y"),
            R"Y(apiVersion: example.com/v1
kind: Foo
metadata:
  name: f
spec:
  containers:
  - name: b
  finalizers:
  - b
  x:
    "y": 1
    z: 2
)Y");
}

TEST(StrategicMergeTest, ListDeleteDirective) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - $patch: delete
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, DirectivesOnNewList) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      initContainers:
      - name: i
        $patch: replace
      - name: j
        $patch: delete
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - image: a
        name: a
      - image: b
        name: b
      hostname: null
      initContainers:
      - name: i
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, ElementWithoutKeyDropsNamedTargets) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - image: x
      - name: a
        image: a2
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - image: a2
        name: a
      hostname: null
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, EmptyElementDropsNamedTargets) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - {}
      - name: c
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: c
      hostname: null
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, TopLevelReplaceChangesNothing) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
$patch: replace
spec:
  replicas: 2
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - image: a
        name: a
      - image: b
        name: b
      hostname: null
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, TargetNullKept) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostname: null
      containers:
      - name: a
        image: a
      - name: b
        image: b
      volumes:
      - name: v
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 2
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 2
  template:
    spec:
      containers:
      - image: a
        name: a
      - image: b
        name: b
      hostname: null
      volumes:
      - name: v
)Y");
}

TEST(StrategicMergeTest, CronJobOwnerReferencesByUid) {
  EXPECT_EQ(Merge(R"Y(apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
  ownerReferences:
  - {uid: u1, name: a, kind: K, apiVersion: v1}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - {name: a, image: a}
)Y",
                  R"Y(apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
  ownerReferences:
  - {uid: u2, name: b, kind: K, apiVersion: v1}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - {name: b, image: b}
)Y"),
            R"Y(apiVersion: batch/v1
kind: CronJob
metadata:
  name: c
  ownerReferences:
  - apiVersion: v1
    kind: K
    name: b
    uid: u2
  - apiVersion: v1
    kind: K
    name: a
    uid: u1
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - image: b
            name: b
          - image: a
            name: a
)Y");
}

TEST(StrategicMergeTest, OldApiVersionListsReplaced) {
  EXPECT_EQ(Merge(R"Y(apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - {name: a, image: a}
)Y",
                  R"Y(apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - {name: b, image: b}
)Y"),
            R"Y(apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - image: b
        name: b
)Y");
}

TEST(StrategicMergeTest, WebhooksByName) {
  EXPECT_EQ(Merge(R"Y(apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: m
webhooks:
- {name: a, sideEffects: None}
)Y",
                  R"Y(apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: m
webhooks:
- {name: b, sideEffects: None}
)Y"),
            R"Y(apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: m
webhooks:
- name: b
  sideEffects: None
- name: a
  sideEffects: None
)Y");
}

TEST(StrategicMergeTest, ServiceAccountSecretsMergedPullSecretsReplaced) {
  EXPECT_EQ(Merge(R"Y(apiVersion: v1
kind: ServiceAccount
metadata:
  name: s
secrets:
- name: a
imagePullSecrets:
- name: a
)Y",
                  R"Y(apiVersion: v1
kind: ServiceAccount
metadata:
  name: s
secrets:
- name: b
imagePullSecrets:
- name: b
)Y"),
            R"Y(apiVersion: v1
imagePullSecrets:
- name: b
kind: ServiceAccount
metadata:
  name: s
secrets:
- name: b
- name: a
)Y");
}

TEST(StrategicMergeTest, ElementReplaceDirectiveIgnored) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  template:
    spec:
      containers:
      - {name: a, image: a, args: [x]}
      - {name: b, image: b}
  volumeClaimTemplates:
  - metadata: {name: a}
    spec: {storageClassName: x}
)Y",
                  R"Y(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  template:
    spec:
      containers:
      - name: a
        image: a2
        $patch: replace
  volumeClaimTemplates:
  - metadata: {name: b}
)Y"),
            R"Y(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  template:
    spec:
      containers:
      - args:
        - x
        image: a
        name: a
      - image: b
        name: b
  volumeClaimTemplates:
  - metadata:
      name: b
)Y");
}

TEST(StrategicMergeTest, NullDeletesScalarMapAndList) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 1
  selector: {matchLabels: {a: b}}
  template:
    spec:
      containers:
      - {name: a, image: a, args: [x]}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: null
  selector: null
  template:
    spec:
      containers:
      - name: a
        args: null
        image: ~
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: a
)Y");
}

TEST(StrategicMergeTest, MapReplaceDeleteDirectives) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b, c: d}, annotations: {x: y}}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    $patch: delete
  template:
    metadata:
      labels:
        $patch: replace
        e: f
      annotations:
        z: w
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    metadata:
      annotations:
        x: "y"
        z: w
      labels:
        e: f
)Y");
}

TEST(StrategicMergeTest, EnvAndVolumeMounts) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: a
        env: [{name: A, value: '1'}, {name: B, value: '2'}]
        volumeMounts: [{name: v, mountPath: /a}, {name: w, mountPath: /b}]
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - name: a
        env: [{name: C, value: '3'}, {name: A, value: '9'}, {name: B, $patch: delete}]
        volumeMounts: [{name: v2, mountPath: /a}, {name: x, mountPath: /c}]
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      containers:
      - env:
        - name: C
          value: "3"
        - name: A
          value: "9"
        name: a
        volumeMounts:
        - mountPath: /a
          name: v2
        - mountPath: /c
          name: x
        - mountPath: /b
          name: w
)Y");
}

TEST(StrategicMergeTest, PodPortsWithoutProtocol) {
  EXPECT_EQ(Merge(R"Y(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    ports: [{containerPort: 80, name: h}, {containerPort: 90, protocol: UDP}]
)Y",
                  R"Y(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    ports: [{containerPort: 80, name: h2}, {containerPort: 91}]
)Y"),
            R"Y(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    ports:
    - containerPort: 91
    - containerPort: 80
      name: h2
    - containerPort: 90
      protocol: UDP
)Y");
}

TEST(StrategicMergeTest, TolerationsReplaced) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      tolerations: [{key: a}]
      imagePullSecrets: [{name: a}]
      hostAliases: [{ip: 1.1.1.1, hostnames: [a]}]
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      tolerations: [{key: b}]
      imagePullSecrets: [{name: b}]
      hostAliases: [{ip: 2.2.2.2, hostnames: [b]}, {ip: 1.1.1.1, hostnames: [c]}]
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      hostAliases:
      - hostnames:
        - b
        ip: 2.2.2.2
      - hostnames:
        - c
        ip: 1.1.1.1
      imagePullSecrets:
      - name: b
      - name: a
      tolerations:
      - key: b
)Y");
}

TEST(StrategicMergeTest, AddsFieldsAndNewMaps) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 1
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  labels: {a: b}
  finalizers: [f]
spec:
  template:
    spec:
      containers: [{name: a, image: a}]
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  finalizers:
  - f
  labels:
    a: b
  name: d
spec:
  replicas: 1
  template:
    spec:
      containers:
      - image: a
        name: a
)Y");
}

TEST(StrategicMergeTest, TopologySpreadByKeyAndWhen) {
  EXPECT_EQ(Merge(R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      topologySpreadConstraints:
      - {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}
      - {topologyKey: host, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}
)Y",
                  R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      topologySpreadConstraints:
      - {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 2}
      - {topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 3}
)Y"),
            R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      topologySpreadConstraints:
      - maxSkew: 3
        topologyKey: zone
        whenUnsatisfiable: ScheduleAnyway
      - maxSkew: 2
        topologyKey: zone
        whenUnsatisfiable: DoNotSchedule
      - maxSkew: 1
        topologyKey: host
        whenUnsatisfiable: DoNotSchedule
)Y");
}

TEST(StrategicMergeTest, TopLevelDeleteRemovesObject) {
  EXPECT_EQ(Merge("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                  "$patch: delete\n"),
            "");
}

TEST(StrategicMergeTest, UnknownDirectiveIsAnErrorAtItsPosition) {
  EXPECT_EQ(Merge("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                  "data: {a: b}\n",
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                  "data:\n  $patch: foo\n"),
            "ERROR: patch.yaml:6:11: error: unknown patch strategy 'foo'");
}

TEST(StrategicMergeTest, ScalarForMapIsAnError) {
  EXPECT_EQ(Merge("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                  "data: {a: b}\n",
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                  "data: 5\n"),
            "ERROR: patch.yaml:5:7: error: wrong node kind: expected "
            "MappingNode but got ScalarNode");
}

}  // namespace
}  // namespace ferry::kustomize
