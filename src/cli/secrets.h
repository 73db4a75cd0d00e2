// The `ferry secrets` subcommands, one file each; AddSecretsCommand
// (secrets_command.cc) registers them all under `ferry secrets`.
#ifndef FERRY_CLI_SECRETS_H_
#define FERRY_CLI_SECRETS_H_

#include <CLI/CLI.hpp>

namespace ferry::cli {

/// `encrypt` and `decrypt` (secrets_command.cc).
void AddSecretsCrypt(CLI::App* secrets, int* exit_code);
/// `edit` (secrets_edit.cc).
void AddSecretsEdit(CLI::App* secrets, int* exit_code);
/// `rotate` and `updatekeys` (secrets_keys.cc).
void AddSecretsKeys(CLI::App* secrets, int* exit_code);
/// `set` and `unset` (secrets_set.cc).
void AddSecretsSet(CLI::App* secrets, int* exit_code);

}  // namespace ferry::cli

#endif  // FERRY_CLI_SECRETS_H_
