#pragma once

// The rule language's operators and its reading of a register cell, written once for its three
// engines: the tree evaluator (evaluator.cc), and the row program run a record at a time
// (RowProgram::Run, row_program.cc) or a block of records at a time (RunBlock, row_block.cc).
//
// A binary operator is looked up by the kinds of its operands (Resolve), as cel-cpp's standard
// library registers each overload of an operator once for all of its evaluators. Each overload
// is then a plain function on the representation of its operands' kinds: double, Date,
// std::string_view, bool, a duration's amount and unit. The engines that hold one value at a
// time, Value and Cell (which share the accessors of an Operand, below), run an operator through
// Apply; the block engine resolves it once for a block, whose values are all of one kind, and
// runs the plain function over arrays. What an engine adds is only how it holds values and what
// it says when an operator gives no value (a Fault): the evaluator's error messages, or for a
// compiled engine a record left to the evaluator.
//
// `and` and `or` (three-valued logic over unknown and error values, which only the evaluator
// holds) stay in the engines; dates move through the calendar by AddDuration (value.h).

#include <concepts>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include "base/date.h"
#include "evidence/register.h"
#include "expr/ast.h"
#include "expr/value.h"

namespace forcecheck::expr {

using Kind = Value::Kind;

// ---- the table: which operands each operator takes -----------------------------------------

// How a binary operator other than `and`, `or` and `in` applies to operands of two kinds.
enum class Overload : uint8_t {
  kNone,         // it takes no operands of these kinds
  kEqual,        // ==, != on two values of one kind: a boolean
  kOrder,        // <, <=, >, >= on two numbers, two dates or two texts: a boolean
  kNumbers,      // +, -, *, / on two numbers: a number (none for a division by zero)
  kShiftDate,    // date + duration, date - duration: a date (none outside kFirstDate..kLastDate)
  kDaysBetween,  // date - date: the days from the right one to the left one, a number
};

// Why an operator gives no value.
enum class Fault : uint8_t {
  kKinds,           // it takes no operands of these kinds (Overload::kNone)
  kDivisionByZero,  // x / 0
  kOutsideDates,    // a date moved before kFirstDate or after kLastDate
};

constexpr bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt ||
         op == Op::kGe;
}

// Kinds whose values == and != compare: every decided kind but sections and register records
// or groups, which have no value to compare.
constexpr bool Equatable(Kind k) {
  return k == Kind::kBool || k == Kind::kNumber || k == Kind::kText || k == Kind::kDate ||
         k == Kind::kDuration || k == Kind::kList;
}

// The overload of `op` for operands of kinds `l` and `r` (kError, as an undecided Cell has,
// takes no overload).
constexpr Overload Resolve(Op op, Kind l, Kind r) {
  switch (op) {
    case Op::kEq:
    case Op::kNe: return l == r && Equatable(l) ? Overload::kEqual : Overload::kNone;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      return l == r && (l == Kind::kNumber || l == Kind::kDate || l == Kind::kText)
                 ? Overload::kOrder
                 : Overload::kNone;
    case Op::kAdd:
    case Op::kSub:
      if (l == Kind::kDate && r == Kind::kDuration) return Overload::kShiftDate;
      if (op == Op::kSub && l == Kind::kDate && r == Kind::kDate) return Overload::kDaysBetween;
      [[fallthrough]];
    case Op::kMul:
    case Op::kDiv:
      return l == Kind::kNumber && r == Kind::kNumber ? Overload::kNumbers : Overload::kNone;
    default: return Overload::kNone;
  }
}

// The one kind a unary operator takes, and gives: `not` a boolean, `-` a number.
constexpr Kind OperandKind(Op unary) { return unary == Op::kNot ? Kind::kBool : Kind::kNumber; }

// The kind of value a register column holds.
constexpr Kind KindOf(ColumnType t) {
  switch (t) {
    case ColumnType::kText: return Kind::kText;
    case ColumnType::kNumber: return Kind::kNumber;
    case ColumnType::kDate: return Kind::kDate;
    case ColumnType::kBool: return Kind::kBool;
  }
  return Kind::kError;
}

// ---- the overloads, on the representation of each kind --------------------------------------

