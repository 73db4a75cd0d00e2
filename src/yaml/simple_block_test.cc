#include "yaml/simple_block.h"

#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::yaml {
namespace {

// Within its subset the fast reader must give ParseDocument's tree.
void ExpectSameAsParser(std::string_view text) {
  Node fast, full;
  ASSERT_TRUE(ParseSimpleBlock(text, "t.yaml", &fast)) << text;
  ASSERT_TRUE(ParseDocument(text, "t.yaml", &full).ok());
  EXPECT_TRUE(fast == full) << text;
  std::string a, b;
  EmitJson(fast, &a);
  EmitJson(full, &b);
  EXPECT_EQ(a, b);
}

TEST(SimpleBlockTest, SameTreeAsTheParser) {
  ExpectSameAsParser("a: 1\nb:\n  c: d\n  e:\n  - x\n  - y\n");
  ExpectSameAsParser("list:\n- path: a/b\n  create: true\n- path: c\n");
  ExpectSameAsParser("# comment\n\nref:\n- kind: Secret\n  fieldSpecs:\n"
                     "  - path: spec/volumes/secret/secretName\n    kind: Pod\n"
                     "  - path: x\n    version: v1\n\n- kind: ConfigMap\n");
  ExpectSameAsParser("a:\n  - b\n  -\n    c: 1\nd: ~\ne:\n");
}

TEST(SimpleBlockTest, RefusesWhatItDoesNotKnow) {
  Node n;
  EXPECT_FALSE(ParseSimpleBlock("a: 'quoted'\n", "t", &n));
  EXPECT_FALSE(ParseSimpleBlock("a: {b: c}\n", "t", &n));
  EXPECT_FALSE(ParseSimpleBlock("a: |\n  text\n", "t", &n));
  EXPECT_FALSE(ParseSimpleBlock("a: &x 1\n", "t", &n));
  EXPECT_FALSE(ParseSimpleBlock("a: 1\na: 2\n", "t", &n));
  EXPECT_FALSE(ParseSimpleBlock("a: b # comment\n", "t", &n));
}

}  // namespace
}  // namespace ferry::yaml
