// Fuzzes patch application (kustomize/json_patch.h, strategic_merge.h) on a
// fuzzed target object and patch text, given as sections ("--- FILE
// target.yaml", "--- FILE patch.yaml"; see sections.h). The patch is tried
// both as a JSON 6902 patch and as a strategic merge patch. Checked: no
// crash, no UB, no leak, no runaway growth (the sanitizer's memory limit);
// every patched object that `ferry build` would write (writable.h) can be
// written and read back.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "k8s/gvk.h"
#include "kustomize/json_patch.h"
#include "kustomize/strategic_merge.h"
#include "sections.h"
#include "writable.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace {

using ferry::yaml::Node;

void CheckWritable(const Node& doc) {
  if (!ferry::fuzz::BuildWrites(doc)) return;
  std::string out;
  ferry::yaml::EmitKustomizeDocument(doc, &out);
  Node back;
  ferry::Status st = ferry::yaml::ParseDocument(out, "patched", &back);
  if (!st.ok()) {
    fprintf(stderr, "%s\n%s\n", st.message().c_str(), out.c_str());
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto sections = ferry::fuzz::SplitSections(ferry::fuzz::AsText(data, size));
  // Targets and patches with a mapping as a key are refused when kustomize
  // reads them (yaml::CheckScalarKeys).
  Node target;
  if (!ferry::yaml::ParseDocument(
           ferry::fuzz::SectionText(sections, "target.yaml"), "target.yaml",
           &target)
           .ok() ||
      !ferry::yaml::CheckScalarKeys(target).ok())
    return 0;
  std::string_view patch_text = ferry::fuzz::SectionText(sections, "patch.yaml");

  std::vector<ferry::kustomize::JsonPatchOp> ops;
  if (ferry::kustomize::ParseJsonPatch(patch_text, "patch.yaml", &ops).ok()) {
    Node doc = target;
    if (ferry::kustomize::ApplyJsonPatch(&doc, ops).ok()) CheckWritable(doc);
  }

  Node patch;
  if (ferry::yaml::ParseDocument(patch_text, "patch.yaml", &patch).ok() &&
      ferry::yaml::CheckScalarKeys(patch).ok()) {
    Node doc = target;
    if (ferry::kustomize::StrategicMerge(&doc, patch,
                                         ferry::k8s::Gvk::FromNode(target))
            .ok())
      CheckWritable(doc);
  }
  return 0;
}
