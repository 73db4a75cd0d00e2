#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::yaml {
namespace {

std::string RoundTrip(std::string_view text) {
  std::vector<Node> docs;
  Status st = ParseDocumentsWithComments(text, "t.yaml", &docs);
  EXPECT_TRUE(st.ok()) << st.message();
  return EmitGoYamlV3Stream(docs, 4);
}

// The comment cases of sops's stores/yaml/store_test.go.
TEST(EmitGoYamlV3, SopsCommentCases) {
  const char* c1 = "# test\na:\n    b: null\n    # foo\n";
  EXPECT_EQ(RoundTrip(c1), c1);
  const char* c2 = "a:\n    # foo\n    b: null\n";
  EXPECT_EQ(RoundTrip(c2), c2);
  EXPECT_EQ(RoundTrip("## Configuration\n##\nexporter:\n  podLabels:\n    ## "
                      "Add the label\n    ##\n\n    jobLabel: node-exporter\n "
                      " extraArgs:\n    - --a=^/(dev|proc)($|/)\n    - --b\n"),
            "## Configuration\n##\nexporter:\n    podLabels:\n        ## Add "
            "the label\n        ##\n        jobLabel: node-exporter\n    "
            "extraArgs:\n        - --a=^/(dev|proc)($|/)\n        - --b\n");
  EXPECT_EQ(RoundTrip("---\n# comment 0\nkey1: value\nkey1_a: value\n# ^ "
                      "comment 1\n---\nkey2: value2"),
            "# comment 0\nkey1: value\nkey1_a: value\n# ^ comment 1\n---\n"
            "key2: value2\n");
}

TEST(EmitGoYamlV3, ScalarsByDecodedType) {
  EXPECT_EQ(RoundTrip("a: 0x10\nb: True\nc: ~\nd: 1.50\ne: '1'\nf: "
                      "2020-01-01\ng: ''\nh: yes\ni: 'a: b'\nj: \"#x\"\n"),
            "a: 16\nb: true\nc: null\nd: 1.5\ne: \"1\"\nf: \"2020-01-01\"\n"
            "g: \"\"\nh: \"yes\"\ni: 'a: b'\nj: '#x'\n");
}

TEST(EmitGoYamlV3, Layout) {
  EXPECT_EQ(RoundTrip("a:\n  - x: 1\n    z: |\n      line1\n      line2\n"
                      "  - []\nb: {}\nc: \"no\\nend\"\n"),
            "a:\n    - x: 1\n      z: |\n        line1\n        line2\n"
            "    - []\nb: {}\nc: |-\n    no\n    end\n");
}

TEST(EmitGoYamlV3, LineComments) {
  EXPECT_EQ(RoundTrip("a: 1 # one\nb: # map\n  c: 'x # y' # two\n"),
            "a: 1 # one\nb: # map\n    c: 'x # y' # two\n");
}

// Found by fuzz/yaml_roundtrip_fuzz: a string that is one line break was
// written "|4" (clip), which reads back as "". go-yaml keeps it: "|4+".
TEST(EmitGoYamlV3, LoneLineBreakIsKept) {
  EXPECT_EQ(RoundTrip("a: \"\\n\"\nb: \"x\\n\\n\"\nc: \"x\\n\"\n"),
            "a: |4+\n\nb: |+\n    x\n\nc: |\n    x\n");
  Node doc;
  ASSERT_TRUE(ParseDocument(RoundTrip("a: \"\\n\"\n"), "t", &doc).ok());
  EXPECT_EQ(doc.GetString("a"), "\n");
}

// Found by fuzz/yaml_roundtrip_fuzz: a block that needs an indentation
// indicator (it starts with a space or a line break) as a value of a mapping
// in a sequence, or as a sequence item. go-yaml v3 writes its indent step
// (4) there, which does not match its lines (go-yaml issue #643); ferry
// writes the indicator its lines have, and the same lines as go-yaml.
TEST(EmitGoYamlV3, BlockIndicatorMatchesItsLines) {
  EXPECT_EQ(RoundTrip("- k: \"\\n\\nx\\n\"\n  j: \" y\\nz\"\n- \" h\\nw\"\n"
                      "- - k: \"\\nx\"\n"),
            "- k: |2\n\n\n    x\n  j: |2-\n     y\n    z\n- |2-\n   h\n  w\n"
            "- - k: |4-\n\n        x\n");
  Node doc = Node::Seq();
  Node item = Node::Map();
  item.Set("k", Node::Str("\n\n\n:n1.15:[sAo\n"));
  doc.Append(item);
  doc.Append(Node::Str(" hello\nworld"));
  std::string out;
  EmitGoYamlV3Document(doc, 4, &out);
  Node back;
  ASSERT_TRUE(ParseDocument(out, "t", &back).ok()) << out;
  EXPECT_EQ(back.items()[0].GetString("k"), "\n\n\n:n1.15:[sAo\n");
  EXPECT_EQ(back.items()[1].value(), " hello\nworld");
}

// Found by fuzz/yaml_roundtrip_fuzz: the v3 emitter wrote characters that
// are not printable (U+0081) and the breaks NEL, LS and PS raw inside double
// quotes, where go-yaml escapes them; U+0081 did not read back.
TEST(EmitGoYamlV3, DoubleQuotedEscapesAsGoYaml) {
  Node doc = Node::Map();
  doc.Set("a", Node::Str("x\xc2\x81y"));
  doc.Set("b", Node::Str("l\xe2\x80\xa8n\xc2\x85"));
  doc.Set("c", Node::Str("t\tb\x07"));
  std::string out;
  EmitGoYamlV3Document(doc, 4, &out);
  EXPECT_EQ(out, "a: \"x\\x81y\"\nb: \"l\\Ln\\N\"\nc: \"t\\tb\\a\"\n");
  Node back;
  ASSERT_TRUE(ParseDocument(out, "t", &back).ok());
  EXPECT_EQ(back.GetString("a"), "x\xc2\x81y");
  EXPECT_EQ(back.GetString("b"), "l\xe2\x80\xa8n\xc2\x85");
  // go-yaml's is_bom looks at the start of the value: after a BOM there,
  // every character is escaped (the kustomize emitter shares the writer).
  out.clear();
  Node bom = Node::Map();
  bom.Set("d", Node::Str("\xef\xbb\xbf" "a\xc3\xa9"));
  EmitGoYamlV3Document(bom, 4, &out);
  EXPECT_EQ(out, "d: \"\\uFEFF\\x61\\xE9\"\n");
  ASSERT_TRUE(ParseDocument(out, "t", &back).ok());
  EXPECT_EQ(back.GetString("d"), "\xef\xbb\xbf" "a\xc3\xa9");
}

TEST(ParseWithComments, DefaultParserKeepsNone) {
  std::vector<Node> docs;
  ASSERT_TRUE(ParseDocuments("# c\na: 1 # d\n", "t", &docs).ok());
  EXPECT_FALSE(docs[0].pairs()[0].key.has_comments());
  EXPECT_FALSE(docs[0].pairs()[0].value.has_comments());
}

}  // namespace
}  // namespace ferry::yaml
