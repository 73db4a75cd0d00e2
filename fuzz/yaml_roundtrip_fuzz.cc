// Fuzzes the YAML parser and both emitters. Every document that parses is
// written with the kustomize emitter (go-yaml v2 style, as `ferry build`
// prints) and with the go-yaml v3 emitter (as sops writes files); each text
// must parse back to one document with the same values: same kinds, same
// scalars after resolution (a quoted "16" stays a string, 0x10 stays the
// integer 16), same keys (in any order for the kustomize emitter, which
// sorts them; in the same order for the v3 emitter). Documents ferry
// refuses to build or encrypt (a mapping or sequence as a key) are skipped.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sections.h"
#include "yaml/emit.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace {

using ferry::yaml::Node;
using ferry::yaml::ScalarType;

// A canonical text of a document's values: scalars as (type, resolved
// text), mappings with their keys sorted when `sort_keys`. With `v3`,
// timestamps are the strings go-yaml v3 decodes them to (sops's view).
std::string Canon(const Node& n, bool sort_keys, bool v3) {
  if (n.IsNull()) return "~";
  if (n.IsScalar()) {
    ferry::yaml::Resolved r = ferry::yaml::ResolveForOutput(n);
    if (r.type == ScalarType::kNull) return "~";
    if (v3 && ferry::yaml::ResolveV3(n) == ScalarType::kTimestamp)
      r = {ScalarType::kString, n.value()};
    if (r.type == ScalarType::kFloat)  // .NaN and .nan, .Inf and .inf
      for (char& c : r.text) c = static_cast<char>(tolower(c));
    return std::to_string(static_cast<int>(r.type)) + ":" + r.text + ";";
  }
  std::vector<std::string> parts;
  if (n.IsSeq()) {
    for (const Node& item : n.items()) parts.push_back(Canon(item, sort_keys, v3));
  } else {
    for (const auto& p : n.pairs())
      parts.push_back(Canon(p.key, sort_keys, v3) + "=" +
                      Canon(p.value, sort_keys, v3));
    if (sort_keys) std::sort(parts.begin(), parts.end());
  }
  std::string out = n.IsSeq() ? "[" : "{";
  for (const std::string& p : parts) out += std::to_string(p.size()) + p;
  return out + (n.IsSeq() ? "]" : "}");
}

void Fail(const char* what, const std::string& emitted, const std::string& a,
          const std::string& b) {
  fprintf(stderr, "%s\n--- emitted:\n%s\n--- before: %s\n--- after:  %s\n",
          what, emitted.c_str(), a.c_str(), b.c_str());
  abort();
}

void RoundTrip(const Node& doc, const char* what, const std::string& emitted,
               bool sort_keys, bool v3) {
  Node back;
  ferry::Status st = ferry::yaml::ParseDocument(emitted, "emitted", &back);
  if (!st.ok()) Fail(what, emitted, st.message(), "");
  std::string a = Canon(doc, sort_keys, v3), b = Canon(back, sort_keys, v3);
  if (a != b) Fail(what, emitted, a, b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<Node> docs;
  if (!ferry::yaml::ParseDocuments(ferry::fuzz::AsText(data, size), "in.yaml",
                                   &docs)
           .ok())
    return 0;
  for (const Node& doc : docs) {
    // A mapping or sequence as a key: kustomize and sops refuse the document.
    if (!ferry::yaml::CheckScalarKeys(doc).ok()) continue;
    std::string k;
    ferry::yaml::EmitKustomizeDocument(doc, &k);
    // A multi-line string as the whole document is written as go-yaml v2
    // writes it, a literal block at indent 0, which YAML parsers (libyaml
    // too) do not read back; kustomize only ever writes objects.
    if (!doc.IsScalar())
      RoundTrip(doc, "kustomize emitter", k, /*sort_keys=*/true, /*v3=*/false);
    std::string v3;
    ferry::yaml::EmitGoYamlV3Document(doc, 4, &v3);
    RoundTrip(doc, "go-yaml v3 emitter", v3, /*sort_keys=*/false, /*v3=*/true);
  }
  return 0;
}
