#pragma once

// Registers: record-level evidence (vetting, gifts and hospitality, business interests,
// expenses, procurement, appraisals, misconduct cases...) kept by a force as CSV files.
//
// A RegisterSpec, declared in the rule pack, names a register's columns and their types, so a
// rule can be checked against it before any evidence is read and a wrong value in a file is
// an error at its line and column, not a silent miss. A Register holds one loaded file,
// column by column, so that scanning a million records touches only the columns a rule reads.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/enum_names.h"
#include "diag/diagnostic.h"

namespace forcecheck {

enum class ColumnType { kText, kNumber, kDate, kBool };
inline constexpr EnumName<ColumnType> kColumnTypes[] = {{ColumnType::kText, "text"},
                                                        {ColumnType::kNumber, "number"},
                                                        {ColumnType::kDate, "date"},
                                                        {ColumnType::kBool, "boolean"}};
inline const char* ColumnTypeName(ColumnType t) { return NameIn(kColumnTypes, t); }
inline std::optional<ColumnType> ParseColumnType(std::string_view name) {
  return ParseIn(kColumnTypes, name);
}

struct ColumnSpec {
  std::string name;  // as in the CSV header
  ColumnType type = ColumnType::kText;
  bool required = false;  // an empty cell is an error (otherwise it is null: unknown)
  std::string description;

  bool operator==(const ColumnSpec&) const = default;
};

struct RegisterSpec {
  std::string id;  // e.g. "vetting"; rules read it as registers.vetting
  std::string title;
  std::string key;  // the column that identifies a record (person or post id)
  std::vector<ColumnSpec> columns;
  SourceLocation where;
  // Whether no records (a header alone) is a valid answer. When it is not, the default, a rule
  // that reads the register when it has no records is not assessed: "every record meets X"
  // over no records would otherwise pass on an export that lost them.
  bool may_be_empty = false;

  // Index of the column called `name`, or -1.
  int ColumnIndex(std::string_view name) const;
  bool operator==(const RegisterSpec&) const = default;
};

// Where a text cell's bytes are in Register::data (8 bytes rather than a 16-byte view: a
// register of a million records keeps several million of these).
struct TextRef {
  uint32_t offset = 0;
  uint32_t length = 0;
};

// One column of a loaded register. Only the vector for the column's type is filled; `present`
// is 0 where the cell was empty (null).
struct RegisterColumn {
  ColumnType type = ColumnType::kText;
  std::vector<uint8_t> present;
  std::vector<double> numbers;
  std::vector<int32_t> dates;  // days since 1970-01-01
  std::vector<uint8_t> flags;
  std::vector<TextRef> texts;
};

// Move-only: a register can be large, and nothing needs two copies of one.
struct Register {
  Register() = default;
  Register(Register&&) = default;
  Register& operator=(Register&&) = default;
  Register(const Register&) = delete;
  Register& operator=(const Register&) = delete;

  const RegisterSpec* spec = nullptr;  // points into the rule pack
  std::string file;                    // as the user will see it (relative to the working dir)
  // The file's bytes; text cells point into it. A quoted cell holding doubled quotes is
  // rewritten in place, undoubled, so every text cell is one run of these bytes.
  std::unique_ptr<std::string> data;
  std::vector<uint32_t> lines;          // 1-based line of each record in `file`
  std::vector<RegisterColumn> columns;  // in spec order
  bool synthetic = false;

  size_t rows() const { return lines.size(); }
  // REQUIRES: `column` is a text column and the cell is present.
  std::string_view Text(size_t column, uint32_t row) const {
    const TextRef& t = columns[column].texts[row];
    return std::string_view(data->data() + t.offset, t.length);
  }
};

}  // namespace forcecheck
