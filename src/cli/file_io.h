// Reading and writing whole files for the commands: read in one go, write
// all or nothing (a temporary file renamed over the target).
#ifndef FERRY_CLI_FILE_IO_H_
#define FERRY_CLI_FILE_IO_H_

#include <sys/types.h>

#include <string>

namespace ferry::cli {

/// Reads a whole file; false when it cannot be read.
bool ReadWholeFile(const std::string& path, std::string* out);

/// Writes `data` to a private temporary file next to `path`, then renames it
/// over `path`: a failed write leaves the old file whole. An existing file
/// keeps its permission bits; a new one gets `new_file_mode`.
bool WriteFileAtomically(const std::string& path, const std::string& data,
                         mode_t new_file_mode = 0600);

/// Writes all of `data` to `fd` (retrying short and interrupted writes).
bool WriteAll(int fd, const std::string& data);

}  // namespace ferry::cli

#endif  // FERRY_CLI_FILE_IO_H_
