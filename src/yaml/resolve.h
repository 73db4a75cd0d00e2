// Scalar resolution: what type a scalar's text denotes under the rules of the
// Go YAML libraries that kustomize chains (go-yaml v3 reads the input, go-yaml
// v2 decides the quoting of the output), and the canonical text each type is
// printed with after kustomize's round trip through JSON.
#ifndef FERRY_YAML_RESOLVE_H_
#define FERRY_YAML_RESOLVE_H_

#include <string>
#include <string_view>

#include "yaml/node.h"

namespace ferry::yaml {

enum class ScalarType { kNull, kBool, kInt, kFloat, kTimestamp, kString };

/// A scalar resolved for output: its type and the text it is written with
/// (for strings, the string itself).
struct Resolved {
  ScalarType type;
  std::string text;
};

/// Resolves a scalar node as go-yaml v3 does, then normalizes it as
/// kustomize's JSON round trip does ("0x10" -> int "16", "1.0" -> int "1",
/// "2020-01-01" -> string "2020-01-01T00:00:00Z", "True" -> bool "true").
Resolved ResolveForOutput(const Node& scalar);

/// The type go-yaml v3 gives a scalar (used for kustomize's own decisions,
/// e.g. whether a replicas value is an int).
ScalarType ResolveV3(const Node& scalar);

/// True when go-yaml v2 would read the plain text `s` as something other
/// than a string (so that the string must be written quoted).
bool V2ResolvesAsNonString(std::string_view s);

/// Parses a number as Go's strconv.ParseInt(s, 0, 64) after removing '_'.
bool ParseGoInt(std::string_view s, int64_t* out);
/// Parses as strconv.ParseUint(s, 0, 64) after removing '_'.
bool ParseGoUint(std::string_view s, uint64_t* out);

/// Formats a float as Go's strconv.FormatFloat(f, 'g', -1, 64).
std::string FormatGoFloatG(double f);

}  // namespace ferry::yaml

#endif  // FERRY_YAML_RESOLVE_H_
