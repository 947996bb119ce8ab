#pragma once

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01 so that comparison
// and day arithmetic are integer operations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace forcecheck {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  auto operator<=>(const Date&) const = default;
  std::string ToString() const;  // YYYY-MM-DD
};

// The dates a four-digit year can write, 0000-01-01 to 9999-12-31 (limits::kFirstYear and
// kLastYear): every Date forcecheck makes lies between them, so day arithmetic on two of them
// cannot overflow.
inline constexpr Date kFirstDate{-719'528};
inline constexpr Date kLastDate{2'932'896};

// Parses exactly "YYYY-MM-DD" with a real month and day; nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
// ParseDate's general path, without its fast path for the canonical form (which reads eight
// bytes at a time): the two must agree on every input, and tests compare them.
std::optional<Date> ParseDateGeneral(std::string_view text);

Date DateFromCivil(int year, unsigned month, unsigned day);

struct Civil {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};
Civil CivilFromDate(Date d);
unsigned DaysInMonth(int year, unsigned month);

// `d` moved by `months` calendar months, its day of the month kept or, past the end of the
// new month, clamped to it (2016-01-31 + 1 month is 2016-02-29).
Date AddMonths(Date d, int months);
// AddMonths by the civil date and back, without its fast path for years 0 to 9999 (which
// counts in unsigned arithmetic from 1 March): the two must agree, and tests compare them.
Date AddMonthsGeneral(Date d, int months);

}  // namespace forcecheck
