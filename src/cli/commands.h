// The ferry subcommands: each registers its flags on the CLI11 app and runs.
#ifndef FERRY_CLI_COMMANDS_H_
#define FERRY_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace ferry::cli {

/// Adds `ferry build DIR`; the callback sets the exit code.
void AddBuildCommand(CLI::App& app, int* exit_code);

/// Adds `ferry check [REPO]`; the callback sets the exit code.
void AddCheckCommand(CLI::App& app, int* exit_code);

/// Adds `ferry secrets encrypt|decrypt FILE`.
void AddSecretsCommand(CLI::App& app, int* exit_code);

/// Adds `ferry plan [REPO]`; the callback sets the exit code.
void AddPlanCommand(CLI::App& app, int* exit_code);

/// Adds `ferry apply [REPO]`.
void AddApplyCommand(CLI::App& app, int* exit_code);

/// Adds `ferry get kustomizations`.
void AddGetCommand(CLI::App& app, int* exit_code);

/// Adds `ferry install crds`.
void AddInstallCommand(CLI::App& app, int* exit_code);

/// Adds `ferry delete kustomization NAME`.
void AddDeleteCommand(CLI::App& app, int* exit_code);

/// Adds `ferry version`.
void AddVersionCommand(CLI::App& app, int* exit_code);
/// "0.4.0".
const char* FerryVersion();

/// Adds `ferry completion bash|zsh|fish`: a script made from `app`'s tree,
/// so register it after every other command.
void AddCompletionCommand(CLI::App& app, int* exit_code);

}  // namespace ferry::cli

#endif  // FERRY_CLI_COMMANDS_H_
