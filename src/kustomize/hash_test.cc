#include "kustomize/hash.h"

#include <gtest/gtest.h>

#include <string>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

// Every expected suffix below is what `kubectl kustomize DIR` (kustomize
// v5.5.0) appended to a generated object whose final content was the YAML
// given; the kustomization used is in the comment.

yaml::Node Parse(std::string_view text) {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, "test.yaml", &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

std::string Hash(std::string_view text) { return ContentHash(Parse(text)); }

TEST(HashSuffix, SubstitutesAndTruncates) {
  // sha256("") = e3b0c44298fc...: e->t, 3->k, 0->g.
  EXPECT_EQ(HashSuffix(""), "tkbgc44298");
  EXPECT_EQ(HashSuffix("").size(), 10u);
}

TEST(ContentHash, ConfigMapIgnoresNameLabelsAndImmutable) {
  // configMapGenerator: [{name: same, literals: [k=v]},
  //   {name: same-labelled, literals: [k=v], options: {labels: ...}},
  //   {name: same-immutable, literals: [k=v], options: {immutable: true}}]
  // (testdata b-120): all three get -bdg947hgcc.
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n"
                 "data:\n  k: v\n"),
            "bdg947hgcc");
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                 "  name: same-labelled\n  labels: {a: b}\n"
                 "  annotations: {c: d}\ndata:\n  k: v\n"),
            "bdg947hgcc");
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                 "  name: same-immutable\nimmutable: true\ndata:\n  k: v\n"),
            "bdg947hgcc");
  EXPECT_EQ(ContentHashInput(Parse("kind: ConfigMap\nmetadata: {name: x}\n"
                                   "data: {k: v}\n")),
            R"({"data":{"k":"v"},"kind":"ConfigMap","name":""})");
}

TEST(ContentHash, SecretDependsOnType) {
  // secretGenerator: [{name: same, literals: [k=v]},
  //   {name: same-typed, type: example.com/custom, literals: [k=v]}]
  EXPECT_EQ(Hash("apiVersion: v1\nkind: Secret\nmetadata:\n  name: same\n"
                 "type: Opaque\ndata:\n  k: dg==\n"),
            "ftgtgc4t9f");
  EXPECT_EQ(Hash("apiVersion: v1\nkind: Secret\nmetadata:\n  name: same\n"
                 "type: example.com/custom\ndata:\n  k: dg==\n"),
            "hfkk6g8tbh");
}

TEST(ContentHash, EmptyGenerators) {
  // configMapGenerator: [{name: x}] -> x-6ct58987ht (no data field at all);
  // secretGenerator: [{name: s}] -> s-46f8b28mk5 (data: {}).
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"),
            "6ct58987ht");
  EXPECT_EQ(Hash("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                 "data: {}\ntype: Opaque\n"),
            "46f8b28mk5");
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yy\n"
                 "data:\n  a: \"1\"\n"),
            "h29d89cmmt");
}

TEST(ContentHash, HtmlCharactersAreEscaped) {
  // configMapGenerator: [{name: html, files: [html.txt]}], html.txt = "<>&"
  // -> html-75cbfbhm7m.
  yaml::Node n = Parse("kind: ConfigMap\nmetadata: {name: html}\n");
  n.Set("data", yaml::Node::Map()).Set("html.txt", yaml::Node::Str("<>&"));
  EXPECT_EQ(ContentHashInput(n),
            R"({"data":{"html.txt":"\u003c\u003e\u0026"},"kind":"ConfigMap",)"
            R"("name":""})");
  EXPECT_EQ(ContentHash(n), "75cbfbhm7m");
}

TEST(ContentHash, UnicodeIsWrittenRaw) {
  // uni.txt = "caf\u00e9 \U0001F600 \uFFFD" -> uni-c29t6h7kt4.
  yaml::Node n = Parse("kind: ConfigMap\nmetadata: {name: uni}\n");
  n.Set("data", yaml::Node::Map())
      .Set("uni.txt",
           yaml::Node::Str("caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD"));
  EXPECT_EQ(ContentHash(n), "c29t6h7kt4");
}

