#include "repo/flux.h"

#include <gtest/gtest.h>

#include <vector>

#include "yaml/parse.h"

namespace ferry::repo {
namespace {

struct Parsed {
  FluxObjects objs;
  std::vector<Diagnostic> diags;
  std::string Errors() const {
    std::string s;
    for (const Diagnostic& d : diags) {
      if (d.severity == Severity::kError) s += d.ToString() + "\n";
    }
    return s;
  }
  std::string Warnings() const {
    std::string s;
    for (const Diagnostic& d : diags) {
      if (d.severity == Severity::kWarning) s += d.ToString() + "\n";
    }
    return s;
  }
};

Parsed Read(const std::string& text) {
  std::vector<yaml::Node> docs;
  Status st = yaml::ParseDocuments(text, "k8s/app/sync.yaml", &docs);
  EXPECT_TRUE(st.ok()) << st.message();
  Parsed p;
  ReadFluxObjects(docs, &p.objs, &p.diags);
  return p;
}

const char kFullKustomization[] = R"(apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: server
  namespace: flux-system
  labels: {team: web}
spec:
  interval: 10m
  retryInterval: 1m30s
  timeout: 5m
  path: ./k8s/server
  prune: true
  deletionPolicy: Orphan
  dependsOn:
    - name: cnpg-system
    - name: cert-manager
      namespace: flux-system
  sourceRef:
    kind: GitRepository
    name: flux-system
  targetNamespace: server
  namePrefix: p-
  nameSuffix: -s
  commonMetadata:
    labels: {app: server}
    annotations: {owner: me}
  patches:
    - patch: |
        - op: replace
          path: /spec/replicas
          value: 2
      target:
        kind: Deployment
        name: web
  images:
    - name: web
      newTag: v2
  components: [../components/a]
  decryption:
    provider: sops
    secretRef:
      name: sops-gcp
  postBuild:
    substitute:
      domain: example.com
      replicas: "3"
    substituteFrom:
      - kind: ConfigMap
        name: vars
      - kind: Secret
        name: secret-vars
        optional: true
  healthChecks:
    - apiVersion: apps/v1
      kind: Deployment
      name: web
      namespace: server
  healthCheckExprs:
    - apiVersion: postgresql.cnpg.io/v1
      kind: Cluster
      current: status.phase == "Cluster in healthy state"
  wait: true
  force: false
  suspend: false
  serviceAccountName: kustomize-controller
  kubeConfig:
    secretRef:
      name: remote
      key: value
)";

TEST(FluxTest, ReadsEveryKustomizationField) {
  Parsed p = Read(kFullKustomization);
  EXPECT_EQ(p.Errors(), "");
  EXPECT_EQ(p.Warnings(), "");
  ASSERT_EQ(p.objs.kustomizations.size(), 1u);
  const Kustomization& k = p.objs.kustomizations[0];
  EXPECT_EQ(k.meta.Key(), "flux-system/server");
  EXPECT_EQ(k.meta.Version(), "v1");
  EXPECT_EQ(k.meta.labels.at("team"), "web");
  const KustomizationSpec& s = k.spec;
  EXPECT_EQ(s.interval->nanos, 600'000'000'000);
  EXPECT_EQ(s.retry_interval->ToString(), "1m30s");
  EXPECT_EQ(s.timeout->text, "5m");
  EXPECT_EQ(*s.path, "./k8s/server");
  EXPECT_TRUE(*s.prune);
  EXPECT_EQ(s.deletion_policy, "Orphan");
  ASSERT_EQ(s.depends_on.size(), 2u);
  EXPECT_EQ(s.depends_on[0].name, "cnpg-system");
  EXPECT_EQ(s.depends_on[0].mark.line, 15u);
  EXPECT_EQ(s.depends_on[1].namespace_, "flux-system");
  EXPECT_EQ(s.source_ref.kind, "GitRepository");
  EXPECT_EQ(s.source_ref.name, "flux-system");
  EXPECT_EQ(s.target_namespace, "server");
  EXPECT_EQ(s.name_prefix, "p-");
  EXPECT_EQ(s.name_suffix, "-s");
  EXPECT_EQ(s.common_labels->at("app"), "server");
  EXPECT_EQ(s.common_annotations->at("owner"), "me");
  ASSERT_EQ(s.patches.size(), 1u);
  EXPECT_EQ(s.patches[0].target->kind, "Deployment");
  EXPECT_NE(s.patches[0].patch.find("/spec/replicas"), std::string::npos);
  EXPECT_EQ(s.images.at(0).new_tag, "v2");
  EXPECT_EQ(s.components.at(0), "../components/a");
  EXPECT_EQ(s.decryption->provider, "sops");
  EXPECT_EQ(s.decryption->secret_ref->name, "sops-gcp");
  EXPECT_EQ(s.post_build->substitute.at("replicas"), "3");
  ASSERT_EQ(s.post_build->substitute_from.size(), 2u);
  EXPECT_EQ(s.post_build->substitute_from[1].kind, "Secret");
  EXPECT_TRUE(s.post_build->substitute_from[1].optional);
  EXPECT_EQ(s.health_checks.at(0).namespace_, "server");
  EXPECT_EQ(s.health_check_exprs.at(0).kind, "Cluster");
  EXPECT_TRUE(*s.wait);
  EXPECT_FALSE(*s.force);
  EXPECT_FALSE(*s.suspend);
  EXPECT_EQ(s.service_account_name, "kustomize-controller");
  EXPECT_EQ(s.kube_config->secret_ref->key, "value");
  yaml::Mark m = k.meta.MarkOf({"spec", "path"});
  EXPECT_EQ(m.line, 11u);
  EXPECT_EQ(m.col, 9u);
  EXPECT_EQ(p.objs.FindKustomization("server"), &k);
  EXPECT_EQ(p.objs.FindKustomization("server", "other"), nullptr);
}

TEST(FluxTest, WrongTypesAndDurationsAreErrorsAtTheirPosition) {
  Parsed p = Read(R"(apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: app
spec:
  interval: 1d
  timeout: 300ns
  prune: "yes"
  wait: yes
  sourceRef:
    kind: GitRepo
    name: flux-system
  postBuild:
    substitute:
      replicas: 3
  dependsOn:
    - namespace: x
)");
  EXPECT_EQ(
      p.Errors(),
      "k8s/app/sync.yaml:6:13: error: spec.interval: time: unknown unit \"d\" "
      "in duration \"1d\" [flux-duration]\n"
      "k8s/app/sync.yaml:7:12: error: spec.timeout: \"300ns\" does not match "
      "the pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$ of the Flux API "
      "[flux-duration]\n"
      "k8s/app/sync.yaml:8:11: error: spec.prune: expected a boolean, got "
      "string \"yes\" [flux-field-type]\n"
      "k8s/app/sync.yaml:17:7: error: spec.dependsOn[0].name: required field "
      "is missing [flux-field-required]\n"
      "k8s/app/sync.yaml:11:11: error: spec.sourceRef.kind: \"GitRepo\" is not "
      "one of OCIRepository, GitRepository, Bucket [flux-field-enum]\n"
      "k8s/app/sync.yaml:15:17: error: spec.postBuild.substitute.replicas: "
      "expected a string, got integer 3 (quote it) [flux-field-type]\n"
      "k8s/app/sync.yaml:9:9: error: spec.wait: expected a boolean, got "
      "string \"yes\" (write true or false) [flux-field-type]\n");
  // The object is kept with what could be read.
  ASSERT_EQ(p.objs.kustomizations.size(), 1u);
  EXPECT_EQ(p.objs.kustomizations[0].spec.source_ref.name, "flux-system");
}

TEST(FluxTest, ParseFluxObjectsFailsWithEveryError) {
  std::vector<yaml::Node> docs;
  ASSERT_TRUE(yaml::ParseDocuments(R"(apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: app
spec:
  interval: 10
  sourceRef: {kind: GitRepository, name: x}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: b}
spec: {interval: "10", prune: true, sourceRef: {kind: GitRepository, name: x}}
)",
                                   "sync.yaml", &docs)
                  .ok());
  FluxObjects objs;
  std::vector<Diagnostic> warnings;
  Status st = ParseFluxObjects(docs, &objs, &warnings);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "sync.yaml:6:13: error: spec.interval: expected a string, got "
            "integer 10 (quote it)\n"
            "sync.yaml:6:3: error: spec.prune: required field is missing"
            "\nsync.yaml:12:19: error: spec.interval: time: missing unit in "
            "duration \"10\"");
}

