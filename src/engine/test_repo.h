// Test helper of the engine's cluster tests: a throwaway git repository laid
// out as the seed's (k8s/<folder>/sync.yaml + kustomization.yaml), whose
// Flux objects live in one test namespace so tests run side by side on one
// control plane. Commits go through the git command.
#ifndef FERRY_ENGINE_TEST_REPO_H_
#define FERRY_ENGINE_TEST_REPO_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace ferry::engine::testing {

class TestRepo {
 public:
  /// A repository whose own GitRepository (k8s/flux-system/gotk-sync.yaml)
  /// is flux-system in namespace `ns`.
  explicit TestRepo(const std::string& ns) : ns_(ns) {
    char tmpl[] = "/tmp/ferry-engine-repo.XXXXXX";
    root_ = mkdtemp(tmpl);
    Git("init -q -b main .");
    Write("k8s/flux-system/gotk-sync.yaml",
          "apiVersion: source.toolkit.fluxcd.io/v1\n"
          "kind: GitRepository\n"
          "metadata:\n  name: flux-system\n  namespace: " + ns + "\n"
          "spec:\n  interval: 1m\n  ref:\n    branch: main\n"
          "  url: ssh://git@example.com/test.git\n");
  }
  ~TestRepo() { std::filesystem::remove_all(root_); }
  TestRepo(const TestRepo&) = delete;
  TestRepo& operator=(const TestRepo&) = delete;

  const std::string& root() const { return root_; }
  const std::string& ns() const { return ns_; }

  void Write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(root_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  void Remove(const std::string& rel) const {
    std::filesystem::remove_all(std::filesystem::path(root_) / rel);
  }
  void Commit() const {
    Git("add -A");
    Git("-c user.name=t -c user.email=t@t commit -q --allow-empty -m c");
  }

  /// A Flux Kustomization NAME in the test namespace for ./k8s/FOLDER, with
  /// `spec_extra` (indented two spaces, e.g. "  dependsOn:\n  - name: a\n").
  std::string Kustomization(const std::string& name, const std::string& folder,
                            const std::string& spec_extra = "") const {
    return "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
           "metadata:\n  name: " + name + "\n  namespace: " + ns_ + "\n"
           "spec:\n  interval: 10m\n  path: ./k8s/" + folder + "\n  prune: true\n"
           "  timeout: 20s\n"
           "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n" +
           spec_extra;
  }

  /// k8s/FOLDER/kustomization.yaml listing `resources` (file names).
  void Folder(const std::string& folder, const std::string& resources_yaml) const {
    Write("k8s/" + folder + "/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
          "resources:\n" + resources_yaml);
  }

 private:
  void Git(const std::string& args) const {
    std::string cmd = "git -C '" + root_ + "' " + args + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  std::string ns_;
  std::string root_;
};

/// A ConfigMap NAME in namespace NS with data {key: VALUE}.
inline std::string ConfigMapYaml(const std::string& name, const std::string& ns,
                                 const std::string& value,
                                 const std::string& annotations = "") {
  return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name +
         "\n  namespace: " + ns + "\n" + annotations +
         "data:\n  key: \"" + value + "\"\n";
}

}  // namespace ferry::engine::testing

#endif  // FERRY_ENGINE_TEST_REPO_H_
