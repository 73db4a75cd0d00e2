// ferry secrets encrypt|decrypt FILE: SOPS files, as the sops command reads
// and writes them (.sops.yaml creation rules; age, GCP KMS and PGP keys).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "sops/session.h"

namespace ferry::cli {
namespace {

struct SecretsFlags {
  std::string file;
  bool in_place = false;
  std::string input_type;  // yaml, json, dotenv, binary; default by extension
};

bool ReadAll(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Writes `data` next to `path` in a private file, then renames it over: a
// failed write never leaves a half-written file.
bool WriteAtomically(const std::string& path, const std::string& data) {
  std::string tmp = path + ".ferry-tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  ::fchmod(fileno(f), 0600);
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = (std::fclose(f) == 0) && ok;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

int Run(const SecretsFlags& f, bool encrypt) {
  sops::Store store = sops::StoreForPath(f.file);
  if (!f.input_type.empty() && !sops::ParseStoreName(f.input_type, &store)) {
    std::fprintf(stderr, "error: unknown --input-type %s\n", f.input_type.c_str());
    return 2;
  }
  std::string text;
  if (!ReadAll(f.file, &text)) {
    std::fprintf(stderr, "%s: error: cannot read file\n", f.file.c_str());
    return 1;
  }
  sops::KeySourceOptions keys;
  std::string out;
  Status st;
  if (encrypt) {
    sops::SopsConfig config;
    const sops::CreationRule* rule = nullptr;
    st = sops::RuleForPath(f.file, ".", &config, &rule);
    if (st.ok()) st = sops::EncryptText(text, store, *rule, keys, &out);
  } else {
    st = sops::DecryptText(text, store, keys, &out);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", f.file.c_str(), st.message().c_str());
    return encrypt ? 1 : 128;  // sops exits 128 when it cannot get the key
  }
  if (f.in_place) {
    if (!WriteAtomically(f.file, out)) {
      std::fprintf(stderr, "%s: error: cannot write file\n", f.file.c_str());
      return 1;
    }
    return 0;
  }
  // Decrypted output goes only to stdout, never to a file of ferry's own.
  return std::fwrite(out.data(), 1, out.size(), stdout) == out.size() ? 0 : 1;
}

}  // namespace

void AddSecretsCommand(CLI::App& app, int* exit_code) {
  CLI::App* secrets = app.add_subcommand(
      "secrets", "Encrypt and decrypt SOPS files (compatible with sops)");
  secrets->require_subcommand(1);
  for (bool encrypt : {true, false}) {
    auto flags = std::make_shared<SecretsFlags>();
    CLI::App* cmd = secrets->add_subcommand(
        encrypt ? "encrypt" : "decrypt",
        encrypt ? "Encrypt a file with the keys of its .sops.yaml creation rule"
                : "Decrypt a file (keys from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, "
                  "~/.config/sops/age/keys.txt, GCP credentials, gpg)");
    cmd->add_option("file", flags->file, "the file")->required();
    cmd->add_flag("-i,--in-place", flags->in_place,
                  "write the result over the file (atomically)");
    cmd->add_option("--input-type", flags->input_type,
                    "yaml, json, dotenv or binary (default: by extension)");
    cmd->callback([flags, exit_code, encrypt] {
      *exit_code = Run(*flags, encrypt);
    });
  }
}

}  // namespace ferry::cli
