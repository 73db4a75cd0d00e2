#include "kustomize/builtin_plugins.h"

#include <gtest/gtest.h>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

yaml::Node Parse(const std::string& text) {
  yaml::Node n;
  EXPECT_TRUE(yaml::ParseDocument(text, "test.yaml", &n).ok());
  return n;
}

ResMap Objects(const std::string& text) {
  std::vector<yaml::Node> docs;
  EXPECT_TRUE(yaml::ParseDocuments(text, "objects.yaml", &docs).ok());
  ResMap m;
  for (yaml::Node& d : docs) {
    Resource r;
    r.node = std::move(d);
    m.push_back(std::move(r));
  }
  return m;
}

constexpr char kCm[] =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";

TEST(BuiltinPluginsTest, ExternalPluginsAreRefused) {
  Status st = CheckBuiltinPlugin(
      Parse("apiVersion: example.com/v1\nkind: Mine\nmetadata: {name: x}\n"),
      false);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("test.yaml:1:1: error: external plugins "
                              "disabled; unable to load external plugin "
                              "'Mine'"),
            std::string::npos)
      << st.message();
}

TEST(BuiltinPluginsTest, UnknownBuiltinAndWrongRole) {
  EXPECT_NE(CheckBuiltinPlugin(Parse("apiVersion: builtin\nkind: "
                                     "SortOrderTransformer\n"),
                               false)
                .message()
                .find("unable to load builtin SortOrderTransformer"),
            std::string::npos);
  EXPECT_NE(CheckBuiltinPlugin(Parse("apiVersion: builtin\nkind: "
                                     "ConfigMapGenerator\n"),
                               false)
                .message()
                .find("not a transformer"),
            std::string::npos);
}

// Field names are matched as encoding/json does: without regard to case.
TEST(BuiltinPluginsTest, PrefixSuffixReadsFieldsCaseInsensitively) {
  ResMap m = Objects(kCm);
  std::unique_ptr<Loader> loader;
  ASSERT_TRUE(Loader::ForRoot(".", LoadRestrictor::kRootOnly, &loader).ok());
  ASSERT_TRUE(RunBuiltinTransformer(
                  Parse("apiVersion: builtin\nkind: PrefixSuffixTransformer\n"
                        "Prefix: p-\nsuffix: -s\nFieldSpecs:\n"
                        "- Path: metadata/name\n"),
                  *loader, &m, nullptr)
                  .ok());
  EXPECT_EQ(m[0].Name(), "p-cm-s");
}

TEST(BuiltinPluginsTest, PrefixWithoutFieldSpecsFails) {
  ResMap m = Objects(kCm);
  std::unique_ptr<Loader> loader;
  ASSERT_TRUE(Loader::ForRoot(".", LoadRestrictor::kRootOnly, &loader).ok());
  Status st = RunBuiltinTransformer(
      Parse("apiVersion: builtin\nkind: PrefixTransformer\nprefix: p-\n"),
      *loader, &m, nullptr);
  EXPECT_NE(st.message().find("fieldSpecs is not expected to be nil"),
            std::string::npos)
      << st.message();
}

TEST(BuiltinPluginsTest, IamPolicyGeneratorMakesAServiceAccount) {
  std::unique_ptr<Loader> loader;
  ASSERT_TRUE(Loader::ForRoot(".", LoadRestrictor::kRootOnly, &loader).ok());
  ResMap out;
  ASSERT_TRUE(RunBuiltinGenerator(
                  Parse("apiVersion: builtin\nkind: IAMPolicyGenerator\n"
                        "cloud: gke\nkubernetesService: {name: ksa, "
                        "namespace: ns}\nserviceAccount: {name: gsa, "
                        "projectId: proj}\n"),
                  *loader, &out)
                  .ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].Name(), "ksa");
  EXPECT_EQ(out[0].Namespace(), "ns");
  EXPECT_EQ(out[0].node.GetPath({"metadata", "annotations",
                                 "iam.gke.io/gcp-service-account"})
                ->value(),
            "gsa@proj.iam.gserviceaccount.com");
}

TEST(BuiltinPluginsTest, InlineConfigOrPath) {
  std::vector<yaml::Node> docs;
  EXPECT_FALSE(ParseInlinePluginConfig(yaml::Node::Str("configs/t.yaml"), &docs));
  EXPECT_FALSE(ParseInlinePluginConfig(yaml::Node::Str("../configs"), &docs));
  EXPECT_TRUE(ParseInlinePluginConfig(
      yaml::Node::Str("apiVersion: builtin\nkind: HashTransformer\n---\n"
                      "apiVersion: builtin\nkind: HashTransformer\n"),
      &docs));
  EXPECT_EQ(docs.size(), 2u);
}

}  // namespace
}  // namespace ferry::kustomize
