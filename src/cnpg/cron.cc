#include "cnpg/cron.h"

#include <array>
#include <cctype>
#include <vector>

#include "k8s/duration.h"

namespace ferry::cnpg {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr uint64_t kStarBit = uint64_t{1} << 63;

struct Name {
  std::string_view name;
  unsigned value;
};

constexpr std::array<Name, 12> kMonthNames = {{{"jan", 1},
                                               {"feb", 2},
                                               {"mar", 3},
                                               {"apr", 4},
                                               {"may", 5},
                                               {"jun", 6},
                                               {"jul", 7},
                                               {"aug", 8},
                                               {"sep", 9},
                                               {"oct", 10},
                                               {"nov", 11},
                                               {"dec", 12}}};
constexpr std::array<Name, 7> kDowNames = {{{"sun", 0},
                                            {"mon", 1},
                                            {"tue", 2},
                                            {"wed", 3},
                                            {"thu", 4},
                                            {"fri", 5},
                                            {"sat", 6}}};

// What one field of the expression may hold.
struct Bounds {
  const char* field;  // name used in error messages
  unsigned min, max;
  const Name* names = nullptr;
  size_t name_count = 0;
};

const Bounds kSeconds{"seconds", 0, 59};
const Bounds kMinutes{"minutes", 0, 59};
const Bounds kHours{"hours", 0, 23};
const Bounds kDom{"day-of-month", 1, 31};
const Bounds kMonths{"month", 1, 12, kMonthNames.data(), kMonthNames.size()};
const Bounds kDow{"day-of-week", 0, 6, kDowNames.data(), kDowNames.size()};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

std::vector<std::string_view> Fields(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Go's strconv.Atoi, then robfig's refusal of negative numbers.
bool ParseUint(std::string_view s, unsigned* out, std::string* err) {
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) {
    *err = "failed to parse int from \"" + std::string(s) + "\"";
    return false;
  }
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') {
      *err = "failed to parse int from \"" + std::string(s) + "\"";
      return false;
    }
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > 0xffffffffu) {
      *err = "value out of range: \"" + std::string(s) + "\"";
      return false;
    }
  }
  if (negative && v != 0) {
    *err = "negative number not allowed: \"" + std::string(s) + "\"";
    return false;
  }
  *out = static_cast<unsigned>(v);
  return true;
}

