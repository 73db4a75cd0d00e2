#include "repo/substitute.h"

#include <gtest/gtest.h>

#include <vector>

#include "repo/flux.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::repo {
namespace {

std::string Expand(const std::string& text, const Variables& vars,
                   bool strict = false) {
  std::string out, err;
  EXPECT_TRUE(ExpandVariables(text, vars, strict, &out, &err))
      << text << ": " << err;
  return out;
}

std::string ExpandError(const std::string& text, const Variables& vars,
                        bool strict = true, size_t* offset = nullptr) {
  std::string out, err;
  EXPECT_FALSE(ExpandVariables(text, vars, strict, &out, &err, offset)) << text;
  return err;
}

// The expansion table of Flux's envsubst tests (from tldp.org).
TEST(ExpandVariablesTest, FluxEnvsubstCases) {
  EXPECT_EQ(Expand("abcdEFGH28ij", {}), "abcdEFGH28ij");
  Variables v01{{"var01", "abcdEFGH28ij"}};
  EXPECT_EQ(Expand("${#var01}", v01), "12");
  EXPECT_EQ(Expand("${var01^}", v01), "AbcdEFGH28ij");
  EXPECT_EQ(Expand("${var01^^}", v01), "ABCDEFGH28IJ");
  Variables up{{"var01", "ABCDEFGH28IJ"}};
  EXPECT_EQ(Expand("${var01,}", up), "aBCDEFGH28IJ");
  EXPECT_EQ(Expand("${var01,,}", up), "abcdefgh28ij");
  Variables path{{"path_name", "/home/bozo/ideas/thoughts.for.today"}};
  EXPECT_EQ(Expand("${path_name:11}", path), "ideas/thoughts.for.today");
  EXPECT_EQ(Expand("${path_name:11:5}", path), "ideas");
  EXPECT_EQ(Expand("${var=xyz}", {{"var", "abc"}}), "abc");
  EXPECT_EQ(Expand("${var=xyz}", {}), "xyz");
  EXPECT_EQ(Expand("something ${var=${default_var}}", {{"default_var", "foo"}}),
            "something foo");
  EXPECT_EQ(
      Expand("foo: ${var=${default_var}-suffix}", {{"default_var", "foo1"}}),
      "foo: foo1-suffix");
  EXPECT_EQ(Expand("foo: ${var=prefix${default_var}-suffix}",
                   {{"default_var", "foo1"}}),
            "foo: prefixfoo1-suffix");
  EXPECT_EQ(Expand("${var:=xyz}", {}), "xyz");
  Variables z{{"stringZ", "abcABC123ABCabc"}};
  EXPECT_EQ(Expand("${stringZ/%abc/XYZ}", z), "abcABC123ABCXYZ");
  EXPECT_EQ(Expand("${stringZ/#abc/XYZ}", z), "XYZABC123ABCabc");
  EXPECT_EQ(Expand("${stringZ//abc/xyz}", z), "xyzABC123ABCxyz");
  EXPECT_EQ(Expand("${stringZ/abc/xyz}", z), "xyzABC123ABCabc");
  Variables sv{{"stringZ", "somevalue"}};
  EXPECT_EQ(Expand("${stringZ/#/prefix-}", sv), "prefix-somevalue");
  EXPECT_EQ(Expand("${stringZ/%/-suffix}", sv), "somevalue-suffix");
  EXPECT_EQ(Expand("${filename#*.}", {{"filename", "bash.string.txt"}}),
            "string.txt");
  EXPECT_EQ(Expand("${filename#*/}", {{"filename", "path/to/file"}}),
            "to/file");
  EXPECT_EQ(Expand("${filename#*/}", {{"filename", "/path/to/file"}}),
            "path/to/file");
  EXPECT_EQ(Expand("${filename##*.}", {{"filename", "bash.string.txt"}}),
            "txt");
  EXPECT_EQ(Expand("${filename##*/}", {{"filename", "path/to/file"}}), "file");
  EXPECT_EQ(Expand("${filename##*/}", {{"filename", "/path/to/file"}}), "file");
  EXPECT_EQ(Expand("${filename%.*}", {{"filename", "bash.string.txt"}}),
            "bash.string");
  EXPECT_EQ(Expand("${filename%%.*}", {{"filename", "bash.string.txt"}}),
            "bash");
  EXPECT_EQ(Expand("${var=${var01^^}}", v01), "ABCDEFGH28IJ");
  EXPECT_EQ(Expand("$${var01}", v01), "${var01}");
  EXPECT_EQ(Expand("some text ${var01}$${var$${var01}$var01${var01}", v01),
            "some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij");
  EXPECT_EQ(
      Expand("something $${var=${default_var}}", {{"default_var", "foo"}}),
      "something ${var=foo}");
  EXPECT_EQ(Expand("${stringZ/\\//-}", {{"stringZ", "foo/bar"}}), "foo-bar");
  EXPECT_EQ(Expand("${stringZ//\\//-}", {{"stringZ", "foo/bar/baz"}}),
            "foo-bar-baz");
  EXPECT_EQ(
      Expand("\\\\something ${var=${default_var}}", {{"default_var", "foo"}}),
      "\\\\something foo");
  EXPECT_EQ(Expand("${stringZ/./}", {{"stringZ", "foo.bar"}}), "foobar");
}

TEST(ExpandVariablesTest, DefaultsAndEscapes) {
  EXPECT_EQ(Expand("${v:-dev}", {}), "dev");
  EXPECT_EQ(Expand("${v:-dev}", {{"v", "prod"}}), "prod");
  EXPECT_EQ(Expand("${v:=dev}", {{"v", ""}}), "dev");  // empty counts as unset
  EXPECT_EQ(Expand("${v}", {}), "");                   // not strict
  EXPECT_EQ(Expand("$v and $HOME", {{"v", "x"}}), "$v and $HOME");
  EXPECT_EQ(Expand("cost: $$5", {}), "cost: $5");  // "$$" is "$" everywhere
  EXPECT_EQ(Expand("a $ b", {}), "a $ b");
  EXPECT_EQ(Expand("${\xC3\xA9t\xC3\xA9}", {{"\xC3\xA9t\xC3\xA9", "summer"}}),
            "summer");
}

TEST(ExpandVariablesTest, Strict) {
  EXPECT_EQ(Expand("${foo}", {{"foo", "bar"}}, true), "bar");
  EXPECT_EQ(Expand("${foo}", {{"foo", ""}}, true), "");
  EXPECT_EQ(Expand("${missing:=default}", {{"foo", "bar"}}, true), "default");
  EXPECT_EQ(Expand("${missing:-fallback}", {}, true), "fallback");
  EXPECT_EQ(Expand("${missing=assigned}", {}, true), "assigned");
  size_t offset = 0;
  EXPECT_EQ(ExpandError("name: ${missing}", {}, true, &offset),
            "variable not set (strict mode): \"missing\"");
  EXPECT_EQ(offset, 6u);
  for (const char* e :
       {"${#missing}", "${missing^}", "${missing^^}", "${missing,}",
        "${missing,,}", "${missing:0}", "${missing:0:10}",
        "${missing/pattern/replacement}", "${missing//pattern/replacement}",
        "${missing/#pattern/replacement}", "${missing/%pattern/replacement}",
        "${missing#pattern}", "${missing##pattern}", "${missing%pattern}",
        "${missing%%pattern}"}) {
    EXPECT_EQ(ExpandError(e, {}), "variable not set (strict mode): \"missing\"")
        << e;
  }
  // The unset variable inside a default is found too.
  EXPECT_EQ(ExpandError("${a:=${b}}", {}),
            "variable not set (strict mode): \"b\"");
}

TEST(ExpandVariablesTest, SyntaxErrors) {
  EXPECT_EQ(ExpandError("${var", {}, false), "missing closing brace");
  EXPECT_EQ(ExpandError("${}", {}, false), "unable to parse variable name");
  // Flux's envsubst has no ${var-default} form.
  EXPECT_EQ(ExpandError("${var-default}", {}, false), "missing closing brace");
  EXPECT_EQ(ExpandError("${var:}", {}, false),
            "unable to parse substitution within function");
  size_t offset = 0;
  ExpandError("abc ${x", {}, false, &offset);
  EXPECT_EQ(offset, 4u);
}

TEST(VariableNameTest, FluxPattern) {
  EXPECT_TRUE(IsValidVariableName("cluster_env"));
  EXPECT_TRUE(IsValidVariableName("_X1"));
  EXPECT_FALSE(IsValidVariableName("1x"));
  EXPECT_FALSE(IsValidVariableName("my-var"));
  EXPECT_FALSE(IsValidVariableName(""));
  EXPECT_FALSE(IsValidVariableName("\xC3\xA9t\xC3\xA9"));
}

yaml::Node ParseOne(const std::string& text, const char* file = "app.yaml") {
  yaml::Node doc;
  Status st = yaml::ParseDocument(text, file, &doc);
  EXPECT_TRUE(st.ok()) << st.message();
  return doc;
}

TEST(SubstituteTest, ValuesAndKeys) {
  yaml::Node obj = ParseOne(
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: app-${env}\n"
      "  labels:\n"
      "    ${label_key}: yes\n"
      "spec:\n"
      "  replicas: ${replicas}\n"
      "  quoted: \"${replicas}\"\n"
      "  enabled: ${flag}\n"
      "  empty: ${empty}\n"
      "  region: ${region:=eu-central-1}\n"
      "  script: |\n"
      "    echo ${env}\n"
      "    echo $HOME $${kept}\n");
  Variables vars{{"env", "prod"},
                 {"label_key", "team"},
                 {"replicas", "3"},
                 {"flag", "on"},
                 {"empty", ""}};
  Status st = Substitute(&obj, vars, /*strict=*/true);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(obj.GetPath({"metadata", "name"})->value(), "app-prod");
  const yaml::Node* labels = obj.GetPath({"metadata", "labels"});
  ASSERT_EQ(labels->pairs().size(), 1u);
  EXPECT_EQ(labels->pairs()[0].key.value(), "team");
  const yaml::Node* spec = obj.Get("spec");
  // Flux writes the object as YAML (quotes dropped), substitutes, reads it
  // back: numbers and YAML 1.1 booleans get their types, "" becomes null.
  EXPECT_EQ(spec->Get("replicas")->value(), "3");
  EXPECT_EQ(yaml::ResolveV3(*spec->Get("replicas")), yaml::ScalarType::kInt);
  EXPECT_EQ(yaml::ResolveV3(*spec->Get("quoted")), yaml::ScalarType::kInt);
  EXPECT_EQ(spec->Get("enabled")->value(), "true");
  EXPECT_EQ(yaml::ResolveV3(*spec->Get("enabled")), yaml::ScalarType::kBool);
  EXPECT_EQ(yaml::ResolveV3(*spec->Get("empty")), yaml::ScalarType::kNull);
  EXPECT_EQ(spec->GetString("region"), "eu-central-1");
  EXPECT_EQ(spec->GetString("script"), "echo prod\necho $HOME ${kept}\n");
  EXPECT_TRUE(spec->Get("script")->IsQuotedString());
}

TEST(SubstituteTest, StrictErrorNamesFileAndLine) {
  yaml::Node obj = ParseOne(
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata:\n"
      "  name: cfg\n"
      "data:\n"
      "  a: ok\n"
      "  host: db.${cluster_domain}\n",
      "k8s/server/config.yaml");
  Status st = Substitute(&obj, {{"other", "x"}}, /*strict=*/true);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "k8s/server/config.yaml:7:12: error: variable substitution failed: "
            "variable not set (strict mode): \"cluster_domain\"");
  // Not strict: the unset variable becomes "".
  yaml::Node copy = ParseOne("host: db.${cluster_domain}\n");
  ASSERT_TRUE(Substitute(&copy, {{"other", "x"}}, false).ok());
  EXPECT_EQ(copy.GetString("host"), "db.");
}

