#pragma once

// Parses a rule expression into a syntax tree.
//
//   or      := and ('or' and)*
//   and     := not ('and' not)*
//   not     := 'not' not | compare
//   compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?      comparisons do not chain
//   sum     := product (('+'|'-') product)*
//   product := unary (('*'|'/') unary)*
//   unary   := '-' unary | primary
//   primary := number | text | date | 'true' | 'false'
//            | name '(' [or (',' or)*] ')'                    a function call
//            | name ('.' name)*                                a path into the evidence
//            | '(' or ')'

#include <memory>
#include <optional>
#include <string_view>

#include "expr/ast.h"

namespace forcecheck::expr {

// Nesting deeper than this is refused rather than risk the stack on hostile input.
inline constexpr int kMaxNesting = 64;

struct ParseResult {
  std::unique_ptr<Expr> expr;    // set when error is empty
  std::optional<ExprError> error;
};
ParseResult Parse(std::string_view source);

}  // namespace forcecheck::expr
