// Check: `ferry check` — every convention of the seed's layout, every Flux
// Kustomization built, every reference resolved, before anything reaches a
// cluster. Rules are listed in docs/checks.md.
#ifndef FERRY_REPO_CHECK_H_
#define FERRY_REPO_CHECK_H_

#include <string>
#include <vector>

#include "repo/diagnostic.h"
#include "repo/layout.h"
#include "yaml/status.h"

namespace ferry::repo {

/// What to check and how.
struct CheckOptions {
  RepoOptions repo;
};

/// The findings, sorted by file and line.
struct CheckReport {
  std::vector<Diagnostic> diagnostics;
  int errors = 0;
  int warnings = 0;
};

/// Checks the repository. Fails only when it cannot be read at all (no k8s
/// folder); everything wrong inside it is a diagnostic.
Status RunCheck(const CheckOptions& options, CheckReport* report);

/// The annotation that disables rules for one object (comma-separated ids).
inline constexpr char kDisableAnnotation[] = "checks.ferry.dev/disable";

}  // namespace ferry::repo

#endif  // FERRY_REPO_CHECK_H_
