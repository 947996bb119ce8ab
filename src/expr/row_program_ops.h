#pragma once

// What a row program is made of, shared by the two ways of running one: a record at a time
// (row_program.cc) and a block of records at a time (row_block.cc). Internal to those two.

#include <cstdint>

#include "evidence/register.h"
#include "expr/row_program.h"
#include "expr/value.h"

namespace forcecheck::expr {

// One instruction of a program: the program is the expression in postfix order, run on a
// stack of cells. `and` and `or` jump over their right side when the left side decides.
struct RowProgram::Instr {
  enum class Code : uint8_t {
    kLiteral,   // push literals_[a]
    kOnce,      // push the value of record-independent node exprs_[a], evaluated once a frame
    kBind,      // evaluate record-independent exprs_[a] once a frame, pushing nothing
    kHandBack,  // push exprs_[a] as the host evaluates it for this record
    kColumn,    // push the cell at scope a, column b
    kExists,    // push whether the cell at scope a, column b is filled
    kTextIs,    // push the cell at scope a, column b compared (op: == or !=) with literals_[c]
    kMissing,   // push whether the cell at scope a, column b is blank (`not exists(...)`)
    kColumnsCmp,// push the cell at scope a, column b compared (op) with the cell at scope c >> 16,
                // column c & 0xFFFF
    kColumnCmp, // push the cell at scope a, column b compared (op) with a constant: the value
                // of record-independent exprs_[c], or literals_[-c - 1] when c < 0
    kNot, kNeg,
    kCompare,   // pop r and l, push l op r
    kArith,     // pop r and l, push l op r
    kInList,    // pop l, push whether it is in the list held for exprs_[a]
    kAndJump,   // when the top is false, jump to a (the top is the result)
    kOrJump,    // when the top is true, jump to a
    kAnd, kOr,  // pop r and l, push the Kleene combination (l did not decide)
  };
  Code code = Code::kLiteral;
  Op op = Op::kAnd;
  int32_t a = 0;
  int32_t b = 0;
  int32_t c = 0;
};


// The operators on single cells. They mirror the evaluator's (evaluator.cc) on decided
// values; every case in which the evaluator would give unknown or an error gives bad here.
namespace row_ops {

using Kind = Value::Kind;

inline Cell ReadCell(const Register& reg, int column, uint32_t row) {
  const RegisterColumn& col = reg.columns[static_cast<size_t>(column)];
  if (!col.present[row]) return Cell::Bad();
  switch (col.type) {
    case ColumnType::kText: return Cell::Text(reg.Text(static_cast<size_t>(column), row));
    case ColumnType::kNumber: return Cell::Number(col.numbers[row]);
    case ColumnType::kDate: return Cell::DateCell(Date{col.dates[row]});
    case ColumnType::kBool: return Cell::Bool(col.flags[row] != 0);
  }
  return Cell::Bad();
}

inline bool SameValue(const Cell& a, const Cell& b) {  // REQUIRES: one kind
  switch (a.kind()) {
    case Kind::kBool: return a.boolean() == b.boolean();
    case Kind::kNumber: return a.number() == b.number();
    case Kind::kDate: return a.date() == b.date();
    case Kind::kText: return a.text() == b.text();
    case Kind::kDuration: return a.amount() == b.amount() && a.unit() == b.unit();
    default: return false;
  }
}

inline Cell Ordered(Op op, int c) {
  return Cell::Bool(op == Op::kLt ? c < 0 : op == Op::kLe ? c <= 0 : op == Op::kGt ? c > 0 : c >= 0);
}

inline Cell CompareCells(Op op, const Cell& l, const Cell& r) {
  if (l.bad() || r.bad() || l.kind() != r.kind()) return Cell::Bad();
  if (op == Op::kEq || op == Op::kNe) return Cell::Bool(SameValue(l, r) == (op == Op::kEq));
  switch (l.kind()) {
    case Kind::kNumber: return Ordered(op, l.number() < r.number() ? -1 : l.number() > r.number());
    case Kind::kDate: return Ordered(op, l.date() < r.date() ? -1 : l.date() > r.date());
    case Kind::kText: {
      const int c = l.text().compare(r.text());
      return Ordered(op, c < 0 ? -1 : c > 0);
    }
    default: return Cell::Bad();
  }
}

inline Cell ArithCells(Op op, const Cell& l, const Cell& r) {
  const bool add = op == Op::kAdd, sub = op == Op::kSub;
  if (l.kind() == Kind::kDate && r.kind() == Kind::kDuration && (add || sub)) {
    const std::optional<Date> d = AddDuration(l.date(), add ? r.amount() : -r.amount(), r.unit());
    return d ? Cell::DateCell(*d) : Cell::Bad();
  }
  if (l.kind() == Kind::kDate && r.kind() == Kind::kDate && sub) {
    return Cell::Number(static_cast<double>(l.date().days - r.date().days));
  }
  if (l.kind() != Kind::kNumber || r.kind() != Kind::kNumber) return Cell::Bad();
  switch (op) {
    case Op::kAdd: return Cell::Number(l.number() + r.number());
    case Op::kSub: return Cell::Number(l.number() - r.number());
    case Op::kMul: return Cell::Number(l.number() * r.number());
    default: return r.number() == 0 ? Cell::Bad() : Cell::Number(l.number() / r.number());
  }
}

// `l in list`, as the evaluator's In: an unknown item makes a miss unknown; items of
// another kind (errors among them) never match.
inline Cell InList(const Cell& l, const Value& list) {
  if (l.bad() || list.kind() != Kind::kList) return Cell::Bad();
  bool unknown = false;
  for (const Value& item : list.items()) {
    if (item.is_unknown()) unknown = true;
    else if (item.kind() == l.kind() && SameValue(Cell::Of(item), l)) return Cell::Bool(true);
  }
  return unknown ? Cell::Bad() : Cell::Bool(false);
}

// The right side of `and` (is_and) or `or`, when the left side `l` did not decide: the right
// side decides if it can; two sides that decide nothing give the identity.
inline Cell Combine(bool is_and, const Cell& l, const Cell& r) {
  if (r.kind() == Kind::kBool && r.boolean() != is_and) return r;
  if (l.kind() == Kind::kBool && r.kind() == Kind::kBool) return Cell::Bool(is_and);
  return Cell::Bad();
}

}  // namespace row_ops

}  // namespace forcecheck::expr
