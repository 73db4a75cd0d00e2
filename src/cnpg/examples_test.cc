// The example repository (examples/k8s, the seed's layout) passes the CNPG
// checks and the schemas of the CRDs it ships; a broken copy of its
// postgres objects fails them where expected.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cnpg/backup.h"
#include "k8s/gvk.h"
#include "k8s/openapi_validate.h"
#include "yaml/node.h"
#include "yaml/parse.h"

namespace ferry::cnpg {
namespace {

namespace fs = std::filesystem;

// Every document of every YAML file under a folder, in path order.
struct Tree {
  std::vector<std::unique_ptr<std::vector<yaml::Node>>> files;
  std::vector<const yaml::Node*> objects;
};

Tree Load(const fs::path& root) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
      paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  Tree t;
  for (const fs::path& p : paths) {
    auto docs = std::make_unique<std::vector<yaml::Node>>();
    Status st = yaml::ParseFile(p.string(), docs.get());
    EXPECT_TRUE(st.ok()) << st.message();
    for (const yaml::Node& d : *docs)
      if (d.IsMap()) t.objects.push_back(&d);
    t.files.push_back(std::move(docs));
  }
  return t;
}

std::string Pos(const yaml::Node* n) {
  return std::string(n->mark().File()) + ":" + std::to_string(n->mark().line);
}

TEST(ExamplesTest, ExampleRepositoryIsClean) {
  Tree t = Load(fs::path(FERRY_SOURCE_DIR) / "examples" / "k8s");
  ASSERT_FALSE(t.objects.empty());

  for (const Finding& f : CheckBackups(t.objects))
    ADD_FAILURE() << Pos(f.node) << ": " << f.message << " [" << f.rule << "]";

  k8s::CrdSchemas schemas;
  int crds = 0;
  for (const yaml::Node* o : t.objects) {
    if (o->GetString("kind") != "CustomResourceDefinition") continue;
    Status st = schemas.Add(*o);
    EXPECT_TRUE(st.ok()) << st.message();
    ++crds;
  }
  EXPECT_GT(crds, 0);
  int validated = 0;
  for (const yaml::Node* o : t.objects) {
    const yaml::Node* schema = schemas.SchemaFor(k8s::Gvk::FromNode(*o));
    if (schema == nullptr) continue;
    ++validated;
    for (const k8s::SchemaViolation& v : k8s::Validate(*o, *schema))
      ADD_FAILURE() << Pos(v.node) << ": " << v.path << ": " << v.message;
  }
  EXPECT_GT(validated, 0);
}

TEST(ExamplesTest, BrokenPostgresObjectsAreFound) {
  Tree t = Load(fs::path(FERRY_SOURCE_DIR) / "examples" / "k8s" / "server" /
                "postgres");
  // Break the copies in memory: a crontab-style schedule, a typo in the
  // on-demand backup's cluster, and a wrong recovery source.
  for (const yaml::Node* c : t.objects) {
    auto* o = const_cast<yaml::Node*>(c);
    std::string_view kind = o->GetString("kind");
    if (kind == "ScheduledBackup") {
      o->GetPath({"spec"})->Set("schedule", yaml::Node::Str("0 0 * * *"));
    } else if (kind == "Backup") {
      o->GetPath({"spec", "cluster"})
          ->Set("name", yaml::Node::Str("server-bd"));
    } else if (yaml::Node* r = o->GetPath({"spec", "bootstrap", "recovery"});
               r != nullptr && r->Get("source") != nullptr) {
      r->Set("source", yaml::Node::Str("server-db-backup"));
    }
  }
  std::vector<std::string> rules;
  for (const Finding& f : CheckBackups(t.objects)) rules.push_back(f.rule);
  std::sort(rules.begin(), rules.end());
  EXPECT_EQ(rules,
            (std::vector<std::string>{
                "cnpg-cluster-ref", "cnpg-recovery-source", "cnpg-schedule"}));
}

}  // namespace
}  // namespace ferry::cnpg
