#include "expr/ast.h"

namespace forcecheck::expr {

const char* OpText(Op op) {
  switch (op) {
    case Op::kOr: return "or";
    case Op::kAnd: return "and";
    case Op::kNot: return "not";
    case Op::kNeg: return "-";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kIn: return "in";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
  }
  return "?";
}

std::string Expr::PathText() const {
  std::string s;
  for (const std::string& seg : path) s += (s.empty() ? "" : ".") + seg;
  return s;
}

}  // namespace forcecheck::expr
