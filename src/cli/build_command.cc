// ferry build DIR: the same output as `kubectl kustomize DIR`.
#include <unistd.h>

#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "cli/commands.h"
#include "cli/file_io.h"
#include "k8s/gvk.h"
#include "k8s/scope.h"
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
  // The flags of `kubectl kustomize` / `kustomize build`.
  bool managed_by = false;
  std::string reorder;  // "", "legacy" or "none"
  bool enable_helm = false;
  std::string helm_command = "helm";
  bool alpha_plugins = false;
};

// True when `cmd` names an executable file, directly or on $PATH.
bool FindExecutable(const std::string& cmd) {
  if (cmd.find('/') != std::string::npos) return access(cmd.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string p = path ? path : "";
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = std::min(p.find(':', start), p.size());
    std::string dir = p.substr(start, end - start);
    if (dir.empty()) dir = ".";
    if (access((dir + "/" + cmd).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// kustomize's writer.fileName: group_version_kind_name.yaml, lower case.
std::string IndividualFileName(const kustomize::Resource& r) {
  k8s::Gvk gvk = k8s::Gvk::FromNode(r.node);
  std::string name;
  for (const std::string* part : {&gvk.group, &gvk.version, &gvk.kind})
    if (!part->empty()) name += (name.empty() ? "" : "_") + *part;
  name += "_" + std::string(r.Name()) + ".yaml";
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// `-o DIR` with an existing folder: one file per object, as kustomize build
// writes them (namespace_ first when the objects are in several namespaces).
int WriteIndividualFiles(const std::string& dir,
                         const kustomize::ResMap& resources) {
  std::set<std::string> namespaces;
  for (const kustomize::Resource& r : resources)
    if (!k8s::IsClusterScoped(k8s::Gvk::FromNode(r.node)))
      namespaces.insert(std::string(r.Namespace()));
  for (const kustomize::Resource& r : resources) {
    std::string name = IndividualFileName(r);
    if (namespaces.size() > 1 && !k8s::IsClusterScoped(k8s::Gvk::FromNode(r.node))) {
      std::string ns(r.Namespace());
      for (char& c : ns) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      name = ns + "_" + name;
    }
    std::string text;
    yaml::EmitKustomizeDocument(r.node, &text);
    if (!WriteFileAtomically(dir + "/" + name, text, 0644)) {
      std::fprintf(stderr, "%s/%s: error: cannot write output\n", dir.c_str(),
                   name.c_str());
      return 1;
    }
  }
  return 0;
}

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

int RunBuild(BuildFlags f) {
  kustomize::BuildOptions opts;
  // kubectl's -o is a path; ferry's also takes the formats yaml and json.
  std::string output_path;
  if (f.output != "yaml" && f.output != "json") {
    output_path = f.output;
    f.output = "yaml";
  }
  if (f.alpha_plugins) {
    std::fprintf(stderr,
                 "error: --enable-alpha-plugins: ferry runs only kustomize's "
                 "built-in plugins (apiVersion: builtin); exec, Go, container "
                 "and KRM-function plugins are not supported\n");
    return 2;
  }
  if (f.enable_helm) {
    if (!FindExecutable(f.helm_command)) {
      std::fprintf(stderr,
                   "error: --enable-helm: unable to run '%s' (is helm "
                   "installed? give its path with --helm-command)\n",
                   f.helm_command.c_str());
      return 1;
    }
    std::fprintf(stderr,
                 "error: --enable-helm: ferry does not inflate helm charts "
                 "yet; render the chart with '%s template' and list the "
                 "output under resources:\n",
                 f.helm_command.c_str());
    return 1;
  }
  if (f.managed_by) {
    opts.add_managed_by_label = true;
  } else if (const char* env = std::getenv("KUSTOMIZE_ENABLE_MANAGEDBY_LABEL");
             env && std::string(env) == "on") {
    opts.add_managed_by_label = true;
  }
  if (f.reorder == "none") {
    opts.reorder = kustomize::BuildOptions::Reorder::kNone;
  } else if (f.reorder == "legacy") {
    opts.reorder = kustomize::BuildOptions::Reorder::kLegacy;
  } else if (!f.reorder.empty()) {
    std::fprintf(stderr,
                 "error: illegal flag value --reorder %s; legal values: "
                 "[legacy none]\n",
                 f.reorder.c_str());
    return 2;
  }
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
  if (!output_path.empty()) {
    if (f.decrypt) {
      std::fprintf(stderr, "error: --decrypt writes to stdout only\n");
      return 2;
    }
    struct stat st;
    if (stat(output_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return WriteIndividualFiles(output_path, result.resources);
    if (WriteFileAtomically(output_path, out, 0644)) return 0;
    std::fprintf(stderr, "%s: error: cannot write output\n",
                 output_path.c_str());
    return 1;
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
  cmd->add_option("-o,--output", flags->output,
                  "yaml or json (the format on stdout), or as kubectl: a path "
                  "to write to (an existing folder gets one file per object)")
      ->capture_default_str();
  cmd->add_flag("--enable-managedby-label", flags->managed_by,
                "add app.kubernetes.io/managed-by to every object (also "
                "KUSTOMIZE_ENABLE_MANAGEDBY_LABEL=on; deprecated in kustomize "
                "for buildMetadata: [managedByLabel])");
  cmd->add_option("--reorder", flags->reorder,
                  "legacy or none: the final sort when the kustomization has "
                  "no sortOptions (deprecated in kustomize for sortOptions)")
      ->check(CLI::IsMember({"legacy", "none"}));
  cmd->add_flag("--enable-helm", flags->enable_helm,
                "helmCharts: refused with a clear error (ferry does not run "
                "helm; Debian ships none)");
  cmd->add_option("--helm-command", flags->helm_command,
                  "with --enable-helm: the helm executable")
      ->capture_default_str();
  cmd->add_flag("--enable-alpha-plugins", flags->alpha_plugins,
                "refused: ferry runs only kustomize's built-in plugins");
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
