#pragma once

// One table of names per enumeration that is printed or read: the enumeration's header keeps
// it beside the enum, and its Name and Parse functions, its list for messages and the loaders'
// "unknown value" error (UnknownValue, base/spelling.h) all read that table, so the names
// cannot drift apart.
//
//   enum class Severity { kInfo, kLow };
//   inline constexpr EnumName<Severity> kSeverityNames[] = {{Severity::kInfo, "info"}, ...};

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace forcecheck {

template <typename E>
struct EnumName {
  E value;
  const char* name;  // as written in files and printed
};

// The name of `value`. REQUIRES: the table names every value (each table's test checks).
template <typename E, size_t N>
constexpr const char* NameIn(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return table[0].name;
}

// The value named exactly `name` (case counts), or nullopt.
template <typename E, size_t N>
constexpr std::optional<E> ParseIn(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& entry : table) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

// Every name, in the table's order.
template <typename E, size_t N>
std::vector<std::string> NamesIn(const EnumName<E> (&table)[N]) {
  std::vector<std::string> names;
  for (const EnumName<E>& entry : table) names.emplace_back(entry.name);
  return names;
}

}  // namespace forcecheck
