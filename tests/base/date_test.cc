#include "base/date.h"

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

INSTANTIATE_TEST_SUITE_P(
    Invalid, ParseDateRejectsTest,
    ::testing::Values("", "2016-3-31", "2016-03-1", "16-03-31", "2016/03/31", "2016-03-31 ",
                      " 2016-03-31", "2016-03-31T00", "2016-0a-31", "201x-03-31", "2016-00-10",
                      "2016-13-01", "2016-01-00", "2016-01-32", "2016-04-31", "2015-02-29",
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

}  // namespace
}  // namespace forcecheck
