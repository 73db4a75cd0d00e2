#include "yaml/parse.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "yaml/emit.h"

namespace ferry::yaml {
namespace {

TEST(ParseTest, MultiDocumentWithPositions) {
  std::vector<Node> docs;
  ASSERT_TRUE(ParseDocuments("a: 1\n---\nb:\n  c: [x, y]\n", "f.yaml", &docs).ok());
  ASSERT_EQ(docs.size(), 2u);
  const Node* c = docs[1].GetPath({"b", "c"});
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->items()[1].value(), "y");
  EXPECT_EQ(c->mark().line, 4u);
  EXPECT_EQ(c->mark().File(), "f.yaml");
}

TEST(ParseTest, EmptyDocumentsAndValuesAreNull) {
  std::vector<Node> docs;
  ASSERT_TRUE(ParseDocuments("---\n# only a comment\n---\nk:\n", "f", &docs).ok());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_TRUE(docs[0].IsNull());
  EXPECT_TRUE(docs[1].Get("k")->IsNull());
}

TEST(ParseTest, SyntaxErrorNamesFileLineAndColumn) {
  std::vector<Node> docs;
  Status st = ParseDocuments("a: 1\nb: [\n", "bad.yaml", &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("bad.yaml:", 0), 0u) << st.message();
  EXPECT_NE(st.message().find("error: invalid YAML"), std::string::npos);
}

TEST(ParseTest, DuplicateKeyIsAnError) {
  std::vector<Node> docs;
  Status st = ParseDocuments("a: 1\nb: 2\na: 3\n", "dup.yaml", &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("dup.yaml:3:1: error: mapping key \"a\" already defined"),
            std::string::npos)
      << st.message();
}

TEST(ParseTest, DuplicateKeyLastWinsWhenAsked) {
  ParseLimits limits;
  limits.duplicate_keys_last_wins = true;
  Node doc;
  ASSERT_TRUE(ParseDocument("a: 1\nb: {x: 1, x: 2}\na: 3\n", "dup.yaml", &doc,
                            limits)
                  .ok());
  ASSERT_EQ(doc.pairs().size(), 2u);
  EXPECT_EQ(doc.pairs()[0].key.value(), "b");
  EXPECT_EQ(doc.GetString("a"), "3");
  EXPECT_EQ(doc.Get("b")->GetString("x"), "2");
  EXPECT_EQ(doc.Get("b")->pairs().size(), 1u);
}

TEST(ParseTest, AliasBombIsRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", " : "") + "*" + prev;
    bomb += "]\n";
    prev = c;
  }
  std::vector<Node> docs;
  Status st = ParseDocuments(bomb, "bomb.yaml", &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("alias expansion exceeds"), std::string::npos)
      << st.message();
}

TEST(ParseTest, DepthAndSizeLimits) {
  ParseLimits limits;
  limits.max_depth = 10;
  std::string deep(20, '[');
  deep += std::string(20, ']');
  std::vector<Node> docs;
  Status st = ParseDocuments(deep, "deep.yaml", &docs, limits);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("nesting depth exceeds"), std::string::npos);
  limits.max_bytes = 4;
  docs.clear();
  st = ParseDocuments("a: 12345\n", "big.yaml", &docs, limits);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("exceeds the limit"), std::string::npos);
}

TEST(ParseTest, MergeKeysExpand) {
  Node doc;
  ASSERT_TRUE(ParseDocument("base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 3\n", "m", &doc).ok());
  ExpandMergeKeys(&doc);
  const Node* obj = doc.Get("obj");
  EXPECT_EQ(obj->GetString("x"), "1");
  EXPECT_EQ(obj->GetString("y"), "3");
  EXPECT_EQ(obj->Get("<<"), nullptr);
}

TEST(ParseTest, JsonInput) {
  Node doc;
  ASSERT_TRUE(ParseDocument("{\"a\": [1, \"two\", null, true]}", "j.json", &doc).ok());
  std::string out;
  EmitKustomizeDocument(doc, &out);
  EXPECT_EQ(out, "a:\n- 1\n- two\n- null\n- true\n");
}

