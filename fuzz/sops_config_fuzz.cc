// Fuzzes `.sops.yaml` parsing and rule matching (sops/config.h). Sections
// (see sections.h): "--- FILE .sops.yaml" is the config, read as
// /repo/.sops.yaml; "--- FILE paths" lists file paths, one a line, to find
// the creation rule of. Checked: no crash, no UB, no leak; a path under
// /repo is matched relative to it; the rule MatchRule picks matches that
// path and no earlier rule does; without a match MatchRule says so.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sections.h"
#include "sops/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ferry::sops;
  auto sections = ferry::fuzz::SplitSections(ferry::fuzz::AsText(data, size));
  SopsConfig config;
  if (!ParseConfig(ferry::fuzz::SectionText(sections, ".sops.yaml"),
                   "/repo/.sops.yaml", &config)
           .ok())
    return 0;
  std::string_view paths = ferry::fuzz::SectionText(sections, "paths");
  while (!paths.empty()) {
    size_t eol = paths.find('\n');
    std::string_view path = paths.substr(0, eol);
    paths.remove_prefix(eol == paths.npos ? paths.size() : eol + 1);
    std::string rel = config.RulePath(path);
    if (path.starts_with("/repo/") && path.size() > 6 &&
        path.find("/.") == path.npos && path.find("//") == path.npos &&
        rel.starts_with('/'))
      abort();
    const CreationRule* rule = nullptr;
    ferry::Status st = config.MatchRule(path, &rule);
    if (!config.has_creation_rules) {
      if (!st.ok() || rule) abort();
      continue;
    }
    if (st.ok() != (rule != nullptr)) abort();
    for (const CreationRule& r : config.creation_rules) {
      if (&r == rule) break;
      if (r.Matches(rel)) abort();  // an earlier rule matched
    }
    if (rule && !rule->Matches(rel)) abort();
  }
  return 0;
}
