#include "base/limits.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// docs/formats.md's "## Limits" table is base/limits.h's kTable, row for row: name, value with
// its unit. A limit added to kTable without a row (or a row left behind) fails here, and the
// failure prints the rows the table should hold.

namespace forcecheck {
namespace {

// 16777216 -> "16,777,216"; the unit follows after a space when there is one.
std::string ValueCell(const limits::Limit& l) {
  std::string digits = std::to_string(static_cast<long long>(l.value));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<size_t>(i), ",");
  return l.unit.empty() ? digits : digits + " " + std::string(l.unit);
}

std::vector<std::string> Cells(const std::string& row) {
  std::vector<std::string> cells;
  std::stringstream ss(row.substr(1));  // after the leading '|'
  for (std::string cell; std::getline(ss, cell, '|');) {
    const size_t b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
    cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
  }
  return cells;
}

// "name | value" for each row of the section's table, header and rule line left out.
std::vector<std::string> DocumentedLimits() {
  std::ifstream in(std::string(FORCECHECK_SOURCE_DIR) + "/docs/formats.md");
  std::vector<std::string> rows;
  bool in_section = false;
  int table_line = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Limits";
    if (!in_section || line.rfind('|', 0) != 0) continue;
    if (++table_line <= 2) continue;
    const std::vector<std::string> cells = Cells(line);
    rows.push_back(cells.at(0) + " | " + (cells.size() > 1 ? cells[1] : ""));
  }
  return rows;
}

TEST(LimitsTest, DocumentedInFormatsMdAsInTheTable) {
  std::vector<std::string> expected;
  std::string table;
  for (const limits::Limit& l : limits::kTable) {
    expected.push_back(std::string(l.name) + " | " + ValueCell(l));
    table +=
        "| " + std::string(l.name) + " | " + ValueCell(l) + " | " + std::string(l.what) + " |\n";
  }
  EXPECT_EQ(DocumentedLimits(), expected)
      << "docs/formats.md's \"## Limits\" table must list src/base/limits.h's kTable:\n"
      << "| limit | value | applies to |\n|---|---|---|\n"
      << table;
}

TEST(LimitsTest, ValuesAreWholeNumbers) {  // as the table writes them
  for (const limits::Limit& l : limits::kTable) {
    EXPECT_EQ(l.value, static_cast<double>(static_cast<long long>(l.value))) << l.name;
  }
}

}  // namespace
}  // namespace forcecheck