// Found by fuzz/sops_config_fuzz: libfyaml 0.7.12 never returns from a
// directive holding invalid UTF-8. go-yaml refuses any text that is not
// UTF-8, or has control characters; so does ferry, with the place of the
// first bad byte.
TEST(ParseTest, InvalidUtf8IsRefusedWhereItIs) {
  std::vector<Node> docs;
  Status st = ParseDocuments("a: 1\n%\xe0\n", "bad.yaml", &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "bad.yaml:2:2: error: invalid YAML: invalid UTF-8 (byte 0xE0); "
            "YAML text must be UTF-8");
  for (std::string_view bad : {"k: \xc0\xaf\n", "k: \xed\xa0\x80\n",
                               "k: \xf4\x90\x80\x80\n", "k: \xe2\x82\n"})
    EXPECT_FALSE(ParseDocuments(bad, "b", &docs).ok()) << bad;
  // Found by fuzz/yaml_roundtrip_fuzz: after a NUL, libfyaml returned heap
  // memory in a block scalar. go-yaml refuses control characters.
  st = ParseDocuments(std::string("k: |\0x\n", 7), "nul.yaml", &docs);
  EXPECT_EQ(st.message(), "nul.yaml:1:5: error: invalid YAML: control "
                          "character U+0000 is not allowed");
  EXPECT_FALSE(ParseDocuments("k: \x7f\n", "del", &docs).ok());
  EXPECT_FALSE(ParseDocuments("k: \xc2\x80\n", "c1", &docs).ok());
  docs.clear();
  ASSERT_TRUE(ParseDocuments("\xef\xbb\xbfk: caf\xc3\xa9 \xf0\x9f\x98\x80\n", "ok",
                             &docs)
                  .ok());
  EXPECT_EQ(docs[0].GetString("k"), "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

// Found by fuzz/yaml_roundtrip_fuzz: libfyaml 0.7.12 returns "SELECT ''' AS "
// for 'SELECT '''' AS e' (two escaped quotes in a row); ferry decodes such
// scalars itself, line folding included.
TEST(ParseTest, SingleQuotedWithQuotesInARow) {
  Node doc;
  ASSERT_TRUE(ParseDocument("a: 'SELECT '''' AS e'\nb: ''''''\n"
                            "c: 'x''''\n   y  \n\n\n  z '\nd: 'it''s'\n",
                            "q.yaml", &doc)
                  .ok());
  EXPECT_EQ(doc.GetString("a"), "SELECT '' AS e");
  EXPECT_EQ(doc.GetString("b"), "''");
  EXPECT_EQ(doc.GetString("c"), "x'' y\n\nz ");
  EXPECT_EQ(doc.GetString("d"), "it's");
  EXPECT_EQ(doc.Get("a")->style(), Style::kSingleQuoted);
}

// Found by fuzz/yaml_roundtrip_fuzz: libfyaml 0.7.12 decodes some block
// scalars wrongly: a folded scalar with an empty line before a more
// indented line lost a line break and ended with a byte of heap memory, a
// blank-only one was a NUL, clip chomping at the end of a file without a
// final line break added one, and an empty one took in the lines after it
// (testdata/kustomize/a-082). ferry decodes block scalars as libyaml
// (go-yaml) does.
TEST(ParseTest, BlockScalarsAsGoYamlReadsThem) {
  Node doc;
  ASSERT_TRUE(ParseDocument("b:\n  a: >-\n    e\n    \n     i\n  c: |\n   \n"
                            "  d: >\n    x\n     y\n\n    z\n",
                            "b.yaml", &doc)
                  .ok());
  EXPECT_EQ(doc.GetPath({"b", "a"})->value(), "e\n\n i");
  EXPECT_EQ(doc.GetPath({"b", "c"})->value(), "");
  EXPECT_EQ(doc.GetPath({"b", "d"})->value(), "x\n y\n\nz\n");
  ASSERT_TRUE(ParseDocument("k: |\n  x\n  y", "eof.yaml", &doc).ok());
  EXPECT_EQ(doc.GetString("k"), "x\ny");
  ASSERT_TRUE(ParseDocument("k: |+ # keep\n  x\n\n# end\nz: 1\n", "c.yaml", &doc)
                  .ok());
  EXPECT_EQ(doc.GetString("k"), "x\n\n");
  // An empty block scalar before a less indented key; "e" is no key.
  ASSERT_TRUE(ParseDocument("b:\n  a: |\n  c: >+\n\n  d: 1\n# x\n", "e.yaml",
                            &doc)
                  .ok());
  EXPECT_EQ(doc.GetPath({"b", "a"})->value(), "");
  EXPECT_EQ(doc.GetPath({"b", "c"})->value(), "\n");
  EXPECT_EQ(doc.GetPath({"b", "d"})->value(), "1");
  EXPECT_EQ(doc.GetPath({"b", "d"})->mark().line, 5u);
  EXPECT_FALSE(ParseDocument("b:\n  a: >-\n  e\n", "u.yaml", &doc).ok());
  // Each such scalar costs ferry a parse of the file; there used to be room
  // for 16 only.
  std::string many;
  for (int i = 0; i < 300; ++i) many += "k" + std::to_string(i) + ": |\n";
  many += "z: 1\n";
  ASSERT_TRUE(ParseDocument(many, "many.yaml", &doc).ok());
  EXPECT_EQ(doc.pairs().size(), 301u);
  EXPECT_EQ(doc.GetString("k299"), "");
  EXPECT_EQ(doc.GetString("z"), "1");
}

// Issue 5's resource limits: a file larger than max_bytes is refused from
// its size, before it is read, naming the file at 1:1.
TEST(ParseTest, FileTooLargeIsRefusedBeforeReading) {
  EXPECT_TRUE(CheckFileSize("f.yaml", 64u << 20).ok());
  Status st = CheckFileSize("f.yaml", (64u << 20) + 1);
  EXPECT_EQ(st.message(),
            "f.yaml:1:1: error: file size 67108865 exceeds the limit of "
            "67108864 bytes");
  std::string path = ::testing::TempDir() + "ferry-big.yaml";
  std::ofstream(path) << "a: 12345\n";
  ParseLimits limits;
  limits.max_bytes = 4;
  std::vector<Node> docs;
  st = ParseFile(path, &docs, limits);
  EXPECT_EQ(st.message(), path + ":1:1: error: file size 9 exceeds the limit "
                                 "of 4 bytes");
  std::remove(path.c_str());
}

// Found by fuzz/patch_fuzz: two empty keys were taken, then written as two
// "" keys that do not read back. go-yaml v3 refuses them, as it refuses an
// empty key beside a quoted "" key.
TEST(ParseTest, TwoEmptyKeysAreDuplicates) {
  std::vector<Node> docs;
  Status st = ParseDocuments("a: 1\n: x\n: y\n", "dup.yaml", &docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("error: mapping key \"\" already defined"),
            std::string::npos)
      << st.message();
  EXPECT_FALSE(ParseDocuments("? \n: x\n\"\": y\n", "d", &docs).ok());
  EXPECT_TRUE(ParseDocuments("? \n: x\n~: y\n", "d", &docs).ok());
}

}  // namespace
}  // namespace ferry::yaml
