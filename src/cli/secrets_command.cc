// ferry secrets encrypt|decrypt FILE: SOPS files, as the sops command reads
// and writes them (.sops.yaml creation rules; age, GCP KMS and PGP keys).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/secrets.h"
#include "cli/secrets_io.h"
#include "sops/exit_codes.h"
#include "sops/rewrite.h"
#include "sops/session.h"
#include "sops/stores.h"
#include "sops/tree_path.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

struct CryptFlags {
  std::string file;
  bool in_place = false;
  std::string input_type;
  std::string extract;      // decrypt: one value, by tree path
  std::string output_type;  // decrypt: write in another store's format
  bool ignore_mac = false;  // decrypt: sops's --ignore-mac (recovery only)
};

// The value at `path` of decrypted documents, as sops --extract prints it:
// a string as is, anything else in the output format (`store`).
Status Extract(const std::vector<yaml::Node>& docs, sops::Store store,
               const std::string& path, std::string* out) {
  sops::TreePath tp;
  FERRY_RETURN_IF_ERROR(sops::ParseTreePath(path, &tp));
  const yaml::Node* v = docs.empty() ? nullptr : sops::GetAtPath(docs[0], tp);
  if (!v)
    return Status::Error("component " + sops::FormatTreePath(tp) +
                         " not found")
        .WithCode(sops::kExitGeneric);
  if (v->IsScalar()) {
    *out = v->value();
    return Status::Ok();
  }
  if (store == sops::Store::kJson) {
    std::string json;
    yaml::EmitJson(*v, &json);
    *out = json + "\n";
    return Status::Ok();
  }
  *out = yaml::EmitGoYamlV3Stream({*v}, 4);
  return Status::Ok();
}

int Run(const CryptFlags& f, bool encrypt) {
  sops::Store store;
  if (!PickStore(f.file, f.input_type, &store)) return 2;
  std::string text;
  if (Status st = ReadInput(f.file, &text); !st.ok())
    return ReportError(f.file, st);
  sops::KeySourceOptions keys;
  std::string out;
  Status st;
  if (encrypt) {
    sops::SopsConfig config;
    const sops::CreationRule* rule = nullptr;
    st = sops::RuleForPath(f.file, ".", &config, &rule);
    if (st.ok()) st = sops::EncryptText(text, store, *rule, keys, &out, f.file);
  } else {
    sops::Store out_store = store;
    if (!f.output_type.empty() && !PickStore(f.file, f.output_type, &out_store,
                                               "--output-type"))
      return 2;
    sops::OpenedFile opened;
    st = sops::OpenEncrypted(
        text, store, keys, &opened, f.file,
        f.ignore_mac ? sops::MacCheck::kIgnore : sops::MacCheck::kVerify);
    if (st.ok() && f.ignore_mac)
      std::fprintf(stderr, "%s: warning: --ignore-mac: %s\n", f.file.c_str(),
                   opened.mac_problem.empty()
                       ? "the MAC was not needed: it verifies"
                       : ("the MAC was NOT verified, the values may have "
                          "been tampered with (" + opened.mac_problem + ")")
                             .c_str());
    if (st.ok())
      st = f.extract.empty() ? sops::EmitPlain(opened.docs, out_store, &out)
                             : Extract(opened.docs, out_store, f.extract, &out);
  }
  if (!st.ok()) return ReportError(f.file, st);
  if (f.in_place) {
    if (Status w = WriteOutput(f.file, out); !w.ok())
      return ReportError(f.file, w);
    return 0;
  }
  // Decrypted output goes only to stdout, never to a file of ferry's own.
  return std::fwrite(out.data(), 1, out.size(), stdout) == out.size() ? 0 : 1;
}

}  // namespace

void AddSecretsCrypt(CLI::App* secrets, int* exit_code) {
  for (bool encrypt : {true, false}) {
    auto flags = std::make_shared<CryptFlags>();
    CLI::App* cmd = secrets->add_subcommand(
        encrypt ? "encrypt" : "decrypt",
        encrypt ? "Encrypt a file with the keys of its .sops.yaml creation rule"
                : "Decrypt a file (keys from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, "
                  "~/.config/sops/age/keys.txt, GCP credentials, gpg)");
    cmd->add_option("file", flags->file, "the file")->required();
    cmd->add_flag("-i,--in-place", flags->in_place,
                  "write the result over the file (atomically)");
    cmd->add_option("--input-type", flags->input_type,
                    "yaml, json, dotenv, ini or binary (default: by extension)");
    if (!encrypt) {
      cmd->add_option("--extract", flags->extract,
                      "print only the value at this tree path, e.g. "
                      "'[\"data\"][\"password\"]'");
      cmd->add_option("--output-type", flags->output_type,
                      "write yaml, json, dotenv, ini or binary (default: the "
                      "input's format)");
      cmd->add_flag("--ignore-mac", flags->ignore_mac,
                    "decrypt even when the MAC is missing or does not match "
                    "(warns on stderr; recovery only, never used by apply or "
                    "the controller)");
    }
    cmd->callback([flags, exit_code, encrypt] {
      *exit_code = Run(*flags, encrypt);
    });
  }
}

void AddSecretsCommand(CLI::App& app, int* exit_code) {
  CLI::App* secrets = app.add_subcommand(
      "secrets",
      "Encrypt, decrypt, edit and re-key SOPS files (compatible with sops)");
  secrets->require_subcommand(1);
  AddSecretsCrypt(secrets, exit_code);
  AddSecretsEdit(secrets, exit_code);
  AddSecretsKeys(secrets, exit_code);
  AddSecretsSet(secrets, exit_code);
}

}  // namespace ferry::cli
