#include "source/local_git.h"

#include <git2.h>

#include <memory>

namespace ferry::source {
namespace {

// libgit2's global state, set up once per process.
void InitLibgit2() {
  static const int once = git_libgit2_init();
  (void)once;
}

std::string LastGitError() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

struct RepoCloser {
  void operator()(git_repository* r) const { git_repository_free(r); }
};
struct RefCloser {
  void operator()(git_reference* r) const { git_reference_free(r); }
};
struct StatusCloser {
  void operator()(git_status_list* s) const { git_status_list_free(s); }
};

}  // namespace

std::string LocalRevision::Revision() const {
  if (commit.empty()) return "";
  if (branch.empty()) return "sha1:" + commit;
  return branch + "@sha1:" + commit;
}

Status ReadLocalRevision(const std::string& path, LocalRevision* out) {
  InitLibgit2();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) != 0)
    return Status::Error(path + ": not in a git repository (" +
                         LastGitError() + ")");
  std::unique_ptr<git_repository, RepoCloser> repo(raw);
  *out = LocalRevision();
  if (const char* wd = git_repository_workdir(repo.get())) {
    out->workdir = wd;
    if (out->workdir.size() > 1 && out->workdir.back() == '/')
      out->workdir.pop_back();
  }
  git_reference* head_raw = nullptr;
  int rc = git_repository_head(&head_raw, repo.get());
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) return Status::Ok();
  if (rc != 0)
    return Status::Error(path + ": cannot read HEAD: " + LastGitError());
  std::unique_ptr<git_reference, RefCloser> head(head_raw);
  if (git_reference_is_branch(head.get()))
    out->branch = git_reference_shorthand(head.get());
  const git_oid* oid = git_reference_target(head.get());
  if (oid) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof(hex), oid);
    out->commit = hex;
  }
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* st_raw = nullptr;
  if (git_status_list_new(&st_raw, repo.get(), &opts) != 0)
    return Status::Error(path + ": cannot read the working tree status: " +
                         LastGitError());
  std::unique_ptr<git_status_list, StatusCloser> st(st_raw);
  out->dirty = git_status_list_entrycount(st.get()) > 0;
  return Status::Ok();
}

}  // namespace ferry::source
