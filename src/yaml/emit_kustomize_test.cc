#include <gtest/gtest.h>

#include "yaml/emit.h"
#include "yaml/parse.h"

namespace ferry::yaml {
namespace {

std::string Emit(std::string_view yaml) {
  Node doc;
  Status st = ParseDocument(yaml, "t.yaml", &doc);
  EXPECT_TRUE(st.ok()) << st.message();
  std::string out;
  EmitKustomizeDocument(doc, &out);
  return out;
}

TEST(EmitKustomizeTest, KeysSortWithRunsOfDigitsAsNumbers) {
  EXPECT_EQ(Emit("k10: a\nk9: b\nk: c\n"), "k: c\nk9: b\nk10: a\n");
}

// Found by fuzz/patch_fuzz (UBSan: signed overflow in the key order). Go's
// int64 wraps: a run of 19 nines is negative there, so it sorts first.
TEST(EmitKustomizeTest, LongRunsOfDigitsWrapAsInGo) {
  EXPECT_EQ(Emit("k1: a\nk9999999999999999999: b\n"),
            "k9999999999999999999: b\nk1: a\n");
  EXPECT_EQ(Emit("k88888888888888888888888: a\nk88888888888888888888889: b\n"),
            "k88888888888888888888888: a\nk88888888888888888888889: b\n");
}

// Found by fuzz/yaml_roundtrip_fuzz: an empty key was written as null,
// where kubectl kustomize writes "" (JSON keys are strings).
TEST(EmitKustomizeTest, EmptyKeyIsTheEmptyString) {
  EXPECT_EQ(Emit("? \n: a\nb: 1\n"), "\"\": a\nb: 1\n");
}

}  // namespace
}  // namespace ferry::yaml
