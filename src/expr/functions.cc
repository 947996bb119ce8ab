#include "expr/functions.h"

#include <algorithm>

namespace forcecheck::expr {
namespace {

Value Len(std::span<const Value> a, const CallContext& ctx) {
  if (a[0].kind() == Value::Kind::kList) return Value::Number(static_cast<double>(a[0].items().size()));
  if (a[0].kind() == Value::Kind::kText) return Value::Number(static_cast<double>(a[0].text().size()));
  return Value::Error(std::string("len() needs a list or text, not ") + a[0].KindName(), ctx.offset);
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
  static const std::vector<Function> kTable = {
      {"as_of", 0, 0, {}, Type::kDate, false, AsOf,
       "the date the evidence is as of (or --as-of)"},
      {"contains", 2, 2, {Type::kList, Type::kAny}, Type::kBool, false, Contains,
       "true when the list holds the value"},
      {"days_between", 2, 2, {Type::kDate, Type::kDate}, Type::kNumber, false, DaysBetween,
       "whole days from the first date to the second"},
      {"exists", 1, 1, {Type::kAny}, Type::kBool, true, nullptr,
       "true when the path is present in the evidence and not null"},
      {"len", 1, 1, {Type::kAny}, Type::kNumber, false, Len,
       "the number of items in a list or characters in text"},
      {"max", 1, kVariadic, {Type::kNumber}, Type::kNumber, false, Extreme<false>,
       "the largest of its numbers"},
      {"min", 1, kVariadic, {Type::kNumber}, Type::kNumber, false, Extreme<true>,
       "the smallest of its numbers"},
  };
  return kTable;
}

}  // namespace

const std::vector<Function>& AllFunctions() { return Table(); }

const Function* FindFunction(std::string_view name) {
  for (const Function& f : Table()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace forcecheck::expr
