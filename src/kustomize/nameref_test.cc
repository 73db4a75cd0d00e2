#include "kustomize/nameref.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Objects as the build has them when it fixes references: each test states
// the kubectl input it mirrors, renames objects as kustomize's transformers
// would (Rename), and checks the fields kubectl's output shows.
ResMap Load(std::string_view text) {
  std::vector<yaml::Node> docs;
  Status st = yaml::ParseDocuments(text, "test.yaml", &docs);
  EXPECT_TRUE(st.ok()) << st.message();
  ResMap m;
  for (yaml::Node& d : docs) {
    Resource r;
    r.node = std::move(d);
    m.push_back(std::move(r));
  }
  return m;
}

Resource* Find(ResMap* m, std::string_view kind, std::string_view name,
               std::string_view ns = "") {
  for (Resource& r : *m) {
    k8s::ResId id = r.CurId();
    if (id.gvk.kind == kind && id.name == name && id.ns == ns) return &r;
  }
  ADD_FAILURE() << "no " << kind << " " << name;
  return nullptr;
}


// What PrefixSuffixTransformer does: records the prefix/suffix, stores the
// previous id, renames.
void AddPrefixSuffix(Resource* r, std::string_view prefix,
                     std::string_view suffix = "") {
  if (!prefix.empty()) r->name_prefixes.emplace_back(prefix);
  if (!suffix.empty()) r->name_suffixes.emplace_back(suffix);
  r->StorePreviousId();
  r->SetName(std::string(prefix) + std::string(r->Name()) +
             std::string(suffix));
}

// What the hash suffix (or the namespace transformer) does.
void Rename(Resource* r, std::string_view name, std::string_view ns = "") {
  r->StorePreviousId();
  r->SetName(name);
  if (!ns.empty()) r->SetNamespace(ns);
}

std::string At(const Resource* r, std::initializer_list<std::string_view> p) {
  const yaml::Node* n = r->node.GetPath(p);
  return n ? n->value() : "<absent>";
}

const yaml::Node& Item(const Resource* r,
                       std::initializer_list<std::string_view> p, size_t i) {
  return r->node.GetPath(p)->items().at(i);
}

Status Fix(ResMap* m) {
  return FixNameReferences(DefaultTransformerConfig(), m);
}

// kustomization.yaml:
//   namePrefix: p-
//   configMapGenerator: [{name: cfg, literals: [a=1]}]
//   secretGenerator: [{name: pull, literals: [k=v]}]
//   resources: [deploy.yaml]
// kubectl: p-cfg-h29d89cmmt and p-pull-ftgtgc4t9f everywhere below, the
// imagePullSecret "other" (not in the build) unchanged.
TEST(NameRef, GeneratedConfigMapAndSecretInDeployment) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: v1
kind: Secret
metadata:
  name: pull
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      imagePullSecrets:
      - name: pull
      - name: other
      containers:
      - name: app
        envFrom:
        - configMapRef:
            name: cfg
        env:
        - name: A
          valueFrom:
            configMapKeyRef:
              name: cfg
              key: a
      volumes:
      - name: v
        configMap:
          name: cfg
      - name: p
        projected:
          sources:
          - configMap:
              name: cfg
          - secret:
              name: pull
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "p-");
  Rename(Find(&m, "ConfigMap", "p-cfg"), "p-cfg-h29d89cmmt");
  Rename(Find(&m, "Secret", "p-pull"), "p-pull-ftgtgc4t9f");
  ASSERT_TRUE(Fix(&m).ok());
  const Resource* d = Find(&m, "Deployment", "p-web");
  const yaml::Node& spec = *d->node.GetPath({"spec", "template", "spec"});
  EXPECT_EQ(spec.Get("imagePullSecrets")->items()[0].GetString("name"),
            "p-pull-ftgtgc4t9f");
  EXPECT_EQ(spec.Get("imagePullSecrets")->items()[1].GetString("name"),
            "other");
  const yaml::Node& c = spec.Get("containers")->items()[0];
  EXPECT_EQ(
      c.Get("envFrom")->items()[0].GetPath({"configMapRef", "name"})->value(),
      "p-cfg-h29d89cmmt");
  EXPECT_EQ(c.Get("env")
                ->items()[0]
                .GetPath({"valueFrom", "configMapKeyRef", "name"})
                ->value(),
            "p-cfg-h29d89cmmt");
  const yaml::Node& vols = *spec.Get("volumes");
  EXPECT_EQ(vols.items()[0].GetPath({"configMap", "name"})->value(),
            "p-cfg-h29d89cmmt");
  const yaml::Node& sources =
      *vols.items()[1].GetPath({"projected", "sources"});
  EXPECT_EQ(sources.items()[0].GetPath({"configMap", "name"})->value(),
            "p-cfg-h29d89cmmt");
  EXPECT_EQ(sources.items()[1].GetPath({"secret", "name"})->value(),
            "p-pull-ftgtgc4t9f");
}

