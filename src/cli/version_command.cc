// ferry version (and ferry --version): ferry's version and, when a cluster
// is reachable, the API server's.
#include <cstdio>
#include <memory>

#include "cli/cluster.h"
#include "cli/commands.h"

#ifndef FERRY_VERSION
#define FERRY_VERSION "unknown"
#endif

namespace ferry::cli {
namespace {

struct VersionFlags {
  ClusterFlags cluster;
  bool client_only = false;
};

int RunVersion(const VersionFlags& f) {
  std::printf("ferry: v%s\n", FERRY_VERSION);
  if (f.client_only) return 0;
  kube::Client client;
  Status st = OpenClient(f.cluster, &client);
  kube::ServerVersion sv;
  if (st.ok()) st = client.GetServerVersion(&sv);
  if (st.ok()) {
    std::printf("server: %s\n", sv.git_version.c_str());
  } else {
    std::printf("server: unknown (%s)\n", st.message().c_str());
  }
  return 0;
}

}  // namespace

const char* FerryVersion() { return FERRY_VERSION; }

void AddVersionCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<VersionFlags>();
  CLI::App* cmd = app.add_subcommand("version", "ferry's version and the cluster's");
  cmd->add_flag("--client", f->client_only, "ferry's version only");
  AddClusterFlags(cmd, &f->cluster);
  cmd->callback([f, exit_code] { *exit_code = RunVersion(*f); });
}

}  // namespace ferry::cli
