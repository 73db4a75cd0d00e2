// Choosing the kubeconfig files and the context, as kubectl does, and the
// in-cluster service-account config.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kube/config.h"
#include "kube/errors.h"

namespace ferry::kube {
namespace {

namespace fs = std::filesystem;

Status ConfigError(std::string msg) { return MakeError(Reason::kConfig, std::move(msg)); }

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

bool ReadFile(const std::string& path, std::string* out, std::string* why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

Status LoadFile(const std::string& path, Kubeconfig* out) {
  std::string text, why;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return ConfigError(fmt::format("kubeconfig {}: is a directory, not a file", path));
  if (!ReadFile(path, &text, &why))
    return ConfigError(fmt::format("kubeconfig {}: cannot read it: {}", path, why));
  return ParseKubeconfig(text, path, out);
}

std::string Names(const auto& map) {
  std::string s;
  for (const auto& [k, v] : map) s += (s.empty() ? "" : ", ") + k;
  return s.empty() ? "none" : s;
}

std::string FilesOf(const Kubeconfig& kc) {
  std::string s;
  for (const auto& f : kc.files) s += (s.empty() ? "" : ":") + f;
  return s;
}

std::string OriginOf(const Kubeconfig& kc, const std::string& key) {
  auto it = kc.origin.find(key);
  return it != kc.origin.end() ? it->second : FilesOf(kc);
}

}  // namespace

std::string RestConfig::Describe() const {
  if (in_cluster) return source;
  if (user_name.empty()) return fmt::format("{} (no user)", source);
  return fmt::format("{} user {}", source, user_name);
}

ConfigEnvironment ConfigEnvironment::FromProcess() {
  ConfigEnvironment e;
  if (const char* k = std::getenv("KUBECONFIG"); k && *k) e.kubeconfig = k;
  e.home = Env("HOME");
  e.service_host = Env("KUBERNETES_SERVICE_HOST");
  e.service_port = Env("KUBERNETES_SERVICE_PORT");
  return e;
}

Status LoadKubeconfig(const ConfigOverrides& overrides, const ConfigEnvironment& env,
                      Kubeconfig* out, bool* found) {
  *out = Kubeconfig();
  *found = false;
  if (!overrides.kubeconfig.empty()) {
    std::error_code ec;
    if (!fs::exists(overrides.kubeconfig, ec))
      return ConfigError(fmt::format("kubeconfig {}: no such file (from --kubeconfig)",
                                     overrides.kubeconfig));
    FERRY_RETURN_IF_ERROR(LoadFile(overrides.kubeconfig, out));
    *found = true;
    return Status::Ok();
  }
  if (env.kubeconfig && !env.kubeconfig->empty()) {
    // KUBECONFIG: a ':'-separated list; missing files are skipped, the
    // first file to set a name (or current-context) wins.
    std::set<std::string> seen;
    std::string_view list = *env.kubeconfig;
    while (true) {
      size_t colon = list.find(':');
      std::string path(list.substr(0, colon));
      if (!path.empty() && seen.insert(path).second) {
        std::error_code ec;
        if (fs::exists(path, ec)) {
          Kubeconfig one;
          FERRY_RETURN_IF_ERROR(LoadFile(path, &one));
          if (!*found) {
            *out = std::move(one);
          } else {
            out->MergeFrom(one);
          }
          *found = true;
        }
      }
      if (colon == std::string_view::npos) break;
      list.remove_prefix(colon + 1);
    }
    return Status::Ok();
  }
  if (!env.home.empty()) {
    std::string path = (fs::path(env.home) / ".kube" / "config").string();
    std::error_code ec;
    if (fs::exists(path, ec)) {
      FERRY_RETURN_IF_ERROR(LoadFile(path, out));
      *found = true;
    }
  }
  return Status::Ok();
}

Status InClusterConfig(const ConfigEnvironment& env, RestConfig* out) {
  if (env.service_host.empty() || env.service_port.empty())
    return ConfigError(
        "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are "
        "not set");
  *out = RestConfig();
  std::string host = env.service_host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  out->cluster.server = fmt::format("https://{}:{}", host, env.service_port);
  fs::path dir(env.service_account_dir);
  out->user.token_file = (dir / "token").string();
  std::string token, why;
  if (!ReadFile(out->user.token_file, &token, &why))
    return MakeError(Reason::kCredentials,
                     fmt::format("in-cluster config: cannot read the service account token {}: {}",
                                 out->user.token_file, why));
  std::string ca = (dir / "ca.crt").string();
  std::error_code ec;
  if (fs::exists(ca, ec)) out->cluster.certificate_authority = ca;
  std::string ns;
  if (ReadFile((dir / "namespace").string(), &ns, &why)) {
    while (!ns.empty() && (ns.back() == '\n' || ns.back() == ' ')) ns.pop_back();
    if (!ns.empty()) out->ns = ns;
  }
  out->in_cluster = true;
  out->source = fmt::format("in-cluster service account ({})", env.service_account_dir);
  return Status::Ok();
}

Status LoadRestConfig(const ConfigOverrides& overrides, RestConfig* out) {
  return LoadRestConfig(overrides, ConfigEnvironment::FromProcess(), out);
}

Status LoadRestConfig(const ConfigOverrides& o, const ConfigEnvironment& env,
                      RestConfig* out) {
  Kubeconfig kc;
  bool found = false;
  FERRY_RETURN_IF_ERROR(LoadKubeconfig(o, env, &kc, &found));
  bool empty = kc.contexts.empty() && kc.clusters.empty() && kc.users.empty();
  if ((!found || empty) && o.context.empty() && o.cluster.empty() &&
      !env.service_host.empty() && !env.service_port.empty()) {
    FERRY_RETURN_IF_ERROR(InClusterConfig(env, out));
    if (!o.ns.empty()) out->ns = o.ns;
    return Status::Ok();
  }
  if (!found)
    return ConfigError(
        "no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config");
  std::string files = FilesOf(kc);
  *out = RestConfig();
  out->context_name = o.context.empty() ? kc.current_context : o.context;
  ContextInfo ctx;
  if (!out->context_name.empty()) {
    auto it = kc.contexts.find(out->context_name);
    if (it == kc.contexts.end())
      return ConfigError(fmt::format("kubeconfig {}: context \"{}\" not found (contexts: {})",
                                     files, out->context_name, Names(kc.contexts)));
    ctx = it->second;
  } else if (o.cluster.empty()) {
    return ConfigError(fmt::format(
        "kubeconfig {}: no current-context is set; pass --context (contexts: {})", files,
        Names(kc.contexts)));
  }
  out->cluster_name = o.cluster.empty() ? ctx.cluster : o.cluster;
  out->user_name = o.user.empty() ? ctx.user : o.user;
  if (out->cluster_name.empty())
    return ConfigError(fmt::format("kubeconfig {}: context \"{}\" names no cluster", files,
                                   out->context_name));
  auto cl = kc.clusters.find(out->cluster_name);
  if (cl == kc.clusters.end())
    return ConfigError(fmt::format("kubeconfig {}: cluster \"{}\" not found (clusters: {})",
                                   files, out->cluster_name, Names(kc.clusters)));
  out->cluster = cl->second;
  if (!out->user_name.empty()) {
    auto us = kc.users.find(out->user_name);
    if (us == kc.users.end())
      return ConfigError(fmt::format("kubeconfig {}: user \"{}\" not found (users: {})", files,
                                     out->user_name, Names(kc.users)));
    out->user = us->second;
    out->source = "kubeconfig " + OriginOf(kc, "users/" + out->user_name);
  } else {
    out->source = "kubeconfig " + OriginOf(kc, "contexts/" + out->context_name);
  }
  std::string cluster_file = OriginOf(kc, "clusters/" + out->cluster_name);
  ClusterInfo& c = out->cluster;
  if (c.server.empty())
    return ConfigError(fmt::format("kubeconfig {}: cluster \"{}\" has no server", cluster_file,
                                   out->cluster_name));
  if (c.server.find("://") == std::string::npos) c.server = "https://" + c.server;
  while (c.server.size() > 8 && c.server.back() == '/') c.server.pop_back();
  const AuthInfo& u = out->user;
  bool has_cert = !u.client_certificate.empty() || !u.client_certificate_data.empty();
  bool has_key = !u.client_key.empty() || !u.client_key_data.empty();
  if (has_cert != has_key)
    return ConfigError(fmt::format("{}: client-certificate and client-key must be given together",
                                   out->Describe()));
  if (u.has_auth_provider && u.token.empty() && u.token_file.empty() && !u.exec)
    return ConfigError(fmt::format(
        "{}: the legacy auth-provider is not supported; use an exec credential plugin (for "
        "GKE: gke-gcloud-auth-plugin)",
        out->Describe()));
  if (u.exec && u.exec->api_version != "client.authentication.k8s.io/v1" &&
      u.exec->api_version != "client.authentication.k8s.io/v1beta1")
    return ConfigError(fmt::format(
        "{}: exec plugin apiVersion \"{}\" is not supported (use "
        "client.authentication.k8s.io/v1 or v1beta1)",
        out->Describe(), u.exec->api_version));
  if (u.exec && u.exec->api_version == "client.authentication.k8s.io/v1" &&
      u.exec->interactive_mode.empty())
    return ConfigError(fmt::format(
        "{}: exec plugin: interactiveMode must be specified for {} (Never, IfAvailable or "
        "Always)",
        out->Describe(), u.exec->api_version));
  out->ns = !o.ns.empty() ? o.ns : !ctx.ns.empty() ? ctx.ns : "default";
  return Status::Ok();
}

}  // namespace ferry::kube
