#include "sops/tree_path.h"

#include <gtest/gtest.h>

#include "sops/exit_codes.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::sops {
namespace {

yaml::Node Doc(std::string_view text) {
  yaml::Node n;
  EXPECT_TRUE(yaml::ParseDocument(text, "t.yaml", &n).ok());
  return n;
}

std::string Yaml(const yaml::Node& n) { return yaml::EmitGoYamlV3Stream({n}, 2); }

TreePath Path(std::string_view text) {
  TreePath p;
  Status st = ParseTreePath(text, &p);
  EXPECT_TRUE(st.ok()) << st.message();
  return p;
}

TEST(TreePath, ParsesKeysAndIndices) {
  TreePath p = Path(R"(["data"][2]['b c']["q\"x"])");
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(std::get<std::string>(p[0]), "data");
  EXPECT_EQ(std::get<size_t>(p[1]), 2u);
  EXPECT_EQ(std::get<std::string>(p[2]), "b c");
  EXPECT_EQ(std::get<std::string>(p[3]), "q\"x");
  EXPECT_EQ(FormatTreePath(Path(R"(["a"][0])")), R"(["a"][0])");
}

TEST(TreePath, RejectsMalformedPaths) {
  for (std::string_view bad :
       {"", "data", "[\"a\"", "[\"a]", "[x]", "[-1]", "[\"a\"]x", "[]"}) {
    TreePath p;
    Status st = ParseTreePath(bad, &p);
    EXPECT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.code(), kExitInvalidTreePathFormat) << bad;
  }
}

TEST(TreePath, GetFollowsKeysAndIndices) {
  yaml::Node d = Doc("a:\n  - x\n  - b: 1\n");
  ASSERT_NE(GetAtPath(d, Path(R"(["a"][1]["b"])")), nullptr);
  EXPECT_EQ(GetAtPath(d, Path(R"(["a"][1]["b"])"))->value(), "1");
  EXPECT_EQ(GetAtPath(d, Path(R"(["a"][5])")), nullptr);
  EXPECT_EQ(GetAtPath(d, Path(R"(["a"]["b"])")), nullptr);
}

TEST(TreePath, SetReplacesAndReportsChange) {
  yaml::Node d = Doc("a: 1\nb: 2\n");
  bool changed = false;
  SetAtPath(&d, Path(R"(["a"])"), yaml::Node::Plain("1"), &changed);
  EXPECT_FALSE(changed);
  SetAtPath(&d, Path(R"(["a"])"), yaml::Node::Str("1"), &changed);
  EXPECT_TRUE(changed);  // the string "1" is not the number 1
  SetAtPath(&d, Path(R"(["b"])"), yaml::Node::Plain("3"), &changed);
  EXPECT_TRUE(changed);
  EXPECT_EQ(Yaml(d), "a: \"1\"\nb: 3\n");
}

TEST(TreePath, SetCreatesWhatThePathNeeds) {
  yaml::Node d = Doc("a: 1\n");
  bool changed = false;
  SetAtPath(&d, Path(R"(["m"]["list"][0]["k"])"), yaml::Node::Str("v"),
            &changed);
  EXPECT_TRUE(changed);
  EXPECT_EQ(Yaml(d), "a: 1\nm:\n  list:\n    - k: v\n");
  // An index past the end appends.
  SetAtPath(&d, Path(R"(["m"]["list"][9])"), yaml::Node::Str("w"), &changed);
  EXPECT_EQ(Yaml(d), "a: 1\nm:\n  list:\n    - k: v\n    - w\n");
}

TEST(TreePath, UnsetRemovesKeysAndItems) {
  yaml::Node d = Doc("a: 1\nl:\n  - p\n  - q\n");
  EXPECT_TRUE(UnsetAtPath(&d, Path(R"(["l"][0])")));
  EXPECT_TRUE(UnsetAtPath(&d, Path(R"(["a"])")));
  EXPECT_FALSE(UnsetAtPath(&d, Path(R"(["a"])")));
  EXPECT_FALSE(UnsetAtPath(&d, TreePath()));  // the document stays
  EXPECT_FALSE(UnsetAtPath(&d, Path(R"(["l"][3])")));
  EXPECT_EQ(Yaml(d), "l:\n  - q\n");
}

}  // namespace
}  // namespace ferry::sops