// -1, 0 or 1 as `a` comes before, level with or after `b`. Numbers that are not ordered either
// way (NaN) are level. Texts are ordered by their bytes; false comes before true (booleans are
// ordered only to sort them: no operator orders them).
constexpr int Order(double a, double b) { return a < b ? -1 : static_cast<int>(a > b); }
constexpr int Order(Date a, Date b) { return a < b ? -1 : static_cast<int>(a > b); }
constexpr int Order(std::string_view a, std::string_view b) {
  const int c = a.compare(b);
  return c < 0 ? -1 : static_cast<int>(c > 0);
}
constexpr int Order(bool a, bool b) { return static_cast<int>(a) - static_cast<int>(b); }
int Order(int32_t, int32_t) = delete;  // a date's days: wrap them in a Date

constexpr bool Equal(double a, double b) { return a == b; }
constexpr bool Equal(Date a, Date b) { return a == b; }
constexpr bool Equal(bool a, bool b) { return a == b; }
// The texts rules compare are mostly a few bytes (levels, flags, codes), for which a call to
// memcmp costs more than the comparison.
constexpr bool Equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.size() > 16) return a == b;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}
bool Equal(int32_t, int32_t) = delete;  // a date's days: wrap them in a Date
// Durations are equal when written alike: 12mo is not 1y.
constexpr bool EqualDurations(int a_amount, char a_unit, int b_amount, char b_unit) {
  return a_amount == b_amount && a_unit == b_unit;
}

// Whether `order`, as Order gives it, satisfies the ordering operator `op` (<, <=, >, >=).
template <Op op>
constexpr bool Holds(int order) {
  if constexpr (op == Op::kLt) return order < 0;
  if constexpr (op == Op::kLe) return order <= 0;
  if constexpr (op == Op::kGt) return order > 0;
  return order >= 0;
}
constexpr bool Holds(Op op, int order) {
  switch (op) {
    case Op::kLt: return Holds<Op::kLt>(order);
    case Op::kLe: return Holds<Op::kLe>(order);
    case Op::kGt: return Holds<Op::kGt>(order);
    default: return Holds<Op::kGe>(order);
  }
}

// l op r for two numbers and op +, -, * or /; 0 for a division by zero, which gives no value
// (DividesByZero says when).
template <Op op>
constexpr double Numbers(double l, double r) {
  if constexpr (op == Op::kAdd) return l + r;
  if constexpr (op == Op::kSub) return l - r;
  if constexpr (op == Op::kMul) return l * r;
  return r == 0 ? 0 : l / r;
}
constexpr double Numbers(Op op, double l, double r) {
  switch (op) {
    case Op::kAdd: return Numbers<Op::kAdd>(l, r);
    case Op::kSub: return Numbers<Op::kSub>(l, r);
    case Op::kMul: return Numbers<Op::kMul>(l, r);
    default: return Numbers<Op::kDiv>(l, r);
  }
}
constexpr bool DividesByZero(Op op, double r) { return op == Op::kDiv && r == 0; }

// A duration's amount as `op` (+ or -) moves a date by it: backwards for -.
constexpr int Signed(Op op, int amount) { return op == Op::kSub ? -amount : amount; }

// date + duration or date - duration (op): nullopt outside the dates forcecheck represents.
inline std::optional<Date> ShiftDate(Op op, Date d, int amount, char unit) {
  return AddDuration(d, Signed(op, amount), unit);
}

constexpr double DaysBetween(Date l, Date r) { return static_cast<double>(l.days - r.days); }

// ---- the operators on one value at a time (Value or Cell) -----------------------------------

// A decided value as the engines that hold one at a time see it: its kind, and its value by
// the accessor of that kind.
template <typename V>
concept Operand = requires(const V& v) {
  { v.kind() } -> std::same_as<Kind>;
  v.boolean();
  v.number();
  v.date();
  v.text();
  v.amount();
  v.unit();
};