TEST(ContentHash, ControlCharacters) {
  // ctl.txt = "a\tf\ng\rh\u2028i\u2029j\"k\\l/m" -> ctl-df4kgmh7ff.
  yaml::Node n = Parse("kind: ConfigMap\nmetadata: {name: ctl}\n");
  n.Set("data", yaml::Node::Map())
      .Set("ctl.txt", yaml::Node::Str("a\tf\ng\rh\xE2\x80\xA8i\xE2\x80\xA9j\"k"
                                      "\\l/m"));
  EXPECT_EQ(ContentHash(n), "df4kgmh7ff");
  // "a\bb\fc\x01d\x7fe..." : kubectl names it ctl-g9dh794gm6 in the error it
  // prints (go-yaml then refuses to write the control characters).
  n.Get("data")->Set("ctl.txt",
                     yaml::Node::Str("a\bb\fc\x01"
                                     "d\x7f"
                                     "e\tf\ng\rh\xE2\x80\xA8i\xE2\x80\xA9j\"k"
                                     "\\l/m"));
  EXPECT_EQ(ContentHash(n), "g9dh794gm6");
}

TEST(ContentHash, BinaryDataIncludedWhenPresent) {
  // A patch adding `binaryData: {}` to a generated ConfigMap {a: "1"}
  // -> c-56bgcdbgf6 (included although empty).
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                 "binaryData: {}\ndata:\n  a: \"1\"\n"),
            "56bgcdbgf6");
}

TEST(ContentHash, ValuesGoThroughJsonRoundTrip) {
  // A patch setting data {n: 42, f: 1.5, b: true, big: 12345678901234567890,
  // t: 2020-01-01, h: 0x10, l: [1, "x"], m: {k: v}} on a generated
  // ConfigMap {a: "1"} -> d-f24hdf6fb5.
  EXPECT_EQ(Hash("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n"
                 "data:\n  a: \"1\"\n  n: 42\n  f: 1.5\n  b: true\n"
                 "  big: 12345678901234567890\n  t: 2020-01-01\n  h: 0x10\n"
                 "  l: [1, \"x\"]\n  m: {k: v}\n"),
            "f24hdf6fb5");
  // e: 1e21, e2: 1.0e-7, e3: 0.000001, e4: 123456789012345678901234
  // -> e-98bd489f67.
  yaml::Node e = Parse(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n"
      "data:\n  a: \"1\"\n  e: 1e21\n  e2: 1.0e-7\n  e3: 0.000001\n"
      "  e4: 123456789012345678901234\n");
  EXPECT_EQ(ContentHashInput(e),
            R"({"data":{"a":"1","e":1e+21,"e2":1e-7,"e3":0.000001,)"
            R"("e4":1.2345678901234569e+23},"kind":"ConfigMap","name":""})");
  EXPECT_EQ(ContentHash(e), "98bd489f67");
}

TEST(ContentHash, KeysKeepTheirText) {
  // literals ["454=x"] -> c-6694g8d598, ["true=x"] -> c-h68dmfmbfg,
  // ["0x1F=x"] -> c-6cchm6fm5t, ["null=x"] -> c-42745tchd9 (the null key
  // is dropped). kubectl then fails to write these objects ("json:
  // unsupported type: map[interface {}]interface {}"), but names them.
  auto with_key = [](std::string_view key) {
    yaml::Node n = Parse("kind: ConfigMap\nmetadata: {name: c}\n");
    n.Set("data", yaml::Node::Map()).Set(key, yaml::Node::Str("x"));
    return ContentHash(n);
  };
  EXPECT_EQ(with_key("454"), "6694g8d598");
  EXPECT_EQ(with_key("true"), "h68dmfmbfg");
  EXPECT_EQ(with_key("0x1F"), "6cchm6fm5t");
  EXPECT_EQ(with_key("null"), "42745tchd9");
}

TEST(ContentHash, SecretStringDataIncluded) {
  // A patch adding stringData {x: "<y>"} to secret {a: MQ==} -> s-7cgf8kk952.
  EXPECT_EQ(Hash("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                 "type: Opaque\ndata:\n  a: MQ==\nstringData:\n  x: <y>\n"),
            "7cgf8kk952");
}

TEST(ContentHash, MultiLineBase64) {
  // b-061: secretGenerator db-credentials -> db-credentials-g9g497f7kc.
  yaml::Node n = Parse(
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n"
      "type: Opaque\ndata:\n"
      "  ca.crt: |\n"
      "    "
      "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVRmFrZU\n"
      "    "
      "NlcnRpZmljYXRlRGF0YUZvclRlc3RzT25seTB3Q2dZSUtvWkl6ajBFCi0tLS0tRU5EIENF\n"
      "    UlRJRklDQVRFLS0tLS0K\n"
      "  password: czNjcjN0ISQm\n  token: YWJjLmRlZi5naGk=\n"
      "  username: YWRtaW4=\n");
  EXPECT_EQ(ContentHash(n), "g9g497f7kc");
}

}  // namespace
}  // namespace ferry::kustomize
