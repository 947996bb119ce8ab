#include "base/date.h"

#include <cstdio>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

struct CivilCase {
  int year;
  unsigned month;
  unsigned day;
  int32_t days;  // since 1970-01-01, from Python's datetime.date
  const char* text;
};

class DateFromCivilTest : public ::testing::TestWithParam<CivilCase> {};

TEST_P(DateFromCivilTest, CountsDaysSinceEpoch) {
  const CivilCase& c = GetParam();
  EXPECT_EQ(DateFromCivil(c.year, c.month, c.day).days, c.days);
}

TEST_P(DateFromCivilTest, PrintsAsIsoDate) {
  const CivilCase& c = GetParam();
  EXPECT_EQ(Date{c.days}.ToString(), c.text);
}

TEST_P(DateFromCivilTest, ParsesItsOwnText) {
  const CivilCase& c = GetParam();
  std::optional<Date> d = ParseDate(c.text);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->days, c.days);
}

INSTANTIATE_TEST_SUITE_P(KnownDates, DateFromCivilTest,
                         ::testing::Values(CivilCase{1970, 1, 1, 0, "1970-01-01"},
                                           CivilCase{1969, 12, 31, -1, "1969-12-31"},
                                           CivilCase{2016, 3, 31, 16891, "2016-03-31"},
                                           CivilCase{2022, 3, 31, 19082, "2022-03-31"},
                                           CivilCase{2000, 2, 29, 11016, "2000-02-29"},
                                           CivilCase{2024, 2, 29, 19782, "2024-02-29"},
                                           CivilCase{1600, 3, 1, -135080, "1600-03-01"},
                                           CivilCase{1, 1, 1, -719162, "0001-01-01"},
                                           CivilCase{9999, 12, 31, 2932896, "9999-12-31"}));

class ParseDateRejectsTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseDateRejectsTest, ReturnsNullopt) {
  EXPECT_EQ(ParseDate(GetParam()), std::nullopt) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Invalid, ParseDateRejectsTest,
                         ::testing::Values("", "2016-3-31", "2016-03-1", "16-03-31", "2016/03/31",
                                           "2016-03-31 ", " 2016-03-31", "2016-03-31T00",
                                           "2016-0a-31", "201x-03-31", "2016-00-10", "2016-13-01",
                                           "2016-01-00", "2016-01-32", "2016-04-31", "2015-02-29",
                                           "1900-02-29", "2100-02-29", "+016-03-31", "-016-03-31"));

TEST(DateTest, AcceptsLeapDayInLeapYears) {
  EXPECT_EQ(ParseDate("2016-02-29"), DateFromCivil(2016, 2, 29));
  EXPECT_EQ(ParseDate("2000-02-29"), DateFromCivil(2000, 2, 29));  // divisible by 400
  EXPECT_EQ(ParseDate("2400-02-29"), DateFromCivil(2400, 2, 29));
}

TEST(DateTest, LeapDayIsFollowedByFirstOfMarch) {
  EXPECT_EQ(DateFromCivil(2016, 3, 1).days - DateFromCivil(2016, 2, 29).days, 1);
  EXPECT_EQ(DateFromCivil(2015, 3, 1).days - DateFromCivil(2015, 2, 28).days, 1);
}

TEST(DateTest, OrdersByDay) {
  EXPECT_LT(DateFromCivil(2016, 3, 31), DateFromCivil(2016, 4, 1));
  EXPECT_GT(DateFromCivil(2017, 1, 1), DateFromCivil(2016, 12, 31));
  EXPECT_EQ(DateFromCivil(2016, 3, 31), Date{16891});
}

TEST(DateTest, DefaultIsEpoch) { EXPECT_EQ(Date{}.ToString(), "1970-01-01"); }

TEST(DateTest, RoundTripsEveryDayOfALeapYearAndACenturyYear) {
  for (int32_t d = DateFromCivil(1999, 12, 25).days; d <= DateFromCivil(2001, 1, 5).days; ++d) {
    const std::string text = Date{d}.ToString();
    std::optional<Date> parsed = ParseDate(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->days, d) << text;
  }
}

// ParseDate reads the canonical form through a fast path (eight bytes at a time, unsigned day
// arithmetic) and falls back to the general path for anything else: the two must agree on
// every input, valid or not.
void ExpectFastAndGeneralAgree(std::string_view text) {
  EXPECT_EQ(ParseDate(text), ParseDateGeneral(text)) << "'" << text << "'";
}

