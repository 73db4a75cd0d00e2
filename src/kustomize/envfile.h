// Env files of configMapGenerator/secretGenerator (`envs:`), read as
// kustomize's kv loader reads them: one KEY=VALUE a line, '#' comments and
// blank lines skipped, leading (Unicode) whitespace trimmed, the value kept
// verbatim (no quote removal, trailing spaces kept), a line without '='
// giving an empty value, a UTF-8 BOM dropped from the first line only.
#ifndef FERRY_KUSTOMIZE_ENVFILE_H_
#define FERRY_KUSTOMIZE_ENVFILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "yaml/status.h"

namespace ferry::kustomize {

/// One KEY=VALUE entry of an env file and the 1-based line it came from.
struct EnvEntry {
  std::string key;
  std::string value;
  int line = 0;
};

/// Parses the content of an env file; `file` names it in error messages.
/// A line that is not valid UTF-8 is an error. As Go's bufio.Scanner does
/// in kustomize, reading stops silently at a line of 64 KiB or more.
Status ParseEnvFile(std::string_view content, std::string_view file,
                    std::vector<EnvEntry>* out);

}  // namespace ferry::kustomize

#endif  // FERRY_KUSTOMIZE_ENVFILE_H_
