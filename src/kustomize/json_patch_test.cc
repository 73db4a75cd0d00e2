#include "kustomize/json_patch.h"

#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// The resource every case patches (expectations come from
// `kubectl kustomize` v5.5.0 with `patches: [{target: {kind: ConfigMap},
// path: patch.yaml}]`).
constexpr char kRes[] = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: "1"
list:
- x
- y
- z
obj:
  k: v
)";

// Applies `patch` to kRes; returns the emitted document, or "ERR: msg".
std::string Patch(std::string_view patch, std::string_view res = kRes) {
  yaml::Node doc;
  Status st = yaml::ParseDocument(res, "res.yaml", &doc);
  if (!st.ok()) return "PARSE: " + st.message();
  std::vector<JsonPatchOp> ops;
  st = ParseJsonPatch(patch, "patch.yaml", &ops);
  if (st.ok()) st = ApplyJsonPatch(&doc, ops);
  if (!st.ok()) return "ERR: " + st.message();
  std::string out;
  yaml::EmitKustomizeDocument(doc, &out);
  return out;
}

// True when Run failed with a message containing `fragment`.
::testing::AssertionResult FailsWith(std::string_view patch,
                                     std::string_view fragment) {
  std::string r = Patch(patch);
  if (r.starts_with("ERR: ") && r.find(fragment) != std::string::npos)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got: " << r;
}

TEST(JsonPatchTest, AddToMissingParentFails) {
  EXPECT_TRUE(FailsWith(R"([{"op":"add","path":"/missing/child","value":1}])",
                        "add operation does not apply: doc is missing path: "
                        "\"/missing/child\": missing value"));
  // Through a scalar or past the end of a list is missing too.
  EXPECT_TRUE(FailsWith(R"([{"op":"add","path":"/data/a/x","value":1}])",
                        "doc is missing path: \"/data/a/x\""));
  EXPECT_TRUE(FailsWith(R"([{"op":"add","path":"","value":{"a":1}}])",
                        "doc is missing path: \"\": missing value"));
}

TEST(JsonPatchTest, ReplaceMissingMapKeyAdds) {
  std::string out = Patch(R"([{"op":"replace","path":"/data/b","value":1}])");
  EXPECT_NE(out.find("data:\n  a: \"1\"\n  b: 1\n"), std::string::npos) << out;
}

TEST(JsonPatchTest, ReplaceErrors) {
  EXPECT_TRUE(FailsWith(R"([{"op":"replace","path":"/list/3","value":"q"}])",
                        "replace operation does not apply: doc is missing "
                        "key: /list/3: missing value"));
  // testdata b-039: parent missing.
  EXPECT_TRUE(FailsWith(R"([{"op":"replace","path":"/spec/x/y","value":1}])",
                        "replace operation does not apply: doc is missing "
                        "path: /spec/x/y: missing value"));
  EXPECT_TRUE(FailsWith(R"([{"op":"replace","value":1}])",
                        "replace operation failed to decode path: operation "
                        "missing path field: missing value"));
}

TEST(JsonPatchTest, RemoveErrors) {
  EXPECT_TRUE(FailsWith(R"([{"op":"remove","path":"/data/b"}])",
                        "error in remove for path: '/data/b': Unable to "
                        "remove nonexistent key: b: missing value"));
}

TEST(JsonPatchTest, ArrayIndexes) {
  EXPECT_TRUE(FailsWith(R"([{"op":"add","path":"/list/5","value":"q"}])",
                        "error in add for path: '/list/5': Unable to access "
                        "invalid index: 5: invalid index referenced"));
  EXPECT_TRUE(FailsWith(
      R"([{"op":"add","path":"/list/x","value":1}])",
      "error in add for path: '/list/x': value was not a proper array index: "
      "'x': strconv.Atoi: parsing \"x\": invalid syntax"));
  const char* appended = "list:\n- x\n- \"y\"\n- z\n- q\n";
  EXPECT_NE(
      Patch(R"([{"op":"add","path":"/list/3","value":"q"}])").find(appended),
      std::string::npos);
  EXPECT_NE(
      Patch(R"([{"op":"add","path":"/list/-","value":"q"}])").find(appended),
      std::string::npos);
  // Negative indexes count from the end (evanphx's SupportNegativeIndices).
  EXPECT_NE(
      Patch(R"([{"op":"add","path":"/list/-1","value":"q"}])").find(appended),
      std::string::npos);
  EXPECT_NE(Patch(R"([{"op":"remove","path":"/list/-1"}])")
                .find("list:\n- x\n- \"y\"\nmetadata"),
            std::string::npos);
  // "01" is index 1.
  EXPECT_NE(Patch(R"([{"op":"add","path":"/list/01","value":"q"}])")
                .find("list:\n- x\n- q\n- \"y\"\n- z\n"),
            std::string::npos);
}

