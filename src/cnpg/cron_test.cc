// Tests of CNPG's cron dialect: parsing, errors and next activations.
#include "cnpg/cron.h"

#include <gtest/gtest.h>

#include <string>

namespace ferry::cnpg {
namespace {

using TimePoint = CronSchedule::TimePoint;

TimePoint At(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  return TimePoint(sys_days{year{y} / month{mo} / day{d}} + hours(h) +
                   minutes(mi) + seconds(s));
}

std::string Show(std::optional<TimePoint> t) {
  if (!t) return "never";
  using namespace std::chrono;
  auto s = floor<seconds>(*t);
  auto d = floor<days>(s);
  year_month_day ymd{d};
  hh_mm_ss hms{s - d};
  char buf[64];
  snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ",
           static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
           static_cast<unsigned>(ymd.day()),
           static_cast<int>(hms.hours().count()),
           static_cast<int>(hms.minutes().count()),
           static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string NextOf(std::string_view spec, TimePoint after) {
  CronSchedule s;
  Status st = CronSchedule::Parse(spec, &s);
  if (!st.ok()) return "error: " + st.message();
  return Show(s.Next(after));
}

std::string ErrorOf(std::string_view spec) {
  CronSchedule s;
  Status st = CronSchedule::Parse(spec, &s);
  return st.ok() ? "ok" : st.message();
}

TEST(CronTest, SeedScheduleIsMidnightDaily) {
  CronSchedule s;
  ASSERT_TRUE(CronSchedule::Parse("0 0 0 * * *", &s).ok());
  EXPECT_EQ(s.field_count(), 6);
  EXPECT_EQ(Show(s.Next(At(2024, 3, 15, 10, 20, 30))), "2024-03-16T00:00:00Z");
  // Strictly after: at midnight, the next one is a day later.
  EXPECT_EQ(Show(s.Next(At(2024, 3, 16))), "2024-03-17T00:00:00Z");
  EXPECT_EQ(Show(s.Next(At(2024, 12, 31, 23, 59, 59))), "2025-01-01T00:00:00Z");
}

TEST(CronTest, RangesStepsListsAndNames) {
  TimePoint fri = At(2024, 3, 15, 10, 0, 7);  // a Friday
  EXPECT_EQ(NextOf("0 30 2 * * MON-FRI", fri), "2024-03-18T02:30:00Z");
  EXPECT_EQ(NextOf("0 30 2 * * mon-fri", fri), "2024-03-18T02:30:00Z");
  EXPECT_EQ(NextOf("*/15 * * * * *", fri), "2024-03-15T10:00:15Z");
  EXPECT_EQ(NextOf("0 */20 * * * *", fri), "2024-03-15T10:20:00Z");
  EXPECT_EQ(NextOf("0 5/20 * * * *", fri), "2024-03-15T10:05:00Z");
  EXPECT_EQ(NextOf("0 0 1-3,22 * * *", fri), "2024-03-15T22:00:00Z");
  EXPECT_EQ(NextOf("0 0 12 * JAN,jul ?", fri), "2024-07-01T12:00:00Z");
  EXPECT_EQ(NextOf("0 0 0 ? * SUN", fri), "2024-03-17T00:00:00Z");
  EXPECT_EQ(NextOf("0 0 0 * * 0", fri), "2024-03-17T00:00:00Z");
  EXPECT_EQ(NextOf("30 15 10 15 3 *", At(2024, 3, 15, 10, 15, 29)),
            "2024-03-15T10:15:30Z");
  EXPECT_EQ(NextOf("30 15 10 15 3 *", At(2024, 3, 15, 10, 15, 30)),
            "2025-03-15T10:15:30Z");
}

TEST(CronTest, DayOfMonthAndDayOfWeekCombineLikeRobfig) {
  TimePoint fri = At(2024, 3, 15, 10);
  // Neither is '*': either matches (Monday 18th comes before April 1st).
  EXPECT_EQ(NextOf("0 0 0 1 * MON", fri), "2024-03-18T00:00:00Z");
  // Day of week '*': both must match, so the 1st.
  EXPECT_EQ(NextOf("0 0 0 1 * *", fri), "2024-04-01T00:00:00Z");
  // "*/2" is not a star for this purpose.
  EXPECT_EQ(NextOf("0 0 0 1 * */7", fri), "2024-03-17T00:00:00Z");
}

TEST(CronTest, RareAndImpossibleDates) {
  EXPECT_EQ(NextOf("0 0 0 29 2 *", At(2024, 3, 1)), "2028-02-29T00:00:00Z");
  EXPECT_EQ(NextOf("0 0 0 30 2 *", At(2024, 3, 1)), "never");
  EXPECT_EQ(NextOf("0 0 0 31 * *", At(2024, 4, 1)), "2024-05-31T00:00:00Z");
}

TEST(CronTest, Descriptors) {
  TimePoint t = At(2024, 3, 15, 10, 59, 59);
  EXPECT_EQ(NextOf("@hourly", t), "2024-03-15T11:00:00Z");
  EXPECT_EQ(NextOf("@daily", t), "2024-03-16T00:00:00Z");
  EXPECT_EQ(NextOf("@midnight", t), "2024-03-16T00:00:00Z");
  EXPECT_EQ(NextOf("@weekly", t), "2024-03-17T00:00:00Z");
  EXPECT_EQ(NextOf("@monthly", t), "2024-04-01T00:00:00Z");
  EXPECT_EQ(NextOf("@yearly", t), "2025-01-01T00:00:00Z");
  EXPECT_EQ(NextOf("@annually", t), "2025-01-01T00:00:00Z");
  EXPECT_EQ(NextOf("@every 1h30m", t), "2024-03-15T12:29:59Z");
  EXPECT_EQ(NextOf("@every 1.5s", t), "2024-03-15T11:00:00Z");
  EXPECT_EQ(NextOf("@every 10ms", t), "2024-03-15T11:00:00Z");  // >= 1s
  CronSchedule s;
  ASSERT_TRUE(CronSchedule::Parse("@every 2h", &s).ok());
  EXPECT_EQ(s.every(), std::chrono::hours(2));
  EXPECT_EQ(s.field_count(), 0);
  // Sub-second parts of the start are dropped, as robfig does.
  EXPECT_EQ(Show(s.Next(t + std::chrono::milliseconds(500))),
            "2024-03-15T12:59:59Z");
}

// Found by fuzz/duration_cron_fuzz (UBSan: signed overflow): @every near
// Go's longest duration (292 years) ends after the last time point (2262).
TEST(CronTest, EveryPastTheLastTimePointIsNever) {
  TimePoint t = At(2024, 3, 15);
  EXPECT_EQ(NextOf("@every 2562047h", t), "never");
  EXPECT_EQ(NextOf("@every 9223372033427387904ns", t), "never");
  EXPECT_EQ(NextOf("@every 87600h", t), "2034-03-13T00:00:00Z");
}

TEST(CronTest, FiveFieldsAreAnErrorThatExplainsCnpgsReading) {
  std::string err = ErrorOf("0 0 * * *");
  EXPECT_NE(err.find("5 fields"), std::string::npos) << err;
  EXPECT_NE(err.find("6 with seconds first"), std::string::npos) << err;
  EXPECT_NE(err.find("second=0 minute=0 hour=*"), std::string::npos) << err;
  EXPECT_NE(err.find("\"0 0 0 * * *\""), std::string::npos) << err;

  // What CNPG really does with it: seconds first, day of week '*', i.e.
  // every hour rather than every day.
  CronSchedule s;
  ASSERT_TRUE(CronSchedule::Parse("0 0 * * *", &s, true).ok());
  EXPECT_EQ(s.field_count(), 5);
  EXPECT_EQ(Show(s.Next(At(2024, 3, 15, 10, 20))), "2024-03-15T11:00:00Z");
}

TEST(CronTest, ErrorsNameTheField) {
  struct Case {
    const char* spec;
    const char* want;
  } cases[] = {
      {"61 * * * * *", "seconds field \"61\": end of range (61) above maximum"},
      {"* 60 * * * *", "minutes field \"60\""},
      {"0 0 24 * * *", "hours field \"24\""},
      {"0 0 0 0 * *", "day-of-month field \"0\": beginning of range (0) below"},
      {"0 0 0 * 13 *", "month field \"13\""},
      {"0 0 0 * FOO *", "month field \"FOO\": failed to parse int"},
      {"0 0 0 * * 7",
       "day-of-week field \"7\": end of range (7) above "
       "maximum (6)"},
      {"0 0 0 * * MON-SUN",
       "day-of-week field \"MON-SUN\": beginning of "
       "range (1) beyond end of range (0)"},
      {"0 0 0 * * JAN", "day-of-week field \"JAN\""},
      {"*/0 * * * * *", "seconds field \"*/0\": step of range should be"},
      {"1-2-3 * * * * *", "too many hyphens"},
      {"1/2/3 * * * * *", "too many slashes"},
      {"-1 * * * * *", "seconds field \"-1\""},
      {"0 0 0 , * *", "day-of-month field \",\": no values"},
      {"* * * *", "has 4 fields; CloudNativePG expects 6"},
      {"0 0 0 * * * 2024", "has 7 fields"},
      {"", "empty schedule"},
      {"   ", "empty schedule"},
      {"@fortnightly", "unrecognized descriptor \"@fortnightly\""},
      {"@every", "unrecognized descriptor"},
      {"@every 1x", "invalid duration \"1x\""},
      {"@every h", "invalid duration"},
  };
  for (const Case& c : cases) {
    std::string err = ErrorOf(c.spec);
    EXPECT_NE(err.find(c.want), std::string::npos)
        << "spec '" << c.spec << "' gave: " << err;
  }
}

TEST(CronTest, ValidExpressions) {
  for (const char* spec :
       {"0 0 0 * * *", "0 0 2 * * *", "*/30 * * * * ?", "0 0 0 1 JAN-DEC *",
        "0 0 3 * * sat", "0 0 0,12 1,15 * *", "0 0 0 * * +1", "  0 0 0 * * *  ",
        "@daily", "@every 24h", "0 0 0 L * *"}) {
    std::string err = ErrorOf(spec);
    if (std::string_view(spec) == "0 0 0 L * *") {
      EXPECT_NE(err, "ok") << "robfig has no 'L'";
    } else {
      EXPECT_EQ(err, "ok") << spec;
    }
  }
}

}  // namespace
}  // namespace ferry::cnpg
