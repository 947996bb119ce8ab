#pragma once

// Splits an expression into tokens. Dates are recognised as one token (2016-03-31) because a
// subtraction of zero-padded numbers is never what a rule author means.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

enum class TokenKind {
  kEnd,
  kIdent,
  kNumber,
  kText,
  kDate,
  kDuration,
  kTrue,
  kFalse,
  kNull,
  kAnd,
  kOr,
  kNot,
  kWhere,
  kBy,
  kAs,
  kIn,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;   // identifier name, or the decoded text of a string literal
  double number = 0;  // also a duration's amount
  Date date;
  char unit = 0;  // a duration's unit: 'd' days, 'w' weeks, 'm' months, 'y' years
};

// Tokenises `source`; the last token is kEnd. On the first error returns it instead.
struct LexResult {
  std::vector<Token> tokens;
  std::optional<ExprError> error;
};
LexResult Lex(std::string_view source);

// How a token looks in a message: "')'", "'and'", "end of expression".
std::string Describe(const Token& t, std::string_view source);

}  // namespace forcecheck::expr
