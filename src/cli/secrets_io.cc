#include "cli/secrets_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "sops/exit_codes.h"

namespace ferry::cli {

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

bool WriteFileAtomically(const std::string& path, const std::string& data) {
  mode_t mode = 0600;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;
  std::string tmp = path + ".ferry-tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = true;
  size_t done = 0;
  while (ok && done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

Status ReadInput(const std::string& path, std::string* out) {
  if (ReadWholeFile(path, out)) return Status::Ok();
  return Status::Error("cannot read the file")
      .WithCode(sops::kExitCouldNotReadInputFile);
}

Status WriteOutput(const std::string& path, const std::string& data) {
  if (WriteFileAtomically(path, data)) return Status::Ok();
  return Status::Error("cannot write the file")
      .WithCode(sops::kExitCouldNotWriteOutputFile);
}

bool PickStore(const std::string& path, const std::string& type,
               sops::Store* store, const char* flag) {
  *store = sops::StoreForPath(path);
  if (type.empty() || sops::ParseStoreName(type, store)) return true;
  std::fprintf(stderr,
               "error: unknown %s %s (yaml, json, dotenv, ini or binary)\n",
               flag, type.c_str());
  return false;
}

int ReportError(const std::string& file, const Status& st) {
  if (st.located())
    std::fprintf(stderr, "%s\n", st.message().c_str());
  else
    std::fprintf(stderr, "%s: error: %s\n", file.c_str(),
                 st.message().c_str());
  return st.code() != 0 ? st.code() : 1;
}

}  // namespace ferry::cli
