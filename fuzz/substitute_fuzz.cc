// Fuzzes Flux postBuild substitution (repo/substitute.h). Sections (see
// sections.h): "--- FILE vars" holds NAME=VALUE lines, "--- FILE
// object.yaml" an object. The object's text is expanded as a string and
// the parsed object is substituted in place, in strict and lax mode.
// Checked: no crash, no UB, no leak; text without '$' comes out unchanged
// (up to a NUL byte, where envsubst's scanner, and so ferry's, stops);
// an error's offset lies inside the text; a substituted object that
// `ferry build` would write (writable.h) can be written and read back.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "repo/substitute.h"
#include "sections.h"
#include "writable.h"
#include "yaml/emit.h"
#include "yaml/parse.h"

namespace {

using namespace ferry;

void CheckExpand(std::string_view text, const repo::Variables& vars,
                 bool strict) {
  std::string out, error;
  size_t offset = 0;
  if (!repo::ExpandVariables(text, vars, strict, &out, &error, &offset)) {
    if (error.empty() || offset > text.size()) abort();
    return;
  }
  std::string_view until_nul = text.substr(0, text.find('\0'));
  if (text.find('$') == text.npos && out != until_nul) abort();
}

void CheckSubstitute(const yaml::Node& obj, const repo::Variables& vars,
                     bool strict) {
  yaml::Node doc = obj;
  if (!repo::Substitute(&doc, vars, strict, /*always=*/true).ok()) return;
  if (!fuzz::BuildWrites(doc)) return;
  std::string out;
  yaml::EmitKustomizeDocument(doc, &out);
  yaml::Node back;
  Status st = yaml::ParseDocument(out, "substituted", &back);
  if (!st.ok()) {
    fprintf(stderr, "%s\n%s\n", st.message().c_str(), out.c_str());
    abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto sections = fuzz::SplitSections(fuzz::AsText(data, size));
  repo::Variables vars;
  std::string_view lines = fuzz::SectionText(sections, "vars");
  while (!lines.empty()) {
    size_t eol = lines.find('\n');
    std::string_view line = lines.substr(0, eol);
    lines.remove_prefix(eol == lines.npos ? lines.size() : eol + 1);
    size_t eq = line.find('=');
    if (eq != line.npos)
      vars[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  std::string_view text = fuzz::SectionText(sections, "object.yaml");
  CheckExpand(text, vars, true);
  CheckExpand(text, vars, false);
  yaml::Node obj;
  // Substitution applies to objects out of a kustomize build: mappings,
  // whose keys are scalars (the build refuses others).
  if (!yaml::ParseDocument(text, "object.yaml", &obj).ok() || !obj.IsMap() ||
      !yaml::CheckScalarKeys(obj).ok())
    return 0;
  CheckSubstitute(obj, vars, true);
  CheckSubstitute(obj, vars, false);
  return 0;
}
