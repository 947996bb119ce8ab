#pragma once

// Small text helpers every stage may use: the one rule for a name (the rule language's
// identifier, which pack, register, column, parameter and evidence keys follow too) and joins.

#include <string>
#include <string_view>
#include <vector>

namespace forcecheck {

// A name: an ASCII letter or '_', then letters, digits and '_' (no other byte, so no locale
// can change the answer). The lexer reads identifiers by these rules.
constexpr bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }
bool IsIdentifier(std::string_view s);

// `parts` with `separator` between each two: Join({"a", "b"}, ", ") is "a, b".
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// The text of each item of `items`, as `text(item)` gives it, with `separator` between each
// two; an item whose text is empty is left out, separator and all.
template <typename Range, typename TextOf>
std::string JoinNonEmpty(const Range& items, std::string_view separator, TextOf text) {
  std::string out;
  for (const auto& item : items) {
    const std::string part = text(item);
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// A list in prose: "a", "a or b", "a, b or c" (with `last` "or").
std::string JoinWords(const std::vector<std::string>& words, std::string_view last);

}  // namespace forcecheck
