// ferry install crds: the CRDs of the Flux kinds ferry reads and writes
// (Kustomization, GitRepository, OCIRepository, Bucket), applied and
// waited for until Established.
#include <cstdio>
#include <memory>

#include "cli/cluster.h"
#include "cli/commands.h"
#include "engine/flux_crds.h"
#include "engine/run.h"

namespace ferry::cli {
namespace {

struct InstallFlags {
  ClusterFlags cluster;
  bool print = false;
};

int RunInstallCrds(const InstallFlags& f) {
  if (f.print) {
    std::fputs(std::string(engine::FluxCrdsYaml()).c_str(), stdout);
    return 0;
  }
  kube::Client client;
  Status st = OpenClient(f.cluster, &client);
  if (st.ok()) {
    bool installed = false;
    st = engine::EnsureFluxCrds(client, /*force=*/true, &installed);
    if (st.ok()) {
      std::printf("%s\n", installed ? "Flux CRDs installed" : "Flux CRDs up to date");
      return 0;
    }
  }
  std::fprintf(stderr, "error: %s\n", st.message().c_str());
  return ExitFor(st);
}

}  // namespace

void AddInstallCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<InstallFlags>();
  CLI::App* install = app.add_subcommand("install", "Install what ferry needs in a cluster");
  install->require_subcommand(1);
  CLI::App* crds = install->add_subcommand(
      "crds", "The CRDs of the Flux kinds ferry reads (Kustomization, GitRepository, ...)");
  crds->add_flag("--export", f->print, "print them instead of applying them");
  AddClusterFlags(crds, &f->cluster);
  crds->callback([f, exit_code] { *exit_code = RunInstallCrds(*f); });
}

}  // namespace ferry::cli
