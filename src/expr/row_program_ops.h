#pragma once

// What a row program is made of, shared by the two ways of running one: a record at a time
// (row_program.cc) and a block of records at a time (row_block.cc). Internal to those two.

#include <cstdint>

#include "evidence/register.h"
#include "expr/operators.h"
#include "expr/row_program.h"
#include "expr/value.h"

namespace forcecheck::expr {

// One instruction of a program: the program is the expression in postfix order, run on a
// stack of cells. `and` and `or` jump over their right side when the left side decides.
struct RowProgram::Instr {
  enum class Code : uint8_t {
    kLiteral,     // push literals_[a]
    kOnce,        // push the value of record-independent node exprs_[a], evaluated once a frame
    kBind,        // evaluate record-independent exprs_[a] once a frame, pushing nothing
    kHandBack,    // push exprs_[a] as the host evaluates it for this record
    kColumn,      // push the cell at scope a, column b
    kExists,      // push whether the cell at scope a, column b is filled
    kMissing,     // push whether the cell at scope a, column b is blank (`not exists(...)`)
    kColumnsCmp,  // push the cell at scope a, column b compared (op) with the cell at scope c >>
                  // 16, column c & 0xFFFF
    kColumnCmp,  // push the cell at scope a, column b compared (op) with a constant: the value
                 // of record-independent exprs_[c], or literals_[-c - 1] when c < 0
    kUnary,      // pop v, push op v (not, -)
    kCompare,    // pop r and l, push l op r
    kArith,      // pop r and l, push l op r
    kInList,     // pop l, push whether it is in the list held for exprs_[a]
    kAndJump,    // when the top is false, jump to a (the top is the result)
    kOrJump,     // when the top is true, jump to a
    kAnd,
    kOr,  // pop r and l, push the Kleene combination (l did not decide)
  };
  Code code = Code::kLiteral;
  Op op = Op::kAnd;
  int32_t a = 0;
  int32_t b = 0;
  int32_t c = 0;
};

// The operators (operators.h) on single cells, where every value the evaluator would give as
// unknown or an error is bad: the record is then left to the evaluator, which gives the value
// with its reason.
namespace row_ops {

inline Cell Bad(Fault) { return Cell::Bad(); }

inline Cell ReadCell(const Register& reg, int column, uint32_t row) {
  return expr::ReadCell(reg, column, row, [] { return Cell::Bad(); });
}

// l op r for a binary operator other than `and`, `or` and `in`.
inline Cell Apply(Op op, const Cell& l, const Cell& r) { return expr::Apply(op, l, r, Bad); }

inline Cell ApplyUnary(Op op, const Cell& v) { return expr::ApplyUnary(op, v, Bad); }

// `l in list`, where a bad `l` or an unknown answer is bad.
inline Cell IsIn(const Cell& l, const Value& list) {
  if (l.bad() || list.kind() != Kind::kList) return Cell::Bad();
  const std::optional<bool> in = expr::InList(l, list);
  return in ? Cell::Bool(*in) : Cell::Bad();
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