bool ParseIntOrName(std::string_view s, const Bounds& b, unsigned* out,
                    std::string* err) {
  if (b.names != nullptr && s.size() == 3) {
    std::string lower;
    for (char c : s)
      lower.push_back(
          static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (size_t i = 0; i < b.name_count; ++i) {
      if (b.names[i].name == lower) {
        *out = b.names[i].value;
        return true;
      }
    }
  }
  return ParseUint(s, out, err);
}

uint64_t Bits(unsigned min, unsigned max, unsigned step) {
  uint64_t bits = 0;
  for (unsigned i = min; i <= max; i += step) bits |= uint64_t{1} << i;
  return bits;
}

// One element of a comma list: number | number "-" number, or * or ?, with
// an optional "/step" (robfig's getRange).
bool ParseRange(std::string_view expr, const Bounds& b, uint64_t* bits,
                std::string* err) {
  std::vector<std::string_view> range_and_step = Split(expr, '/');
  std::vector<std::string_view> low_high = Split(range_and_step[0], '-');
  bool single = low_high.size() == 1;
  unsigned start = 0, end = 0, step = 1;
  uint64_t star = 0;
  if (low_high[0] == "*" || low_high[0] == "?") {
    start = b.min;
    end = b.max;
    star = kStarBit;
  } else {
    if (!ParseIntOrName(low_high[0], b, &start, err)) return false;
    if (low_high.size() == 1) {
      end = start;
    } else if (low_high.size() == 2) {
      if (!ParseIntOrName(low_high[1], b, &end, err)) return false;
    } else {
      *err = "too many hyphens in \"" + std::string(expr) + "\"";
      return false;
    }
  }
  if (range_and_step.size() == 2) {
    if (!ParseUint(range_and_step[1], &step, err)) return false;
    if (single) end = b.max;  // "N/step" means "N-max/step"
    if (step > 1) star = 0;
  } else if (range_and_step.size() > 2) {
    *err = "too many slashes in \"" + std::string(expr) + "\"";
    return false;
  }
  auto num = [](unsigned v) { return std::to_string(v); };
  if (start < b.min) {
    *err = "beginning of range (" + num(start) + ") below minimum (" +
           num(b.min) + ")";
    return false;
  }
  if (end > b.max) {
    *err = "end of range (" + num(end) + ") above maximum (" + num(b.max) + ")";
    return false;
  }
  if (start > end) {
    *err = "beginning of range (" + num(start) + ") beyond end of range (" +
           num(end) + ")";
    return false;
  }
  if (step == 0) {
    *err = "step of range should be a positive number";
    return false;
  }
  *bits = Bits(start, end, step) | star;
  return true;
}

Status ParseField(std::string_view field, const Bounds& b, uint64_t* bits) {
  *bits = 0;
  std::string err;
  for (std::string_view expr : Split(field, ',')) {
    if (expr.empty()) continue;  // robfig splits with FieldsFunc
    uint64_t one = 0;
    if (!ParseRange(expr, b, &one, &err)) {
      return Status::Error(std::string(b.field) + " field \"" +
                           std::string(field) + "\": " + err);
    }
    *bits |= one;
  }
  if (*bits == 0) {
    return Status::Error(std::string(b.field) + " field \"" +
                         std::string(field) + "\": no values");
  }
  return Status::Ok();
}

struct Civil {
  int year;
  unsigned month, day, hour, minute, second, weekday;
};

Civil ToCivil(sys_seconds t) {
  sys_days d = floor<days>(t);
  std::chrono::year_month_day ymd{d};
  std::chrono::hh_mm_ss<seconds> hms{t - d};
  return Civil{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               static_cast<unsigned>(hms.hours().count()),
               static_cast<unsigned>(hms.minutes().count()),
               static_cast<unsigned>(hms.seconds().count()),
               std::chrono::weekday{d}.c_encoding()};
}

// Midnight on the first day of month `month` (1-based, may exceed 12).
sys_seconds MonthStart(int year, unsigned month) {
  year += static_cast<int>((month - 1) / 12);
  month = (month - 1) % 12 + 1;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} /
                  std::chrono::day{1}};
}

bool Has(uint64_t bits, unsigned v) { return (bits >> v) & 1; }

}  // namespace

