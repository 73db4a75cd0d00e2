// Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), run
// as client-go's exec authenticator runs them.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <ctime>

#include "kube/credentials.h"
#include "kube/errors.h"
#include "sops/base64.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

extern char** environ;

namespace ferry::kube {
namespace {

Status CredError(std::string msg) { return MakeError(Reason::kCredentials, std::move(msg)); }

std::string ExecInfo(const ExecConfig& exec, const ClusterInfo& cluster, bool interactive) {
  yaml::Node info = yaml::Node::Map();
  info.Set("apiVersion", yaml::Node::Str(exec.api_version));
  info.Set("kind", yaml::Node::Str("ExecCredential"));
  yaml::Node& spec = info.GetOrAddMap("spec");
  spec.Set("interactive", yaml::Node::Plain(interactive ? "true" : "false"));
  if (exec.provide_cluster_info) {
    yaml::Node& c = spec.GetOrAddMap("cluster");
    c.Set("server", yaml::Node::Str(cluster.server));
    if (!cluster.tls_server_name.empty())
      c.Set("tls-server-name", yaml::Node::Str(cluster.tls_server_name));
    if (cluster.insecure_skip_tls_verify)
      c.Set("insecure-skip-tls-verify", yaml::Node::Plain("true"));
    if (!cluster.certificate_authority_data.empty())
      c.Set("certificate-authority-data",
            yaml::Node::Str(sops::Base64Encode(cluster.certificate_authority_data)));
    if (!cluster.proxy_url.empty()) c.Set("proxy-url", yaml::Node::Str(cluster.proxy_url));
  }
  std::string out;
  yaml::EmitJson(info, &out);
  return out;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.size() > 4000) s = s.substr(0, 4000) + "...";
  return s;
}

// Reads stdout and stderr of the child until both close.
void Drain(int out_fd, int err_fd, std::string* out, std::string* err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buf[8192];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? out : err)->append(buf, static_cast<size_t>(n));
        if (out->size() > (16u << 20)) n = 0;  // a runaway plugin
      }
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

}  // namespace

bool ParseRfc3339(std::string_view s, std::chrono::system_clock::time_point* out) {
  int y, mo, d, h, mi, sec;
  char tail[64] = {0};
  std::string str(s);
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%63s", &y, &mo, &d, &h, &mi, &sec,
                  tail) < 6)
    return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  time_t t = timegm(&tm);
  std::string_view rest = tail;
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds: ignored
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    rest.remove_prefix(i);
  }
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = (rest[1] - '0') * 10 + (rest[2] - '0');
    int om = (rest[4] - '0') * 10 + (rest[5] - '0');
    int off = (oh * 60 + om) * 60;
    t += rest[0] == '+' ? -off : off;
  } else {
    return false;
  }
  // system_clock counts nanoseconds in 64 bits (up to year 2262): clamp.
  constexpr time_t kMax = 7258118400;  // 2200-01-01
  *out = std::chrono::system_clock::from_time_t(std::min(t, kMax));
  return true;
}