// a == b, REQUIRES: Resolve gives kEqual for their kinds. Lists (only Values hold them) are equal
// item by item, as Value::Equals says.
template <Operand A, Operand B>
bool Equal(const A& a, const B& b) {
  switch (a.kind()) {
    case Kind::kBool: return Equal(a.boolean(), b.boolean());
    case Kind::kNumber: return Equal(a.number(), b.number());
    case Kind::kDate: return Equal(a.date(), b.date());
    case Kind::kText: return Equal(std::string_view(a.text()), std::string_view(b.text()));
    case Kind::kDuration: return EqualDurations(a.amount(), a.unit(), b.amount(), b.unit());
    case Kind::kList:
      if constexpr (std::is_same_v<A, Value> && std::is_same_v<B, Value>) return a.Equals(b);
      return false;
    default: return false;
  }
}

// Order for two values of one kind (numbers, dates, texts or booleans; 0 for any other kind).
template <Operand A, Operand B>
int Order(const A& a, const B& b) {
  switch (a.kind()) {
    case Kind::kNumber: return Order(a.number(), b.number());
    case Kind::kDate: return Order(a.date(), b.date());
    case Kind::kText: return Order(std::string_view(a.text()), std::string_view(b.text()));
    case Kind::kBool: return Order(a.boolean(), b.boolean());
    default: return 0;
  }
}

// l op r for a comparison, REQUIRES: Resolve gives kEqual or kOrder.
template <Operand V>
bool Compare(Op op, const V& l, const V& r) {
  switch (op) {
    case Op::kEq: return Equal(l, r);
    case Op::kNe: return !Equal(l, r);
    default: return Holds(op, Order(l, r));
  }
}

// l op r for a binary operator other than `and`, `or` and `in`, on two decided values: the
// result as a V, or what fail(Fault) makes of the reason there is none.
template <Operand V, typename Fail>
V Apply(Op op, const V& l, const V& r, Fail fail) {
  switch (Resolve(op, l.kind(), r.kind())) {
    case Overload::kNone: return fail(Fault::kKinds);
    case Overload::kEqual:
    case Overload::kOrder: return V::Bool(Compare(op, l, r));
    case Overload::kShiftDate: {
      const std::optional<Date> d = ShiftDate(op, l.date(), r.amount(), r.unit());
      return d ? V::DateValue(*d) : fail(Fault::kOutsideDates);
    }
    case Overload::kDaysBetween: return V::Number(DaysBetween(l.date(), r.date()));
    case Overload::kNumbers:
      if (DividesByZero(op, r.number())) return fail(Fault::kDivisionByZero);
      return V::Number(Numbers(op, l.number(), r.number()));
  }
  return fail(Fault::kKinds);
}

// `not v` or `-v` on a decided value.
template <Operand V, typename Fail>
V ApplyUnary(Op op, const V& v, Fail fail) {
  if (v.kind() != OperandKind(op)) return fail(Fault::kKinds);
  return op == Op::kNot ? V::Bool(!v.boolean()) : V::Number(-v.number());
}

// `l in list` for a decided `l`: true when an item of l's kind is equal to it; otherwise
// unknown (nullopt) when an item is unknown, since it might have been equal, else false. Items
// of another kind, errors among them, never match.
template <Operand V>
std::optional<bool> InList(const V& l, const Value& list) {
  bool unknown = false;
  for (const Value& item : list.items()) {
    if (item.is_unknown()) {
      unknown = true;
    } else if (item.kind() == l.kind() && Equal(item, l)) {
      return true;
    }
  }
  if (unknown) return std::nullopt;
  return false;
}

// The cell of a register at `column` and `row`: a value of the kind its column's type gives
// (KindOf), as stored, or blank() when the cell is empty (the evaluator's reason naming the
// record, or a compiled engine's "not decided"). The block engine reads the same column arrays
// a block at a time (Gather in row_block.cc).
template <typename Blank, typename V = std::invoke_result_t<Blank>>
V ReadCell(const Register& reg, int column, uint32_t row, Blank blank) {
  const auto c = static_cast<size_t>(column);
  const RegisterColumn& col = reg.columns[c];
  if (!col.present[row]) return blank();
  switch (col.type) {
    case ColumnType::kText: return V::Text(reg.Text(c, row));
    case ColumnType::kNumber: return V::Number(col.numbers[row]);
    case ColumnType::kDate: return V::DateValue(Date{col.dates[row]});
    case ColumnType::kBool: return V::Bool(col.flags[row] != 0);
  }
  return blank();
}

}  // namespace forcecheck::expr
