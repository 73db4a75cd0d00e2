#include "sops/ini_store.h"

#include <gtest/gtest.h>

namespace ferry::sops {
namespace {

yaml::Node Parse(std::string_view text) {
  yaml::Node doc;
  Status st = ParseIni(text, "t.ini", &doc);
  EXPECT_TRUE(st.ok()) << st.message();
  return doc;
}

TEST(IniStore, KeysBeforeTheFirstSectionAreInDefault) {
  yaml::Node doc = Parse("top = 1\n[a]\nx = 2\n");
  ASSERT_EQ(doc.pairs().size(), 2u);
  EXPECT_EQ(doc.pairs()[0].key.value(), "DEFAULT");
  EXPECT_EQ(doc.GetPath({"DEFAULT", "top"})->value(), "1");
  EXPECT_EQ(doc.GetPath({"a", "x"})->value(), "2");
}

TEST(IniStore, ValuesAsGoIniReadsThem) {
  yaml::Node doc = Parse(
      "[s]\n"
      "colon: c\n"
      "inline = v ; a comment\n"
      "hash = v # another\n"
      "dq = \"  spaced  \"\n"
      "sq = 'single'\n"
      "bq = `keeps ; and #`\n"
      "multi = \"\"\"one\ntwo\"\"\"\n"
      "cont = a\\\n  b\n"
      "empty =\n"
      "\"k=ey\" = quoted key\n"
      "`b\"q` = backquoted key\n");
  auto get = [&](const char* k) {
    const yaml::Node* n = doc.GetPath({"s", k});
    return n ? n->value() : std::string("<missing>");
  };
  EXPECT_EQ(get("colon"), "c");
  EXPECT_EQ(get("inline"), "v");
  EXPECT_EQ(get("hash"), "v");
  EXPECT_EQ(get("dq"), "  spaced  ");
  EXPECT_EQ(get("sq"), "single");
  EXPECT_EQ(get("bq"), "keeps ; and #");
  EXPECT_EQ(get("multi"), "one\ntwo");
  EXPECT_EQ(get("cont"), "ab");
  EXPECT_EQ(get("empty"), "");
  EXPECT_EQ(get("k=ey"), "quoted key");
  EXPECT_EQ(get("b\"q"), "backquoted key");
}

TEST(IniStore, RepeatedSectionsAndKeysMergeAsGoIni) {
  yaml::Node doc = Parse("[a]\nx = 1\n[b]\n[a]\nx = 2\ny = 3\n");
  ASSERT_EQ(doc.Get("a")->pairs().size(), 2u);
  EXPECT_EQ(doc.GetPath({"a", "x"})->value(), "2");
}

TEST(IniStore, CommentsBelongToTheNextSectionOrKey) {
  yaml::Node doc = Parse("# about a\n[a]\n; about x\nx = 1\n# trailing\n");
  EXPECT_EQ(doc.pairs()[1].key.head_comment(), "#about a");
  EXPECT_EQ(doc.Get("a")->pairs()[0].key.head_comment(), "#about x");
  EXPECT_EQ(doc.foot_comment(), "#trailing");
}

TEST(IniStore, WritesGoIniPrettyFormat) {
  yaml::Node doc = Parse(
      "top=1\n[s]\na=1\nlonger=x;y\nsp= \" x \"\nnl=\"\"\"a\nb\"\"\"\n");
  std::string out;
  ASSERT_TRUE(EmitIni(doc, &out).ok());
  EXPECT_EQ(out,
            "top = 1\n"
            "\n"
            "[s]\n"
            "a      = 1\n"
            "longer = x\n"
            "sp     = \" x \"\n"
            "nl     = \"\"\"a\nb\"\"\"\n"
            "\n");
  yaml::Node again = Parse(out);
  EXPECT_TRUE(again == doc);
}

TEST(IniStore, KeysAreQuotedAsGoIniQuotesThem) {
  yaml::Node doc = Parse("[s]\n`a=b` = 1\n`c\"d` = 2\n\"\"\"e`f\"\"\" = 3\n");
  std::string out;
  ASSERT_TRUE(EmitIni(doc, &out).ok());
  EXPECT_EQ(out, "[s]\n`a=b`     = 1\n`c\"d`     = 2\n\"\"\"e`f\"\"\" = 3\n\n");
  EXPECT_TRUE(Parse(out) == doc);
}

TEST(IniStore, EmptyDefaultSectionIsNotWritten) {
  std::string out;
  ASSERT_TRUE(EmitIni(Parse("[s]\nk = v\n"), &out).ok());
  EXPECT_EQ(out, "[s]\nk = v\n\n");
}

TEST(IniStore, BadLinesAreErrorsWithTheirLine) {
  yaml::Node doc;
  Status st = ParseIni("[s]\nk = v\njust words\n", "t.ini", &doc);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("t.ini:3: error:"), std::string::npos) << st.message();
  EXPECT_FALSE(ParseIni("[unclosed\n", "t.ini", &doc).ok());
  EXPECT_FALSE(ParseIni("[s]\nk = \"\"\"never closed\n", "t.ini", &doc).ok());
}

}  // namespace
}  // namespace ferry::sops