Status RunExecPlugin(const ExecConfig& exec, const ClusterInfo& cluster,
                     const std::string& who, ExecCredential* out) {
  std::string mode = exec.interactive_mode.empty() ? "IfAvailable" : exec.interactive_mode;
  bool tty = isatty(STDIN_FILENO) == 1;
  bool interactive = mode != "Never" && tty;
  if (mode == "Always" && !tty)
    return CredError(fmt::format(
        "{}: exec plugin \"{}\" needs an interactive terminal (interactiveMode: Always) but "
        "standard input is not a terminal",
        who, exec.command));

  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view kv = *e;
    std::string_view key = kv.substr(0, kv.find('='));
    bool overridden = key == "KUBERNETES_EXEC_INFO";
    for (const auto& [k, v] : exec.env) overridden |= key == k;
    if (!overridden) env.emplace_back(kv);
  }
  for (const auto& [k, v] : exec.env) env.push_back(k + "=" + v);
  env.push_back("KUBERNETES_EXEC_INFO=" + ExecInfo(exec, cluster, interactive));
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_s;
  args_s.push_back(exec.command);
  args_s.insert(args_s.end(), exec.args.begin(), exec.args.end());
  std::vector<char*> argv;
  for (auto& a : args_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return CredError("exec plugin: pipe failed");
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    return CredError("exec plugin: pipe failed");
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], STDERR_FILENO);
  if (!interactive)
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid;
  int rc = posix_spawnp(&pid, exec.command.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    std::string msg = fmt::format("{}: exec plugin: cannot run \"{}\": {}", who, exec.command,
                                  std::strerror(rc));
    if (rc == ENOENT) {
      msg = fmt::format(
          "{}: exec plugin: executable \"{}\" not found (a client-go credential plugin that is "
          "not installed, or not in PATH)",
          who, exec.command);
      if (!exec.install_hint.empty()) msg += "\n" + Trim(exec.install_hint);
    }
    return CredError(std::move(msg));
  }
  std::string stdout_text, stderr_text;
  Drain(out_pipe[0], err_pipe[0], &stdout_text, &stderr_text);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    std::string how = WIFEXITED(wstatus) ? fmt::format("exit status {}", WEXITSTATUS(wstatus))
                                         : fmt::format("killed by signal {}", WTERMSIG(wstatus));
    std::string err = Trim(stderr_text);
    return CredError(fmt::format("{}: exec plugin \"{}\" failed ({}){}{}", who, exec.command, how,
                                 err.empty() ? "" : ": ", err));
  }
  yaml::Node doc;
  Status st = yaml::ParseDocument(stdout_text, "exec plugin output", &doc);
  if (!st.ok() || !doc.IsMap())
    return CredError(fmt::format("{}: exec plugin \"{}\" wrote no ExecCredential on stdout{}", who,
                                 exec.command, st.ok() ? "" : ": " + st.message()));
  std::string_view av = doc.GetString("apiVersion");
  if (av != exec.api_version)
    return CredError(fmt::format(
        "{}: exec plugin \"{}\" is configured to use API version {}, plugin returned version {}",
        who, exec.command, exec.api_version, av.empty() ? "(none)" : av));
  if (doc.GetString("kind") != "ExecCredential")
    return CredError(fmt::format("{}: exec plugin \"{}\" returned kind \"{}\", not ExecCredential",
                                 who, exec.command, doc.GetString("kind")));
  const yaml::Node* status = doc.Get("status");
  if (status == nullptr || !status->IsMap())
    return CredError(fmt::format("{}: exec plugin \"{}\" returned no status", who, exec.command));
  *out = ExecCredential();
  out->token = std::string(status->GetString("token"));
  out->client_cert_pem = std::string(status->GetString("clientCertificateData"));
  out->client_key_pem = std::string(status->GetString("clientKeyData"));
  if (out->token.empty() && (out->client_cert_pem.empty() || out->client_key_pem.empty()))
    return CredError(fmt::format(
        "{}: exec plugin \"{}\" returned neither a token nor a client certificate and key", who,
        exec.command));
  if (out->client_cert_pem.empty() != out->client_key_pem.empty())
    return CredError(fmt::format(
        "{}: exec plugin \"{}\" returned a client certificate without its key (or a key without "
        "its certificate)",
        who, exec.command));
  std::string_view exp = status->GetString("expirationTimestamp");
  if (!exp.empty()) {
    std::chrono::system_clock::time_point t;
    if (!ParseRfc3339(exp, &t))
      return CredError(fmt::format("{}: exec plugin \"{}\" returned an invalid expirationTimestamp "
                                   "\"{}\"",
                                   who, exec.command, exp));
    out->expiry = t;
  }
  return Status::Ok();
}

}  // namespace ferry::kube
