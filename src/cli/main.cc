// ferry: a GitOps engine for Kubernetes repositories laid out as one folder
// per namespace with Flux sync.yaml and kustomization.yaml files.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"ferry: build, check, plan, encrypt, apply and sync a Kubernetes repository"};
  app.require_subcommand(1);
  int exit_code = 0;
  ferry::cli::AddBuildCommand(app, &exit_code);
  ferry::cli::AddCheckCommand(app, &exit_code);
  ferry::cli::AddPlanCommand(app, &exit_code);
  ferry::cli::AddSecretsCommand(app, &exit_code);
  ferry::cli::AddApplyCommand(app, &exit_code);
  ferry::cli::AddGetCommand(app, &exit_code);
  ferry::cli::AddInstallCommand(app, &exit_code);
  ferry::cli::AddDeleteCommand(app, &exit_code);
  ferry::cli::AddVersionCommand(app, &exit_code);
  app.set_version_flag("--version", std::string("ferry v") + ferry::cli::FerryVersion());
  ferry::cli::AddCompletionCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
