// LocalGit: the revision of a local git checkout as Flux's source-controller
// writes a GitRepository's revision ("<branch>@sha1:<commit>"), and whether
// the working tree has changes not yet committed (what a one-shot apply of
// the checkout applies, but what Flux would not see).
#ifndef FERRY_SOURCE_LOCAL_GIT_H_
#define FERRY_SOURCE_LOCAL_GIT_H_

#include <string>

#include "yaml/status.h"

namespace ferry::source {

/// Where a checkout stands.
struct LocalRevision {
  std::string workdir;  // the top of the working tree
  std::string branch;   // "main"; "" when HEAD is detached
  std::string commit;   // 40 hex digits; "" in a repository with no commit
  bool dirty = false;   // tracked or untracked files differ from HEAD
  /// "main@sha1:<commit>", "sha1:<commit>" when detached (as Flux writes a
  /// commit ref), "" when there is no commit.
  std::string Revision() const;
};

/// Reads the git repository that holds `path` (any folder inside it).
/// Fails, naming the path, when there is none.
Status ReadLocalRevision(const std::string& path, LocalRevision* out);

}  // namespace ferry::source

#endif  // FERRY_SOURCE_LOCAL_GIT_H_