// testdata b-087: namePrefix ops-, nameSuffix -v2 over a Role, ClusterRole
// and bindings. kubectl: roleRef names follow the Role / ClusterRole of the
// roleRef's kind; the ClusterRole "admin" (not in the build) is untouched.
TEST(NameRef, RoleRefFollowsRoleAndClusterRole) {
  ResMap m = Load(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: apps
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-config
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-nodes
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: nodes-in-ns
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: external
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "ops-", "-v2");
  ASSERT_TRUE(Fix(&m).ok());
  EXPECT_EQ(At(Find(&m, "RoleBinding", "ops-read-config-v2", "apps"),
               {"roleRef", "name"}),
            "ops-config-reader-v2");
  EXPECT_EQ(At(Find(&m, "ClusterRoleBinding", "ops-read-nodes-v2"),
               {"roleRef", "name"}),
            "ops-node-reader-v2");
  EXPECT_EQ(At(Find(&m, "RoleBinding", "ops-nodes-in-ns-v2", "apps"),
               {"roleRef", "name"}),
            "ops-node-reader-v2");
  EXPECT_EQ(At(Find(&m, "RoleBinding", "ops-external-v2", "apps"),
               {"roleRef", "name"}),
            "admin");
}

// A roleRef of kind Role does not pick a renamed ClusterRole of that name.
TEST(NameRef, RoleRefKindMustMatch) {
  ResMap m = Load(R"(apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
)");
  AddPrefixSuffix(&m[0], "p-");
  ASSERT_TRUE(Fix(&m).ok());
  EXPECT_EQ(At(&m[1], {"roleRef", "name"}), "reader");
}

// kustomization.yaml: namePrefix: p-; resources: ServiceAccounts sa (ns1)
// and sa2 (no namespace), and
//   kind: RoleBinding, metadata: {name: rb, namespace: other}
//   subjects:
//   - {name: sa, kind: ServiceAccount}
//   - {namespace: ns1, name: sa, kind: ServiceAccount}
//   - {name: sa2, kind: ServiceAccount, namespace: default}
//   - {name: sa2, kind: User}
//   - {name: sa, kind: Group}
// kubectl: the RoleBinding may reference ns1 (a subject names it), so "sa"
// becomes p-sa and gets namespace ns1 -- whatever the subject's kind; sa2
// (namespace "" is not "default" for that rule) is out of reach.
TEST(NameRef, RoleBindingSubjectsGetNameAndNamespace) {
  ResMap m = Load(R"(apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
  namespace: ns1
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa2
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
  namespace: other
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- name: sa
  kind: ServiceAccount
- namespace: ns1
  name: sa
  kind: ServiceAccount
- name: sa2
  kind: ServiceAccount
  namespace: default
- name: sa2
  kind: User
- name: sa
  kind: Group
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "p-");
  ASSERT_TRUE(Fix(&m).ok());
  const Resource* rb = Find(&m, "RoleBinding", "p-rb", "other");
  const yaml::Node& s0 = Item(rb, {"subjects"}, 0);
  EXPECT_EQ(s0.GetString("name"), "p-sa");
  EXPECT_EQ(s0.GetString("namespace"), "ns1");
  EXPECT_EQ(Item(rb, {"subjects"}, 1).GetString("name"), "p-sa");
  EXPECT_EQ(Item(rb, {"subjects"}, 2).GetString("name"), "sa2");
  EXPECT_EQ(Item(rb, {"subjects"}, 2).GetString("namespace"), "default");
  EXPECT_EQ(Item(rb, {"subjects"}, 3).GetString("name"), "sa2");
  EXPECT_EQ(Item(rb, {"subjects"}, 3).Get("namespace"), nullptr);
  EXPECT_EQ(Item(rb, {"subjects"}, 4).GetString("name"), "p-sa");
  EXPECT_EQ(Item(rb, {"subjects"}, 4).GetString("namespace"), "ns1");
}

