#pragma once

// Parses a rule expression into a syntax tree.
//
//   query   := or ['as' name] ['where' or] ['by' or]         a collection, filtered, grouped
//   or      := and ('or' and)*
//   and     := not ('and' not)*
//   not     := 'not' not | compare
//   compare := sum (('=='|'!='|'<'|'<='|'>'|'>='|'in') sum)?  comparisons do not chain
//   sum     := product (('+'|'-') product)*
//   product := unary (('*'|'/') unary)*
//   unary   := '-' unary | primary
//   primary := number | duration | text | date | 'true' | 'false'
//            | name '(' [query (',' query)*] ')'              a function call
//            | name ('.' name)*                                a path
//            | '(' query ')'
//   duration := whole number + d | w | mo | y                 42d, 6mo, 10y

#include <memory>
#include <optional>
#include <string_view>

#include "base/limits.h"
#include "expr/ast.h"

namespace forcecheck::expr {

// A tree deeper than this (counting every operator, call and parenthesis, so a chain of 200
// `and`s counts 200) is refused: checking, evaluating and freeing a tree recurse once a level,
// and hostile input must not exhaust the stack.
inline constexpr int kMaxNesting = limits::kExpressionDepth;

struct ParseResult {
  std::unique_ptr<Expr> expr;  // set when error is empty
  std::optional<ExprError> error;
};
ParseResult Parse(std::string_view source);

}  // namespace forcecheck::expr
