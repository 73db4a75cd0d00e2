#include "kustomize/replacement.h"

#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Resources of the cases below; expectations come from `kubectl kustomize`
// v5.5.0 with `resources: [res.yaml]` and the `replacements:` shown.
constexpr char kRes[] = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: src
  labels:
    a.b/c: dotted
data:
  x: hello
  port: "8080"
  obj:
    k: v
  a.b: dotkey
  list: [one, two]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: t
data:
  s: plain
  n: 5
  b: true
  q: "quoted"
  e:
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dep
  labels:
    tier: edge
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: app
        image: app:1
        args: [a, b]
      - name: apple
        image: apple:1
      - name: sidecar
        image: side:1
)";

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

// Runs replacements (YAML text) on `m`; "" on success, else the message.
std::string Replace(std::string_view reps, ResMap* m) {
  yaml::Node list;
  Status st = yaml::ParseDocument(reps, "kustomization.yaml", &list);
  if (st.ok()) st = ApplyReplacements(list, m);
  return st.ok() ? "" : st.message();
}

std::string Emit(const Resource& r) {
  std::string out;
  yaml::EmitKustomizeDocument(r.node, &out);
  return out;
}

TEST(ReplacementTest, TargetListSelectorIsAnUnanchoredRegexp) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.x}
  targets:
  - select: {kind: Deployment}
    fieldPaths:
    - spec.template.spec.containers.[name=app].image
    - spec.template.spec.containers.[name=side.*].name
    - spec.template.spec.containers.[name=app].args.[=b]
)",
                    &m),
            "");
  EXPECT_EQ(Emit(m[2]), R"(apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    tier: edge
  name: dep
spec:
  replicas: 1
  template:
    spec:
      containers:
      - args:
        - a
        - hello
        image: hello
        name: app
      - image: hello
        name: apple
      - image: side:1
        name: hello
)");
}

TEST(ReplacementTest, SourceListSelectorIsExact) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source:
    kind: Deployment
    fieldPath: spec.template.spec.containers.[name=app].image
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.s]
)",
                    &m),
            "");
  EXPECT_EQ(m[1].node.GetPath({"data", "s"})->value(), "app:1");
}

TEST(ReplacementTest, BracketedAndEscapedKeys) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: 'data.[a.b]'}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.s]
- source: {kind: ConfigMap, name: src, fieldPath: 'data.a\.b'}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.y]
    options: {create: true}
- source: {kind: ConfigMap, name: src, fieldPath: 'metadata.labels.[a.b/c]'}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.z, "data.[w.q]"]
    options: {create: true}
)",
                    &m),
            "");
  std::string out = Emit(m[1]);
  EXPECT_NE(out.find("  s: dotkey\n  w.q: dotted\n  \"y\": dotkey\n  z: "
                     "dotted\n"),
            std::string::npos)
      << out;
}

TEST(ReplacementTest, ScalarTargetKeepsItsType) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source: {kind: Deployment, fieldPath: spec.replicas}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.s, data.q]
- source: {kind: ConfigMap, name: src, fieldPath: data.port}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.n]
)",
                    &m),
            "");
  EXPECT_EQ(Emit(m[1]), R"(apiVersion: v1
data:
  b: true
  e: null
  "n": 8080
  q: "1"
  s: "1"
kind: ConfigMap
metadata:
  name: t
)");
}

TEST(ReplacementTest, ScalarTypeMismatchFails) {
  ResMap m = Load();
  EXPECT_NE(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.x}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.n]
)",
                    &m)
                .find("cannot decode !!str `hello` as a !!int"),
            std::string::npos);
  m = Load();
  EXPECT_NE(Replace(R"(
- source: {kind: Deployment, fieldPath: spec.replicas}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.e]
)",
                    &m)
                .find("cannot decode !!int `1` as a !!null"),
            std::string::npos);
}

TEST(ReplacementTest, MappingIntoScalarGivesEmptyText) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.obj}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.s]
- source: {kind: ConfigMap, name: src, fieldPath: data.list}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.l]
    options: {create: true}
- source: {kind: ConfigMap, name: src, fieldPath: data.list.1}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths: [data.l2, data.l.0]
    options: {create: true}
)",
                    &m),
            "");
  std::string out = Emit(m[1]);
  EXPECT_NE(out.find("  l:\n  - two\n  - two\n  l2: two\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("  s: \"\"\n"), std::string::npos) << out;
}

TEST(ReplacementTest, CreateMakesUntypedFields) {
  ResMap m = Load();
  ASSERT_EQ(Replace(R"(
- source: {kind: Deployment, fieldPath: spec.replicas}
  targets:
  - select: {kind: ConfigMap, name: t}
    fieldPaths:
    - metadata.labels.x
    - data.z.0
    - data.w.[name=q].v
    - data.u.[=zz]
    options: {create: true}
)",
                    &m),
            "");
  EXPECT_EQ(Emit(m[1]), R"(apiVersion: v1
data:
  b: true
  e: null
  "n": 5
  q: quoted
  s: plain
  u:
  - 1
  w:
  - name: q
    v: 1
  z:
  - 1
kind: ConfigMap
metadata:
  labels:
    x: 1
  name: t
)");
}

