// Credentials (private to kube/): what a request authenticates with, kept
// fresh — a token file re-read when it changes, an exec plugin's answer
// cached until its expirationTimestamp (or a 401).
#ifndef FERRY_KUBE_CREDENTIALS_H_
#define FERRY_KUBE_CREDENTIALS_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "kube/config.h"
#include "yaml/status.h"

namespace ferry::kube {

/// The credentials of one request.
struct Credential {
  std::string bearer_token;
  std::string basic_user, basic_password;
  std::string client_cert_pem, client_key_pem;  // from an exec plugin
};

/// What an exec credential plugin answered.
struct ExecCredential {
  std::string token;
  std::string client_cert_pem, client_key_pem;
  std::optional<std::chrono::system_clock::time_point> expiry;
};

/// Runs an exec credential plugin as client-go does: KUBERNETES_EXEC_INFO
/// in its environment, stdin a terminal only when interactive, stdout an
/// ExecCredential. Errors (Reason kCredentials) carry the plugin's stderr.
/// `who` names the kubeconfig user in messages.
Status RunExecPlugin(const ExecConfig& exec, const ClusterInfo& cluster,
                     const std::string& who, ExecCredential* out);

/// Parses an RFC 3339 time ("2026-01-02T03:04:05Z", offsets, fractions).
bool ParseRfc3339(std::string_view s, std::chrono::system_clock::time_point* out);

/// The credentials of a RestConfig; thread-safe.
class CredentialSource {
 public:
  explicit CredentialSource(const RestConfig& cfg) : cfg_(cfg) {}
  /// The current credentials (runs the plugin or reads the file as needed).
  Status Get(Credential* out);
  /// Forgets cached credentials after a 401; false when nothing could be
  /// refreshed (static token or certificate).
  bool Invalidate();
  /// True when credentials come from an exec plugin.
  bool uses_exec() const { return cfg_.user.exec.has_value(); }

 private:
  const RestConfig& cfg_;
  std::mutex mu_;
  // exec plugin cache
  std::optional<ExecCredential> exec_;
  // token file cache
  std::string file_token_;
  std::chrono::system_clock::time_point file_read_at_{};
  int64_t file_mtime_ns_ = -1;
  int64_t file_size_ = -1;
};

}  // namespace ferry::kube

#endif  // FERRY_KUBE_CREDENTIALS_H_
