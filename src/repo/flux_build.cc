#include "repo/flux_build.h"

#include <algorithm>
#include <filesystem>

#include "kustomize/kustomization.h"
#include "yaml/parse.h"

namespace ferry::repo {
namespace {

namespace fs = std::filesystem;

bool HasKustomizationFile(const fs::path& dir) {
  std::error_code ec;
  for (const std::string& name : kustomize::KustomizationFileNames())
    if (fs::is_regular_file(dir / name, ec)) return true;
  return false;
}

bool IsManifestFile(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// Appends what Flux's generated kustomization would take from `dir`.
Status Collect(const fs::path& dir, const kustomize::BuildOptions& options,
               kustomize::BuildResult* out) {
  if (HasKustomizationFile(dir)) {
    kustomize::BuildResult sub;
    FERRY_RETURN_IF_ERROR(
        kustomize::Build(dir.string(), options, &sub));
    for (kustomize::Resource& r : sub.resources)
      out->resources.push_back(std::move(r));
    for (kustomize::BuildNote& n : sub.notes) out->notes.push_back(std::move(n));
    return Status::Ok();
  }
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') continue;
    entries.push_back(it->path());
  }
  if (ec) return Status::At(dir.string(), 0, 0, "cannot read folder");
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    std::error_code ec2;
    if (fs::is_directory(p, ec2)) {
      FERRY_RETURN_IF_ERROR(Collect(p, options, out));
    } else if (IsManifestFile(p)) {
      std::vector<yaml::Node> docs;
      FERRY_RETURN_IF_ERROR(yaml::ParseFile(p.string(), &docs));
      for (yaml::Node& d : docs) {
        if (!d.IsMap() || d.GetString("apiVersion").empty() ||
            d.GetString("kind").empty())
          continue;
        kustomize::Resource r;
        r.node = std::move(d);
        out->resources.push_back(std::move(r));
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status FluxBuild(const std::string& dir, kustomize::BuildResult* out,
                 const kustomize::BuildOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::At(dir, 0, 0, "path is not a directory");
  return Collect(dir, options, out);
}

}  // namespace ferry::repo
