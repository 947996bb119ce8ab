#pragma once

// The syntax tree of a rule expression. Offsets are byte offsets into the expression's text;
// the rule loader maps them to line and column in the rule file.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evidence/register.h"
#include "expr/value.h"

namespace forcecheck::expr {

enum class Op {
  kOr,
  kAnd,
  kNot,
  kNeg,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kAdd,
  kSub,
  kMul,
  kDiv,
};

// What a path names, as the checker resolved it.
enum class Ref {
  kEvidence,        // a fact in the evidence file: path
  kRegister,        // registers.<id>: every record of a register
  kRegisterColumn,  // registers.<id>.<column>: the column's values, as a list
  kColumn,          // a column of the record in scope `scope`
  kItemField,       // a field (path `field`) of the list item in scope `scope`
  kGroupMembers,    // `group`: the members of the group in scope `scope`
  kGroupKey,        // `key`: the key of the group in scope `scope`
  kParameter,       // params.<id>: the pack's parameter number `parameter` (default in `literal`)
};
const char* OpText(Op op);  // "==", "and", ...

struct Expr {
  // kWhere: args[0] the collection, args[1] the condition (absent when only `as` is given),
  //         name the alias for its elements (may be empty).
  // kBy:    args[0] the collection, args[1] the grouping key.
  enum class Kind { kLiteral, kPath, kUnary, kBinary, kCall, kWhere, kBy };

  Kind kind = Kind::kLiteral;
  uint32_t offset = 0;  // where the node's text starts
  uint32_t length = 0;  // how many bytes it spans
  int height = 1;       // levels in the tree below and including this node

  Value literal;                            // kLiteral; kPath kParameter: the parameter's default
  std::vector<std::string> path;            // kPath: the dotted segments
  Op op = Op::kAnd;                         // kUnary, kBinary
  std::string name;                         // kCall: the function's name
  std::vector<std::unique_ptr<Expr>> args;  // operands (kUnary: 1, kBinary: 2) or arguments

  // Filled in by the checker (checker.h).
  Ref ref = Ref::kEvidence;           // kPath
  int scope = -1;                     // kPath: index into the scope stack, 0 outermost
  int column = -1;                    // kPath: kColumn, kRegisterColumn
  std::vector<std::string> field;     // kPath kItemField: the path inside the item
  const RegisterSpec* reg = nullptr;  // kPath kRegister/kRegisterColumn/kColumn
  int parameter = -1;                 // kPath kParameter: index in the pack's parameters
  // kWhere over a whole register whose condition has a conjunct `column == e`, with `e`
  // independent of the record: rows are found through a hash index on the column.
  int index_column = -1;
  const Expr* index_key = nullptr;
  // kBinary kIn whose right side is registers.<id>.<column>: membership by hash lookup.
  bool indexed_in = false;
  // kCall of an aggregate over a collection (min and max may instead take plain numbers).
  bool aggregate = false;
  // Inside a `where`, `by` or per-element argument but naming nothing of any element: the
  // value is the same for every element, so the evaluator computes it once.
  bool invariant = false;

  std::string PathText() const;  // "a.b.c"
};

// An error found while lexing, parsing or checking, at a byte offset of the expression text.
struct ExprError {
  uint32_t offset = 0;
  std::string message;
};

}  // namespace forcecheck::expr
