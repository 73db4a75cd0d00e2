// ferry secrets set FILE PATH VALUE / unset FILE PATH: change one value of
// an encrypted file in place, as `sops set` and `sops unset` do. The value
// is JSON ('"text"', '42', '{"a": 1}'); every other value keeps its
// ciphertext.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "cli/secrets.h"
#include "cli/secrets_io.h"
#include "sops/exit_codes.h"
#include "sops/rewrite.h"
#include "sops/tree_path.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace ferry::cli {
namespace {

struct SetFlags {
  std::string file;
  std::string path;
  std::string value;
  bool value_file = false;   // VALUE names a file holding the JSON value
  bool value_stdin = false;  // the JSON value comes from stdin
  bool idempotent = false;   // a no-op is not written (set) / not an error (unset)
  std::string input_type;
};

// Parses a JSON value (YAML's parser reads JSON); a bare word is not JSON.
Status ParseJsonValue(const std::string& text, yaml::Node* out) {
  Status st = yaml::ParseDocument(text, "", out);
  bool bare_word = st.ok() && out->IsScalar() && !out->IsQuotedString() &&
                   yaml::ResolveV3(*out) == yaml::ScalarType::kString;
  if (!st.ok() || bare_word)
    return Status::Error("the value is not valid JSON: " + text +
                         " (a string needs double quotes: '\"text\"')")
        .WithCode(sops::kExitInvalidSetFormat);
  return Status::Ok();
}

// Opens the file, applies `change` to its first document, seals and writes
// it back. `change` returns false for "nothing to write".
template <typename Change>
int Rewrite(const SetFlags& f, Change change) {
  sops::Store store;
  if (!PickStore(f.file, f.input_type, &store)) return 2;
  sops::TreePath path;
  Status st = sops::ParseTreePath(f.path, &path);
  if (!st.ok()) return ReportError(f.file, st);
  std::string text;
  if (Status st = ReadInput(f.file, &text); !st.ok())
    return ReportError(f.file, st);
  sops::OpenedFile opened;
  sops::KeySourceOptions keys;
  st = sops::OpenEncrypted(text, store, keys, &opened, f.file);
  if (!st.ok()) return ReportError(f.file, st);
  if (opened.docs.empty()) opened.docs.push_back(yaml::Node::Map());
  bool write = true;
  st = change(path, &opened.docs[0], &write);
  if (!st.ok()) return ReportError(f.file, st);
  if (!write) return 0;
  std::string out;
  st = sops::Seal(opened, &out);
  if (!st.ok()) return ReportError(f.file, st);
  if (Status w = WriteOutput(f.file, out); !w.ok())
    return ReportError(f.file, w);
  return 0;
}

int Set(const SetFlags& f) {
  std::string text = f.value;
  if (f.value_stdin) {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else if (f.value_file && !ReadWholeFile(f.value, &text)) {
    return ReportError(f.value, Status::Error("cannot read the value file")
                                    .WithCode(sops::kExitCouldNotReadInputFile));
  }
  yaml::Node value;
  Status st = ParseJsonValue(text, &value);
  if (!st.ok()) return ReportError(f.file, st);
  return Rewrite(f, [&](const sops::TreePath& path, yaml::Node* doc,
                        bool* write) {
    bool changed = false;
    sops::SetAtPath(doc, path, std::move(value), &changed);
    *write = changed || !f.idempotent;
    return Status::Ok();
  });
}

int Unset(const SetFlags& f) {
  return Rewrite(f, [&](const sops::TreePath& path, yaml::Node* doc,
                        bool* write) {
    if (sops::UnsetAtPath(doc, path)) return Status::Ok();
    *write = false;
    if (f.idempotent) return Status::Ok();
    return Status::Error("component " + sops::FormatTreePath(path) +
                         " not found");
  });
}

}  // namespace

void AddSecretsSet(CLI::App* secrets, int* exit_code) {
  auto sf = std::make_shared<SetFlags>();
  CLI::App* set = secrets->add_subcommand(
      "set", "Set one value of an encrypted file, e.g. "
             "set secret.yaml '[\"stringData\"][\"password\"]' '\"s3cret\"'");
  set->add_option("file", sf->file, "the file")->required();
  set->add_option("path", sf->path, "tree path, e.g. '[\"data\"][\"key\"]'")
      ->required();
  CLI::Option* value = set->add_option(
      "value", sf->value, "JSON value (or a file with --value-file)");
  set->add_flag("--value-file", sf->value_file,
                "VALUE is a file that holds the JSON value");
  set->add_flag("--value-stdin", sf->value_stdin, "read the JSON value from stdin");
  set->add_flag("--idempotent", sf->idempotent,
                "do not write the file when the value is already set");
  set->add_option("--input-type", sf->input_type,
                  "yaml, json, dotenv, ini or binary");
  set->callback([sf, exit_code, value] {
    if (sf->value_stdin == (value->count() > 0)) {
      *exit_code = ReportError(
          sf->file, Status::Error("give either VALUE or --value-stdin")
                        .WithCode(sops::kExitConflictingParameters));
      return;
    }
    *exit_code = Set(*sf);
  });

  auto uf = std::make_shared<SetFlags>();
  CLI::App* unset = secrets->add_subcommand(
      "unset", "Remove one key or item of an encrypted file");
  unset->add_option("file", uf->file, "the file")->required();
  unset->add_option("path", uf->path, "tree path, e.g. '[\"data\"][\"key\"]'")
      ->required();
  unset->add_flag("--idempotent", uf->idempotent,
                  "a missing key is not an error");
  unset->add_option("--input-type", uf->input_type,
                    "yaml, json, dotenv, ini or binary");
  unset->callback([uf, exit_code] { *exit_code = Unset(*uf); });
}

}  // namespace ferry::cli
