// Parsing one kubeconfig file and merging several, as client-go's clientcmd
// does (sigs.k8s.io/yaml: YAML 1.1 booleans, []byte fields in base64).
#include <fmt/format.h>

#include <filesystem>

#include "kube/config.h"
#include "kube/errors.h"
#include "sops/base64.h"
#include "yaml/parse.h"

namespace ferry::kube {
namespace {

namespace fs = std::filesystem;

Status ConfigError(std::string msg) { return MakeError(Reason::kConfig, std::move(msg)); }

// A relative path in a kubeconfig is relative to the file's directory.
std::string Resolve(const std::string& p, const fs::path& dir) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (dir / p).lexically_normal().string();
}

bool ParseBool(const yaml::Node& n) {
  std::string v = n.value();
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "true" || v == "yes" || v == "on" || v == "y";
}

// A []byte field: base64, whitespace ignored as Go's decoder does.
Status DecodeData(const yaml::Node& n, std::string_view path, std::string_view what,
                  std::string* out) {
  std::string text;
  for (char c : n.value())
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') text.push_back(c);
  if (!sops::Base64Decode(text, sops::Base64Padding::kPadded, false, out))
    return ConfigError(fmt::format("kubeconfig {}:{}:{}: {} is not valid base64",
                                   path, n.mark().line, n.mark().col, what));
  return Status::Ok();
}

std::string Str(const yaml::Node& m, std::string_view key) {
  return std::string(m.GetString(key));
}

Status ParseCluster(const yaml::Node& c, std::string_view path, const fs::path& dir,
                    ClusterInfo* out) {
  out->server = Str(c, "server");
  out->certificate_authority = Resolve(Str(c, "certificate-authority"), dir);
  if (const yaml::Node* d = c.Get("certificate-authority-data"); d && d->IsScalar())
    FERRY_RETURN_IF_ERROR(
        DecodeData(*d, path, "certificate-authority-data", &out->certificate_authority_data));
  if (const yaml::Node* b = c.Get("insecure-skip-tls-verify"); b && b->IsScalar())
    out->insecure_skip_tls_verify = ParseBool(*b);
  out->tls_server_name = Str(c, "tls-server-name");
  out->proxy_url = Str(c, "proxy-url");
  return Status::Ok();
}

Status ParseExec(const yaml::Node& e, std::string_view path, const fs::path& dir,
                 ExecConfig* out) {
  out->api_version = Str(e, "apiVersion");
  out->command = Str(e, "command");
  if (out->command.find('/') != std::string::npos) out->command = Resolve(out->command, dir);
  if (const yaml::Node* a = e.Get("args"); a && a->IsSeq())
    for (const yaml::Node& x : a->items()) out->args.push_back(x.value());
  if (const yaml::Node* en = e.Get("env"); en && en->IsSeq())
    for (const yaml::Node& x : en->items())
      if (x.IsMap()) out->env.emplace_back(Str(x, "name"), Str(x, "value"));
  out->interactive_mode = Str(e, "interactiveMode");
  if (const yaml::Node* b = e.Get("provideClusterInfo"); b && b->IsScalar())
    out->provide_cluster_info = ParseBool(*b);
  out->install_hint = Str(e, "installHint");
  if (out->command.empty())
    return ConfigError(fmt::format("kubeconfig {}:{}:{}: exec plugin has no command", path,
                                   e.mark().line, e.mark().col));
  return Status::Ok();
}

Status ParseUser(const yaml::Node& u, std::string_view path, const fs::path& dir,
                 AuthInfo* out) {
  out->token = Str(u, "token");
  out->token_file = Resolve(Str(u, "tokenFile"), dir);
  out->client_certificate = Resolve(Str(u, "client-certificate"), dir);
  out->client_key = Resolve(Str(u, "client-key"), dir);
  if (const yaml::Node* d = u.Get("client-certificate-data"); d && d->IsScalar())
    FERRY_RETURN_IF_ERROR(
        DecodeData(*d, path, "client-certificate-data", &out->client_certificate_data));
  if (const yaml::Node* d = u.Get("client-key-data"); d && d->IsScalar())
    FERRY_RETURN_IF_ERROR(DecodeData(*d, path, "client-key-data", &out->client_key_data));
  out->username = Str(u, "username");
  out->password = Str(u, "password");
  out->impersonate = Str(u, "as");
  if (const yaml::Node* g = u.Get("as-groups"); g && g->IsSeq())
    for (const yaml::Node& x : g->items()) out->impersonate_groups.push_back(x.value());
  if (const yaml::Node* e = u.Get("exec"); e && e->IsMap()) {
    ExecConfig ec;
    FERRY_RETURN_IF_ERROR(ParseExec(*e, path, dir, &ec));
    out->exec = std::move(ec);
  }
  out->has_auth_provider = u.Get("auth-provider") != nullptr && !u.Get("auth-provider")->IsNull();
  return Status::Ok();
}

// Calls fn(name, body) for each {name: N, <field>: {...}} entry of list `key`.
template <typename Fn>
Status ForEachNamed(const yaml::Node& doc, std::string_view key, std::string_view field,
                    std::string_view path, Fn fn) {
  const yaml::Node* list = doc.Get(key);
  if (list == nullptr || list->IsNull()) return Status::Ok();
  if (!list->IsSeq())
    return ConfigError(fmt::format("kubeconfig {}:{}:{}: {} must be a list", path,
                                   list->mark().line, list->mark().col, key));
  for (const yaml::Node& e : list->items()) {
    if (!e.IsMap())
      return ConfigError(fmt::format("kubeconfig {}:{}:{}: an entry of {} must be a mapping",
                                     path, e.mark().line, e.mark().col, key));
    std::string name = Str(e, "name");
    if (name.empty())
      return ConfigError(fmt::format("kubeconfig {}:{}:{}: an entry of {} has no name", path,
                                     e.mark().line, e.mark().col, key));
    static const yaml::Node kEmpty = yaml::Node::Map();
    const yaml::Node* body = e.Get(field);
    if (body == nullptr || body->IsNull()) body = &kEmpty;
    if (!body->IsMap())
      return ConfigError(fmt::format("kubeconfig {}:{}:{}: {} of {} \"{}\" must be a mapping",
                                     path, body->mark().line, body->mark().col, field, key,
                                     name));
    FERRY_RETURN_IF_ERROR(fn(name, *body));
  }
  return Status::Ok();
}

}  // namespace

