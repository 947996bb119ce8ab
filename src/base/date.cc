#include "base/date.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <cstring>

namespace forcecheck {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days from March 1 to the first of month `m` (1..12), March-based years putting the leap day
// last: the doy term of DateFromCivil, as a table.
constexpr std::array<unsigned, 13> kDaysFromMarch = [] {
  std::array<unsigned, 13> t{};
  for (unsigned m = 1; m <= 12; ++m) t[m] = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
  return t;
}();

// ParseDate's fast path, on little-endian machines: checks and reads "YYYY-MM-" as one
// eight-byte word rather than byte by byte, and counts the days with unsigned arithmetic,
// which the four-digit year allows. Returns nullopt for anything it does not accept, and then
// the general path decides.
std::optional<Date> ParseCanonicalDate(std::string_view t) {
  if constexpr (std::endian::native != std::endian::little) return std::nullopt;
  if (t.size() != 10) return std::nullopt;
  // XORed with "0000-00-", each digit's byte becomes its value and each dash's 0. Adding 0x76
  // to a digit's byte (0x7F to a dash's) then leaves its top bit clear just when it is in
  // range. No byte carries into the next unless some byte already had its top bit set, which
  // fails the test anyway.
  uint64_t w;  // byte 0 lowest
  std::memcpy(&w, t.data(), 8);
  const uint64_t x = w ^ 0x2D30302D30303030;
  if (((x + 0x7F76767F76767676) | x) & 0x8080808080808080) return std::nullopt;
  const unsigned d1 = static_cast<unsigned>(static_cast<unsigned char>(t[8])) - '0';
  const unsigned d2 = static_cast<unsigned>(static_cast<unsigned char>(t[9])) - '0';
  if (d1 > 9 || d2 > 9) return std::nullopt;
  // Byte i of `pairs` is the number written by digits i and i + 1 (at most 99: no carries).
  const uint64_t pairs = x * 10 + (x >> 8);
  const unsigned y =
      static_cast<unsigned>(pairs & 0xFF) * 100 + static_cast<unsigned>((pairs >> 16) & 0xFF);
  const unsigned m = static_cast<unsigned>((pairs >> 40) & 0xFF), d = d1 * 10 + d2;
  // The month's length, with 29 for February, and only a 29 February asks about leap years.
  static constexpr unsigned char kLongest[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kLongest[m]) return std::nullopt;
  if (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))) return std::nullopt;
  // As DateFromCivil, with the March-based year moved on 400 years (one whole cycle of
  // 146097 days) so that it is never negative, not even for January 0000.
  const unsigned year = y + 400 - (m <= 2);
  const unsigned days = year * 365 + year / 4 - year / 100 + year / 400 + kDaysFromMarch[m] + d - 1;
  return Date{static_cast<int32_t>(days) - 719468 - 146097};
}

}  // namespace

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days from a civil date by the well-known era/day-of-era arithmetic (400-year cycles).
Date DateFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int32_t>(doe) - 719468};
}

Civil CivilFromDate(Date date) {
  int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return {y, m, d};
}

Date AddMonthsGeneral(Date d, int months) {
  const Civil c = CivilFromDate(d);
  const int index = months + (c.year * 12 + static_cast<int>(c.month) - 1);
  const int y = index >= 0 ? index / 12 : -((11 - index) / 12);  // rounded down, before year 0 too
  const unsigned m = static_cast<unsigned>(index - 12 * y + 1);
  return DateFromCivil(y, m, std::min(c.day, DaysInMonth(y, m)));
}

Date AddMonths(Date d, int months) {
  // Days and months counted from 0000-03-01, so that the leap day ends a year. Dates from
  // then to 9999-12-31, moved by less than 5,000 years, stay in unsigned range.
  constexpr int kFrom = 719468;  // days from 0000-03-01 to 1970-01-01
  if (d.days < -kFrom || d.days > 2932896 || months <= -60000 || months >= 60000) {
    return AddMonthsGeneral(d, months);
  }
  const auto z = static_cast<unsigned>(d.days + kFrom);
  const unsigned era = z / 146097, doe = z % 146097;
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;  // 0: March ... 11: February
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const int index = static_cast<int>((era * 400 + yoe) * 12 + mp) + months;
  if (index < 0) return AddMonthsGeneral(d, months);
  const unsigned year = static_cast<unsigned>(index) / 12, mp2 = static_cast<unsigned>(index) % 12;
  const unsigned month = mp2 < 10 ? mp2 + 3 : mp2 - 9;
  const unsigned last = DaysInMonth(static_cast<int>(year + (month <= 2)), month);
  const unsigned doy2 = (153 * mp2 + 2) / 5 + std::min(day, last) - 1;
  const unsigned doe2 = (year % 400) * 365 + (year % 400) / 4 - (year % 400) / 100 + doy2;
  return Date{static_cast<int32_t>((year / 400) * 146097 + doe2) - kFrom};
}

std::string Date::ToString() const {
  const Civil c = CivilFromDate(*this);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

std::optional<Date> ParseDate(std::string_view t) {
  if (std::optional<Date> d = ParseCanonicalDate(t)) return d;
  return ParseDateGeneral(t);
}

std::optional<Date> ParseDateGeneral(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  int y = num(0, 4);
  unsigned m = static_cast<unsigned>(num(5, 2)), d = static_cast<unsigned>(num(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DateFromCivil(y, m, d);
}

}  // namespace forcecheck