// testdata b-095: base (ServiceAccount sa, RoleBinding rb with subject
// {kind: ServiceAccount, name: sa, namespace: default}, Deployment app,
// generated ConfigMap cfg); overlay: namespace: prod, namePrefix: prod-.
// kubectl: subject becomes {name: prod-sa, namespace: prod};
// serviceAccountName prod-sa; envFrom prod-cfg-h29d89cmmt.
TEST(NameRef, NamespaceChangeFollowsSubjectsFromDefault) {
  ResMap m = Load(R"(apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: sa
  namespace: default
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      serviceAccountName: sa
      containers:
      - name: app
        envFrom:
        - configMapRef:
            name: cfg
)");
  for (Resource& r : m) {
    Rename(&r, std::string(r.Name()), "prod");
    AddPrefixSuffix(&r, "prod-");
  }
  Rename(Find(&m, "ConfigMap", "prod-cfg", "prod"), "prod-cfg-h29d89cmmt");
  ASSERT_TRUE(Fix(&m).ok());
  const Resource* rb = Find(&m, "RoleBinding", "prod-rb", "prod");
  EXPECT_EQ(Item(rb, {"subjects"}, 0).GetString("name"), "prod-sa");
  EXPECT_EQ(Item(rb, {"subjects"}, 0).GetString("namespace"), "prod");
  const Resource* d = Find(&m, "Deployment", "prod-app", "prod");
  EXPECT_EQ(At(d, {"spec", "template", "spec", "serviceAccountName"}),
            "prod-sa");
  const yaml::Node& c =
      d->node.GetPath({"spec", "template", "spec", "containers"})->items()[0];
  EXPECT_EQ(
      c.Get("envFrom")->items()[0].GetPath({"configMapRef", "name"})->value(),
      "prod-cfg-h29d89cmmt");
}

// kustomization.yaml: namePrefix: p-; resources: Service web, Ingress ing
// (defaultBackend and a rule to web, a rule to "external",
// ingressClassName nginx), IngressClass nginx, PVC data, StatefulSet db
// (serviceName web, claimName data), HPA on StatefulSet db, and a
// ValidatingWebhookConfiguration with clientConfig.service {name: web,
// namespace: default} and {name: web}.
// kubectl: p-web, p-data, p-db everywhere; "external" and the
// ingressClassName unchanged (kustomize's IngressClass entry has group
// "networking.k8s.io/v1", which matches nothing); webhook namespaces stay
// as they were (the Service's namespace is empty).
TEST(NameRef, ServiceIngressStatefulSetPvcHpaWebhook) {
  ResMap m = Load(R"(apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: web
  rules:
  - http:
      paths:
      - backend:
          service:
            name: web
      - backend:
          service:
            name: external
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: web
  template:
    spec:
      volumes:
      - name: d
        persistentVolumeClaim:
          claimName: data
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: db
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: vwc
webhooks:
- name: a.example.com
  clientConfig:
    service:
      name: web
      namespace: default
- name: b.example.com
  clientConfig:
    service:
      name: web
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "p-");
  ASSERT_TRUE(Fix(&m).ok());
  const Resource* ing = Find(&m, "Ingress", "p-ing");
  EXPECT_EQ(At(ing, {"spec", "defaultBackend", "service", "name"}), "p-web");
  EXPECT_EQ(At(ing, {"spec", "ingressClassName"}), "nginx");
  const yaml::Node& paths =
      *Item(ing, {"spec", "rules"}, 0).GetPath({"http", "paths"});
  EXPECT_EQ(paths.items()[0].GetPath({"backend", "service", "name"})->value(),
            "p-web");
  EXPECT_EQ(paths.items()[1].GetPath({"backend", "service", "name"})->value(),
            "external");
  const Resource* sts = Find(&m, "StatefulSet", "p-db");
  EXPECT_EQ(At(sts, {"spec", "serviceName"}), "p-web");
  EXPECT_EQ(sts->node.GetPath({"spec", "template", "spec", "volumes"})
                ->items()[0]
                .GetPath({"persistentVolumeClaim", "claimName"})
                ->value(),
            "p-data");
  EXPECT_EQ(At(Find(&m, "HorizontalPodAutoscaler", "p-hpa"),
               {"spec", "scaleTargetRef", "name"}),
            "p-db");
  const Resource* vwc = Find(&m, "ValidatingWebhookConfiguration", "p-vwc");
  const yaml::Node& a =
      *Item(vwc, {"webhooks"}, 0).GetPath({"clientConfig", "service"});
  EXPECT_EQ(a.GetString("name"), "p-web");
  EXPECT_EQ(a.GetString("namespace"), "default");
  const yaml::Node& b =
      *Item(vwc, {"webhooks"}, 1).GetPath({"clientConfig", "service"});
  EXPECT_EQ(b.GetString("name"), "p-web");
  EXPECT_EQ(b.Get("namespace"), nullptr);
}

