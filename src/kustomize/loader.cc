#include "kustomize/loader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "yaml/parse.h"

namespace ferry::kustomize {
namespace {

std::string Join(std::string_view dir, std::string_view path) {
  if (!path.empty() && path[0] == '/') return std::string(path);
  std::string r(dir);
  if (r.empty() || r.back() != '/') r.push_back('/');
  r.append(path);
  return r;
}

bool RealPath(const std::string& p, std::string* out) {
  char buf[PATH_MAX];
  if (!::realpath(p.c_str(), buf)) return false;
  *out = buf;
  return true;
}

// True when `path` is `dir` or below it.
bool IsWithin(std::string_view path, std::string_view dir) {
  if (path == dir) return true;
  if (dir == "/") return true;
  return path.size() > dir.size() && path.starts_with(dir) &&
         path[dir.size()] == '/';
}

}  // namespace

Status Loader::ForRoot(std::string_view root, LoadRestrictor restrictor,
                       std::unique_ptr<Loader>* out) {
  std::string abs;
  if (!RealPath(std::string(root), &abs))
    return Status::At(root, 0, 0, std::string("cannot read build root: ") +
                                      std::strerror(errno));
  struct stat st;
  if (::stat(abs.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Status::At(root, 0, 0, "build root is not a directory");
  out->reset(new Loader(abs, abs, restrictor));
  return Status::Ok();
}

Status Loader::Resolve(std::string_view path, std::string* abs) const {
  std::string joined = Join(dir_, path);
  if (!RealPath(joined, abs))
    return Status::At(Relative(joined), 0, 0,
                      std::string("cannot read: ") + std::strerror(errno));
  if (restrictor_ == LoadRestrictor::kRootOnly && !IsWithin(*abs, dir_))
    return Status::At(Relative(joined), 0, 0,
                      "security; file '" + *abs + "' is not in or below '" +
                          dir_ +
                          "' (use --load-restrictor LoadRestrictionsNone to "
                          "allow it)");
  return Status::Ok();
}

Status Loader::ReadFile(std::string_view path, std::string* content,
                        std::string* abs_out) const {
  std::string abs;
  FERRY_RETURN_IF_ERROR(Resolve(path, &abs));
  std::ifstream in(abs, std::ios::binary);
  struct stat st;
  if (!in || ::stat(abs.c_str(), &st) != 0 || S_ISDIR(st.st_mode))
    return Status::At(Relative(abs), 0, 0, "cannot read file");
  FERRY_RETURN_IF_ERROR(yaml::CheckFileSize(Relative(abs), st.st_size));
  std::ostringstream ss;
  ss << in.rdbuf();
  *content = ss.str();
  if (abs_out) *abs_out = abs;
  return Status::Ok();
}

bool Loader::IsDir(std::string_view path) const {
  struct stat st;
  return ::stat(Join(dir_, path).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Status Loader::Child(std::string_view path, std::unique_ptr<Loader>* out) const {
  std::string joined = Join(dir_, path);
  std::string abs;
  if (!RealPath(joined, &abs))
    return Status::At(Relative(joined), 0, 0,
                      std::string("cannot read: ") + std::strerror(errno));
  if (!IsDir(path))
    return Status::At(Relative(abs), 0, 0, "not a directory");
  std::vector<std::string> chain = ancestors_;
  chain.push_back(dir_);
  for (const std::string& visited : chain) {
    if (IsWithin(visited, abs))
      return Status::At(Relative(abs), 0, 0,
                        "cycle detected: candidate root '" + abs +
                            "' contains visited root '" + visited + "'");
  }
  std::unique_ptr<Loader> child(new Loader(abs, root_, restrictor_));
  child->ancestors_ = std::move(chain);
  child->secret_filter_ = secret_filter_;
  *out = std::move(child);
  return Status::Ok();
}

Status Loader::ReadSecretSource(std::string_view path, bool env_file,
                                std::string* content, std::string* abs) const {
  std::string resolved;
  FERRY_RETURN_IF_ERROR(ReadFile(path, content, &resolved));
  if (abs) *abs = resolved;
  if (!secret_filter_) return Status::Ok();
  return (*secret_filter_)(Relative(resolved), env_file, content);
}

std::string Loader::Relative(std::string_view abs) const {
  // Messages name files relative to the current directory when possible.
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof cwd)) {
    std::string_view c(cwd);
    if (IsWithin(abs, c) && abs.size() > c.size())
      return std::string(abs.substr(c.size() + (c == "/" ? 0 : 1)));
  }
  return std::string(abs);
}

std::string Loader::RelativeToRoot(std::string_view abs) const {
  std::string_view a = abs, r = root_;
  // Drop the common folder prefix, then climb out of what remains of root.
  size_t common = 0;
  for (size_t i = 0; i <= std::min(a.size(), r.size()); ++i) {
    bool a_end = i == a.size() || a[i] == '/';
    bool r_end = i == r.size() || r[i] == '/';
    if (a_end && r_end) common = i;
    if (i == a.size() || i == r.size() || a[i] != r[i]) break;
  }
  std::string out;
  std::string_view rest_root = r.substr(common);
  for (char c : rest_root)
    if (c == '/') out += "../";
  std::string_view rest = a.substr(common);
  if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
  out += rest;
  return out;
}

}  // namespace ferry::kustomize
