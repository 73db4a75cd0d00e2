// The revision of a checkout, checked against the real git command.
#include "source/local_git.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace ferry::source {
namespace {

namespace fs = std::filesystem;

std::string Sh(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class LocalGitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ferry-local-git-XXXXXX";
    dir_ = mkdtemp(tmpl);
    git_ = "git -C " + dir_ + " -c user.name=t -c user.email=t@e ";
    Sh(git_ + "init -q -b trunk");
    std::ofstream(dir_ + "/a.yaml") << "a: 1\n";
    Sh(git_ + "add a.yaml");
    Sh(git_ + "commit -q -m one");
    fs::create_directories(dir_ + "/k8s/ns");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_, git_;
};

TEST_F(LocalGitTest, BranchAndCommitAsGitSaysThem) {
  LocalRevision r;
  ASSERT_TRUE(ReadLocalRevision(dir_ + "/k8s/ns", &r).ok());
  EXPECT_EQ(r.branch, "trunk");
  EXPECT_EQ(r.commit, Sh(git_ + "rev-parse HEAD"));
  EXPECT_EQ(r.Revision(), "trunk@sha1:" + r.commit);
  EXPECT_EQ(fs::canonical(r.workdir), fs::canonical(dir_));
  EXPECT_FALSE(r.dirty);
}

TEST_F(LocalGitTest, ChangedAndUntrackedFilesMakeItDirty) {
  std::ofstream(dir_ + "/a.yaml") << "a: 2\n";
  LocalRevision r;
  ASSERT_TRUE(ReadLocalRevision(dir_, &r).ok());
  EXPECT_TRUE(r.dirty);
  Sh(git_ + "checkout -q a.yaml");
  std::ofstream(dir_ + "/new.yaml") << "b: 1\n";
  ASSERT_TRUE(ReadLocalRevision(dir_, &r).ok());
  EXPECT_TRUE(r.dirty);
}

TEST_F(LocalGitTest, DetachedHeadIsACommitRevision) {
  Sh(git_ + "checkout -q --detach");
  LocalRevision r;
  ASSERT_TRUE(ReadLocalRevision(dir_, &r).ok());
  EXPECT_EQ(r.branch, "");
  EXPECT_EQ(r.Revision(), "sha1:" + Sh(git_ + "rev-parse HEAD"));
}

TEST(LocalGit, OutsideARepositoryIsAnErrorNamingThePath) {
  LocalRevision r;
  Status st = ReadLocalRevision("/", &r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/: not in a git repository"), std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace ferry::source
