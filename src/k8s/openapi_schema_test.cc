#include "k8s/openapi_schema.h"

#include <gtest/gtest.h>

namespace ferry::k8s {
namespace {

constexpr char kSchema[] = R"({
  "definitions": {
    "v1.Thing": {
      "x-kubernetes-group-version-kind": [
        {"group": "example.com", "version": "v1", "kind": "Thing"}],
      "properties": {
        "spec": {"properties": {
          "items": {"type": "array",
                    "x-kubernetes-patch-strategy": "merge",
                    "x-kubernetes-patch-merge-key": "id",
                    "items": {"$ref": "#/definitions/v1.Item"}},
          "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}}}}},
    "v1.Item": {"properties": {"ports": {"type": "array",
      "x-kubernetes-patch-strategy": "merge",
      "x-kubernetes-list-map-keys": ["port", "protocol"]}}}
  }
})";

TEST(CustomSchemaTest, MergeKeysOfACustomType) {
  std::shared_ptr<const CustomSchema> schema;
  ASSERT_TRUE(CustomSchema::Parse(kSchema, "schema.json", &schema).ok());
  Gvk gvk{"example.com", "v1", "Thing"};
  EXPECT_EQ(SchemaForType(gvk), nullptr);  // not active yet
  ScopedCustomSchema scope(schema);
  ListMerge items = ListMergeAt(gvk, {"spec", "items"});
  EXPECT_TRUE(items.merge);
  EXPECT_EQ(items.keys, std::vector<std::string>{"id"});
  ListMerge ports = ListMergeAt(gvk, {"spec", "items", "ports"});
  EXPECT_EQ(ports.keys, (std::vector<std::string>{"port", "protocol"}));
  // A $ref to a Kubernetes definition the file does not have: built in.
  ListMerge containers =
      ListMergeAt(gvk, {"spec", "template", "spec", "containers"});
  EXPECT_TRUE(containers.merge);
  EXPECT_EQ(containers.keys, std::vector<std::string>{"name"});
}

TEST(CustomSchemaTest, ScopeEnds) {
  std::shared_ptr<const CustomSchema> schema;
  ASSERT_TRUE(CustomSchema::Parse(kSchema, "schema.json", &schema).ok());
  { ScopedCustomSchema scope(schema); }
  EXPECT_EQ(ActiveCustomSchema(), nullptr);
}

}  // namespace
}  // namespace ferry::k8s
