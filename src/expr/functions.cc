#include "expr/functions.h"

#include <algorithm>

namespace forcecheck::expr {
namespace {

Value Len(std::span<const Value> a, const CallContext& ctx) {
  if (a[0].is_collection()) return Value::Number(static_cast<double>(a[0].CollectionSize()));
  if (a[0].kind() == Value::Kind::kText) {  // characters: UTF-8 bytes that do not continue one
    size_t n = 0;
    for (unsigned char c : a[0].text()) n += (c & 0xC0) != 0x80;
    return Value::Number(static_cast<double>(n));
  }
  return Value::Error(std::string("len() needs a list or text, not ") + a[0].KindName(),
                      ctx.offset);
}

Value Contains(std::span<const Value> a, const CallContext& ctx) {
  if (a[0].kind() != Value::Kind::kList) {
    return Value::Error(std::string("contains() needs a list, not ") + a[0].KindName(), ctx.offset);
  }
  for (const Value& v : a[0].items()) {
    if (v.kind() == a[1].kind() && v.Equals(a[1])) return Value::Bool(true);
  }
  return Value::Bool(false);
}

Value DaysBetween(std::span<const Value> a, const CallContext&) {
  return Value::Number(static_cast<double>(a[1].date().days - a[0].date().days));
}

Value AsOf(std::span<const Value>, const CallContext& ctx) { return Value::DateValue(ctx.as_of); }

template <bool kMin>
Value Extreme(std::span<const Value> a, const CallContext&) {
  double best = a[0].number();
  for (const Value& v : a) best = kMin ? std::min(best, v.number()) : std::max(best, v.number());
  return Value::Number(best);
}

const std::vector<Function>& Table() {
  using A = Aggregate;
  // Aggregates: f(C) or f(C, E) where E is evaluated for each element of C with its columns
  // (or fields, or `group`/`key`) in scope.
  // One function a row, its summary below it:
  // clang-format off
  static const std::vector<Function> kTable = {
      {"all", 2, 2, {Type::kAny, Type::kBool}, Type::kBool, false, nullptr, {"all(C, condition)"},
       "true when every element meets the condition; three-valued: one false decides", A::kAll},
      {"any", 1, 2, {Type::kAny, Type::kBool}, Type::kBool, false, nullptr, {"any(C)", "any(C, condition)"},
       "true when some element (meeting the condition) exists; three-valued: one true decides", A::kAny},
      {"as_of", 0, 0, {}, Type::kDate, false, AsOf, {"as_of()"},
       "the date the evidence is as of (or --as-of)"},
      {"avg", 2, 2, {Type::kAny, Type::kNumber}, Type::kNumber, false, nullptr, {"avg(C, value)"},
       "the mean of the value over the elements", A::kAvg},
      {"contains", 2, 2, {Type::kList, Type::kAny}, Type::kBool, false, Contains, {"contains(list, x)"},
       "true when the list holds x"},
      {"count", 1, 2, {Type::kAny, Type::kBool}, Type::kNumber, false, nullptr, {"count(C)", "count(C, condition)"},
       "how many elements there are (that meet the condition)", A::kCount},
      {"days_between", 2, 2, {Type::kDate, Type::kDate}, Type::kNumber, false, DaysBetween, {"days_between(a, b)"},
       "whole days from date a to date b"},
      {"distinct", 2, 2, {Type::kAny, Type::kAny}, Type::kList, false, nullptr, {"distinct(C, value)"},
       "the different values, sorted", A::kDistinct},
      {"exists", 1, 1, {Type::kAny}, Type::kBool, true, nullptr, {"exists(path)"},
       "true when the path (or column) is present and not null"},
      {"filter", 2, 2, {Type::kAny, Type::kBool}, Type::kAny, false, nullptr, {"filter(C, condition)"},
       "the elements meeting the condition: the same as C where condition", A::kFilter},
      {"len", 1, 1, {Type::kAny}, Type::kNumber, false, Len, {"len(x)"},
       "the number of items in a list, or of characters in text"},
      {"max", 1, kVariadic, {Type::kNumber}, Type::kNumber, false, Extreme<false>, {"max(a, b, ...)", "max(C, value)"},
       "the largest of the numbers, or of the value over the elements", A::kMax, true},
      {"min", 1, kVariadic, {Type::kNumber}, Type::kNumber, false, Extreme<true>, {"min(a, b, ...)", "min(C, value)"},
       "the smallest of the numbers, or of the value over the elements", A::kMin, true},
      {"pct", 2, 2, {Type::kAny, Type::kBool}, Type::kNumber, false, nullptr, {"pct(C, condition)"},
       "the percentage (0-100) of elements meeting the condition; unknown for an empty collection", A::kPct},
      {"sum", 2, 2, {Type::kAny, Type::kNumber}, Type::kNumber, false, nullptr, {"sum(C, value)"},
       "the total of the value over the elements", A::kSum},
  };
  // clang-format on
  return kTable;
}

}  // namespace

const std::vector<Function>& AllFunctions() { return Table(); }

std::string SignatureText(const Function& f) {
  std::string text;
  for (std::string_view s : f.signatures) text += (text.empty() ? "" : ", ") + std::string(s);
  return text;
}

const Function* FindFunction(std::string_view name) {
  for (const Function& f : Table()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace forcecheck::expr