Status ParseKubeconfig(std::string_view text, std::string_view path, Kubeconfig* out) {
  *out = Kubeconfig();
  out->files.emplace_back(path);
  yaml::Node doc;
  Status st = yaml::ParseDocument(text, path, &doc);
  if (!st.ok()) return ConfigError(fmt::format("kubeconfig {}", st.message()));
  if (doc.IsNull()) return Status::Ok();  // an empty file is an empty config
  if (!doc.IsMap())
    return ConfigError(fmt::format("kubeconfig {}: not a mapping (is this a kubeconfig?)", path));
  fs::path dir = fs::absolute(fs::path(path)).parent_path();
  std::string file(path);
  FERRY_RETURN_IF_ERROR(ForEachNamed(doc, "clusters", "cluster", path,
                                     [&](const std::string& name, const yaml::Node& b) {
                                       ClusterInfo c;
                                       FERRY_RETURN_IF_ERROR(ParseCluster(b, path, dir, &c));
                                       if (out->clusters.emplace(name, std::move(c)).second)
                                         out->origin["clusters/" + name] = file;
                                       return Status::Ok();
                                     }));
  FERRY_RETURN_IF_ERROR(ForEachNamed(doc, "users", "user", path,
                                     [&](const std::string& name, const yaml::Node& b) {
                                       AuthInfo u;
                                       FERRY_RETURN_IF_ERROR(ParseUser(b, path, dir, &u));
                                       if (out->users.emplace(name, std::move(u)).second)
                                         out->origin["users/" + name] = file;
                                       return Status::Ok();
                                     }));
  FERRY_RETURN_IF_ERROR(ForEachNamed(doc, "contexts", "context", path,
                                     [&](const std::string& name, const yaml::Node& b) {
                                       ContextInfo c{Str(b, "cluster"), Str(b, "user"),
                                                     Str(b, "namespace")};
                                       if (out->contexts.emplace(name, std::move(c)).second)
                                         out->origin["contexts/" + name] = file;
                                       return Status::Ok();
                                     }));
  out->current_context = Str(doc, "current-context");
  if (!out->current_context.empty()) out->origin["current-context"] = file;
  return Status::Ok();
}

void Kubeconfig::MergeFrom(const Kubeconfig& other) {
  auto merge = [&](auto& mine, const auto& theirs, std::string_view kind) {
    for (const auto& [name, v] : theirs) {
      if (mine.emplace(name, v).second) {
        std::string key = fmt::format("{}/{}", kind, name);
        auto it = other.origin.find(key);
        if (it != other.origin.end()) origin[key] = it->second;
      }
    }
  };
  merge(clusters, other.clusters, "clusters");
  merge(users, other.users, "users");
  merge(contexts, other.contexts, "contexts");
  if (current_context.empty() && !other.current_context.empty()) {
    current_context = other.current_context;
    auto it = other.origin.find("current-context");
    if (it != other.origin.end()) origin["current-context"] = it->second;
  }
  files.insert(files.end(), other.files.begin(), other.files.end());
}

}  // namespace ferry::kube