TEST(ReplacementTest, DelimiterAndIndex) {
  // testdata b-099.
  ResMap m = Load(R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  url: postgres://placeholder:5432/app
  host: placeholder
  image: ghcr.io/acme/app:1.4.2
)");
  ASSERT_EQ(Replace(R"(
- source: {kind: ConfigMap, fieldPath: metadata.name}
  targets:
  - select: {kind: ConfigMap}
    fieldPaths: [data.url]
    options: {delimiter: /, index: 2}
  - select: {kind: ConfigMap}
    fieldPaths: [data.host]
    options: {delimiter: ., index: 5}
- source:
    kind: ConfigMap
    fieldPath: data.image
    options: {delimiter: ':', index: 1}
  targets:
  - select: {kind: ConfigMap}
    fieldPaths: [data.url]
    options: {delimiter: ':', index: -1}
)",
                    &m),
            "");
  EXPECT_EQ(m[0].node.GetPath({"data", "url"})->value(),
            "1.4.2:postgres://cm/app");
  EXPECT_EQ(m[0].node.GetPath({"data", "host"})->value(), "placeholder.cm");
  m = Load();
  EXPECT_NE(Replace(R"(
- source:
    kind: ConfigMap
    name: src
    fieldPath: data.x
    options: {delimiter: ':', index: 3}
  targets:
  - select: {kind: ConfigMap}
)",
                    &m)
                .find("options.index 3 is out of bounds for value hello"),
            std::string::npos);
}

TEST(ReplacementTest, SourceErrors) {
  ResMap m = Load();
  // testdata b-103.
  EXPECT_NE(Replace(R"(
- source: {kind: Secret, name: does-not-exist, fieldPath: data.password}
  targets:
  - select: {kind: ConfigMap}
)",
                    &m)
                .find("nothing selected by "
                      "Secret.[noVer].[noGrp]/does-not-exist.[noNs]:data."
                      "password"),
            std::string::npos);
  EXPECT_NE(Replace(R"(
- source: {kind: Secret, name: src}
  targets:
  - select: {kind: Deployment}
)",
                    &m)
                .find("nothing selected by Secret.[noVer].[noGrp]/src.[noNs]"),
            std::string::npos);
  EXPECT_NE(Replace(R"(
- source: {kind: ConfigMap, fieldPath: data.x}
  targets:
  - select: {kind: Deployment}
)",
                    &m)
                .find("multiple matches for selector "
                      "ConfigMap.[noVer].[noGrp]/[noName].[noNs]:data.x"),
            std::string::npos);
  EXPECT_NE(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.nope}
  targets:
  - select: {kind: Deployment}
)",
                    &m)
                .find("fieldPath `data.nope` is missing for replacement source "
                      "ConfigMap.[noVer].[noGrp]/src.[noNs]"),
            std::string::npos);
}

TEST(ReplacementTest, TargetFieldMissing) {
  ResMap m = Load();
  // testdata b-111.
  EXPECT_NE(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.x}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.template.metadata.annotations.missing]
)",
                    &m)
                .find("unable to find field "
                      "\"spec.template.metadata.annotations.missing\" in "
                      "replacement target"),
            std::string::npos);
}

TEST(ReplacementTest, SelectAndRejectBySelectorsAndPreviousNames) {
  // testdata b-101, plus a renamed object found by its previous name.
  ResMap m = Load();
  m[1].StorePreviousId();
  m[1].SetName("demo-t");
  ASSERT_EQ(Replace(R"(
- source: {kind: ConfigMap, name: src, fieldPath: data.x}
  targets:
  - select: {kind: ConfigMap}
    reject:
    - name: src
    fieldPaths: [data.s]
  - select: {labelSelector: tier=edge}
    reject:
    - kind: ConfigMap
    fieldPaths: [metadata.labels.tier]
  - select: {name: t}
    reject:
    - labelSelector: tier=edge
    fieldPaths: [data.q]
)",
                    &m),
            "");
  EXPECT_EQ(m[0].node.GetPath({"data", "x"})->value(), "hello");
  EXPECT_EQ(m[1].node.GetPath({"data", "s"})->value(), "hello");
  EXPECT_EQ(m[1].node.GetPath({"data", "q"})->value(), "hello");
  EXPECT_EQ(m[2].node.GetPath({"metadata", "labels", "tier"})->value(),
            "hello");
}

TEST(ReplacementTest, MalformedEntries) {
  ResMap m = Load();
  EXPECT_NE(Replace("- source: {kind: ConfigMap, name: src}\n", &m)
                .find("replacements must specify a source and at least one "
                      "target"),
            std::string::npos);
  EXPECT_NE(Replace("- source: {kind: ConfigMap, name: src}\n  targets:\n"
                    "  - fieldPaths: [data.x]\n",
                    &m)
                .find("target must specify resources to select"),
            std::string::npos);
}

}  // namespace
}  // namespace ferry::kustomize
