#include "kube/credentials.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kube/errors.h"

namespace ferry::kube {
namespace {

// client-go re-reads a token file at least once a minute; ferry also re-reads
// it at once when its size or modification time changes.
constexpr auto kTokenFileMaxAge = std::chrono::minutes(1);
// An exec credential is refreshed a little before it expires.
constexpr auto kExpirySlack = std::chrono::seconds(10);

}  // namespace

Status CredentialSource::Get(Credential* out) {
  *out = Credential();
  const AuthInfo& u = cfg_.user;
  std::lock_guard<std::mutex> lock(mu_);
  if (u.exec) {
    auto now = std::chrono::system_clock::now();
    if (!exec_ || (exec_->expiry && *exec_->expiry - kExpirySlack <= now)) {
      ExecCredential c;
      FERRY_RETURN_IF_ERROR(RunExecPlugin(*u.exec, cfg_.cluster, cfg_.Describe(), &c));
      exec_ = std::move(c);
    }
    out->bearer_token = exec_->token;
    out->client_cert_pem = exec_->client_cert_pem;
    out->client_key_pem = exec_->client_key_pem;
    return Status::Ok();
  }
  if (!u.token.empty()) {
    out->bearer_token = u.token;
    return Status::Ok();
  }
  if (!u.token_file.empty()) {
    struct stat sb;
    if (stat(u.token_file.c_str(), &sb) != 0) {
      if (!file_token_.empty()) {  // rotating: keep the last one we read
        out->bearer_token = file_token_;
        return Status::Ok();
      }
      return MakeError(Reason::kCredentials,
                       fmt::format("{}: cannot read token file {}: {}", cfg_.Describe(),
                                   u.token_file, std::strerror(errno)));
    }
    int64_t mtime = static_cast<int64_t>(sb.st_mtim.tv_sec) * 1000000000 + sb.st_mtim.tv_nsec;
    auto now = std::chrono::system_clock::now();
    if (file_token_.empty() || mtime != file_mtime_ns_ || sb.st_size != file_size_ ||
        now - file_read_at_ > kTokenFileMaxAge) {
      std::ifstream in(u.token_file, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      std::string t = ss.str();
      while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
      if (!in && t.empty())
        return MakeError(Reason::kCredentials, fmt::format("{}: cannot read token file {}",
                                                           cfg_.Describe(), u.token_file));
      file_token_ = std::move(t);
      file_mtime_ns_ = mtime;
      file_size_ = sb.st_size;
      file_read_at_ = now;
    }
    out->bearer_token = file_token_;
    return Status::Ok();
  }
  if (!u.username.empty() || !u.password.empty()) {
    out->basic_user = u.username;
    out->basic_password = u.password;
  }
  return Status::Ok();
}

bool CredentialSource::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  if (cfg_.user.exec) {
    exec_.reset();
    return true;
  }
  if (cfg_.user.token.empty() && !cfg_.user.token_file.empty()) {
    file_token_.clear();
    return true;
  }
  return false;
}

}  // namespace ferry::kube
