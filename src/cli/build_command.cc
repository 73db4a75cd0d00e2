// ferry build DIR: the same output as `kubectl kustomize DIR`.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "kustomize/build.h"
#include "kustomize/parallel.h"
#include "sops/session.h"
#include "yaml/emit.h"

namespace ferry::cli {
namespace {

struct BuildFlags {
  std::string dir = ".";
  std::string load_restrictor = "LoadRestrictionsRootOnly";
  std::string output = "yaml";
  std::string output_file;
  bool decrypt = false;
};

// Writes all of `data` to fd, or fails.
bool WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) return false;
    done += n;
  }
  return true;
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
  kustomize::BuildResult result;
  Status st = kustomize::Build(f.dir, opts, &result);
  for (const std::string& w : result.warnings)
    std::fprintf(stderr, "%s\n", w.c_str());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  if (f.decrypt) {
    // As kustomize-controller: SOPS-encrypted objects are decrypted after
    // the build; the result goes to stdout only, never to a file.
    if (!f.output_file.empty()) {
      std::fprintf(stderr, "error: --decrypt writes to stdout only\n");
      return 2;
    }
    sops::KeySourceOptions keys;
    for (kustomize::Resource& r : result.resources) {
      Status d = sops::DecryptObject(&r.node, keys);
      if (!d.ok()) {
        std::fprintf(stderr, "%s\n", d.message().c_str());
        return 1;
      }
    }
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
    std::string tmp = f.output_file + ".ferry-tmp";
    FILE* fp = std::fopen(tmp.c_str(), "wb");
    if (!fp || std::fwrite(out.data(), 1, out.size(), fp) != out.size() ||
        std::fclose(fp) != 0 || std::rename(tmp.c_str(), f.output_file.c_str()) != 0) {
      std::fprintf(stderr, "%s: error: cannot write output\n", f.output_file.c_str());
      std::remove(tmp.c_str());
      return 1;
    }
    return 0;
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
                "decrypt SOPS-encrypted objects (keys as for ferry secrets "
                "decrypt); output to stdout only");
  cmd->callback([flags, exit_code] { *exit_code = RunBuild(*flags); });
}

}  // namespace ferry::cli