TEST(SubstituteTest, ErrorInBlockScalarNamesItsLine) {
  yaml::Node obj = ParseOne(
      "data:\n"
      "  script: |\n"
      "    one\n"
      "    two ${missing}\n",
      "s.yaml");
  Status st = Substitute(&obj, {{"x", "y"}}, true);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("s.yaml:4: error", 0), 0u) << st.message();
}

TEST(SubstituteTest, DisabledByAnnotationOrLabel) {
  for (const char* field : {"annotations", "labels"}) {
    yaml::Node obj = ParseOne(std::string("metadata:\n  ") + field +
                              ":\n    kustomize.toolkit.fluxcd.io/substitute: "
                              "disabled\nvalue: ${missing}\n");
    EXPECT_TRUE(SubstitutionDisabled(obj));
    ASSERT_TRUE(Substitute(&obj, {{"a", "b"}}, true).ok());
    EXPECT_EQ(obj.GetString("value"), "${missing}");
  }
}

TEST(SubstituteTest, NothingWithoutVariablesUnlessAlways) {
  yaml::Node obj = ParseOne("value: ${missing:=dev} $$x\n");
  ASSERT_TRUE(Substitute(&obj, {}, true).ok());
  EXPECT_EQ(obj.GetString("value"), "${missing:=dev} $$x");
  ASSERT_TRUE(Substitute(&obj, {}, true, /*always=*/true).ok());
  EXPECT_EQ(obj.GetString("value"), "dev $x");
}