// kustomization.yaml: configMapGenerator cfg in ns1 (a=1) and in ns2 (a=2);
// Deployments web in ns1, ns2 and ns3 each mounting configMap cfg.
// kubectl: ns1 -> cfg-h29d89cmmt, ns2 -> cfg-6gtghh96k8, ns3 keeps cfg.
TEST(NameRef, SameConfigMapNameInTwoNamespaces) {
  std::string deploy = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: NS
spec:
  template:
    spec:
      volumes:
      - name: v
        configMap:
          name: cfg
)";
  std::string text = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns2
)";
  for (std::string ns : {"ns1", "ns2", "ns3"}) {
    std::string d = deploy;
    d.replace(d.find("NS"), 2, ns);
    text += "---\n" + d;
  }
  ResMap m = Load(text);
  Rename(Find(&m, "ConfigMap", "cfg", "ns1"), "cfg-h29d89cmmt");
  Rename(Find(&m, "ConfigMap", "cfg", "ns2"), "cfg-6gtghh96k8");
  ASSERT_TRUE(Fix(&m).ok());
  auto volume = [&](std::string_view ns) {
    const Resource* d = Find(&m, "Deployment", "web", ns);
    return d->node.GetPath({"spec", "template", "spec", "volumes"})
        ->items()[0]
        .GetPath({"configMap", "name"})
        ->value();
  };
  EXPECT_EQ(volume("ns1"), "cfg-h29d89cmmt");
  EXPECT_EQ(volume("ns2"), "cfg-6gtghh96k8");
  EXPECT_EQ(volume("ns3"), "cfg");
}

// kustomization.yaml: resources [a, b]; a: namePrefix a-, resources
// ConfigMap cfg and Role r (resourceNames: [cfg]); b: namePrefix b-,
// ConfigMap cfg. kubectl: the Role's resourceNames becomes a-cfg (same
// prefix lineage). With the Role at the top level instead (no prefix), it
// stays cfg.
TEST(NameRef, PrefixLineageChoosesAmongSameNames) {
  const char* text = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: r
rules:
- resourceNames: [cfg]
  resources: [configmaps]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
)";
  {
    ResMap m = Load(text);
    AddPrefixSuffix(&m[0], "a-");
    AddPrefixSuffix(&m[1], "a-");
    AddPrefixSuffix(&m[2], "b-");
    ASSERT_TRUE(Fix(&m).ok());
    EXPECT_EQ(
        Item(&m[1], {"rules"}, 0).Get("resourceNames")->items()[0].value(),
        "a-cfg");
  }
  {
    ResMap m = Load(text);
    AddPrefixSuffix(&m[0], "a-");
    AddPrefixSuffix(&m[2], "b-");
    ASSERT_TRUE(Fix(&m).ok());
    EXPECT_EQ(
        Item(&m[1], {"rules"}, 0).Get("resourceNames")->items()[0].value(),
        "cfg");
  }
}

// kustomization.yaml: configMapGenerator cfg in ns1 (a=1) and ns2 (a=2);
// ClusterRole r with resourceNames [cfg]. kubectl fails:
//   updating name reference in 'rules/resourceNames' field of
//   'ClusterRole.v1.rbac.authorization.k8s.io/r.[noNs]': considering field
//   'rules/resourceNames' of object ClusterRole.v1...: visit traversal on
//   path: [resourceNames]: found multiple possible referrals:
//   ConfigMap.v1.[noGrp]/cfg-h29d89cmmt.ns1,
//   ConfigMap.v1.[noGrp]/cfg-6gtghh96k8.ns2 ...
TEST(NameRef, AmbiguousReferralIsAnError) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns2
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: r
rules:
- resourceNames: [cfg]
  resources: [configmaps]
)");
  Rename(&m[0], "cfg-h29d89cmmt");
  Rename(&m[1], "cfg-6gtghh96k8");
  Status st = Fix(&m);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(
      st.message().find(
          "updating name reference in 'rules/resourceNames' field of "
          "'ClusterRole.v1.rbac.authorization.k8s.io/r.[noNs]': considering "
          "field 'rules/resourceNames' of object "
          "ClusterRole.v1.rbac.authorization.k8s.io/r.[noNs]: visit traversal "
          "on path: [resourceNames]: found multiple possible referrals: "
          "ConfigMap.v1.[noGrp]/cfg-h29d89cmmt.ns1, "
          "ConfigMap.v1.[noGrp]/cfg-6gtghh96k8.ns2"),
      std::string::npos)
      << st.message();
}

