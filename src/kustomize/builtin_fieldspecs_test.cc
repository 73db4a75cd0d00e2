#include "kustomize/builtin_fieldspecs.h"

#include <gtest/gtest.h>

#include "yaml/parse.h"
#include "yaml/simple_block.h"

#include <string>
#include <vector>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

const NameBackReference* Target(const TransformerConfig& c,
                                std::string_view kind) {
  for (const NameBackReference& nbr : c.name_reference)
    if (nbr.target.kind == kind) return &nbr;
  return nullptr;
}

int Count(const std::vector<FieldSpec>& specs, std::string_view kind,
          std::string_view path) {
  int n = 0;
  for (const FieldSpec& fs : specs)
    if (fs.gvk.kind == kind && fs.path == path) ++n;
  return n;
}

yaml::Node Parse(std::string_view text) {
  yaml::Node doc;
  Status st = yaml::ParseDocument(text, "test.yaml", &doc);
  EXPECT_TRUE(st.ok()) << st.message();
  return doc;
}

// The raw tables, as kubectl v1.32 (kustomize v5.5.0) embeds them.
TEST(BuiltinFieldSpecs, RawTablesHaveEveryEntry) {
  TransformerConfig raw;
  ASSERT_TRUE(
      ParseTransformerConfig(Parse(BuiltinFieldSpecsYaml()), &raw).ok());
  EXPECT_EQ(raw.name_prefix.size(), 1u);
  EXPECT_EQ(raw.name_suffix.size(), 1u);
  EXPECT_EQ(raw.common_labels.size(), 32u);
  EXPECT_EQ(raw.common_annotations.size(), 9u);
  EXPECT_EQ(raw.namespace_.size(), 3u);
  EXPECT_EQ(raw.var_reference.size(), 72u);
  EXPECT_EQ(raw.images.size(), 4u);
  EXPECT_EQ(raw.replicas.size(), 4u);
  ASSERT_EQ(raw.name_reference.size(), 16u);
  EXPECT_EQ(Target(raw, "ConfigMap")->referrers.size(), 52u);
  EXPECT_EQ(Target(raw, "Secret")->referrers.size(), 70u);
  EXPECT_EQ(Target(raw, "Service")->referrers.size(), 8u);
  EXPECT_EQ(Target(raw, "ServiceAccount")->referrers.size(), 9u);
}

// The default config is the tables merged into an empty config: duplicates
// dropped, lists sorted by kustomize's gvk order.
TEST(BuiltinFieldSpecs, DefaultConfigIsMergedAndSorted) {
  const TransformerConfig& c = DefaultTransformerConfig();
  const NameBackReference* secret = Target(c, "Secret");
  ASSERT_NE(secret, nullptr);
  // A back reference merged into a config without its target is taken
  // whole (nbrSlice.mergeOne), so its duplicate stays.
  EXPECT_EQ(secret->referrers.size(), 70u);
  EXPECT_EQ(Count(secret->referrers, "Ingress", "spec/tls/secretName"), 2);
  std::vector<std::string> order;
  for (const NameBackReference& nbr : c.name_reference)
    order.push_back(nbr.target.kind);
  EXPECT_EQ(
      order,
      (std::vector<std::string>{
          "StorageClass", "ServiceAccount", "Role", "ClusterRole", "ConfigMap",
          "Secret", "Service", "PriorityClass", "PersistentVolume",
          "PersistentVolumeClaim", "Deployment", "StatefulSet",
          // unranked kinds by "group_version_kind": named groups first
          "ValidatingAdmissionPolicy", "IngressClass", "ReplicaSet",
          "ReplicationController"}));
  // kustomize's own quirk, kept: this target never matches an IngressClass.
  EXPECT_EQ(Target(c, "IngressClass")->target.group, "networking.k8s.io/v1");
  // Fieldspecs without a gvk (rank 0, "~G_~V_~K") sort after core kinds.
  ASSERT_FALSE(c.common_labels.empty());
  EXPECT_EQ(c.common_labels.front().gvk.kind, "Service");
  EXPECT_EQ(c.namespace_.front().gvk.kind, "Namespace");
  EXPECT_EQ(c.name_prefix.size(), 1u);
  EXPECT_EQ(c.name_prefix[0].path, "metadata/name");
  EXPECT_EQ(c.images[0].path, "spec/containers[]/image");
  EXPECT_TRUE(c.images[0].create);
  // An escaped '/' in a path survives.
  EXPECT_EQ(Count(Target(c, "ConfigMap")->referrers, "Ingress",
                  "metadata/annotations/"
                  "nginx.ingress.kubernetes.io\\/fastcgi-params-configmap"),
            1);
}

