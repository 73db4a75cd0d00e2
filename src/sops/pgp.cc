#include "sops/pgp.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace ferry::sops {
namespace pgp_internal {

Status RunWithInput(const std::vector<std::string>& argv,
                    const std::string& gnupg_home, std::string_view input,
                    SecureBytes* out, std::string* err, int* exit_code) {
  int in[2], outp[2], errp[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(outp, O_CLOEXEC) != 0 ||
      pipe2(errp, O_CLOEXEC) != 0) {
    return Status::Error(std::string("pipe: ") + strerror(errno));
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
  posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_store;
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) {
    if (!gnupg_home.empty() && strncmp(*e, "GNUPGHOME=", 10) == 0) continue;
    env.push_back(*e);
  }
  if (!gnupg_home.empty()) {
    env_store.push_back("GNUPGHOME=" + gnupg_home);
    env.push_back(env_store.back().data());
  }
  env.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(outp[1]);
  close(errp[1]);
  if (rc != 0) {
    close(in[1]);
    close(outp[0]);
    close(errp[0]);
    return Status::Error("cannot run " + argv[0] + ": " + strerror(rc));
  }
  // Feed stdin and drain stdout/stderr together, so no pipe fills up.
  size_t written = 0;
  int in_fd = in[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buf[4096];
  signal(SIGPIPE, SIG_IGN);
  while (out_open || err_open || in_fd >= 0) {
    pollfd fds[3];
    int n = 0;
    if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
    if (out_open) fds[n++] = {outp[0], POLLIN, 0};
    if (err_open) fds[n++] = {errp[0], POLLIN, 0};
    if (poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in_fd) {
        ssize_t w =
            write(in_fd, input.data() + written, input.size() - written);
        if (w > 0) written += w;
        if (w < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
      } else {
        ssize_t r = read(fds[i].fd, buf, sizeof buf);
        if (r <= 0) {
          if (fds[i].fd == outp[0])
            out_open = false;
          else
            err_open = false;
        } else if (fds[i].fd == outp[0]) {
          out->append(std::string_view(buf, r));
        } else {
          err->append(buf, r);
        }
      }
    }
  }
  CleanseMemory(buf, sizeof buf);
  if (in_fd >= 0) close(in_fd);
  close(outp[0]);
  close(errp[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return Status::Ok();
}

}  // namespace pgp_internal

namespace {

std::string GpgProgram(const PgpOptions& o) {
  if (!o.gpg.empty()) return o.gpg;
  const char* e = getenv("SOPS_GPG_EXEC");
  return e && *e ? e : "gpg";
}

std::string LastLines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (s.size() > 600) s = "..." + s.substr(s.size() - 600);
  return s;
}

}  // namespace

Status PgpMasterKey::Create(std::string_view fingerprint, PgpOptions options,
                            std::unique_ptr<PgpMasterKey>* key) {
  std::string fpr;
  for (char c : fingerprint) {
    if (c != ' ') fpr += c;
  }
  if (fpr.empty()) return Status::Error("empty PGP fingerprint");
  std::unique_ptr<PgpMasterKey> k(new PgpMasterKey());
  k->fingerprint_ = std::move(fpr);
  k->options_ = std::move(options);
  *key = std::move(k);
  return Status::Ok();
}

Status PgpMasterKey::Encrypt(const SecureBytes& data_key, std::string* enc) {
  std::string gpg = GpgProgram(options_);
  std::vector<std::string> argv = {gpg,          "--batch",
                                   "--no-tty",   "--no-default-recipient",
                                   "--yes",      "--trust-model",
                                   "always",     "--encrypt",
                                   "--armor",    "-r",
                                   fingerprint_, "--no-encrypt-to"};
  SecureBytes out;
  std::string err;
  int code = 0;
  Status st = pgp_internal::RunWithInput(argv, options_.gnupg_home,
                                         data_key.view(), &out, &err, &code);
  if (!st.ok()) return st;
  if (code != 0) {
    return Status::Error("failed to encrypt sops data key with pgp key " +
                         fingerprint_ + ": gpg: " + LastLines(err));
  }
  *enc = std::string(out.view());
  return Status::Ok();
}

Status PgpMasterKey::Decrypt(std::string_view enc, SecureBytes* data_key) {
  std::string gpg = GpgProgram(options_);
  std::vector<std::string> argv = {gpg, "--batch", "--no-tty", "--decrypt"};
  SecureBytes out;
  std::string err;
  int code = 0;
  Status st = pgp_internal::RunWithInput(argv, options_.gnupg_home, enc, &out,
                                         &err, &code);
  if (!st.ok()) return st;
  if (code != 0) {
    return Status::Error("failed to decrypt sops data key with pgp key " +
                         fingerprint_ + ": gpg: " + LastLines(err));
  }
  *data_key = std::move(out);
  return Status::Ok();
}

}  // namespace ferry::sops
