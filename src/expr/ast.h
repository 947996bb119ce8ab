#pragma once

// The syntax tree of a rule expression. Offsets are byte offsets into the expression's text;
// the rule loader maps them to line and column in the rule file.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr/value.h"

namespace forcecheck::expr {

enum class Op {
  kOr, kAnd, kNot, kNeg,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kAdd, kSub, kMul, kDiv,
};
const char* OpText(Op op);  // "==", "and", ...

struct Expr {
  enum class Kind { kLiteral, kPath, kUnary, kBinary, kCall };

  Kind kind = Kind::kLiteral;
  uint32_t offset = 0;  // where the node's text starts
  uint32_t length = 0;  // how many bytes it spans

  Value literal;                    // kLiteral
  std::vector<std::string> path;    // kPath: the dotted segments
  Op op = Op::kAnd;                 // kUnary, kBinary
  std::string name;                 // kCall: the function's name
  std::vector<std::unique_ptr<Expr>> args;  // operands (kUnary: 1, kBinary: 2) or arguments

  std::string PathText() const;  // "a.b.c"
};

// An error found while lexing, parsing or checking, at a byte offset of the expression text.
struct ExprError {
  uint32_t offset = 0;
  std::string message;
};

}  // namespace forcecheck::expr
