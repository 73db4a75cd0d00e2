// Cluster flags and output conventions of the commands that talk to a
// cluster: --kubeconfig, --context, -n/--namespace, --no-color; a Client
// opened from them; colour only on a terminal and never with NO_COLOR.
#ifndef FERRY_CLI_CLUSTER_H_
#define FERRY_CLI_CLUSTER_H_

#include <CLI/CLI.hpp>

#include <string>

#include "kube/client.h"
#include "yaml/status.h"

namespace ferry::cli {

/// kubectl's connection flags.
struct ClusterFlags {
  std::string kubeconfig;
  std::string context;
  std::string ns;
  bool no_color = false;
};

/// Registers the flags on `cmd`.
void AddClusterFlags(CLI::App* cmd, ClusterFlags* flags);

/// Opens a client as kubectl would with these flags.
Status OpenClient(const ClusterFlags& flags, kube::Client* out);

/// The exit status for a failure: 2 for a connection or configuration
/// error, 1 otherwise.
int ExitFor(const Status& st);

/// True when stdout is a terminal and colour is not turned off.
bool UseColor(const ClusterFlags& flags);

/// Text in an ANSI colour ("32" green, "31" red, "33" yellow, "2" dim) when
/// `on`.
std::string Paint(bool on, const char* code, const std::string& text);

}  // namespace ferry::cli

#endif  // FERRY_CLI_CLUSTER_H_