// kustomization.yaml with configurations: [conf.yaml]:
//   nameReference:
//   - kind: ConfigMap
//     version: v1
//     fieldSpecs:
//     - {kind: Foo, path: spec/other/name}
// kubectl then rewrites Foo's spec.other.name; the referrer joins the
// ConfigMap back reference.
TEST(BuiltinFieldSpecs, ConfigurationsFileMergesIntoDefault) {
  TransformerConfig extra;
  ASSERT_TRUE(ParseTransformerConfig(Parse(R"(nameReference:
- kind: ConfigMap
  version: v1
  fieldSpecs:
  - kind: Foo
    path: spec/other/name
- kind: Bar
  fieldSpecs:
  - kind: Foo
    path: spec/bar
commonlabels:
- path: spec/labels
  kind: Foo
  create: true
unknownKey: ignored
)"),
                                     &extra)
                  .ok());
  ASSERT_EQ(extra.common_labels.size(), 1u);  // key matched case-insensitively
  TransformerConfig c = DefaultTransformerConfig();
  ASSERT_TRUE(c.Merge(extra).ok());
  EXPECT_EQ(Target(c, "ConfigMap")->referrers.size(), 53u);
  EXPECT_EQ(Count(Target(c, "ConfigMap")->referrers, "Foo", "spec/other/name"),
            1);
  ASSERT_NE(Target(c, "Bar"), nullptr);
  EXPECT_EQ(Count(c.common_labels, "Foo", "spec/labels"), 1);
  // Merging again changes nothing.
  TransformerConfig again = c;
  ASSERT_TRUE(again.Merge(extra).ok());
  EXPECT_EQ(Target(again, "ConfigMap")->referrers.size(), 53u);
}

// FsSlice.MergeOne: an incoming spec without gvk matches an existing one of
// the same path; a different `create` is a conflict.
TEST(BuiltinFieldSpecs, MergeDedupAndConflict) {
  TransformerConfig a, b, c;
  a.common_labels.push_back({{"apps", "", "Deployment"}, "spec/x", true});
  b.common_labels.push_back({{}, "spec/x", true});
  ASSERT_TRUE(a.Merge(b).ok());
  EXPECT_EQ(a.common_labels.size(), 1u);
  c.common_labels.push_back({{}, "spec/x", false});
  Status st = a.Merge(c);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "failed to merge CommonLabels fieldSpec: conflicting fieldspecs");
}

// crds: a file of OpenAPI definitions (testdata a-070 plus the other
// x-kubernetes-* extensions kustomize reads).
TEST(BuiltinFieldSpecs, CrdConfig) {
  TransformerConfig c;
  ASSERT_TRUE(ParseCrdConfig(Parse(R"({
  "github.com/example/backup/api/v1.Backup": {
    "Schema": {
      "properties": {
        "apiVersion": {"type": "string"},
        "kind": {"type": "string"},
        "metadata": {"$ref": "k8s.io/apimachinery/pkg/apis/meta/v1.ObjectMeta"},
        "spec": {"$ref": "github.com/example/backup/api/v1.BackupSpec"}
      }
    }
  },
  "github.com/example/backup/api/v1.BackupSpec": {
    "Schema": {
      "properties": {
        "configRef": {
          "x-kubernetes-object-ref-api-version": "v1",
          "x-kubernetes-object-ref-kind": "ConfigMap",
          "type": "object"
        },
        "secret": {
          "x-kubernetes-object-ref-api-version": "v1",
          "x-kubernetes-object-ref-kind": "Secret",
          "x-kubernetes-object-ref-name-key": "secretName"
        },
        "selector": {"x-kubernetes-label-selector": ""},
        "notes": {"x-kubernetes-annotation": ""},
        "id": {"x-kubernetes-identity": ""}
      }
    }
  },
  "github.com/example/backup/api/v1.NotAType": {
    "Schema": {"properties": {"x": {"x-kubernetes-identity": ""}}}
  }
})"),
                             &c)
                  .ok());
  ASSERT_EQ(c.name_reference.size(), 2u);
  // Sorted: ConfigMap before Secret.
  EXPECT_EQ(c.name_reference[0].target, (k8s::Gvk{"", "v1", "ConfigMap"}));
  ASSERT_EQ(c.name_reference[0].referrers.size(), 1u);
  EXPECT_EQ(c.name_reference[0].referrers[0].gvk, (k8s::Gvk{"", "", "Backup"}));
  EXPECT_EQ(c.name_reference[0].referrers[0].path, "spec/configRef/name");
  EXPECT_FALSE(c.name_reference[0].referrers[0].create);
  EXPECT_EQ(c.name_reference[1].referrers[0].path, "spec/secret/secretName");
  ASSERT_EQ(c.common_labels.size(), 1u);
  EXPECT_EQ(c.common_labels[0].path, "spec/selector");
  ASSERT_EQ(c.common_annotations.size(), 1u);
  EXPECT_EQ(c.common_annotations[0].path, "spec/notes");
  ASSERT_EQ(c.name_prefix.size(), 1u);  // NotAType has no kind/apiVersion
  EXPECT_EQ(c.name_prefix[0].path, "spec/id");
}

TEST(BuiltinFieldSpecs, ParseErrors) {
  TransformerConfig c;
  EXPECT_FALSE(ParseTransformerConfig(Parse("- a\n"), &c).ok());
  EXPECT_FALSE(ParseTransformerConfig(Parse("nameReference: 3\n"), &c).ok());
  EXPECT_TRUE(ParseTransformerConfig(Parse(""), &c).ok());
}


TEST(BuiltinFieldSpecsTest, FastReaderGivesTheParsersTree) {
  yaml::Node fast, full;
  ASSERT_TRUE(yaml::ParseSimpleBlock(BuiltinFieldSpecsYaml(), "<builtin>", &fast));
  ASSERT_TRUE(yaml::ParseDocument(BuiltinFieldSpecsYaml(), "<builtin>", &full).ok());
  EXPECT_TRUE(fast == full);
}

}  // namespace
}  // namespace ferry::kustomize
