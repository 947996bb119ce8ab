#include "expr/checker.h"

#include <gtest/gtest.h>

#include "expr/functions.h"
#include "expr/parser.h"

namespace forcecheck::expr {
namespace {

// Every issue the checker finds in `source`, each as "OFFSET: MESSAGE", joined by newlines;
// empty when the expression checks. `source` must parse.
std::string CheckToString(std::string_view source, Type want = Type::kBool) {
  ParseResult parsed = Parse(source);
  if (parsed.error) return "parse error: " + parsed.error->message;
  std::string out;
  for (const ExprError& e : Check(*parsed.expr, want)) {
    out += (out.empty() ? "" : "\n") + std::to_string(e.offset) + ": " + e.message;
  }
  return out;
}

// "unknown function 'NAME' (known functions: ...)", listing the function table in its order.
std::string UnknownFunction(const std::string& name) {
  std::string known;
  for (const Function& f : AllFunctions())
    known += (known.empty() ? "" : ", ") + std::string(f.name);
  return "unknown function '" + name + "' (known functions: " + known + ")";
}

struct CheckCase {
  const char* name;
  const char* source;
  const char* issues;
};

class CheckerIssueTest : public ::testing::TestWithParam<CheckCase> {};

TEST_P(CheckerIssueTest, FindsIssues) {
  EXPECT_EQ(CheckToString(GetParam().source), GetParam().issues);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CheckerIssueTest,
    ::testing::Values(
        CheckCase{"PathIsAnyType", "vetting.in_place", ""}, CheckCase{"Comparison", "a.b >= 3", ""},
        CheckCase{"Logic", "a and not b or c == 'x'", ""},
        CheckCase{"DateComparison", "a < 2016-03-31", ""},
        CheckCase{"Functions",
                  "len(a) > 0 and contains(a, 'x') and days_between(a, as_of()) < 365 and "
                  "min(1, a, 2) <= max(a) and exists(a.b)",
                  ""},
        CheckCase{"TooManyArguments", "len(a, b) > 1", "0: len() takes 1 argument, not 2"},
        CheckCase{"TooFewArguments", "days_between(a) > 1",
                  "0: days_between() takes 2 arguments, not 1"},
        CheckCase{"ArgumentsToNullary", "as_of(1) > a", "0: as_of() takes 0 arguments, not 1"},
        CheckCase{"ExistsWithoutArguments", "exists()", "0: exists() takes 1 argument, not 0"},
        CheckCase{"ExistsNeedsPath", "exists(1)",
                  "7: exists() takes a path, such as exists(vetting.aftercare)"},
        CheckCase{"ExistsNeedsPathNotExpression", "exists(a == b)",
                  "7: exists() takes a path, such as exists(vetting.aftercare)"},
        CheckCase{"BooleanPlusNumber", "true + 1 > 0",
                  "0: '+' needs a number, but this is a boolean"},
        CheckCase{"TextMinus", "a - 'x' > 0", "4: '-' needs a number, but this is text"},
        CheckCase{"TextOrderedAgainstNumber", "'a' < 3",
                  "0: '<' cannot order text against a number"},
        CheckCase{"OrderingBooleans", "a >= true",
                  "0: '>=' orders numbers, dates or text, not a boolean"},
        CheckCase{"EqualityAcrossTypes", "1 == 'a'",
                  "0: '==' compares a number with text, which are never equal"},
        CheckCase{"InequalityAcrossTypes", "a.b != 2016-01-01 and 2 != true",
                  "22: '!=' compares a number with a boolean, which are never equal"},
        CheckCase{"NotOfNumber", "not 1", "4: 'not' needs a boolean, but this is a number"},
        CheckCase{"NegativeText", "-'a' < 0", "1: '-' needs a number, but this is text"},
        CheckCase{"AndOfNumber", "a and 1", "6: 'and' needs a boolean, but this is a number"},
        CheckCase{"OrOfText", "'x' or a", "0: 'or' needs a boolean, but this is text"},
        CheckCase{"ArgumentType", "days_between(a, 3) > 1",
                  "16: argument 2 of days_between() needs a date, but this is a number"},
        CheckCase{"VariadicArgumentType", "max(1, 2, 'x') > 1",
                  "10: argument 3 of max() needs a number, but this is text"},
        CheckCase{"ContainsNeedsList", "contains('abc', 'a')",
                  "9: argument 1 of contains() needs a list, but this is text"},
        CheckCase{"CheckGivesNumber", "1 + 2",
                  "0: the expression must give a boolean, but it gives a number"},
        CheckCase{"CheckGivesText", "'yes'",
                  "0: the expression must give a boolean, but it gives text"},
        CheckCase{"CheckGivesDate", "as_of()",
                  "0: the expression must give a boolean, but it gives a date"},
        CheckCase{"CheckGivesFunctionResult", "len(a)",
                  "0: the expression must give a boolean, but it gives a number"},
        CheckCase{"CollectsEveryIssue", "(true + 1) > 0 and not 3",
                  "1: '+' needs a number, but this is a boolean\n"
                  "23: 'not' needs a boolean, but this is a number"}),
    [](const ::testing::TestParamInfo<CheckCase>& p) { return p.param.name; });

TEST(CheckerTest, ReportsUnknownFunctionListingKnownOnes) {
  EXPECT_EQ(CheckToString("exist(a.b)"), "0: " + UnknownFunction("exist"));
}

TEST(CheckerTest, ChecksArgumentsOfUnknownFunction) {
  EXPECT_EQ(CheckToString("x or foo(true + 1)"),
            "5: " + UnknownFunction("foo") + "\n9: '+' needs a number, but this is a boolean");
}

TEST(CheckerTest, FindsBuiltInFunctionsByName) {
  for (const char* name : {"as_of", "contains", "days_between", "exists", "len", "max", "min"}) {
    EXPECT_NE(FindFunction(name), nullptr) << name;
  }
  EXPECT_EQ(FindFunction("exist"), nullptr);
}

TEST(CheckerTest, AcceptsAnyResultWhenAnyIsWanted) {
  EXPECT_EQ(CheckToString("1 + 2", Type::kAny), "");
  EXPECT_EQ(CheckToString("'x'", Type::kAny), "");
}

TEST(CheckerTest, WantsTheRequestedType) {
  EXPECT_EQ(CheckToString("1 + 2", Type::kNumber), "");
  EXPECT_EQ(CheckToString("a > 1", Type::kNumber),
            "0: the expression must give a number, but it gives a boolean");
}

TEST(CheckerTest, LongOperatorChainDoesNotOverflowTheStack) {
  std::string source = "a";
  // 10,000 operators fit within the 64 KiB an expression may have, far deeper than 128 levels.
  for (int i = 0; i < 10000; ++i) source += " and a";
  ParseResult parsed = Parse(source);
  if (parsed.error) {  // refusing it is as good as handling it
    EXPECT_EQ(parsed.error->message, "expression is nested too deeply (the limit is " +
                                         std::to_string(kMaxNesting) + " levels)");
    return;
  }
  EXPECT_TRUE(Check(*parsed.expr, Type::kBool).empty());
}

TEST(CheckerTest, VariadicNeedsAtLeastOneArgument) {
  EXPECT_EQ(CheckToString("min() > 1"), "0: min() takes at least 1 argument, not 0");
}

// ---- pack parameters --------------------------------------------------------------------------

std::string CheckWithParameters(std::string_view source) {
  static const std::vector<ParameterInfo> kParams = {
      {"tolerance", Type::kNumber, Value::Number(1)},
      {"window", Type::kDuration, Value::Duration(6, 'm')},
  };
  ParseResult parsed = Parse(source);
  if (parsed.error) return "parse error: " + parsed.error->message;
  CheckContext ctx;
  ctx.parameters = &kParams;
  std::string out;
  for (const ExprError& e : Check(*parsed.expr, Type::kBool, ctx)) {
    out += (out.empty() ? "" : "\n") + std::to_string(e.offset) + ": " + e.message;
  }
  return out;
}

TEST(CheckerTest, ResolvesParameters) {
  ParseResult parsed = Parse("a.b <= params.tolerance");
  ASSERT_FALSE(parsed.error);
  const std::vector<ParameterInfo> params = {{"other", Type::kText, Value::Text("x")},
                                             {"tolerance", Type::kNumber, Value::Number(1)}};
  CheckContext ctx;
  ctx.parameters = &params;
  EXPECT_TRUE(Check(*parsed.expr, Type::kBool, ctx).empty());
  const Expr& p = *parsed.expr->args[1];
  EXPECT_EQ(p.ref, Ref::kParameter);
  EXPECT_EQ(p.parameter, 1);
  EXPECT_EQ(p.literal.number(), 1);
  EXPECT_EQ(CheckWithParameters("a.d > as_of() - params.window"), "");
}

TEST(CheckerTest, ReportsUnknownParameterWithTheOneMeant) {
  EXPECT_EQ(CheckWithParameters("a.b <= params.tolerence"),
            "7: unknown parameter 'tolerence'; did you mean 'tolerance'?");
  EXPECT_EQ(CheckWithParameters("a.b <= params.limit"),
            "7: unknown parameter 'limit'; the pack declares 'tolerance' and 'window'");
  EXPECT_EQ(CheckToString("params.x > 1"), "0: unknown parameter 'x'; the pack declares none");
  EXPECT_EQ(CheckWithParameters("params > 1"),
            "0: 'params' must be followed by a parameter's name, as in params.tolerance");
  EXPECT_EQ(CheckWithParameters("params.tolerance.x > 1"),
            "0: a parameter has no fields: 'params.tolerance.x'");
}

TEST(CheckerTest, ParameterHasItsDeclaredType) {
  EXPECT_EQ(CheckWithParameters("params.tolerance == 'one'"),
            "0: '==' compares a number with text, which are never equal");
  EXPECT_EQ(CheckWithParameters("a.b < params.window"),
            "0: '<' orders numbers, dates or text, not a duration");
}

}  // namespace
}  // namespace forcecheck::expr
