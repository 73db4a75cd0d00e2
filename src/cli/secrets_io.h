// What the `ferry secrets` subcommands share: reading the file and writing
// it back (file_io.h) with sops's exit codes, picking its store, and
// reporting an error with the sops exit code it carries.
#ifndef FERRY_CLI_SECRETS_IO_H_
#define FERRY_CLI_SECRETS_IO_H_

#include <string>

#include "cli/file_io.h"
#include "sops/stores.h"
#include "yaml/status.h"

namespace ferry::cli {

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
