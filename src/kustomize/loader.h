// Loader: reads the files a kustomization names, relative to its folder,
// refusing paths that leave the build root unless load restrictions are off
// (kustomize's LoadRestrictionsRootOnly / LoadRestrictionsNone).
#ifndef FERRY_KUSTOMIZE_LOADER_H_
#define FERRY_KUSTOMIZE_LOADER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/status.h"

namespace ferry::kustomize {

enum class LoadRestrictor { kRootOnly, kNone };

/// Called on the content of every file a secretGenerator reads, with the
/// file's path as messages show it and whether it is an env file (`envs`)
/// rather than a file source (`files`); may replace the content (Flux's
/// kustomize-controller decrypts SOPS-encrypted sources there).
using SecretSourceFilter = std::function<Status(
    const std::string& path, bool env_file, std::string* content)>;

/// Reads files for one kustomization folder.
class Loader {
 public:
  /// A loader for the top-level build folder `root` (made absolute and
  /// resolved through symlinks).
  static Status ForRoot(std::string_view root, LoadRestrictor restrictor,
                        std::unique_ptr<Loader>* out);

  /// The absolute, real path of this loader's folder.
  const std::string& dir() const { return dir_; }
  /// The top-level build root every loader of this build is confined to.
  const std::string& root() const { return root_; }
  LoadRestrictor restrictor() const { return restrictor_; }

  /// Resolves `path` (relative to dir()) to an absolute real path, checking
  /// the load restriction: with kRootOnly a file must be in or below dir().
  Status Resolve(std::string_view path, std::string* abs) const;
  /// Reads a file named relative to dir() into `content`.
  Status ReadFile(std::string_view path, std::string* content,
                  std::string* abs = nullptr) const;
  /// ReadFile, then the secret source filter when one is set.
  Status ReadSecretSource(std::string_view path, bool env_file,
                          std::string* content, std::string* abs) const;
  /// Sets the secret source filter of this loader and of its children.
  void set_secret_source_filter(SecretSourceFilter f) {
    secret_filter_ = std::make_shared<SecretSourceFilter>(std::move(f));
  }
  /// True when `path` (relative to dir()) is a directory.
  bool IsDir(std::string_view path) const;
  /// A loader for the folder `path` (a base or component; it may lie outside
  /// dir(), as "../base" does). Refuses a folder that is or contains one of
  /// the folders that led here: a cycle.
  Status Child(std::string_view path, std::unique_ptr<Loader>* out) const;

  /// Path of `abs` relative to the current directory when below it (for
  /// messages), else `abs` itself.
  std::string Relative(std::string_view abs) const;
  /// Path of `abs` relative to the top-level build root ("base/a.yaml",
  /// "../shared/b.yaml"), as kustomize's origin annotations give it.
  std::string RelativeToRoot(std::string_view abs) const;

 private:
  Loader(std::string dir, std::string root, LoadRestrictor r)
      : dir_(std::move(dir)), root_(std::move(root)), restrictor_(r) {}
  std::string dir_;
  std::string root_;
  LoadRestrictor restrictor_;
  // Folders of the kustomizations that led here (for cycle detection).
  std::vector<std::string> ancestors_;
  std::shared_ptr<const SecretSourceFilter> secret_filter_;
};

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_LOADER_H_