// Found by fuzz/substitute_fuzz: a value that is not UTF-8 (a Secret's
// data) was substituted and written out as YAML that cannot be read back.
// Flux, which parses the substituted text again, fails; so does ferry.
TEST(SubstituteTest, ResultThatIsNotUtf8Fails) {
  yaml::Node obj = ParseOne("a: ok\nb: x${bin}\n", "b.yaml");
  Status st = Substitute(&obj, {{"bin", "\xff\xfe"}}, true);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "b.yaml:2:4: error: variable substitution failed: the result is "
            "not valid UTF-8");
  obj = ParseOne("b: ${v}\n");
  ASSERT_TRUE(Substitute(&obj, {{"v", "caf\xc3\xa9"}}, true).ok());
  EXPECT_EQ(obj.GetString("b"), "caf\xc3\xa9");
}

// Found by fuzz/substitute_fuzz: the overlong form C0 80 was decoded as
// U+0000, envsubst's end of input, and the text after it was dropped. Go
// decodes each of those bytes as U+FFFD and keeps them.
TEST(SubstituteTest, BytesThatAreNotUtf8AreKept) {
  for (bool strict : {true, false}) {
    std::string out, error;
    size_t offset = 0;
    std::string text =
        "a\xc0\x80" "b\xed\xa0\x80" "c\xf4\x90\x80\x80" "d";
    ASSERT_TRUE(ExpandVariables(text, {}, strict, &out, &error, &offset));
    EXPECT_EQ(out, text);
    ASSERT_TRUE(ExpandVariables("x\xc0\x80${v}", {{"v", "1"}}, strict, &out,
                                &error, &offset));
    EXPECT_EQ(out, "x\xc0\x80" "1");
  }
}

