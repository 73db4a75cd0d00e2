#include "repo/flux_build.h"

#include <algorithm>
#include <filesystem>

#include "kustomize/kustomization.h"
#include "yaml/parse.h"

namespace ferry::repo {

namespace fs = std::filesystem;

Status FluxBuild(const std::string& dir, kustomize::BuildResult* out) {
  for (const std::string& name : kustomize::KustomizationFileNames())
    if (fs::exists(fs::path(dir) / name))
      return kustomize::Build(dir, kustomize::BuildOptions(), out);
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status::At(dir, 0, 0, "path is not a directory");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string ext = it->path().extension().string();
    if (ext == ".yaml" || ext == ".yml" || ext == ".json")
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::vector<yaml::Node> docs;
    FERRY_RETURN_IF_ERROR(yaml::ParseFile(f.string(), &docs));
    for (yaml::Node& d : docs) {
      if (!d.IsMap() || d.GetString("apiVersion").empty() ||
          d.GetString("kind").empty())
        continue;
      kustomize::Resource r;
      r.node = std::move(d);
      out->resources.push_back(std::move(r));
    }
  }
  return Status::Ok();
}

}  // namespace ferry::repo
