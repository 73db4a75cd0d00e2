#include "kustomize/kustomization_fields.h"

#include <gtest/gtest.h>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

yaml::Node Parse(std::string_view text) {
  yaml::Node doc;
  EXPECT_TRUE(yaml::ParseDocument(text, "kustomization.yaml", &doc).ok());
  return doc;
}

TEST(KustomizationFields, NamesMatchAnyCase) {
  yaml::Node doc = Parse(
      "nameprefix: a-\nRESOURCES: [x.yaml]\n"
      "labels:\n- PAIRS: {A: b}\n  includeselectors: true\n"
      "sortoptions: {ORDER: fifo}\n");
  ASSERT_TRUE(NormalizeKustomizationFields(&doc).ok());
  EXPECT_EQ(doc.GetString("namePrefix"), "a-");
  ASSERT_NE(doc.Get("resources"), nullptr);
  const yaml::Node& label = doc.Get("labels")->items()[0];
  EXPECT_EQ(label.Get("pairs")->GetString("A"), "b");  // map keys kept
  EXPECT_EQ(label.GetString("includeSelectors"), "true");
  EXPECT_EQ(doc.Get("sortOptions")->GetString("order"), "fifo");
}

TEST(KustomizationFields, FoldedNamesDecodeInByteOrder) {
  // JSON keys sorted: "NamePrefix" < "namePrefix" < "nameprefix".
  yaml::Node doc = Parse(
      "nameprefix: c-\nNamePrefix: a-\nnamePrefix: b-\n"
      "commonLabels: {x: '1', y: '1'}\nCommonLabels: {x: '2'}\n");
  ASSERT_TRUE(NormalizeKustomizationFields(&doc).ok());
  ASSERT_EQ(doc.pairs().size(), 2u);
  EXPECT_EQ(doc.GetString("namePrefix"), "c-");
  // Maps decoded twice merge.
  EXPECT_EQ(doc.Get("commonLabels")->GetString("x"), "1");
  EXPECT_EQ(doc.Get("commonLabels")->GetString("y"), "1");
}

TEST(KustomizationFields, UnknownNestedFieldNamesItsPlace) {
  yaml::Node doc = Parse("sortOptions:\n  order: legacy\n  fifoSortOptions: {}\n");
  Status st = NormalizeKustomizationFields(&doc);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "kustomization.yaml:3:3: error: unknown field \"fifoSortOptions\" "
            "in kustomization");
  doc = Parse("labels:\n- pairs: {a: b}\n  includeVolumeClaimTemplates: true\n");
  EXPECT_FALSE(NormalizeKustomizationFields(&doc).ok());
}

}  // namespace
}  // namespace ferry::kustomize
