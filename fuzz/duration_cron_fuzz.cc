// Fuzzes the Go duration parser (k8s/duration.h) and the CNPG cron parser
// (cnpg/cron.h) with the same string. Checked: no crash, no UB; a parsed
// duration prints (Go's Duration.String()) to text that parses back to the
// same nanoseconds; a schedule's Next(t) is after t (t + D for @every D),
// and for a calendar schedule asking again from one second before that
// activation finds the same activation.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cnpg/cron.h"
#include "k8s/duration.h"
#include "sections.h"

namespace {

void CheckDuration(std::string_view s) {
  using namespace ferry::k8s;
  int64_t nanos = 0;
  std::string error;
  MatchesFluxDurationPattern(s, true);
  MatchesFluxDurationPattern(s, false);
  if (!ParseGoDuration(s, &nanos, &error)) {
    if (error.empty()) abort();  // a failure always says why
    return;
  }
  std::string printed = FormatGoDuration(nanos);
  int64_t again = 0;
  if (!ParseGoDuration(printed, &again, &error) || again != nanos) abort();
}

void CheckCron(std::string_view s, bool allow_five_fields) {
  using ferry::cnpg::CronSchedule;
  CronSchedule schedule;
  if (!CronSchedule::Parse(s, &schedule, allow_five_fields).ok()) return;
  // 2024-02-29T23:59:59Z: a leap day at the end of a month and a day.
  const CronSchedule::TimePoint start{std::chrono::seconds(1709251199)};
  std::optional<CronSchedule::TimePoint> next = schedule.Next(start);
  if (!next) return;
  if (*next <= start) abort();
  if (schedule.every().count() != 0) {  // @every: a fixed delay
    if (*next != start + schedule.every()) abort();
    return;
  }
  if (schedule.Next(*next - std::chrono::seconds(1)) != next) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = ferry::fuzz::AsText(data, size);
  CheckDuration(s);
  CheckCron(s, false);
  CheckCron(s, true);
  return 0;
}