TEST(JsonPatchTest, TestOp) {
  EXPECT_TRUE(FailsWith(R"([{"op":"test","path":"/data/a","value":1}])",
                        "testing value /data/a failed: test failed"));
  EXPECT_FALSE(Patch(R"([{"op":"test","path":"/data/a","value":"1"}])")
                   .starts_with("ERR"));
  EXPECT_FALSE(Patch(R"([{"op":"test","path":"/obj","value":{"k":"v"}}])")
                   .starts_with("ERR"));
  EXPECT_FALSE(Patch(R"([{"op":"test","path":"/list","value":["x","y","z"]}])")
                   .starts_with("ERR"));
  // A missing key tests equal to null.
  EXPECT_FALSE(Patch(R"([{"op":"test","path":"/data/zz","value":null}])")
                   .starts_with("ERR"));
  EXPECT_TRUE(FailsWith(R"([{"op":"test","path":"/list/7", "value":1}])",
                        "error in test for path: '/list/7': Unable to access "
                        "invalid index: 7: invalid index referenced"));
  // YAML patches go through go-yaml v2: a plain y is the boolean true.
  EXPECT_TRUE(
      FailsWith("- {op: test, path: /list/1, value: \"y\"}\n"
                "- {op: test, path: /list/1, value: y}\n",
                "testing value /list/1 failed"));
}

TEST(JsonPatchTest, MoveAndCopy) {
  std::string out =
      Patch(R"([{"op":"move","from":"/data/a","path":"/obj/a"}])");
  EXPECT_NE(out.find("data: {}\n"), std::string::npos) << out;
  EXPECT_NE(out.find("obj:\n  a: \"1\"\n  k: v\n"), std::string::npos) << out;
  EXPECT_TRUE(FailsWith(R"([{"op":"move","from":"/data/zz","path":"/data/q"}])",
                        "error in move for path: 'zz': Unable to remove "
                        "nonexistent key: zz: missing value"));
  // Copying a missing key copies null.
  EXPECT_NE(Patch(R"([{"op":"copy","from":"/data/zz","path":"/data/q"}])")
                .find("  q: null\n"),
            std::string::npos);
}

TEST(JsonPatchTest, PathWithoutLeadingSlashUsesLastSegmentAtRoot) {
  EXPECT_NE(Patch(R"([{"op":"add","path":"data/b","value":1}])")
                .find("apiVersion: v1\nb: 1\n"),
            std::string::npos);
}

TEST(JsonPatchTest, EscapesInPointer) {
  // testdata b-035.
  std::string out = Patch(R"(- op: add
  path: /metadata/annotations
  value: {}
- op: add
  path: /metadata/annotations/argocd.argoproj.io~1sync-wave
  value: "5"
- op: add
  path: /metadata/annotations/odd~0key~1with~01slash
  value: both
)");
  EXPECT_NE(out.find("    argocd.argoproj.io/sync-wave: \"5\"\n"
                     "    odd~key/with~1slash: both\n"),
            std::string::npos)
      << out;
}

TEST(JsonPatchTest, YamlValuesReadAsGoYamlV2) {
  std::string out = Patch(R"(- op: add
  path: /vals
  value: [2020-01-01, yes, on, y, n, off, 1e3, 0x1F, ~, "1.0", 1.0]
)");
  EXPECT_NE(out.find("vals:\n- \"2020-01-01\"\n- true\n- true\n- true\n- "
                     "false\n- false\n- 1000\n- 31\n- null\n- \"1.0\"\n- 1\n"),
            std::string::npos)
      << out;
}

TEST(JsonPatchTest, MissingValueAddsNull) {
  EXPECT_NE(Patch(R"([{"op":"add","path":"/data/c"}])").find("  c: null\n"),
            std::string::npos);
}

TEST(JsonPatchTest, ReplaceWholeDocument) {
  EXPECT_EQ(
      Patch(
          R"([{"op":"replace","path":"","value":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"zz"}}}])"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zz\n");
}

TEST(JsonPatchTest, UnknownOps) {
  EXPECT_TRUE(
      FailsWith(R"([{"op":"upsert","path":"/a"}])", "Unexpected kind: upsert"));
  EXPECT_TRUE(FailsWith(R"([{"path":"/data/a","value":1}])",
                        "Unexpected kind: unknown"));
  EXPECT_TRUE(FailsWith(R"([{"op":"add","value":1}])",
                        "add operation failed to decode path: missing value"));
}

TEST(JsonPatchTest, ErrorsCarryThePatchPosition) {
  std::string r =
      Patch("- op: add\n  path: /x\n  value: 1\n- op: remove\n  path: /nope\n");
  EXPECT_TRUE(r.starts_with("ERR: patch.yaml:4:3: error: ")) << r;
}

}  // namespace
}  // namespace ferry::kustomize
