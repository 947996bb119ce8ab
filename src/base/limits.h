#pragma once

// The largest inputs forcecheck accepts: one table, read by the code that enforces each limit,
// by `forcecheck --help`'s reference and by docs/formats.md (a test keeps that page's table
// equal to this one). Every limit is refused with a located error that names it, never by a
// crash, a hang or a silent truncation; each is tested at its value and one past it.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace forcecheck::limits {

// Files.
inline constexpr size_t kRegisterFileBytes = size_t{256} << 20;  // a register CSV
inline constexpr size_t kYamlFileBytes = size_t{4} << 20;        // evidence, rules, params, tests

// YAML documents (counted before a document tree is built, aliases as they expand).
inline constexpr size_t kYamlNodes = 250'000;
inline constexpr int kYamlDepth = 64;
inline constexpr size_t kYamlAliases = 1'000;
inline constexpr size_t kYamlScalarBytes = size_t{1} << 20;

// Registers.
inline constexpr size_t kRegisterColumns = 1'000;
inline constexpr size_t kRegisterFieldBytes = size_t{64} << 10;

// Numbers and dates, in evidence, registers and expressions: integers are exact up to 2^53;
// a magnitude beyond 10^15 is refused rather than rounded.
inline constexpr double kNumberMagnitude = 1e15;
// Dates are written YYYY-MM-DD, so their years run from 0000 to 9999; date arithmetic whose
// result falls outside is an error, not a wrapped-around date.
inline constexpr int kFirstYear = 0;
inline constexpr int kLastYear = 9999;
// A duration literal covers at most the whole range of dates: 10,000 years, or as many days
// (25 whole 400-year cycles of 146,097), weeks or months.
inline constexpr int kDurationYears = 10'000;
constexpr int64_t MostDurationUnits(char unit) {
  switch (unit) {
    case 'd': return int64_t{kDurationYears} / 400 * 146'097;
    case 'w': return int64_t{kDurationYears} / 400 * 146'097 / 7;
    case 'm': return int64_t{kDurationYears} * 12;
    default: return kDurationYears;
  }
}

// Expressions.
inline constexpr size_t kExpressionBytes = size_t{64} << 10;
inline constexpr int kExpressionDepth = 128;
inline constexpr size_t kIdentifierBytes = 256;

struct Limit {
  std::string_view name;  // as docs/formats.md and the error messages name it
  double value;
  std::string_view unit;
  std::string_view what;
};

inline constexpr Limit kTable[] = {
    {"register file", static_cast<double>(kRegisterFileBytes), "bytes", "a register CSV file"},
    {"YAML file", static_cast<double>(kYamlFileBytes), "bytes",
     "an evidence, rule, pack, parameters or rule-test file"},
    {"YAML nodes", static_cast<double>(kYamlNodes), "nodes",
     "scalars, sequences and mappings in one YAML file, each alias counted as the nodes it expands "
     "to"},
    {"YAML depth", kYamlDepth, "levels", "sequences and mappings nested in one another"},
    {"YAML aliases", static_cast<double>(kYamlAliases), "aliases",
     "aliases (*name) in one YAML file"},
    {"YAML scalar", static_cast<double>(kYamlScalarBytes), "bytes", "one YAML value"},
    {"register columns", static_cast<double>(kRegisterColumns), "columns",
     "columns in a register's header"},
    {"register field", static_cast<double>(kRegisterFieldBytes), "bytes", "one CSV field"},
    {"number magnitude", kNumberMagnitude, "",
     "the absolute value of a number in evidence, a register or an expression"},
    {"first year", kFirstYear, "",
     "the earliest year of a date, in evidence, a register or date arithmetic"},
    {"last year", kLastYear, "",
     "the latest year of a date, in evidence, a register or date arithmetic"},
    {"duration", kDurationYears, "years",
     "a duration literal: at most 3652425d, 521775w, 120000mo or 10000y"},
    {"expression", static_cast<double>(kExpressionBytes), "bytes", "one rule expression"},
    {"expression depth", kExpressionDepth, "levels", "operators and calls nested in one another"},
    {"identifier", static_cast<double>(kIdentifierBytes), "bytes", "one name in an expression"},
};

}  // namespace forcecheck::limits
