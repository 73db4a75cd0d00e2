// What the `ferry secrets` subcommands share: reading the file, writing it
// back atomically, picking its store, and reporting an error with the sops
// exit code it carries.
#ifndef FERRY_CLI_SECRETS_IO_H_
#define FERRY_CLI_SECRETS_IO_H_

#include <string>

#include "sops/stores.h"
#include "yaml/status.h"

namespace ferry::cli {

/// Reads a whole file; false when it cannot be read.
bool ReadWholeFile(const std::string& path, std::string* out);

/// Writes `data` to a private temporary file next to `path`, then renames it
/// over `path`: a failed write leaves the old file whole. An existing file
/// keeps its permission bits; a new one gets 0600.
bool WriteFileAtomically(const std::string& path, const std::string& data);

/// ReadWholeFile as a Status carrying sops's "could not read" exit code.
Status ReadInput(const std::string& path, std::string* out);

/// WriteFileAtomically as a Status carrying sops's "could not write" exit
/// code.
Status WriteOutput(const std::string& path, const std::string& data);

/// The store for `path`, or the one `type` names (the value of `flag`)
/// when given. False (after printing an error) for an unknown name.
bool PickStore(const std::string& path, const std::string& type,
               sops::Store* store, const char* flag = "--input-type");

/// Prints the error for `file` on stderr and returns the exit code: the
/// error's sops code, else 1.
int ReportError(const std::string& file, const Status& st);

}  // namespace ferry::cli

#endif  // FERRY_CLI_SECRETS_IO_H_
