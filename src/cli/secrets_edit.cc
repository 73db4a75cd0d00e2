// ferry secrets edit FILE: decrypts into a private temporary file, runs the
// editor on it and encrypts the result back, as `sops edit` does. Values
// the user did not change keep their ciphertext; a new file is encrypted
// with its .sops.yaml creation rule. The plaintext lives in a 0600 file in
// a 0700 folder (in /dev/shm when there is one, so it stays in memory),
// which is overwritten and removed on every way out: success, error, or
// SIGINT/SIGTERM/SIGHUP.
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/secrets.h"
#include "cli/secrets_io.h"
#include "sops/exit_codes.h"
#include "sops/rewrite.h"
#include "sops/secure_bytes.h"
#include "sops/session.h"

namespace ferry::cli {
namespace {

// Where the signal handler finds what to remove (async-signal-safe: fixed
// buffers, unlink and rmdir only).
char g_temp_file[PATH_MAX];
char g_temp_dir[PATH_MAX];

extern "C" void RemoveTempAndExit(int) {
  if (g_temp_file[0]) ::unlink(g_temp_file);
  if (g_temp_dir[0]) ::rmdir(g_temp_dir);
  ::_exit(sops::kExitKeyboardInterrupt);
}

// The private temporary file holding the plaintext while the editor runs.
class TempPlaintext {
 public:
  ~TempPlaintext() { Remove(); }

  // Creates the folder and the file named like `original` (so that the
  // editor picks the right syntax), and writes `text`.
  bool Create(const std::string& original, const std::string& text) {
    std::string base = original.substr(original.find_last_of('/') + 1);
    struct stat st;
    const char* env_tmp = std::getenv("TMPDIR");
    std::string parent =
        ::stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
                ::access("/dev/shm", W_OK) == 0
            ? "/dev/shm"
            : (env_tmp && *env_tmp ? env_tmp : "/tmp");
    std::string dir_template = parent + "/ferry-edit-XXXXXX";
    if (dir_template.size() + base.size() + 2 >= PATH_MAX) return false;
    std::vector<char> buf(dir_template.begin(), dir_template.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) return false;
    dir_ = buf.data();
    path_ = dir_ + "/" + base;
    std::strcpy(g_temp_dir, dir_.c_str());
    std::strcpy(g_temp_file, path_.c_str());
    struct sigaction sa {};
    sa.sa_handler = RemoveTempAndExit;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    bool ok = ::write(fd, text.data(), text.size()) ==
              static_cast<ssize_t>(text.size());
    return (::close(fd) == 0) && ok;
  }

  const std::string& path() const { return path_; }

  // Overwrites the file with zeros, removes it and its folder.
  void Remove() {
    if (path_.empty()) return;
    int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
      struct stat st;
      if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        std::string zeros(static_cast<size_t>(st.st_size), '\0');
        (void)!::write(fd, zeros.data(), zeros.size());
      }
      ::close(fd);
    }
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
    path_.clear();
    g_temp_file[0] = g_temp_dir[0] = '\0';
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
  }

 private:
  std::string dir_, path_;
};

// The editor command, split into words: $SOPS_EDITOR, $EDITOR, else the
// first of vim, nano, vi on PATH (as sops).
std::vector<std::string> EditorCommand() {
  for (const char* var : {"SOPS_EDITOR", "EDITOR"}) {
    const char* v = std::getenv(var);
    if (!v || !*v) continue;
    std::vector<std::string> words;
    std::string w;
    char quote = 0;
    for (const char* p = v; *p; ++p) {
      if (quote) {
        if (*p == quote) quote = 0; else w += *p;
      } else if (*p == '"' || *p == '\'') {
        quote = *p;
      } else if (*p == ' ' || *p == '\t') {
        if (!w.empty()) words.push_back(std::move(w));
        w.clear();
      } else {
        w += *p;
      }
    }
    if (!w.empty()) words.push_back(std::move(w));
    if (!words.empty()) return words;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"vim", "nano", "vi"}) {
    size_t pos = 0;
    while (pos <= dirs.size()) {
      size_t end = dirs.find(':', pos);
      if (end == std::string::npos) end = dirs.size();
      std::string candidate = dirs.substr(pos, end - pos) + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return {candidate};
      pos = end + 1;
    }
  }
  return {};
}

