#include "yaml/resolve.h"

#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::yaml {
namespace {

std::string Out(std::string_view plain) {
  return ResolveForOutput(Node::Plain(plain)).text;
}

// Expectations are what `kubectl kustomize` (kustomize v5.5) writes for the
// plain scalar on the left (testdata/kustomize/a-075, a-076, a-078).
TEST(ResolveTest, NumbersGoThroughJson) {
  EXPECT_EQ(Out("0x10"), "16");
  EXPECT_EQ(Out("0o17"), "15");
  EXPECT_EQ(Out("017"), "15");
  EXPECT_EQ(Out("1_000"), "1000");
  EXPECT_EQ(Out("1.0"), "1");
  EXPECT_EQ(Out("1e21"), "1e+21");
  EXPECT_EQ(Out("0.000001"), "1e-06");
  EXPECT_EQ(Out("1234567.5"), "1.2345675e+06");
  EXPECT_EQ(Out("+1"), "1");
}

TEST(ResolveTest, TimestampsBecomeRfc3339Strings) {
  Resolved r = ResolveForOutput(Node::Plain("2020-01-01"));
  EXPECT_EQ(r.type, ScalarType::kString);
  EXPECT_EQ(r.text, "2020-01-01T00:00:00Z");
  EXPECT_EQ(Out("2001-12-14t21:59:43.10-05:00"), "2001-12-14T21:59:43.1-05:00");
}

TEST(ResolveTest, YamlOneOneWordsAreStringsOnInput) {
  EXPECT_EQ(ResolveV3(Node::Plain("yes")), ScalarType::kString);
  EXPECT_EQ(ResolveV3(Node::Plain("True")), ScalarType::kBool);
  EXPECT_EQ(ResolveV3(Node::Plain("~")), ScalarType::kNull);
  EXPECT_EQ(ResolveV3(Node::Str("123")), ScalarType::kString);
}

TEST(ResolveTest, V2QuotingDecisions) {
  EXPECT_TRUE(V2ResolvesAsNonString("yes"));
  EXPECT_TRUE(V2ResolvesAsNonString("on"));
  EXPECT_TRUE(V2ResolvesAsNonString("1.10"));
  EXPECT_TRUE(V2ResolvesAsNonString(""));
  EXPECT_FALSE(V2ResolvesAsNonString("<<"));
  EXPECT_FALSE(V2ResolvesAsNonString("nginx"));
  EXPECT_FALSE(V2ResolvesAsNonString("1.2.3"));
}

TEST(ResolveTest, GoFloatFormatting) {
  EXPECT_EQ(FormatGoFloatG(1.5), "1.5");
  EXPECT_EQ(FormatGoFloatG(100000.5), "100000.5");
  EXPECT_EQ(FormatGoFloatG(1e20), "1e+20");
  EXPECT_EQ(FormatGoFloatG(0.0001), "0.0001");
}

// Found by fuzz/yaml_roundtrip_fuzz: "!!int" on text that is no integer was
// written as 0 by the go-yaml v3 emitter (sops files), and "!!bool" on
// other text as false by both emitters. Such text stays a string.
TEST(ResolveTest, CoreTagOnTextOfAnotherTypeKeepsTheText) {
  Node doc;
  ASSERT_TRUE(ParseDocument("i: !!int \"42\"\nb: !!bool abc\nf: !!float 1\n"
                            "s: !!int x\nz: !!null 0\n",
                            "t.yaml", &doc)
                  .ok());
  EXPECT_EQ(ResolveV3(*doc.Get("i")), ScalarType::kInt);
  EXPECT_EQ(ResolveV3(*doc.Get("b")), ScalarType::kString);
  EXPECT_EQ(ResolveV3(*doc.Get("f")), ScalarType::kFloat);
  EXPECT_EQ(ResolveV3(*doc.Get("s")), ScalarType::kString);
  EXPECT_EQ(ResolveV3(*doc.Get("z")), ScalarType::kString);
  std::string v3;
  EmitGoYamlV3Document(doc, 4, &v3);
  EXPECT_EQ(v3, "i: 42\nb: abc\nf: 1\ns: x\nz: \"0\"\n");
  std::string k;
  EmitKustomizeDocument(doc, &k);
  EXPECT_EQ(k, "b: abc\nf: 1\ni: 42\ns: x\nz: \"0\"\n");
}

}  // namespace
}  // namespace ferry::yaml
