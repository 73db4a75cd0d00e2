#include "kustomize/vars.h"

#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Expectations come from `kubectl kustomize` v5.5.0 with
// `resources: [res.yaml]` and the `vars:` shown.
constexpr char kRes[] = R"yaml(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  annotations:
    a: $(PORT)
  labels:
    l: x$(NAME)
data:
  port: "8080"
  num: 42
  flag: true
  fl: 1.5
  obj:
    k: v
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
    command: ["$(NUM)", "$(FLAG)", "$(FL)", "x$(FL)", "$(OBJ)", "$$(NUM)", "$(NUM", "$NUM", "$", "a$$b", "$(PORT)"]
    env:
    - name: A
      value: $(NUM)
  volumes:
  - name: v
    nfs:
      server: $(NAME)
      path: /x
)yaml";

constexpr char kVars[] = R"(
- name: PORT
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.port}
- name: NUM
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.num}
- name: FLAG
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.flag}
- name: FL
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.fl}
- name: OBJ
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.obj}
- name: NAME
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
)";

std::vector<FieldSpec> DefaultSpecs() {
  yaml::Node list;
  EXPECT_TRUE(
      yaml::ParseDocument(DefaultVarReferenceYaml(), "builtin", &list).ok());
  std::vector<FieldSpec> specs;
  EXPECT_TRUE(ParseFieldSpecs(list, &specs).ok());
  return specs;
}

ResMap Load(std::string_view text = kRes) {
  std::vector<yaml::Node> docs;
  EXPECT_TRUE(yaml::ParseDocuments(text, "res.yaml", &docs).ok());
  ResMap m;
  for (yaml::Node& d : docs) {
    Resource r;
    r.node = std::move(d);
    m.push_back(std::move(r));
  }
  return m;
}

// Resolves `vars` (YAML) in `m`; "" on success, else the message.
std::string Resolve(std::string_view vars, ResMap* m) {
  yaml::Node list;
  Status st = yaml::ParseDocument(vars, "kustomization.yaml", &list);
  std::vector<VarDef> defs;
  if (st.ok()) st = ParseVars(list, &defs);
  if (st.ok()) st = ResolveVars(defs, DefaultSpecs(), m);
  return st.ok() ? "" : st.message();
}

std::string Emit(const ResMap& m) {
  std::string out;
  for (size_t i = 0; i < m.size(); ++i) {
    if (i) out += "---\n";
    yaml::EmitKustomizeDocument(m[i].node, &out);
  }
  return out;
}

TEST(VarsTest, TypesEscapesAndDefaultFieldSpecs) {
  ResMap m = Load();
  ASSERT_EQ(Resolve(kVars, &m), "");
  EXPECT_EQ(Emit(m), R"(apiVersion: v1
data:
  fl: 1.5
  flag: true
  num: 42
  obj:
    k: v
  port: "8080"
kind: ConfigMap
metadata:
  annotations:
    a: "8080"
  labels:
    l: xcfg
  name: cfg
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - command:
    - 42
    - true
    - 1.5
    - x1.5
    - $(OBJ)
    - $(NUM)
    - $(NUM
    - $NUM
    - $
    - a$b
    - "8080"
    env:
    - name: A
      value: 42
    image: busybox
    name: c
  volumes:
  - name: v
    nfs:
      path: /x
      server: cfg
)");
}

TEST(VarsTest, ValuesComeFromTheRenamedObject) {
  // testdata b-104: the objref names the object as first loaded; the value
  // is read from it as built (prefixed, in its namespace).
  ResMap m = Load(R"(apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  ports:
  - port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  template:
    spec:
      containers:
      - name: frontend
        env:
        - name: BACKEND
          value: http://$(BACKEND_SVC).$(BACKEND_NS).svc:$(BACKEND_PORT)
        - name: SELF
          value: $(POD_IP)
)");
  for (Resource& r : m) {
    r.StorePreviousId();
    r.SetName("web-" + std::string(r.Name()));
    r.SetNamespace("shop");
  }
  ASSERT_EQ(Resolve(R"(
- name: BACKEND_SVC
  objref: {kind: Service, name: backend, apiVersion: v1}
- name: BACKEND_PORT
  objref: {kind: Service, name: backend, apiVersion: v1}
  fieldref: {fieldpath: 'spec.ports[0].port'}
- name: BACKEND_NS
  objref: {kind: Service, name: backend, apiVersion: v1}
  fieldref: {fieldpath: metadata.namespace}
- name: UNUSED
  objref: {kind: Service, name: backend, apiVersion: v1}
)",
                    &m),
            "");
  const yaml::Node* env =
      m[1].node.GetPath({"spec", "template", "spec", "containers"});
  ASSERT_TRUE(env);
  const yaml::Node& e = env->items()[0].Get("env")->items()[0];
  EXPECT_EQ(e.GetString("value"), "http://web-backend.shop.svc:8080");
  EXPECT_EQ(env->items()[0].Get("env")->items()[1].GetString("value"),
            "$(POD_IP)");
}

TEST(VarsTest, Errors) {
  ResMap m = Load();
  // testdata b-119.
  EXPECT_NE(Resolve(R"(
- name: MISSING
  objref: {kind: Service, name: nowhere, apiVersion: v1}
)",
                    &m)
                .find("var '{MISSING Service.v1.[noGrp] {metadata.name}}' "
                      "cannot be mapped to a field in the set of known "
                      "resources"),
            std::string::npos);
  // Without apiVersion the gvk must still equal the object's.
  EXPECT_NE(Resolve(R"(
- name: NAME
  objref: {kind: ConfigMap, name: cfg}
)",
                    &m)
                .find("var '{NAME ConfigMap.[noVer].[noGrp] {metadata.name}}' "
                      "cannot be mapped"),
            std::string::npos);
  EXPECT_NE(Resolve(R"(
- name: NAME
  objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
  fieldref: {fieldpath: data.nope}
)",
                    &m)
                .find("field specified in var '{NAME ConfigMap.v1.[noGrp] "
                      "{data.nope}}' not found in corresponding resource"),
            std::string::npos);
}

TEST(VarsTest, VersionFieldAndNamespaceOfObjref) {
  ResMap m = Load();
  m[0].StorePreviousId();
  m[0].SetNamespace("ns1");
  // `version:` works like apiVersion; namespace "default" matches the
  // object as it was before a namespace was set.
  ASSERT_EQ(Resolve(R"(
- name: NAME
  objref: {kind: ConfigMap, name: cfg, version: v1, namespace: default}
  fieldref: {fieldpath: data.port}
)",
                    &m),
            "");
  EXPECT_EQ(m[0].node.GetPath({"metadata", "labels", "l"})->value(), "x8080");
}

}  // namespace
}  // namespace ferry::kustomize
