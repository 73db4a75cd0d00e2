// The cron dialect of CloudNativePG's ScheduledBackup.spec.schedule: robfig's
// Go cron parser with a leading seconds field ("sec min hour dom month dow"),
// so "0 0 0 * * *" is midnight every day, not what a 5-field crontab means.
#ifndef FERRY_CNPG_CRON_H_
#define FERRY_CNPG_CRON_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yaml/status.h"

namespace ferry::cnpg {

/// A parsed backup schedule; answers when it next fires (all times UTC).
///
/// Accepted, as robfig/cron parses them for CNPG:
///   - six fields `sec min hour dom month dow`, each a comma list of `*`, `?`,
///     `N`, `N-M`, with an optional `/step` (`N/step` means `N-max/step`);
///     months JAN-DEC and weekdays SUN-SAT by name (any case); weekdays 0-6;
///   - descriptors `@yearly` (`@annually`), `@monthly`, `@weekly`, `@daily`
///     (`@midnight`), `@hourly` and `@every <Go duration>`.
/// Day of month and day of week are combined as robfig does: when either is
/// `*` or `?` both must match, otherwise either may.
class CronSchedule {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  /// Parses `spec`. A 5-field expression is an error unless
  /// `allow_five_fields` is set: CNPG's parser then reads the fields as
  /// `sec min hour dom month` (day of week left as `*`), which is almost
  /// never what the author of a crontab-style line meant. Errors name the
  /// field at fault.
  static Status Parse(std::string_view spec, CronSchedule* out,
                      bool allow_five_fields = false);

  /// The first activation strictly after `after`, to the second; nullopt
  /// when none comes within five years (e.g. "0 0 0 30 2 *"), as robfig's
  /// Next returns the zero time then.
  std::optional<TimePoint> Next(TimePoint after) const;

  /// Number of fields written (5 or 6), or 0 for a descriptor.
  int field_count() const { return field_count_; }
  /// For `@every D`, D rounded as robfig does (at least 1s, whole seconds);
  /// zero for calendar schedules.
  std::chrono::seconds every() const { return every_; }

 private:
  // Bit i set when value i is allowed; bit 63 marks a field written as * or ?.
  uint64_t second_ = 0, minute_ = 0, hour_ = 0, dom_ = 0, month_ = 0, dow_ = 0;
  std::chrono::seconds every_{0};
  int field_count_ = 0;
};

}  // namespace ferry::cnpg

#endif  // FERRY_CNPG_CRON_H_
