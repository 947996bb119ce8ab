// EvalState: hash indexes on register columns, built on first use (see evaluator.h).

#include <algorithm>
#include <optional>

#include "expr/evaluator.h"
#include "expr/operators.h"
#include "expr/row_program.h"

namespace forcecheck::expr {

// A hash index on one register column, in about 12 bytes a record: an open-addressing table
// of each distinct value's first row, and a chain linking each row to the next row with the
// same value. Empty cells are listed apart.
struct EvalState::ColumnIndex {
  static constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> slots;  // size a power of two; kNone or the first row of a value
  std::vector<uint32_t> next;   // per row: the next row with the same value, or kNone
  std::vector<uint32_t> empty;  // rows whose cell is empty
};

namespace {

// The hash of a present cell, and of a key value of the column's type.
size_t CellHash(const Register& reg, size_t column, uint32_t row) {
  const RegisterColumn& c = reg.columns[column];
  switch (c.type) {
    case ColumnType::kText: return std::hash<std::string_view>()(reg.Text(column, row));
    case ColumnType::kNumber: return std::hash<double>()(c.numbers[row]);
    case ColumnType::kDate: return std::hash<int32_t>()(c.dates[row]);
    case ColumnType::kBool: return c.flags[row];
  }
  return 0;
}

std::optional<size_t> KeyHash(ColumnType type, const Value& key) {
  switch (type) {
    case ColumnType::kText:
      if (key.kind() != Kind::kText) return std::nullopt;
      return std::hash<std::string_view>()(key.text());
    case ColumnType::kNumber:
      if (key.kind() != Kind::kNumber) return std::nullopt;
      return std::hash<double>()(key.number());
    case ColumnType::kDate:
      if (key.kind() != Kind::kDate) return std::nullopt;
      return std::hash<int32_t>()(key.date().days);
    case ColumnType::kBool:
      if (key.kind() != Kind::kBool) return std::nullopt;
      return static_cast<size_t>(key.boolean());
  }
  return std::nullopt;
}

// A filled cell, as the operators read it (operators.h).
Cell FilledCell(const Register& reg, size_t column, uint32_t row) {
  return ReadCell(reg, static_cast<int>(column), row, [] { return Cell::Bad(); });
}

// Whether a filled cell is equal, as `==` says, to `key` (REQUIRES: of the column's kind, as
// KeyHash checks) or to another filled cell of the column.
bool CellEquals(const Register& reg, size_t column, uint32_t row, const Value& key) {
  return Equal(FilledCell(reg, column, row), key);
}

bool CellsEqual(const Register& reg, size_t column, uint32_t a, uint32_t b) {
  return Equal(FilledCell(reg, column, a), FilledCell(reg, column, b));
}

}  // namespace

EvalState::EvalState() = default;
EvalState::~EvalState() = default;

const EvalState::ColumnIndex& EvalState::Index(const Register& reg, int column) {
  auto& slot = indexes_[{&reg, column}];
  if (slot) return *slot;
  slot = std::make_unique<ColumnIndex>();
  ColumnIndex& ix = *slot;
  const size_t col = static_cast<size_t>(column);
  const uint32_t rows = static_cast<uint32_t>(reg.rows());
  size_t size = 16;
  while (size < 2 * static_cast<size_t>(rows)) size *= 2;
  ix.slots.assign(size, ColumnIndex::kNone);
  ix.next.assign(rows, ColumnIndex::kNone);
  for (uint32_t r = rows; r-- > 0;) {  // backwards, so each row is prepended to its chain
    if (!reg.columns[col].present[r]) {
      ix.empty.push_back(r);
      continue;
    }
    size_t h = CellHash(reg, col, r) & (size - 1);
    while (ix.slots[h] != ColumnIndex::kNone && !CellsEqual(reg, col, ix.slots[h], r))
      h = (h + 1) & (size - 1);
    ix.next[r] = ix.slots[h];
    ix.slots[h] = r;
  }
  std::reverse(ix.empty.begin(), ix.empty.end());
  return ix;
}

bool EvalState::Rows(const Register& reg, int column, const Value& key, bool with_empty,
                     std::vector<uint32_t>& out) {
  const size_t col = static_cast<size_t>(column);
  std::optional<size_t> hash = KeyHash(reg.columns[col].type, key);
  if (!hash) return false;
  const ColumnIndex& ix = Index(reg, column);
  const size_t mask = ix.slots.size() - 1;
  // The rows holding `key`, in file order (each chain runs forwards through the file).
  auto equal = [&](std::vector<uint32_t>& to) {
    for (size_t h = *hash & mask; ix.slots[h] != ColumnIndex::kNone; h = (h + 1) & mask) {
      if (!CellEquals(reg, col, ix.slots[h], key)) continue;
      for (uint32_t r = ix.slots[h]; r != ColumnIndex::kNone; r = ix.next[r]) to.push_back(r);
      break;
    }
  };
  if (!with_empty || ix.empty.empty()) {
    equal(out);
  } else {
    std::vector<uint32_t> rows;
    equal(rows);
    std::merge(rows.begin(), rows.end(), ix.empty.begin(), ix.empty.end(), std::back_inserter(out));
  }
  return true;
}

}  // namespace forcecheck::expr
