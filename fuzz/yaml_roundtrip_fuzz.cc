// Fuzzes the YAML parser and both emitters. Every document that parses is
// written with the kustomize emitter (go-yaml v2 style, as `ferry build`
// prints) and with the go-yaml v3 emitter (as sops writes files); each text
// must parse back to one document with the same values: same kinds, same
// scalars after resolution (a quoted "16" stays a string, 0x10 stays the
// integer 16), same keys (in any order for the kustomize emitter, which
// sorts them; in the same order for the v3 emitter).
//
// Skipped, each for a reason outside the emitters: documents with a mapping
// or sequence as a key (kustomize and sops refuse them); for the kustomize
// emitter, documents with keys that are not strings (`ferry build` refuses
// them, as kubectl does) and a multi-line string as the whole document
// (go-yaml v2 writes it as a literal block at indent 0, which no YAML parser
// reads back; kustomize only writes objects); for both, mappings with two
// keys of the same value (1 and 0x1, ~ and null), which go-yaml writes as
// the same key, as these emitters do; and for the kustomize emitter, keys
// starting with ':' (libfyaml 0.7.12 misreads them after a folded plain
// scalar, see HasColonKey) and strings holding NEL, LS or PS (go-yaml v2
// writes them as line breaks, see HasUnicodeBreak).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "any_node.h"
#include "sections.h"
#include "writable.h"
#include "yaml/emit.h"
#include "yaml/parse.h"
#include "yaml/resolve.h"

namespace {

using ferry::yaml::Node;
using ferry::yaml::ScalarType;

// How an emitter's output is compared: kustomize sorts keys and writes an
// empty key as ""; go-yaml v3 decodes timestamps to strings (sops's view).
struct Mode {
  const char* name;
  bool kustomize;
};

std::string Canon(const Node& n, Mode mode);

std::string CanonKey(const Node& key, Mode mode) {
  return Canon(key.IsNull() && mode.kustomize ? Node::Str("") : key, mode);
}

// A canonical text of a document's values: scalars as (type, resolved
// text); mappings with their keys sorted for the kustomize emitter.
std::string Canon(const Node& n, Mode mode) {
  if (n.IsNull()) return "~";
  if (n.IsScalar()) {
    ferry::yaml::Resolved r = ferry::yaml::ResolveForOutput(n);
    if (r.type == ScalarType::kNull) return "~";
    if (!mode.kustomize && ferry::yaml::ResolveV3(n) == ScalarType::kTimestamp)
      r = {ScalarType::kString, n.value()};
    if (r.type == ScalarType::kFloat) {  // .NaN and .nan, +.Inf and .inf
      for (char& c : r.text) c = static_cast<char>(tolower(c));
      if (r.text.starts_with('+')) r.text.erase(0, 1);
    }
    // JSON has one number type: 14083847773837264896 is a float for go-yaml
    // (above int64) until it is read back as an uint64.
    if (r.type == ScalarType::kFloat) r.type = ScalarType::kInt;
    return std::to_string(static_cast<int>(r.type)) + ":" + r.text + ";";
  }
  std::vector<std::string> parts;
  for (const Node& item : n.items()) parts.push_back(Canon(item, mode));
  for (const auto& p : n.pairs())
    parts.push_back(CanonKey(p.key, mode) + "=" + Canon(p.value, mode));
  if (n.IsMap() && mode.kustomize) std::sort(parts.begin(), parts.end());
  std::string out = n.IsSeq() ? "[" : "{";
  for (const std::string& p : parts) out += std::to_string(p.size()) + p;
  return out + (n.IsSeq() ? "]" : "}");
}

// True when some scalar holds NEL, LS or PS. go-yaml v2 (and so kustomize
// and ferry's kustomize emitter) writes them in single-quoted scalars as
// line breaks followed by a new line, which no reader reads back as the
// same string.
bool HasUnicodeBreak(const Node& doc) {
  return ferry::fuzz::AnyNode(doc, [](const Node& n) {
    for (std::string_view b : {"\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9"})
      if (n.value().find(b) != std::string::npos) return true;
    return false;
  });
}

// True when some key starts with ':'. libfyaml 0.7.12 cannot read such a key
// after a plain scalar continued on the next line ("a: b\n  c\n:d: 1", which
// libyaml reads), and the kustomize emitter folds long plain scalars so.
bool HasColonKey(const Node& doc) {
  return ferry::fuzz::AnyNode(doc, [](const Node& n) {
    for (const auto& p : n.pairs())
      if (p.key.value().starts_with(':')) return true;
    return false;
  });
}

// True when some mapping has two keys of the same value.
bool HasSameValueKeys(const Node& doc, Mode mode) {
  return ferry::fuzz::AnyNode(doc, [&](const Node& n) {
    std::set<std::string> keys;
    for (const auto& p : n.pairs())
      if (!keys.insert(CanonKey(p.key, mode)).second) return true;
    return false;
  });
}

void RoundTrip(const Node& doc, Mode mode, const std::string& emitted) {
  Node back;
  ferry::Status st = ferry::yaml::ParseDocument(emitted, "emitted", &back);
  std::string a = Canon(doc, mode);
  std::string b = st.ok() ? Canon(back, mode) : st.message();
  if (a == b) return;
  fprintf(stderr, "%s\n--- emitted:\n%s\n--- before: %s\n--- after:  %s\n",
          mode.name, emitted.c_str(), a.c_str(), b.c_str());
  abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<Node> docs;
  if (!ferry::yaml::ParseDocuments(ferry::fuzz::AsText(data, size), "in.yaml",
                                   &docs)
           .ok())
    return 0;
  const Mode kustomize{"kustomize emitter", true};
  const Mode v3{"go-yaml v3 emitter", false};
  for (const Node& doc : docs) {
    if (!ferry::yaml::CheckScalarKeys(doc).ok()) continue;
    std::string out;
    ferry::yaml::EmitKustomizeDocument(doc, &out);
    if (ferry::fuzz::BuildWrites(doc) && !HasSameValueKeys(doc, kustomize) &&
        !HasColonKey(doc) && !HasUnicodeBreak(doc))
      RoundTrip(doc, kustomize, out);
    out.clear();
    ferry::yaml::EmitGoYamlV3Document(doc, 4, &out);
    if (!HasSameValueKeys(doc, v3)) RoundTrip(doc, v3, out);
  }
  return 0;
}
