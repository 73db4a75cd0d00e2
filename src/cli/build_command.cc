// ferry build DIR: the same output as `kubectl kustomize DIR`.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/file_io.h"
#include "kustomize/build.h"
#include "kustomize/parallel.h"
#include "repo/decryption.h"
#include "yaml/parse.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

struct BuildFlags {
  std::string dir = ".";
  std::string load_restrictor = "LoadRestrictionsRootOnly";
  std::string output = "yaml";
  std::string output_file;
  bool decrypt = false;
  std::string decryption_secret;  // a Secret manifest with the keys
  std::string kustomization;      // which Flux Kustomization builds dir
};

// The keys for --decrypt: the Secret of --decryption-secret, else the
// environment's.
Status LoadKeys(const BuildFlags& f, const repo::DecryptionScope& scope,
                repo::DecryptionKeys* keys) {
  if (f.decryption_secret.empty()) {
    if (!scope.secret_ref.empty())
      std::fprintf(stderr,
                   "note: Kustomization '%s' takes its keys from Secret '%s' "
                   "in the cluster; using this machine's keys (give "
                   "--decryption-secret FILE to use that Secret's)\n",
                   scope.kustomization.c_str(), scope.secret_ref.c_str());
    *keys = repo::DecryptionKeys::FromEnvironment();
    return Status::Ok();
  }
  std::vector<yaml::Node> docs;
  FERRY_RETURN_IF_ERROR(yaml::ParseFile(f.decryption_secret, &docs));
  if (docs.size() != 1)
    return Status::At(f.decryption_secret, 0, 0,
                      "expected one Secret, found " +
                          std::to_string(docs.size()) + " documents");
  const yaml::Node& secret = docs[0];
  std::vector<std::string> ignored;
  FERRY_RETURN_IF_ERROR(
      repo::DecryptionKeys::FromSecret(secret, keys, &ignored));
  for (const std::string& e : ignored)
    std::fprintf(stderr,
                 "note: %s: entry '%s' is for a key service ferry does not "
                 "implement; ignored\n",
                 f.decryption_secret.c_str(), e.c_str());
  return Status::Ok();
}

int RunBuild(const BuildFlags& f) {
  kustomize::BuildOptions opts;
  if (f.load_restrictor == "LoadRestrictionsNone") {
    opts.load_restrictor = kustomize::LoadRestrictor::kNone;
  } else if (f.load_restrictor != "LoadRestrictionsRootOnly") {
    std::fprintf(stderr, "error: unknown --load-restrictor %s\n",
                 f.load_restrictor.c_str());
    return 2;
  }
  // With --decrypt, decryption follows the Flux Kustomization that builds
  // the folder, as kustomize-controller does; a folder no Kustomization
  // builds has every encrypted object decrypted.
  repo::DecryptionScope scope;
  repo::DecryptionKeys keys;
  if (f.decrypt) {
    if (!f.output_file.empty()) {
      std::fprintf(stderr, "error: --decrypt writes to stdout only\n");
      return 2;
    }
    Status st = repo::FindDecryptionScope(f.dir, f.kustomization, &scope);
    if (st.ok()) st = LoadKeys(f, scope, &keys);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
    opts.secret_source_filter = repo::SecretSourceDecrypter(scope, keys);
  }
  kustomize::BuildResult result;
  Status st = kustomize::Build(f.dir, opts, &result);
  for (const std::string& w : result.warnings)
    std::fprintf(stderr, "%s\n", w.c_str());
  if (st.ok() && f.decrypt)
    st = repo::DecryptBuilt(scope, keys, &result.resources);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  std::string out;
  if (f.output == "json") {
    yaml::Node list = yaml::Node::Map();
    list.Set("apiVersion", yaml::Node::Str("v1"));
    list.Set("kind", yaml::Node::Str("List"));
    yaml::Node& items = list.Set("items", yaml::Node::Seq());
    for (kustomize::Resource& r : result.resources)
      items.Append(std::move(r.node));
    yaml::EmitJson(list, &out);
    out.push_back('\n');
  } else {
    // Documents are written in parallel chunks, then joined in order.
    const size_t n = result.resources.size();
    const size_t chunks = std::min<size_t>(n, 8);
    std::vector<std::string> parts(chunks);
    kustomize::ParallelFor(chunks, [&](size_t c) {
      for (size_t i = c * n / chunks; i < (c + 1) * n / chunks; ++i) {
        if (i > 0) parts[c].append("---\n");
        yaml::EmitKustomizeDocument(result.resources[i].node, &parts[c]);
      }
    });
    for (const std::string& p : parts) out.append(p);
  }
  // Output is written only once the whole build succeeded.
  if (!f.output_file.empty()) {
    // (--decrypt never gets here: it writes to stdout only.)
    if (WriteFileAtomically(f.output_file, out, 0644))
      return 0;
    std::fprintf(stderr, "%s: error: cannot write output\n",
                 f.output_file.c_str());
    return 1;
  }
  return WriteAll(1, out) ? 0 : 1;
}

}  // namespace

void AddBuildCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand(
      "build", "Build a kustomization folder (same output as kubectl kustomize)");
  cmd->add_option("dir", flags->dir, "folder holding kustomization.yaml")
      ->capture_default_str();
  cmd->add_option("--load-restrictor", flags->load_restrictor,
                  "LoadRestrictionsRootOnly or LoadRestrictionsNone")
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_option("--output-file", flags->output_file,
                  "write to this file (atomically) instead of stdout");
  cmd->add_flag("--decrypt", flags->decrypt,
                "decrypt SOPS-encrypted objects and secretGenerator sources "
                "where the Flux Kustomization building DIR has "
                "decryption.provider: sops (everywhere when none builds it); "
                "output to stdout only");
  cmd->add_option("--decryption-secret", flags->decryption_secret,
                  "with --decrypt: a Secret manifest holding the keys as Flux "
                  "reads decryption.secretRef (*.agekey, sops.gcp-kms, *.asc); "
                  "default: this machine's keys");
  cmd->add_option("--kustomization", flags->kustomization,
                  "with --decrypt: the Flux Kustomization (name or "
                  "namespace/name) whose decryption settings apply");
  cmd->callback([flags, exit_code] { *exit_code = RunBuild(*flags); });
}

}  // namespace ferry::cli
