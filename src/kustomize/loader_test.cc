// The loader's refusals: paths outside the build root, symlinks that leave
// it or loop, and kustomizations that include themselves.
#include "kustomize/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kustomize/build.h"

namespace ferry::kustomize {
namespace {

namespace fs = std::filesystem;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ferry-loader-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    fs::create_directories(dir_ / "app");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }

  Status BuildApp(LoadRestrictor r = LoadRestrictor::kRootOnly) {
    BuildOptions o;
    o.load_restrictor = r;
    BuildResult result;
    return Build((dir_ / "app").string(), o, &result);
  }

  fs::path dir_;
};

constexpr char kConfigMap[] =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

TEST_F(LoaderTest, SymlinkOutOfTheRootIsRefused) {
  Write("outside.yaml", kConfigMap);
  fs::create_symlink(dir_ / "outside.yaml", dir_ / "app/link.yaml");
  Write("app/kustomization.yaml", "resources:\n  - link.yaml\n");
  Status st = BuildApp();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("security"), std::string::npos) << st.message();
  EXPECT_TRUE(BuildApp(LoadRestrictor::kNone).ok());
}

TEST_F(LoaderTest, SymlinkLoopIsAnErrorNotAHang) {
  fs::create_symlink(dir_ / "app/b.yaml", dir_ / "app/a.yaml");
  fs::create_symlink(dir_ / "app/a.yaml", dir_ / "app/b.yaml");
  Write("app/kustomization.yaml", "resources:\n  - a.yaml\n");
  Status st = BuildApp();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("a.yaml"), std::string::npos) << st.message();
}

TEST_F(LoaderTest, FolderSymlinkLoopIsAnError) {
  fs::create_directory_symlink(dir_ / "app/loop", dir_ / "app/loop2");
  fs::create_directory_symlink(dir_ / "app/loop2", dir_ / "app/loop");
  Write("app/kustomization.yaml", "resources:\n  - loop\n");
  EXPECT_FALSE(BuildApp().ok());
}

TEST_F(LoaderTest, KustomizationIncludingItselfIsACycle) {
  Write("app/kustomization.yaml", "resources:\n  - .\n");
  Status st = BuildApp();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cycle"), std::string::npos) << st.message();
}

TEST_F(LoaderTest, MutualInclusionIsACycle) {
  Write("app/kustomization.yaml", "resources:\n  - sub\n");
  Write("app/sub/kustomization.yaml", "resources:\n  - ..\n");
  Status st = BuildApp();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cycle"), std::string::npos) << st.message();
}

TEST_F(LoaderTest, SymlinkedFolderBackToAnAncestorIsACycle) {
  fs::create_directory_symlink(dir_ / "app", dir_ / "app/self");
  Write("app/kustomization.yaml", "resources:\n  - self\n");
  EXPECT_FALSE(BuildApp().ok());
}

}  // namespace
}  // namespace ferry::kustomize
