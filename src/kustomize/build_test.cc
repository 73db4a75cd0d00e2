#include "kustomize/build.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ferry::kustomize {
namespace {

namespace fs = std::filesystem;

// Builds a folder made of `files` ({name, content}); returns the status.
Status BuildFiles(std::initializer_list<std::pair<std::string, std::string>> files,
                  BuildResult* result) {
  std::string t = (fs::temp_directory_path() / "ferry-build-XXXXXX").string();
  std::string dir = ::mkdtemp(t.data());
  for (const auto& [name, content] : files)
    std::ofstream(fs::path(dir) / name, std::ios::binary) << content;
  Status st = Build(dir, BuildOptions(), result);
  fs::remove_all(dir);
  return st;
}

constexpr char kConfigMap[] =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  ok: y\n";

// Found by fuzz/yaml_roundtrip_fuzz: a mapping or sequence used as a key was
// written as "" (kubectl kustomize fails: "yaml: invalid map key").
TEST(BuildTest, MappingOrSequenceAsKeyFails) {
  BuildResult r;
  Status st = BuildFiles(
      {{"kustomization.yaml", "resources:\n- cm.yaml\n"},
       {"cm.yaml", std::string(kConfigMap) + "  ? [a, b]\n  : x\n"}},
      &r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cm.yaml:7:5: error: invalid map key: a "
                              "sequence cannot be a key"),
            std::string::npos)
      << st.message();
  st = BuildFiles({{"kustomization.yaml",
                    "resources:\n- cm.yaml\npatches:\n- patch: |\n"
                    "    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cm}\n"
                    "    data: {? {a: 1} : x}\n"},
                   {"cm.yaml", kConfigMap}},
                  &r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("invalid map key: a mapping cannot be a key"),
            std::string::npos)
      << st.message();
  EXPECT_TRUE(BuildFiles({{"kustomization.yaml", "resources:\n- cm.yaml\n"},
                          {"cm.yaml", kConfigMap}},
                         &r)
                  .ok());
}

// Found by fuzz/yaml_roundtrip_fuzz: keys such as 1 and 0x1, or ~ and null,
// were written out as duplicate keys. kubectl kustomize fails on any key
// go-yaml reads as other than a string ("json: unsupported type").
TEST(BuildTest, KeyThatIsNotAStringFails) {
  for (const char* key : {"1", "0x10", "1.5", "true", "null", "~", "2020-01-01",
                          "!!null \"\""}) {
    BuildResult r;
    Status st = BuildFiles(
        {{"kustomization.yaml", "resources:\n- cm.yaml\n"},
         {"cm.yaml", std::string(kConfigMap) + "  " + key + ": x\n"}},
        &r);
    ASSERT_FALSE(st.ok()) << key;
    EXPECT_NE(st.message().find("cm.yaml:7:"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("error: json: unsupported type: key"),
              std::string::npos)
        << st.message();
  }
  for (const char* key : {"yes", "\"1\"", "!!str 1", "? "}) {
    BuildResult r;
    EXPECT_TRUE(BuildFiles({{"kustomization.yaml", "resources:\n- cm.yaml\n"},
                            {"cm.yaml", std::string(kConfigMap) + "  " + key +
                                            (key[0] == '?' ? "\n  : x\n" : ": x\n")}},
                           &r)
                    .ok())
        << key;
  }
}

}  // namespace
}  // namespace ferry::kustomize
