#include "expr/parser.h"

#include <gtest/gtest.h>

namespace forcecheck::expr {
namespace {

// The tree as an s-expression: "(or a (and b c))", "(call len a)", literals as Value prints them.
std::string Show(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kLiteral: return e.literal.ToString();
    case Expr::Kind::kPath: return e.PathText();
    case Expr::Kind::kUnary:
    case Expr::Kind::kBinary: {
      std::string s = std::string("(") + OpText(e.op);
      for (const auto& a : e.args) s += " " + Show(*a);
      return s + ")";
    }
    case Expr::Kind::kCall: {
      std::string s = "(call " + e.name;
      for (const auto& a : e.args) s += " " + Show(*a);
      return s + ")";
    }
    default: return "?";
  }
}

// The tree, or "error at OFFSET: MESSAGE".
std::string ParseToString(std::string_view source) {
  ParseResult r = Parse(source);
  if (r.error) {
    EXPECT_EQ(r.expr, nullptr);
    return "error at " + std::to_string(r.error->offset) + ": " + r.error->message;
  }
  EXPECT_NE(r.expr, nullptr);
  return r.expr ? Show(*r.expr) : "no tree";
}

struct ParseCase {
  const char* name;
  const char* source;
  const char* tree;  // or "error at N: message"
};

class ParserTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParserTest, Parses) { EXPECT_EQ(ParseToString(GetParam().source), GetParam().tree); }

INSTANTIATE_TEST_SUITE_P(
    Trees, ParserTest,
    ::testing::Values(
        ParseCase{"Path", "vetting.aftercare.in_place", "vetting.aftercare.in_place"},
        ParseCase{"Number", "12", "12"}, ParseCase{"Fraction", "0.5", "0.5"},
        ParseCase{"Text", "'yes'", "'yes'"}, ParseCase{"DoubleQuotedText", "\"yes\"", "'yes'"},
        ParseCase{"Date", "2016-03-31", "2016-03-31"},
        ParseCase{"Booleans", "true or false", "(or true false)"},
        ParseCase{"AndBindsTighterThanOr", "a or b and c", "(or a (and b c))"},
        ParseCase{"AndBindsTighterThanOrOnLeft", "a and b or c", "(or (and a b) c)"},
        ParseCase{"OrIsLeftAssociative", "a or b or c", "(or (or a b) c)"},
        ParseCase{"NotBindsLooserThanComparison", "not a == b", "(not (== a b))"},
        ParseCase{"NotBindsTighterThanAnd", "not a and b", "(and (not a) b)"},
        ParseCase{"DoubleNot", "not not a", "(not (not a))"},
        ParseCase{"ProductBeforeSum", "1 + 2 * 3", "(+ 1 (* 2 3))"},
        ParseCase{"ProductBeforeSumOnLeft", "1 * 2 + 3", "(+ (* 1 2) 3)"},
        ParseCase{"SubtractionIsLeftAssociative", "5 - 2 - 1", "(- (- 5 2) 1)"},
        ParseCase{"DivisionIsLeftAssociative", "8 / 4 / 2", "(/ (/ 8 4) 2)"},
        ParseCase{"Parentheses", "(1 + 2) * 3", "(* (+ 1 2) 3)"},
        ParseCase{"UnaryMinus", "-a", "(- a)"},
        ParseCase{"UnaryMinusBindsTighterThanProduct", "-a * b", "(* (- a) b)"},
        ParseCase{"MinusOfMinus", "- -1", "(- (- 1))"},
        ParseCase{"BinaryThenUnaryMinus", "a - -1", "(- a (- 1))"},
        ParseCase{"SumBeforeComparison", "a + 1 >= b * 2", "(>= (+ a 1) (* b 2))"},
        ParseCase{"Comparisons", "a != b", "(!= a b)"},
        ParseCase{"CallWithoutArguments", "as_of()", "(call as_of)"},
        ParseCase{"CallWithArguments", "min(a, 1 + 2, b.c)", "(call min a (+ 1 2) b.c)"},
        ParseCase{"CallInComparison", "days_between(a, as_of()) <= 365",
                  "(<= (call days_between a (call as_of)) 365)"},
        ParseCase{"CallArgumentIsFullExpression", "f(a or b)", "(call f (or a b))"},
        ParseCase{"KeywordsNeedNoSpaces", "(a)or(b)", "(or a b)"},
        ParseCase{"ChainedComparison", "a < b < c",
                  "error at 6: comparisons cannot be chained; join them with 'and'"},
        ParseCase{"ChainedEquality", "a == b == c",
                  "error at 7: comparisons cannot be chained; join them with 'and'"},
        ParseCase{"ChainedComparisonInParentheses", "(a < b) < c", "(< (< a b) c)"},
        ParseCase{"SingleEquals", "a = 1", "error at 2: unexpected '='; use '==' to compare"},
        ParseCase{"DoubleAmpersand", "a && b", "error at 2: unexpected '&'; use 'and'"},
        ParseCase{"Bang", "!a", "error at 0: unexpected '!'; use 'not'"},
        ParseCase{"Null", "a == null",
                  "error at 5: 'null' is not a value; use exists(path) to ask whether evidence "
                  "is present"},
        ParseCase{"UnterminatedText", "a == 'x",
                  "error at 5: unterminated text: missing closing '"},
        ParseCase{"Empty", "", "error at 0: the expression is empty"},
        ParseCase{"OnlySpaces", "  \n ", "error at 0: the expression is empty"},
        ParseCase{"TrailingOperator", "a +",
                  "error at 3: expected a value, a path or '(', found end of expression"},
        ParseCase{"TrailingAnd", "a and",
                  "error at 5: expected a value, a path or '(', found end of expression"},
        ParseCase{"LeadingOperator", "* a",
                  "error at 0: expected a value, a path or '(', found '*'"},
        ParseCase{"TwoValues", "a b", "error at 2: unexpected 'b' after a complete expression"},
        ParseCase{"StrayCloseParen", "a)",
                  "error at 1: unexpected ')' after a complete expression"},
        ParseCase{"UnclosedParen", "(a or b",
                  "error at 7: expected ')' to close '(', found end of expression"},
        ParseCase{"EmptyParens", "()", "error at 1: expected a value, a path or '(', found ')'"},
        ParseCase{"MissingComma", "min(a b)",
                  "error at 6: expected ',' or ')' in the call of 'min', found 'b'"},
        ParseCase{"UnclosedCall", "min(a,",
                  "error at 6: expected a value, a path or '(', found end of expression"},
        ParseCase{"PathEndsInDot", "a.",
                  "error at 2: expected a name after '.', found end of expression"},
        ParseCase{"PathWithNumber", "a.1", "error at 2: expected a name after '.', found '1'"},
        ParseCase{"PathWithKeyword", "a.and", "error at 2: expected a name after '.', found 'and'"},
        ParseCase{"CallOnPath", "a.f(1)",
                  "error at 3: unexpected '(' after a complete expression"}),
    [](const ::testing::TestParamInfo<ParseCase>& p) { return p.param.name; });