TEST(FluxTest, OlderVersionsAreReadWithADeprecationWarning) {
  Parsed p = Read(R"(apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
kind: Kustomization
metadata:
  name: old
spec:
  interval: 5m
  prune: false
  validation: client
  sourceRef:
    kind: GitRepository
    name: flux-system
  patchesStrategicMerge:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec: {replicas: 1}
  patchesJson6902:
    - target: {group: apps, version: v1, kind: Deployment, name: web}
      patch:
        - op: add
          path: /metadata/labels/x
          value: y
---
apiVersion: kustomize.toolkit.fluxcd.io/v1beta1
kind: Kustomization
metadata:
  name: older
spec:
  interval: 5m
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}
)");
  EXPECT_EQ(p.Errors(), "");
  EXPECT_EQ(p.Warnings(),
            "k8s/app/sync.yaml:1:13: warning: "
            "kustomize.toolkit.fluxcd.io/v1beta2 Kustomization is deprecated; "
            "use kustomize.toolkit.fluxcd.io/v1 [flux-deprecated-api]\n"
            "k8s/app/sync.yaml:24:13: warning: "
            "kustomize.toolkit.fluxcd.io/v1beta1 Kustomization is deprecated; "
            "use kustomize.toolkit.fluxcd.io/v1 [flux-deprecated-api]\n");
  ASSERT_EQ(p.objs.kustomizations.size(), 2u);
  const KustomizationSpec& s = p.objs.kustomizations[0].spec;
  EXPECT_EQ(s.validation, "client");
  ASSERT_EQ(s.patches_strategic_merge.size(), 1u);
  EXPECT_EQ(s.patches_strategic_merge[0].GetPath({"metadata", "name"})->value(),
            "web");
  ASSERT_EQ(s.patches_json6902.size(), 1u);
  EXPECT_EQ(s.patches_json6902[0].target.kind, "Deployment");
  EXPECT_EQ(s.patches_json6902[0].patch.items().size(), 1u);
}

