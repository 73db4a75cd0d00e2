#include "repo/flux_build.h"

#include <filesystem>

#include "repo/flux_overlay.h"

namespace ferry::repo {

Status FluxBuild(const std::string& dir, const KustomizationSpec& spec,
                 kustomize::BuildOptions options, kustomize::BuildResult* out) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Status::At(dir, 0, 0, "path is not a directory");
  options.edit_top = FluxOverlay(spec, dir);
  return kustomize::Build(dir, options, out);
}

Status FluxBuild(const std::string& dir, kustomize::BuildResult* out,
                 const kustomize::BuildOptions& options) {
  static const KustomizationSpec kEmpty;
  return FluxBuild(dir, kEmpty, options, out);
}

}  // namespace ferry::repo