// Same names everywhere: several candidates with one current name are one.
TEST(NameRef, IdenticalCandidatesAreOne) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns1
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns2
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: r
rules:
- resourceNames: [cfg]
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "p-");
  ASSERT_TRUE(Fix(&m).ok());
  EXPECT_EQ(Item(&m[2], {"rules"}, 0).Get("resourceNames")->items()[0].value(),
            "p-cfg");
}

// kustomization.yaml: namePrefix: p-; ClusterRole r with
// resourceNames: [[cfg], cfg, 5, null]. kubectl fails: "... visit traversal
// on path: [resourceNames]: &yaml.RNode{...} is expected to be either a
// string or a map of string".
TEST(NameRef, NestedSequenceIsAnError) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: r
rules:
- resourceNames: [[cfg], cfg, 5, null]
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "p-");
  Status st = Fix(&m);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("is expected to be either a string or a map of "
                              "string"),
            std::string::npos)
      << st.message();
}

// A subjects entry without a name is a configuration error in kustomize.
TEST(NameRef, MappingWithoutNameIsAnError) {
  ResMap m = Load(R"(apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: crb
subjects:
- kind: ServiceAccount
)");
  Status st = Fix(&m);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("path config error; no 'name' field in node"),
            std::string::npos);
}

// Nothing renamed: nothing changes (never-renamed objects are no
// candidates), and styles of untouched scalars are kept.
TEST(NameRef, NothingRenamedNothingChanges) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
  - configMap:
      name: "cfg"
)");
  ResMap before = m;
  ASSERT_TRUE(Fix(&m).ok());
  EXPECT_TRUE(m[1].node == before[1].node);
}

// A quoted reference keeps its quoting style when renamed.
TEST(NameRef, ScalarKeepsStyle) {
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
  - configMap:
      name: "cfg"
)");
  AddPrefixSuffix(&m[0], "x-");
  ASSERT_TRUE(Fix(&m).ok());
  const yaml::Node& n = *m[1].node.GetPath({"spec", "volumes"})
                             ->items()[0]
                             .GetPath({"configMap", "name"});
  EXPECT_EQ(n.value(), "x-cfg");
  EXPECT_EQ(n.style(), yaml::Style::kDoubleQuoted);
}

// testdata a-070: crds: [crd.json] declaring Backup spec.configRef as a
// reference to v1 ConfigMap; namePrefix: pre-. kubectl: Backup
// spec.configRef.name becomes pre-web-config.
TEST(NameRef, CrdDeclaredReference) {
  yaml::Node crd;
  ASSERT_TRUE(yaml::ParseDocument(R"({
  "github.com/example/backup/api/v1.Backup": {
    "Schema": {
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"$ref": "k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta"},
        "spec": {"$ref": "github.com/example/backup/api/v1.BackupSpec"}
      }
    }
  },
  "github.com/example/backup/api/v1.BackupSpec": {
    "Schema": {
      "properties": {
        "configRef": {
          "x-kubernetes-object-ref-api-version": "v1",
          "x-kubernetes-object-ref-kind": "ConfigMap",
          "type": "object"
        }
      }
    }
  }
})",
                                  "crd.json", &crd)
                  .ok());
  TransformerConfig config = DefaultTransformerConfig();
  TransformerConfig from_crd;
  ASSERT_TRUE(ParseCrdConfig(crd, &from_crd).ok());
  ASSERT_TRUE(config.Merge(from_crd).ok());
  ResMap m = Load(R"(apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
spec:
  configRef:
    name: web-config
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
)");
  for (Resource& r : m) AddPrefixSuffix(&r, "pre-");
  ASSERT_TRUE(FixNameReferences(config, &m).ok());
  EXPECT_EQ(At(&m[0], {"spec", "configRef", "name"}), "pre-web-config");
}

TEST(NameRef, KyamlIdString) {
  EXPECT_EQ(KyamlIdString({{"", "v1", "ConfigMap"}, "cfg", "ns1"}),
            "ConfigMap.v1.[noGrp]/cfg.ns1");
  EXPECT_EQ(KyamlIdString(
                {{"rbac.authorization.k8s.io", "v1", "ClusterRole"}, "r", ""}),
            "ClusterRole.v1.rbac.authorization.k8s.io/r.[noNs]");
  EXPECT_EQ(KyamlIdString({}), "[noKind].[noVer].[noGrp]/[noName].[noNs]");
}

}  // namespace
}  // namespace ferry::kustomize
