#include "k8s/duration.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace ferry::k8s {
namespace {

constexpr int64_t kNs = 1;
constexpr int64_t kUs = 1000;
constexpr int64_t kMs = 1000 * kUs;
constexpr int64_t kS = 1000 * kMs;
constexpr int64_t kM = 60 * kS;
constexpr int64_t kH = 60 * kM;

int64_t Parse(const char* s) {
  int64_t d = -42;
  std::string err;
  EXPECT_TRUE(ParseGoDuration(s, &d, &err)) << s << ": " << err;
  return d;
}

std::string ParseError(const char* s) {
  int64_t d = 0;
  std::string err;
  EXPECT_FALSE(ParseGoDuration(s, &d, &err)) << s;
  return err;
}

// Go's time.TestParseDuration cases.
TEST(DurationTest, ParsesGoExamples) {
  EXPECT_EQ(Parse("0"), 0);
  EXPECT_EQ(Parse("5s"), 5 * kS);
  EXPECT_EQ(Parse("30s"), 30 * kS);
  EXPECT_EQ(Parse("1478s"), 1478 * kS);
  EXPECT_EQ(Parse("-5s"), -5 * kS);
  EXPECT_EQ(Parse("+5s"), 5 * kS);
  EXPECT_EQ(Parse("-0"), 0);
  EXPECT_EQ(Parse("+0"), 0);
  EXPECT_EQ(Parse("5.0s"), 5 * kS);
  EXPECT_EQ(Parse("5.6s"), 5 * kS + 600 * kMs);
  EXPECT_EQ(Parse("5.s"), 5 * kS);
  EXPECT_EQ(Parse(".5s"), 500 * kMs);
  EXPECT_EQ(Parse("1.0s"), 1 * kS);
  EXPECT_EQ(Parse("1.00s"), 1 * kS);
  EXPECT_EQ(Parse("1.004s"), 1 * kS + 4 * kMs);
  EXPECT_EQ(Parse("1.0040s"), 1 * kS + 4 * kMs);
  EXPECT_EQ(Parse("100.00100s"), 100 * kS + 1 * kMs);
  EXPECT_EQ(Parse("10ns"), 10 * kNs);
  EXPECT_EQ(Parse("11us"), 11 * kUs);
  EXPECT_EQ(Parse("12\xC2\xB5s"), 12 * kUs);  // U+00B5
  EXPECT_EQ(Parse("12\xCE\xBCs"), 12 * kUs);  // U+03BC
  EXPECT_EQ(Parse("13ms"), 13 * kMs);
  EXPECT_EQ(Parse("14s"), 14 * kS);
  EXPECT_EQ(Parse("15m"), 15 * kM);
  EXPECT_EQ(Parse("16h"), 16 * kH);
  EXPECT_EQ(Parse("3h30m"), 3 * kH + 30 * kM);
  EXPECT_EQ(Parse("10.5s4m"), 4 * kM + 10 * kS + 500 * kMs);
  EXPECT_EQ(Parse("-2m3.4s"), -(2 * kM + 3 * kS + 400 * kMs));
  EXPECT_EQ(Parse("1h2m3s4ms5us6ns"),
            1 * kH + 2 * kM + 3 * kS + 4 * kMs + 5 * kUs + 6 * kNs);
  EXPECT_EQ(Parse("39h9m14.425s"), 39 * kH + 9 * kM + 14 * kS + 425 * kMs);
  EXPECT_EQ(Parse("52763797000ns"), 52763797000 * kNs);
  EXPECT_EQ(Parse("0.3333333333333333333h"), 20 * kM);
  EXPECT_EQ(Parse("9007199254740993ns"), (int64_t{1} << 53) + 1);
  EXPECT_EQ(Parse("9223372036854775807ns"),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Parse("9223372036854775.807us"),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Parse("9223372036s854ms775us807ns"),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Parse("-9223372036854775808ns"),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Parse("-9223372036854775.808us"),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Parse("-9223372036s854ms775us808ns"),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Parse("0.100000000000000000000h"), 6 * kM);
  EXPECT_EQ(Parse("0.830103483285477580700h"),
            49 * kM + 48 * kS + 372539827 * kNs);
}

TEST(DurationTest, ParsesFluxStyle) {
  EXPECT_EQ(Parse("1h30m"), 90 * kM);
  EXPECT_EQ(Parse("10m"), 10 * kM);
  EXPECT_EQ(Parse("1.5h"), 90 * kM);
  EXPECT_EQ(Parse("300ms"), 300 * kMs);
  EXPECT_EQ(Parse("2h45m30.5s"), 2 * kH + 45 * kM + 30 * kS + 500 * kMs);
}

TEST(DurationTest, RejectsAsGoDoes) {
  EXPECT_EQ(ParseError(""), "time: invalid duration \"\"");
  EXPECT_EQ(ParseError("10"), "time: missing unit in duration \"10\"");
  EXPECT_EQ(ParseError("3"), "time: missing unit in duration \"3\"");
  EXPECT_EQ(ParseError("1d"), "time: unknown unit \"d\" in duration \"1d\"");
  EXPECT_EQ(ParseError("h"), "time: invalid duration \"h\"");
  EXPECT_EQ(ParseError("-"), "time: invalid duration \"-\"");
  EXPECT_EQ(ParseError("s"), "time: invalid duration \"s\"");
  EXPECT_EQ(ParseError("."), "time: invalid duration \".\"");
  EXPECT_EQ(ParseError("-."), "time: invalid duration \"-.\"");
  EXPECT_EQ(ParseError(".s"), "time: invalid duration \".s\"");
  EXPECT_EQ(ParseError("+.s"), "time: invalid duration \"+.s\"");
  EXPECT_EQ(ParseError("1 m"), "time: unknown unit \" m\" in duration \"1 m\"");
  EXPECT_EQ(ParseError("9223372036854775808ns"),
            "time: invalid duration \"9223372036854775808ns\"");
  EXPECT_EQ(ParseError("9223372036854775.808us"),
            "time: invalid duration \"9223372036854775.808us\"");
  EXPECT_EQ(ParseError("9223372036854ms775us808ns"),
            "time: invalid duration \"9223372036854ms775us808ns\"");
  EXPECT_EQ(ParseError("-9223372036854775809ns"),
            "time: invalid duration \"-9223372036854775809ns\"");
}

// Go's time.TestDurationString cases.
TEST(DurationTest, FormatsAsGo) {
  EXPECT_EQ(FormatGoDuration(0), "0s");
  EXPECT_EQ(FormatGoDuration(1 * kNs), "1ns");
  EXPECT_EQ(FormatGoDuration(1100 * kNs), "1.1\xC2\xB5s");
  EXPECT_EQ(FormatGoDuration(2200 * kUs), "2.2ms");
  EXPECT_EQ(FormatGoDuration(3300 * kMs), "3.3s");
  EXPECT_EQ(FormatGoDuration(4 * kM + 5 * kS), "4m5s");
  EXPECT_EQ(FormatGoDuration(4 * kM + 5001 * kMs), "4m5.001s");
  EXPECT_EQ(FormatGoDuration(5 * kH + 6 * kM + 7001 * kMs), "5h6m7.001s");
  EXPECT_EQ(FormatGoDuration(8 * kM + 1 * kNs), "8m0.000000001s");
  EXPECT_EQ(FormatGoDuration(std::numeric_limits<int64_t>::max()),
            "2562047h47m16.854775807s");
  EXPECT_EQ(FormatGoDuration(std::numeric_limits<int64_t>::min()),
            "-2562047h47m16.854775808s");
  EXPECT_EQ(FormatGoDuration(-1 * kS), "-1s");
  EXPECT_EQ(FormatGoDuration(90 * kM), "1h30m0s");
  EXPECT_EQ((Duration{10 * kM, "10m"}).ToString(), "10m0s");
}

TEST(DurationTest, FluxPattern) {
  EXPECT_TRUE(MatchesFluxDurationPattern("10m"));
  EXPECT_TRUE(MatchesFluxDurationPattern("1h30m"));
  EXPECT_TRUE(MatchesFluxDurationPattern("1.5h"));
  EXPECT_TRUE(MatchesFluxDurationPattern("300ms"));
  EXPECT_TRUE(MatchesFluxDurationPattern("2h45m30.5s"));
  EXPECT_FALSE(MatchesFluxDurationPattern("0"));
  EXPECT_FALSE(MatchesFluxDurationPattern("-1m"));
  EXPECT_FALSE(MatchesFluxDurationPattern("300ns"));
  EXPECT_FALSE(MatchesFluxDurationPattern(".5s"));
  EXPECT_FALSE(MatchesFluxDurationPattern("5.s"));
  EXPECT_FALSE(MatchesFluxDurationPattern(""));
  EXPECT_TRUE(MatchesFluxDurationPattern("90s", /*hours=*/false));
  EXPECT_FALSE(MatchesFluxDurationPattern("1h", /*hours=*/false));
}

}  // namespace
}  // namespace ferry::k8s
