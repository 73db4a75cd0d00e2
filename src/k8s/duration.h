// Go's time.Duration as Flux writes it in specs ("1h30m", "10m", "1.5h"):
// parsed exactly as time.ParseDuration does, printed as Duration.String().
#ifndef FERRY_K8S_DURATION_H_
#define FERRY_K8S_DURATION_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace ferry::k8s {

/// A span of time as Go's time.Duration: signed nanoseconds.
struct Duration {
  int64_t nanos = 0;
  std::string text;  // as written in the file ("10m")

  /// Go's Duration.String(): "1h30m0s", "1.5s", "300ms", "0s".
  std::string ToString() const;
};

/// Parses `s` as Go's time.ParseDuration: a possibly signed sequence of
/// decimal numbers, each with optional fraction and a unit suffix (ns, us,
/// µs, μs, ms, s, m, h), or "0". On failure returns false and sets `error` to
/// Go's message (e.g. `time: unknown unit "d" in duration "1d"`).
bool ParseGoDuration(std::string_view s, int64_t* nanos, std::string* error);

/// Formats nanoseconds as Go's time.Duration.String().
std::string FormatGoDuration(int64_t nanos);

/// True when `s` matches the pattern Flux CRDs put on duration fields,
/// ^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$ (no sign, no ns/us, no bare "0"); with
/// `hours` false, the pattern of source, image and provider timeouts,
/// ^([0-9]+(\.[0-9]+)?(ms|s|m))+$.
bool MatchesFluxDurationPattern(std::string_view s, bool hours = true);

}  // namespace ferry::k8s

#endif  // FERRY_K8S_DURATION_H_
