#include "evidence/register.h"

namespace forcecheck {

const char* ColumnTypeName(ColumnType t) {
  switch (t) {
    case ColumnType::kText: return "text";
    case ColumnType::kNumber: return "number";
    case ColumnType::kDate: return "date";
    case ColumnType::kBool: return "boolean";
  }
  return "text";
}

std::optional<ColumnType> ParseColumnType(std::string_view name) {
  if (name == "text") return ColumnType::kText;
  if (name == "number") return ColumnType::kNumber;
  if (name == "date") return ColumnType::kDate;
  if (name == "boolean") return ColumnType::kBool;
  return std::nullopt;
}

int RegisterSpec::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace forcecheck