// Runs the editor on `file`; its exit status, or -1 when it could not run.
int RunEditor(const std::vector<std::string>& cmd, const std::string& file) {
  std::vector<char*> argv;
  for (const std::string& w : cmd) argv.push_back(const_cast<char*>(w.c_str()));
  argv.push_back(const_cast<char*>(file.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What a new file starts with, per store.
std::string Example(sops::Store store) {
  switch (store) {
    case sops::Store::kYaml:
      return "apiVersion: v1\nkind: Secret\nmetadata:\n    name: example\n"
             "type: Opaque\nstringData:\n    key: value\n";
    case sops::Store::kJson:
      return "{\n\t\"key\": \"value\"\n}\n";
    case sops::Store::kDotenv:
      return "KEY=value\n";
    case sops::Store::kIni:
      return "[section]\nkey = value\n";
    case sops::Store::kBinary:
      return "";
  }
  return "";
}

// A new file: a fresh data key wrapped for its creation rule.
Status NewFile(const std::string& file, sops::Store store,
               const sops::KeySourceOptions& keys, sops::OpenedFile* out) {
  sops::SopsConfig config;
  const sops::CreationRule* rule = nullptr;
  FERRY_RETURN_IF_ERROR(sops::RuleForPath(file, ".", &config, &rule));
  out->store = store;
  out->data_key = sops::RandomSecureBytes(32);
  FERRY_RETURN_IF_ERROR(sops::WrapDataKey(out->data_key, rule->key_groups,
                                          rule->shamir_threshold, keys,
                                          &out->metadata));
  out->metadata.rules = sops::CryptRulesOf(*rule);
  return Status::Ok();
}

struct EditFlags {
  std::string file;
  std::string input_type;
};

int Edit(const EditFlags& f) {
  sops::Store store;
  if (!PickStore(f.file, f.input_type, &store)) return 2;
  sops::KeySourceOptions keys;
  sops::OpenedFile opened;
  sops::WipedString plaintext;  // wiped on every return, as `edited`
  bool exists = ::access(f.file.c_str(), F_OK) == 0;
  if (exists) {
    std::string text;
    Status st = ReadInput(f.file, &text);
    if (st.ok()) st = sops::OpenEncrypted(text, store, keys, &opened, f.file);
    if (st.ok()) st = sops::EmitPlain(opened.docs, store, &plaintext.s);
    if (!st.ok()) return ReportError(f.file, st);
  } else {
    Status st = NewFile(f.file, store, keys, &opened);
    if (!st.ok()) return ReportError(f.file, st);
    plaintext.s = Example(store);
  }
  std::vector<std::string> editor = EditorCommand();
  if (editor.empty())
    return ReportError(
        f.file, Status::Error("no editor found: set $SOPS_EDITOR or $EDITOR")
                    .WithCode(sops::kExitNoEditorFound));
  TempPlaintext temp;
  if (!temp.Create(f.file, plaintext.s))
    return ReportError(f.file,
                       Status::Error("cannot create a private temporary file")
                           .WithCode(sops::kExitCouldNotWriteOutputFile));
  sops::WipedString edited;
  std::vector<yaml::Node> docs;
  for (;;) {
    int rc = RunEditor(editor, temp.path());
    if (rc != 0)
      return ReportError(f.file,
                         Status::Error("the editor (" + editor[0] +
                                       ") failed; the file is unchanged"));
    if (!ReadWholeFile(temp.path(), &edited.s))
      return ReportError(f.file, Status::Error("cannot read the edited file"));
    if (exists && edited.s == plaintext.s) {
      std::fprintf(stderr, "File has not changed, exiting.\n");
      return sops::kExitFileHasNotBeenModified;
    }
    Status st = sops::LoadPlain(edited.s, store, &docs, f.file);
    for (const yaml::Node& d : docs)
      if (st.ok() && d.Get("sops"))
        st = Status::Error("the edited file must not have a sops key");
    if (st.ok()) break;
    int code = ReportError(f.file, st);
    if (!::isatty(STDIN_FILENO)) return code;
    std::fprintf(stderr,
                 "Press Enter to return to the editor, or Ctrl+C to exit.\n");
    std::string line;
    if (!std::getline(std::cin, line)) return sops::kExitGeneric;
  }
  sops::WipeString(&plaintext.s);
  sops::WipeString(&edited.s);
  temp.Remove();
  opened.docs = std::move(docs);
  std::string out;
  Status st = sops::Seal(opened, &out);
  if (!st.ok()) return ReportError(f.file, st);
  if (Status w = WriteOutput(f.file, out); !w.ok())
    return ReportError(f.file, w);
  return 0;
}

}  // namespace

void AddSecretsEdit(CLI::App* secrets, int* exit_code) {
  auto flags = std::make_shared<EditFlags>();
  CLI::App* cmd = secrets->add_subcommand(
      "edit",
      "Edit an encrypted file in $SOPS_EDITOR or $EDITOR (a new file is "
      "created with its .sops.yaml rule); unchanged values keep their "
      "ciphertext");
  cmd->add_option("file", flags->file, "the file")->required();
  cmd->add_option("--input-type", flags->input_type,
                  "yaml, json, dotenv, ini or binary (default: by extension)");
  cmd->callback([flags, exit_code] { *exit_code = Edit(*flags); });
}

}  // namespace ferry::cli