TEST(ParseDateFastPathTest, AgreesOnHandPickedTexts) {
  for (const char* text :
       {"2024-02-29",   "2023-02-29", "2024-02-30", "2024-2-3",   " 2024-01-01", "2024-01-01 ",
        "2024-01-01\n", "2024/01/01", "2024-01-1x", "2024-0a-01", "202a-01-01",  "0000-01-01",
        "0000-02-29",   "0000-03-01", "0001-01-01", "0099-12-31", "0100-02-29",  "0400-02-29",
        "1900-02-29",   "2000-02-29", "2100-02-29", "9999-12-31", "2024-00-01",  "2024-13-01",
        "2024-01-00",   "2024-01-32", "2024-04-31", "+024-01-01", "-024-01-01",  "2024--1-01",
        "2024-01--1",   "2024-1-001", "20240-1-01", "",           "2024-01-0",   "2024-01-010"}) {
    ExpectFastAndGeneralAgree(text);
  }
  ExpectFastAndGeneralAgree(std::string("2024-01-0\0", 10));
  ExpectFastAndGeneralAgree(std::string("\0"
                                        "024-01-01",
                                        10));
}

TEST(ParseDateFastPathTest, AgreesOnEveryByteAtEveryPosition) {
  for (const std::string base : {"2024-02-29", "2023-12-31", "0000-01-01", "9999-12-31"}) {
    for (size_t i = 0; i < base.size(); ++i) {
      for (int b = 0; b < 256; ++b) {
        std::string text = base;
        text[i] = static_cast<char>(b);
        ExpectFastAndGeneralAgree(text);
      }
    }
  }
}

TEST(ParseDateFastPathTest, AgreesOnEveryMonthAndDayOfManyYears) {
  for (int y : {0,    1,    3,    4,    99,   100,  399,  400,  1582, 1899, 1900, 1969,
                1970, 1971, 1999, 2000, 2001, 2023, 2024, 2100, 2400, 9996, 9999}) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        ExpectFastAndGeneralAgree(text);
      }
    }
  }
}

TEST(ParseDateFastPathTest, CountsEveryDayOfFourHundredYearsRight) {
  // One whole Gregorian cycle, and the first years of the calendar, where the fast path's
  // unsigned arithmetic is furthest from its general path's.
  for (const auto& [from, to] :
       {std::pair{DateFromCivil(0, 1, 1).days, DateFromCivil(4, 3, 1).days},
        std::pair{DateFromCivil(1800, 1, 1).days, DateFromCivil(2200, 1, 1).days}}) {
    for (int32_t d = from; d <= to; ++d) {
      const std::string text = Date{d}.ToString();
      const std::optional<Date> parsed = ParseDate(text);
      ASSERT_TRUE(parsed.has_value()) << text;
      ASSERT_EQ(parsed->days, d) << text;
    }
  }
}

TEST(AddMonthsTest, ClampsToTheEndOfTheNewMonth) {
  EXPECT_EQ(AddMonths(*ParseDate("2016-01-31"), 1).ToString(), "2016-02-29");
  EXPECT_EQ(AddMonths(*ParseDate("2015-01-31"), 1).ToString(), "2015-02-28");
  EXPECT_EQ(AddMonths(*ParseDate("2016-02-29"), 12).ToString(), "2017-02-28");
  EXPECT_EQ(AddMonths(*ParseDate("2016-02-29"), 48).ToString(), "2020-02-29");
  EXPECT_EQ(AddMonths(*ParseDate("2016-03-31"), -1).ToString(), "2016-02-29");
  EXPECT_EQ(AddMonths(*ParseDate("2015-12-15"), 2).ToString(), "2016-02-15");
  EXPECT_EQ(AddMonths(*ParseDate("2016-05-10"), -120).ToString(), "2006-05-10");
}

// The fast path against the general one, for every day of one whole 400-year cycle and of
// the calendar's first and last years, moved by every number of months that the pack's
// durations and much larger ones give, forwards and back, into years before 0 and after 9999.
TEST(AddMonthsTest, FastPathAgreesWithTheGeneralOneOnEveryDay) {
  const int kMonths[] = {0,     1,    -1,    2,     6,      -6,    11,    12,   -12,
                         13,    24,   36,    59,    60,     -60,   120,   -120, 1200,
                         -1200, 4799, -4800, 59999, -59999, 60000, -60000};
  for (const auto& [from, to] :
       {std::pair{DateFromCivil(-2, 1, 1).days, DateFromCivil(4, 3, 1).days},
        std::pair{DateFromCivil(1800, 1, 1).days, DateFromCivil(2200, 1, 1).days},
        std::pair{DateFromCivil(9995, 1, 1).days, DateFromCivil(10001, 1, 1).days}}) {
    for (int32_t d = from; d <= to; ++d) {
      for (int months : kMonths) {
        ASSERT_EQ(AddMonths(Date{d}, months), AddMonthsGeneral(Date{d}, months))
            << Date{d}.ToString() << " + " << months << " months";
      }
    }
  }
}

}  // namespace
}  // namespace forcecheck