Status CronSchedule::Parse(std::string_view spec, CronSchedule* out,
                           bool allow_five_fields) {
  *out = CronSchedule();
  std::vector<std::string_view> fields = Fields(spec);
  std::string quoted = "\"" + std::string(spec) + "\"";
  if (fields.empty()) return Status::Error("empty schedule");
  if (fields[0][0] == '@') {
    std::string_view d = spec.substr(spec.find('@'));
    while (!d.empty() && IsSpace(d.back())) d.remove_suffix(1);
    uint64_t all_dom = Bits(1, 31, 1) | kStarBit;
    uint64_t all_month = Bits(1, 12, 1) | kStarBit;
    uint64_t all_dow = Bits(0, 6, 1) | kStarBit;
    out->second_ = 1;
    out->minute_ = 1;
    out->hour_ = 1;
    out->dom_ = all_dom;
    out->month_ = all_month;
    out->dow_ = all_dow;
    if (d == "@yearly" || d == "@annually") {
      out->dom_ = 1 << 1;
      out->month_ = 1 << 1;
    } else if (d == "@monthly") {
      out->dom_ = 1 << 1;
    } else if (d == "@weekly") {
      out->dow_ = 1 << 0;
    } else if (d == "@daily" || d == "@midnight") {
    } else if (d == "@hourly") {
      out->hour_ = Bits(0, 23, 1) | kStarBit;
    } else if (d.substr(0, 7) == "@every ") {
      int64_t ns = 0;
      std::string duration_error;
      if (!k8s::ParseGoDuration(d.substr(7), &ns, &duration_error)) {
        return Status::Error("schedule " + quoted + ": invalid duration \"" +
                             std::string(d.substr(7)) +
                             "\" (a Go duration such as 1h30m is expected)");
      }
      // robfig's Every: at least one second, sub-second part dropped.
      int64_t s = ns < 1000000000 ? 1 : ns / 1000000000;
      out->every_ = seconds(s);
    } else {
      return Status::Error(
          "schedule " + quoted + ": unrecognized descriptor \"" +
          std::string(d) +
          "\" (expected @yearly, @annually, @monthly, @weekly, @daily, "
          "@midnight, @hourly or @every <duration>)");
    }
    return Status::Ok();
  }
  if (fields.size() == 5 && !allow_five_fields) {
    return Status::Error(
        "schedule " + quoted +
        " has 5 fields, but CloudNativePG needs 6 with seconds first "
        "(sec min hour day-of-month month day-of-week): it would read this "
        "as second=" +
        std::string(fields[0]) + " minute=" + std::string(fields[1]) +
        " hour=" + std::string(fields[2]) + " day-of-month=" +
        std::string(fields[3]) + " month=" + std::string(fields[4]) +
        ", not as a crontab line; write \"0 " + std::string(spec) +
        "\" for the crontab meaning");
  }
  if (fields.size() != 6 && fields.size() != 5) {
    return Status::Error(
        "schedule " + quoted + " has " + std::to_string(fields.size()) +
        " fields; CloudNativePG expects 6 (sec min hour day-of-month month "
        "day-of-week)");
  }
  const size_t written = fields.size();
  if (written == 5) fields.push_back("*");  // day of week is optional
  const Bounds* bounds[6] = {&kSeconds, &kMinutes, &kHours,
                             &kDom,     &kMonths,  &kDow};
  uint64_t* bits[6] = {&out->second_, &out->minute_, &out->hour_,
                       &out->dom_,    &out->month_,  &out->dow_};
  for (int i = 0; i < 6; ++i) {
    Status st = ParseField(fields[i], *bounds[i], bits[i]);
    if (!st.ok()) {
      *out = CronSchedule();
      return Status::Error("schedule " + quoted + ": " + st.message());
    }
  }
  out->field_count_ = static_cast<int>(written);
  return Status::Ok();
}

std::optional<CronSchedule::TimePoint> CronSchedule::Next(
    TimePoint after) const {
  sys_seconds t = floor<seconds>(after);
  if (every_.count() > 0) {
    // A Go duration reaches 292 years; a time point ends in 2262.
    if (every_ > floor<seconds>(TimePoint::max() - t)) return std::nullopt;
    return TimePoint(t + every_);
  }
  t += seconds(1);

  auto day_matches = [this](const Civil& c) {
    bool dom = Has(dom_, c.day);
    bool dow = Has(dow_, c.weekday);
    if ((dom_ & kStarBit) || (dow_ & kStarBit)) return dom && dow;
    return dom || dow;
  };

  bool added = false;
  const int year_limit = ToCivil(t).year + 5;
wrap:
  Civil c = ToCivil(t);
  if (c.year > year_limit) return std::nullopt;

  while (!Has(month_, c.month)) {
    added = true;
    t = MonthStart(c.year, c.month + 1);
    c = ToCivil(t);
    if (c.month == 1) goto wrap;
  }
  while (!day_matches(c)) {
    if (!added) {
      added = true;
      t = floor<days>(t);
    }
    t += days(1);
    c = ToCivil(t);
    if (c.day == 1) goto wrap;
  }
  while (!Has(hour_, c.hour)) {
    if (!added) {
      added = true;
      t = floor<hours>(t);
    }
    t += hours(1);
    c = ToCivil(t);
    if (c.hour == 0) goto wrap;
  }
  while (!Has(minute_, c.minute)) {
    if (!added) {
      added = true;
      t = floor<minutes>(t);
    }
    t += minutes(1);
    c = ToCivil(t);
    if (c.minute == 0) goto wrap;
  }
  while (!Has(second_, c.second)) {
    added = true;
    t += seconds(1);
    c = ToCivil(t);
    if (c.second == 0) goto wrap;
  }
  return TimePoint(t);
}

}  // namespace ferry::cnpg