TEST(FluxTest, UnknownFieldsWarnWithAHint) {
  Parsed p = Read(R"(apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: app
spec:
  interval: 5m
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}
  depends_on:
    - name: other
  patchesStrategicMerge: []
)");
  EXPECT_EQ(p.Errors(), "");
  EXPECT_EQ(
      p.Warnings(),
      "k8s/app/sync.yaml:11:3: warning: spec.patchesStrategicMerge: not a "
      "field of kustomize.toolkit.fluxcd.io/v1 (it was removed with "
      "v1beta2); use spec.patches [flux-unknown-field]\n"
      "k8s/app/sync.yaml:9:3: warning: spec.depends_on: unknown field "
      "(did you mean \"dependsOn\"?) [flux-unknown-field]\n");
}

TEST(FluxTest, SourcesImagesNotificationsAndUnknownKinds) {
  Parsed p = Read(R"(apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ssh://git@github.com/PHACDataHub/cpho-phase2
  ignore: |
    /*
    !/k8s
  recurseSubmodules: true
---
apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata: {name: podinfo}
spec:
  interval: 10m
  url: oci://ghcr.io/stefanprodan/manifests/podinfo
  ref: {semver: ">=6.0.0"}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: cnpg}
spec:
  interval: 24h
  url: https://cloudnative-pg.github.io/charts
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
metadata: {name: server}
spec:
  image: northamerica-northeast1-docker.pkg.dev/p/r/server
  interval: 5m
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: server}
spec:
  imageRepositoryRef: {name: server}
  filterTags:
    pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)'
    extract: '$ts'
  policy:
    numerical: {order: asc}
---
apiVersion: image.toolkit.fluxcd.io/v1beta1
kind: ImageUpdateAutomation
metadata: {name: server}
spec:
  interval: 5m
  sourceRef: {kind: GitRepository, name: flux-system}
  git:
    checkout:
      ref: {branch: main}
    commit:
      author: {email: fluxcdbot@users.noreply.github.com, name: fluxcdbot}
      messageTemplate: '{{range .Updated.Images}}{{println .}}{{end}}'
    push: {branch: main}
  update:
    path: ./k8s
    strategy: Setters
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: {name: slack}
spec:
  type: slack
  channel: alerts
  secretRef: {name: slack-url}
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: all}
spec:
  providerRef: {name: slack}
  eventSeverity: error
  eventSources:
    - kind: Kustomization
      name: '*'
---
apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: {name: github}
spec:
  type: github
  events: [ping, push]
  secretRef: {name: webhook-token}
  resources:
    - kind: GitRepository
      name: flux-system
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: cnpg}
spec:
  anything: [goes]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: vars}
data: {a: b}
)");
  EXPECT_EQ(p.Errors(), "");
  const FluxObjects& o = p.objs;
  ASSERT_EQ(o.git_repositories.size(), 1u);
  const GitRepositorySpec& g = o.git_repositories[0].spec;
  EXPECT_EQ(g.ref->branch, "main");
  EXPECT_EQ(g.secret_ref->name, "flux-system");
  EXPECT_EQ(g.interval->ToString(), "1m0s");
  EXPECT_EQ(*g.ignore, "/*\n!/k8s\n");
  EXPECT_TRUE(*g.recurse_submodules);
  EXPECT_EQ(o.FindGitRepository("flux-system", "flux-system"),
            &o.git_repositories[0]);
  EXPECT_EQ(o.oci_repositories.at(0).spec.ref->semver, ">=6.0.0");
  EXPECT_EQ(o.helm_repositories.at(0).spec.url,
            "https://cloudnative-pg.github.io/charts");
  EXPECT_EQ(o.image_repositories.at(0).spec.interval->text, "5m");
  const ImagePolicySpec& ip = o.image_policies.at(0).spec;
  EXPECT_EQ(ip.image_repository_ref.name, "server");
  EXPECT_EQ(ip.policy.kind, "numerical");
  EXPECT_EQ(ip.policy.numerical_order, "asc");
  EXPECT_EQ(ip.filter_extract, "$ts");
  const ImageUpdateAutomationSpec& iua = o.image_update_automations.at(0).spec;
  EXPECT_EQ(iua.checkout_branch, "main");
  EXPECT_EQ(iua.commit_author_name, "fluxcdbot");
  EXPECT_EQ(iua.push_branch, "main");
  EXPECT_EQ(iua.update_path, "./k8s");
  EXPECT_EQ(o.providers.at(0).spec.channel, "alerts");
  EXPECT_EQ(o.alerts.at(0).spec.event_sources.at(0).name, "*");
  EXPECT_EQ(o.receivers.at(0).spec.events.size(), 2u);
  ASSERT_EQ(o.others.size(), 2u);
  EXPECT_EQ(o.others[0].meta.kind, "HelmRelease");
  EXPECT_EQ(o.others[1].meta.kind, "ConfigMap");
  // Deprecated versions: OCIRepository v1beta2, image v1beta2 x2, v1beta1.
  EXPECT_EQ(std::count_if(p.diags.begin(), p.diags.end(),
                          [](const Diagnostic& d) {
                            return d.rule == "flux-deprecated-api";
                          }),
            4);
}

TEST(FluxTest, SourceAndObjectErrors) {
  Parsed p = Read(R"(apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: repo}
spec:
  interval: 1m
  timeout: 1h
  url: git@github.com:org/repo
---
- not
- an object
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: {name: p}
spec:
  imageRepositoryRef: {name: r}
  policy: {}
)");
  EXPECT_EQ(
      p.Errors(),
      "k8s/app/sync.yaml:7:8: error: spec.url: \"git@github.com:org/repo\" "
      "does not match ^(http|https|ssh)://.*$ (write ssh://git@host/org/repo, "
      "not git@host:org/repo) [flux-field-type]\n"
      "k8s/app/sync.yaml:6:12: error: spec.timeout: \"1h\" does not match the "
      "pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$ of the Flux API "
      "[flux-duration]\n"
      "k8s/app/sync.yaml:9:1: error: expected a Kubernetes object (a "
      "mapping), got a sequence [flux-object]\n"
      "k8s/app/sync.yaml:17:11: error: spec.policy: exactly one of semver, "
      "alphabetical, numerical must be set [flux-field-required]\n");
}

}  // namespace
}  // namespace ferry::repo