// Found by fuzz/substitute_fuzz: two keys that substitute to the same text
// made a mapping that cannot be written and read back. Flux parses the
// substituted text again and fails on the duplicate; so does ferry.
TEST(SubstituteTest, KeysThatBecomeEqualFail) {
  yaml::Node obj = ParseOne("a: 1\n${x}: 2\n${y}: 3\n", "k.yaml");
  Status st = Substitute(&obj, {{"x", "b"}, {"y", "b"}}, true);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "k.yaml:3:1: error: mapping key \"b\" already defined after "
            "substitution");
  obj = ParseOne("${x}: 1\n${y}: 2\n");
  EXPECT_TRUE(Substitute(&obj, {{"x", "b"}, {"y", "c"}}, true).ok());
}

TEST(SubstituteTest, InvalidVariableName) {
  yaml::Node obj = ParseOne("value: x\n");
  Status st = Substitute(&obj, {{"my-var", "1"}}, false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("'my-var' var name is invalid"),
            std::string::npos);
}

TEST(CollectVariablesTest, OrderAndPrecedence) {
  std::vector<yaml::Node> docs;
  ASSERT_TRUE(yaml::ParseDocuments(
                  "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                  "kind: Kustomization\n"
                  "metadata: {name: app, namespace: flux-system}\n"
                  "spec:\n"
                  "  interval: 10m\n"
                  "  prune: true\n"
                  "  sourceRef: {kind: GitRepository, name: flux-system}\n"
                  "  postBuild:\n"
                  "    substitute:\n"
                  "      env: inline\n"
                  "    substituteFrom:\n"
                  "      - kind: ConfigMap\n"
                  "        name: vars\n"
                  "      - kind: Secret\n"
                  "        name: secret-vars\n"
                  "      - kind: ConfigMap\n"
                  "        name: absent\n"
                  "        optional: true\n"
                  "      - kind: ConfigMap\n"
                  "        name: in-cluster\n",
                  "sync.yaml", &docs)
                  .ok());
  FluxObjects objs;
  ASSERT_TRUE(ParseFluxObjects(docs, &objs, nullptr).ok());
  const PostBuild& pb = *objs.kustomizations.at(0).spec.post_build;
  yaml::Node cm = ParseOne(
      "kind: ConfigMap\ndata:\n  env: from-cm\n  region: eu\n  token: a\n");
  yaml::Node secret = ParseOne(
      "kind: Secret\ndata:\n  token: c2VjcmV0Cg==\nstringData:\n  user: "
      "admin\n");
  ObjectLookup lookup = [&](std::string_view kind,
                            std::string_view name) -> const yaml::Node* {
    if (kind == "ConfigMap" && name == "vars") return &cm;
    if (kind == "Secret" && name == "secret-vars") return &secret;
    return nullptr;
  };
  Variables vars;
  std::vector<const SubstituteReference*> unresolved;
  Status st = CollectVariables(pb, lookup, &vars, &unresolved);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(vars["env"], "inline");  // substitute overrides substituteFrom
  EXPECT_EQ(vars["region"], "eu");
  EXPECT_EQ(vars["token"], "secret");  // later entry overrides, "\n" removed
  EXPECT_EQ(vars["user"], "admin");
  ASSERT_EQ(unresolved.size(), 1u);  // the optional one is not reported
  EXPECT_EQ(unresolved[0]->name, "in-cluster");
}

TEST(CollectVariablesTest, InvalidNameInConfigMapIsAnErrorThere) {
  PostBuild pb;
  pb.substitute_from.push_back({"ConfigMap", "vars", false, {}});
  yaml::Node cm = ParseOne("data:\n  ok: 1\n  bad-name: x\n", "cm.yaml");
  Variables vars;
  Status st = CollectVariables(
      pb, [&](std::string_view, std::string_view) { return &cm; }, &vars,
      nullptr);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("cm.yaml:3:3: error: 'bad-name' var name", 0),
            0u)
      << st.message();
}

}  // namespace
}  // namespace ferry::repo
