#include "cli/cluster.h"

#include <unistd.h>

#include <cstdlib>

namespace ferry::cli {

void AddClusterFlags(CLI::App* cmd, ClusterFlags* f) {
  cmd->add_option("--kubeconfig", f->kubeconfig,
                  "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)");
  cmd->add_option("--context", f->context, "kubeconfig context to use");
  cmd->add_option("-n,--namespace", f->ns, "namespace (default: the context's)");
  cmd->add_flag("--no-color", f->no_color, "no colour, even on a terminal");
}

Status OpenClient(const ClusterFlags& f, kube::Client* out) {
  kube::ConfigOverrides o;
  o.kubeconfig = f.kubeconfig;
  o.context = f.context;
  o.ns = f.ns;
  kube::RestConfig cfg;
  FERRY_RETURN_IF_ERROR(kube::LoadRestConfig(o, &cfg));
  return kube::Client::Open(cfg, out);
}

int ExitFor(const Status& st) {
  return kube::IsConnectionError(st) ? 2 : 1;
}

bool UseColor(const ClusterFlags& f) {
  if (f.no_color) return false;
  const char* nc = std::getenv("NO_COLOR");
  if (nc && *nc) return false;
  return ::isatty(STDOUT_FILENO);
}

std::string Paint(bool on, const char* code, const std::string& text) {
  if (!on) return text;
  return std::string("\033[") + code + "m" + text + "\033[0m";
}

}  // namespace ferry::cli
