// ferry secrets rotate FILE: a new data key (all values encrypted anew),
// optionally adding or removing master keys; and ferry secrets updatekeys
// FILE: the master keys of the file's .sops.yaml creation rule, same data
// key, values untouched. Both as the sops commands of the same names.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/secrets.h"
#include "cli/secrets_io.h"
#include "sops/config.h"
#include "sops/exit_codes.h"
#include "sops/file.h"
#include "sops/rewrite.h"
#include "sops/session.h"

namespace ferry::cli {
namespace {

struct RotateFlags {
  std::string file;
  bool in_place = false;
  std::string input_type;
  std::vector<std::string> add_age, rm_age, add_gcp, rm_gcp, add_pgp, rm_pgp;
};

// The keys of repeated --add-*/--rm-* flags, each a comma-separated list.
Status AppendSpecs(const std::vector<std::string>& lists, const char* type,
                   std::vector<sops::KeySpec>* out) {
  for (const std::string& list : lists)
    FERRY_RETURN_IF_ERROR(sops::ParseKeyList(type, list, out));
  return Status::Ok();
}

int Rotate(const RotateFlags& f) {
  sops::Store store;
  if (!PickStore(f.file, f.input_type, &store)) return 2;
  std::string text;
  if (Status st = ReadInput(f.file, &text); !st.ok())
    return ReportError(f.file, st);
  sops::KeyChanges changes;
  Status st = AppendSpecs(f.add_age, "age", &changes.add);
  if (st.ok()) st = AppendSpecs(f.add_gcp, "gcp_kms", &changes.add);
  if (st.ok()) st = AppendSpecs(f.add_pgp, "pgp", &changes.add);
  if (st.ok()) st = AppendSpecs(f.rm_age, "age", &changes.remove);
  if (st.ok()) st = AppendSpecs(f.rm_gcp, "gcp_kms", &changes.remove);
  if (st.ok()) st = AppendSpecs(f.rm_pgp, "pgp", &changes.remove);
  if (!st.ok()) return ReportError(f.file, st);
  sops::KeySourceOptions keys;
  sops::OpenedFile opened;
  std::string out;
  st = sops::OpenEncrypted(text, store, keys, &opened, f.file);
  if (st.ok()) st = sops::RotateDataKey(&opened, changes, keys);
  if (st.ok()) st = sops::Seal(opened, &out);
  if (!st.ok()) return ReportError(f.file, st);
  if (!f.in_place)
    return std::fwrite(out.data(), 1, out.size(), stdout) == out.size() ? 0 : 1;
  if (Status w = WriteOutput(f.file, out); !w.ok())
    return ReportError(f.file, w);
  return 0;
}

struct UpdateKeysFlags {
  std::string file;
  bool yes = false;
  std::string input_type;
};

int UpdateKeys(const UpdateKeysFlags& f) {
  sops::Store store;
  if (!PickStore(f.file, f.input_type, &store)) return 2;
  std::string text;
  if (!ReadWholeFile(f.file, &text))
    return ReportError(
        f.file, Status::Error("cannot read the file")
                    .WithCode(sops::kExitCannotChangeKeysFromNonExistentFile));
  sops::Metadata metadata;
  sops::SopsConfig config;
  const sops::CreationRule* rule = nullptr;
  Status st = sops::ReadMetadata(text, store, &metadata, f.file);
  if (st.ok()) st = sops::RuleForPath(f.file, ".", &config, &rule);
  if (!st.ok()) return ReportError(f.file, st);
  std::string changes = sops::DescribeKeyChanges(metadata, *rule);
  if (changes.empty()) {
    std::fprintf(stderr, "File %s already up to date\n", f.file.c_str());
    return 0;
  }
  std::fprintf(stderr,
               "The following changes will be made to the file's groups:\n%s",
               changes.c_str());
  if (!f.yes) {
    std::fprintf(stderr, "Is this okay? (y/n): ");
    std::string answer;
    if (!std::getline(std::cin, answer) || (answer != "y" && answer != "Y")) {
      std::fprintf(stderr, "Changes have not been applied\n");
      return 0;
    }
  }
  std::string out;
  sops::KeySourceOptions keys;
  st = sops::UpdateKeys(text, store, *rule, keys, &out, f.file);
  if (!st.ok()) return ReportError(f.file, st);
  if (Status w = WriteOutput(f.file, out); !w.ok())
    return ReportError(f.file, w);
  std::fprintf(stderr, "File %s synced with new keys\n", f.file.c_str());
  return 0;
}

}  // namespace

void AddSecretsKeys(CLI::App* secrets, int* exit_code) {
  auto rf = std::make_shared<RotateFlags>();
  CLI::App* rotate = secrets->add_subcommand(
      "rotate", "Give a file a new data key (every value encrypted anew)");
  rotate->add_option("file", rf->file, "the file")->required();
  rotate->add_flag("-i,--in-place", rf->in_place,
                   "write the result over the file (atomically)");
  rotate->add_option("--input-type", rf->input_type,
                     "yaml, json, dotenv, ini or binary");
  rotate->add_option("--add-age", rf->add_age, "age recipients to add");
  rotate->add_option("--rm-age", rf->rm_age, "age recipients to remove");
  rotate->add_option("--add-gcp-kms", rf->add_gcp, "GCP KMS keys to add");
  rotate->add_option("--rm-gcp-kms", rf->rm_gcp, "GCP KMS keys to remove");
  rotate->add_option("--add-pgp", rf->add_pgp, "PGP fingerprints to add");
  rotate->add_option("--rm-pgp", rf->rm_pgp, "PGP fingerprints to remove");
  rotate->callback([rf, exit_code] { *exit_code = Rotate(*rf); });

  auto uf = std::make_shared<UpdateKeysFlags>();
  CLI::App* update = secrets->add_subcommand(
      "updatekeys",
      "Re-wrap a file's data key for the keys its .sops.yaml rule names now");
  update->add_option("file", uf->file, "the file")->required();
  update->add_flag("-y,--yes", uf->yes, "do not ask for confirmation");
  update->add_option("--input-type", uf->input_type,
                     "yaml, json, dotenv, ini or binary");
  update->callback([uf, exit_code] { *exit_code = UpdateKeys(*uf); });
}

}  // namespace ferry::cli