TEST(ParserNodeTest, RecordsOffsetAndLength) {
  ParseResult r = Parse("  not (a.b == 1) and len(x) > 2");
  ASSERT_FALSE(r.error.has_value());
  const Expr& root = *r.expr;  // and
  EXPECT_EQ(root.offset, 2u);
  EXPECT_EQ(root.length, 29u);
  const Expr& neg = *root.args[0];  // not (...)
  EXPECT_EQ(neg.offset, 2u);
  EXPECT_EQ(neg.length, 14u);
  const Expr& eq = *neg.args[0];
  EXPECT_EQ(eq.offset, 7u);
  EXPECT_EQ(eq.length, 8u);
  const Expr& path = *eq.args[0];
  EXPECT_EQ(path.kind, Expr::Kind::kPath);
  EXPECT_EQ(path.path, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(path.offset, 7u);
  EXPECT_EQ(path.length, 3u);
  const Expr& call = *root.args[1]->args[0];
  EXPECT_EQ(call.kind, Expr::Kind::kCall);
  EXPECT_EQ(call.offset, 21u);
  EXPECT_EQ(call.length, 6u);
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ParserNestingTest, AcceptsModestNesting) {
  EXPECT_EQ(ParseToString(Repeat("(", 20) + "a" + Repeat(")", 20)), "a");
}

const std::string kTooDeep =
    "expression is nested too deeply (the limit is " + std::to_string(kMaxNesting) + " levels)";

TEST(ParserNestingTest, RefusesHostileParenthesesWithoutCrashing) {
  const std::string src = Repeat("(", 10000) + "a" + Repeat(")", 10000);
  ParseResult r = Parse(src);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.expr, nullptr);
  EXPECT_EQ(r.error->message, kTooDeep);
  // Each parenthesis costs at least one level, so the parser gives up at one of the first
  // kMaxNesting of them.
  EXPECT_LT(r.error->offset, static_cast<uint32_t>(kMaxNesting));
  EXPECT_EQ(src[r.error->offset], '(');
}

TEST(ParserNestingTest, RefusesHostileUnclosedParentheses) {
  ParseResult r = Parse(Repeat("(", 10000));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, kTooDeep);
}

TEST(ParserNestingTest, RefusesHostileNotChain) {
  ParseResult r = Parse(Repeat("not ", 10000) + "a");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, kTooDeep);
  // At the start of one of the first kMaxNesting 'not's.
  EXPECT_EQ(r.error->offset % 4, 0u);
  EXPECT_LE(r.error->offset, 4u * kMaxNesting);
}

TEST(ParserNestingTest, RefusesHostileMinusChain) {
  ParseResult r = Parse(Repeat("-", 10000) + "1");
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, kTooDeep);
}

TEST(ParserNestingTest, RefusesHostileCallNesting) {
  ParseResult r = Parse(Repeat("min(", 10000) + "1" + Repeat(")", 10000));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->message, kTooDeep);
}

}  // namespace
}  // namespace forcecheck::expr
