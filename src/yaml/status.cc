#include "yaml/status.h"

#include <fmt/format.h>

namespace ferry {

Status Status::At(std::string_view file, int line, int col,
                  std::string_view msg) {
  if (file.empty()) return Status(fmt::format("error: {}", msg), true);
  if (line <= 0) return Status(fmt::format("{}: error: {}", file, msg), true);
  if (col <= 0)
    return Status(fmt::format("{}:{}: error: {}", file, line, msg), true);
  return Status(fmt::format("{}:{}:{}: error: {}", file, line, col, msg), true);
}

}  // namespace ferry
