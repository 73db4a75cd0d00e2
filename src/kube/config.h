// Kubeconfig loading as kubectl (client-go's clientcmd) does it: the
// --kubeconfig file, else the KUBECONFIG list merged (the first file to set a
// name or current-context wins), else ~/.kube/config, else the in-cluster
// service account; then --context/--cluster/--user/--namespace overrides pick
// the one RestConfig a Client talks with.
#ifndef FERRY_KUBE_CONFIG_H_
#define FERRY_KUBE_CONFIG_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml/status.h"

namespace ferry::kube {

/// How to reach an API server (a kubeconfig `clusters[].cluster`). File
/// paths are absolute once loaded (relative ones are resolved against the
/// kubeconfig's directory, as kubectl does).
struct ClusterInfo {
  std::string server;                     // https://host:port[/prefix]
  std::string certificate_authority;      // CA bundle file
  std::string certificate_authority_data; // PEM bytes (already base64-decoded)
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;            // SNI and name to verify
  std::string proxy_url;                  // http(s)://, socks5://
};

/// An exec credential plugin (`users[].user.exec`), such as
/// gke-gcloud-auth-plugin: run, and read an ExecCredential from its stdout.
struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or v1beta1
  std::string command;      // resolved against the kubeconfig's directory
                            // when it contains a '/', else looked up in PATH
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string interactive_mode;  // Never, IfAvailable, Always ("" = v1beta1
                                 // default IfAvailable)
  bool provide_cluster_info = false;
  std::string install_hint;      // printed when the command is missing
};

/// Credentials (a kubeconfig `users[].user`). Data fields hold PEM bytes.
struct AuthInfo {
  std::string token;
  std::string token_file;  // re-read when it changes (projected tokens rotate)
  std::string client_certificate;
  std::string client_certificate_data;
  std::string client_key;
  std::string client_key_data;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::string impersonate;                 // `as`
  std::vector<std::string> impersonate_groups;  // `as-groups`
  bool has_auth_provider = false;  // legacy `auth-provider` (unsupported)
};

/// A kubeconfig `contexts[].context`.
struct ContextInfo {
  std::string cluster;
  std::string user;
  std::string ns;  // `namespace`
};

/// One kubeconfig file, or several merged.
struct Kubeconfig {
  std::map<std::string, ClusterInfo> clusters;
  std::map<std::string, AuthInfo> users;
  std::map<std::string, ContextInfo> contexts;
  std::string current_context;
  /// Where each entry came from ("clusters/NAME" -> file), for messages.
  std::map<std::string, std::string> origin;
  /// The files read, in order (missing KUBECONFIG entries are skipped).
  std::vector<std::string> files;

  /// Adds `other` under this one: a name (or current-context) already set
  /// here is kept, as kubectl merges the KUBECONFIG list.
  void MergeFrom(const Kubeconfig& other);
};

/// Parses one kubeconfig file's text. `path` names it in errors and is the
/// base for relative file paths. Unknown fields are ignored (as kubectl does).
Status ParseKubeconfig(std::string_view text, std::string_view path,
                       Kubeconfig* out);

/// The command-line choices (all optional): kubectl's --kubeconfig,
/// --context, --cluster, --user, --namespace (-n).
struct ConfigOverrides {
  std::string kubeconfig;
  std::string context;
  std::string cluster;
  std::string user;
  std::string ns;
};

/// Everything a Client needs: the server, the credentials, the default
/// namespace, and where they came from (for error messages).
struct RestConfig {
  ClusterInfo cluster;
  AuthInfo user;
  std::string ns = "default";  // the context's namespace, or the override
  std::string context_name;
  std::string cluster_name;
  std::string user_name;
  /// "kubeconfig /path/to/file" or "in-cluster service account"; errors say
  /// e.g. "the credentials in kubeconfig /x user y were rejected".
  std::string source;
  bool in_cluster = false;
  /// Describes the user for messages: "kubeconfig /x user y".
  std::string Describe() const;
};

/// Where the environment says to look: KUBECONFIG, HOME, in-cluster
/// variables. Injected so that tests do not depend on the process
/// environment; FromProcess() reads the real one.
struct ConfigEnvironment {
  std::optional<std::string> kubeconfig;  // $KUBECONFIG
  std::string home;                       // $HOME
  std::string service_host;               // $KUBERNETES_SERVICE_HOST
  std::string service_port;               // $KUBERNETES_SERVICE_PORT
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
  static ConfigEnvironment FromProcess();
};

/// Loads the RestConfig kubectl would use. Errors name the file and what
/// to fix ("kubeconfig /x: context \"y\" not found", "no kubeconfig: set
/// KUBECONFIG or --kubeconfig").
Status LoadRestConfig(const ConfigOverrides& overrides, RestConfig* out);
Status LoadRestConfig(const ConfigOverrides& overrides,
                      const ConfigEnvironment& env, RestConfig* out);

/// Loads (and merges) the kubeconfig files the overrides and environment
/// select, without resolving a context; false `*found` when there is none.
Status LoadKubeconfig(const ConfigOverrides& overrides,
                      const ConfigEnvironment& env, Kubeconfig* out,
                      bool* found);

/// The in-cluster config (service account token and CA from
/// env.service_account_dir, server from the service host/port variables).
Status InClusterConfig(const ConfigEnvironment& env, RestConfig* out);

}  // namespace ferry::kube

#endif  // FERRY_KUBE_CONFIG_H_
