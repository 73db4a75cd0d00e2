#include "cli/secrets_io.h"

#include <cstdio>

#include "cli/file_io.h"
#include "sops/exit_codes.h"

namespace ferry::cli {

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
