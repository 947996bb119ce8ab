#include "expr/mutate.h"

#include <gtest/gtest.h>

#include "expr/checker.h"
#include "expr/parser.h"

namespace forcecheck::expr {
namespace {

// Every mutant of `source`, one a line: "OFFSET DESCRIPTION => TEXT".
std::string MutantsToString(std::string_view source) {
  static const std::vector<ParameterInfo> kParams = {
      {"tolerance", Type::kNumber, Value::Number(1)},
      {"target", Type::kNumber, Value::Number(0.75)},
      {"window", Type::kDuration, Value::Duration(6, 'm')},
      {"grace", Type::kDuration, Value::Duration(0, 'd')},
      {"status", Type::kText, Value::Text("approved")},
  };
  ParseResult parsed = Parse(source);
  if (parsed.error) return "parse error: " + parsed.error->message;
  CheckContext ctx;
  ctx.parameters = &kParams;
  if (!Check(*parsed.expr, Type::kBool, ctx).empty()) return "check error";
  std::string out;
  for (const Mutant& m : MutantsOf(source, *parsed.expr)) {
    out += std::to_string(m.offset) + " " + m.description + " => " + m.text + "\n";
  }
  return out;
}

struct MutateCase {
  const char* name;
  const char* source;
  const char* mutants;  // as MutantsToString writes them
};

class MutantsOfTest : public ::testing::TestWithParam<MutateCase> {};

TEST_P(MutantsOfTest, MakesEveryMutant) {
  EXPECT_EQ(MutantsToString(GetParam().source), GetParam().mutants);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MutantsOfTest,
    ::testing::Values(MutateCase{"LessThanAndThreshold", "a < 5",
                                 "2 '<' to '<=' => a <= 5\n"
                                 "4 '5' to '4' => a < 4\n"
                                 "4 '5' to '6' => a < 6\n"},
                      MutateCase{"LessOrEqual", "a <= b", "2 '<=' to '<' => a < b\n"},
                      MutateCase{"GreaterThan", "a > b", "2 '>' to '>=' => a >= b\n"},
                      MutateCase{"FractionMovesByItsLastDigit", "a >= 0.9",
                                 "2 '>=' to '>' => a > 0.9\n"
                                 "5 '0.9' to '0.8' => a >= 0.8\n"
                                 "5 '0.9' to '1.0' => a >= 1.0\n"},
                      MutateCase{"ZeroGoesNegative", "n != 0",
                                 "2 '!=' to '==' => n == 0\n"
                                 "5 '0' to '-1' => n != -1\n"
                                 "5 '0' to '1' => n != 1\n"},
                      MutateCase{"NegatedNumber", "a > -1.5",
                                 "2 '>' to '>=' => a >= -1.5\n"
                                 "5 '1.5' to '1.4' => a > -1.4\n"
                                 "5 '1.5' to '1.6' => a > -1.6\n"},
                      MutateCase{"BooleansLogicAndNot", "a == true and not b",
                                 "2 '==' to '!=' => a != true and not b\n"
                                 "5 'true' to 'false' => a == false and not b\n"
                                 "10 'and' to 'or' => a == true or not b\n"
                                 "14 'not' dropped => a == true and b\n"},
                      MutateCase{"OrAndFalse", "a or b == false",
                                 "2 'or' to 'and' => a and b == false\n"
                                 "7 '==' to '!=' => a or b != false\n"
                                 "10 'false' to 'true' => a or b == true\n"},
                      MutateCase{"NotBeforeParenthesis", "not(a)", "0 'not' dropped => (a)\n"},
                      MutateCase{"IdenticalMutantsOnce", "not not a", "0 'not' dropped => not a\n"},
                      MutateCase{"DurationByItsOwnUnit", "d > as_of() - 12mo",
                                 "2 '>' to '>=' => d >= as_of() - 12mo\n"
                                 "14 '12mo' to '11mo' => d > as_of() - 11mo\n"
                                 "14 '12mo' to '13mo' => d > as_of() - 13mo\n"},
                      MutateCase{"DurationNotBelowZero", "d >= as_of() - 0d",
                                 "2 '>=' to '>' => d > as_of() - 0d\n"
                                 "15 '0d' to '1d' => d >= as_of() - 1d\n"},
                      MutateCase{"DatesAndTextsLeftAlone", "d < 2016-03-31 and s == 'a < 5'",
                                 "2 '<' to '<=' => d <= 2016-03-31 and s == 'a < 5'\n"
                                 "15 'and' to 'or' => d < 2016-03-31 or s == 'a < 5'\n"
                                 "21 '==' to '!=' => d < 2016-03-31 and s != 'a < 5'\n"},
                      MutateCase{"NumbersInArithmetic", "a * 100 >= 75",
                                 "4 '100' to '99' => a * 99 >= 75\n"
                                 "4 '100' to '101' => a * 101 >= 75\n"
                                 "8 '>=' to '>' => a * 100 > 75\n"
                                 "11 '75' to '74' => a * 100 >= 74\n"
                                 "11 '75' to '76' => a * 100 >= 76\n"},
                      MutateCase{"NumberParameterByItsDefault", "a <= params.tolerance",
                                 "2 '<=' to '<' => a < params.tolerance\n"
                                 "5 'params.tolerance' to '0' => a <= 0\n"
                                 "5 'params.tolerance' to '2' => a <= 2\n"},
                      MutateCase{"FractionParameter", "a >= params.target",
                                 "2 '>=' to '>' => a > params.target\n"
                                 "5 'params.target' to '0.74' => a >= 0.74\n"
                                 "5 'params.target' to '0.76' => a >= 0.76\n"},
                      MutateCase{"DurationParameters", "d > as_of() - params.window - params.grace",
                                 "2 '>' to '>=' => d >= as_of() - params.window - params.grace\n"
                                 "14 'params.window' to '5mo' => d > as_of() - 5mo - params.grace\n"
                                 "14 'params.window' to '7mo' => d > as_of() - 7mo - params.grace\n"
                                 "30 'params.grace' to '1d' => d > as_of() - params.window - 1d\n"},
                      MutateCase{"TextParameterLeftAlone", "s == params.status",
                                 "2 '==' to '!=' => s != params.status\n"},
                      MutateCase{"NothingToChange", "exists(a)", ""}),
    [](const ::testing::TestParamInfo<MutateCase>& c) { return std::string(c.param.name); });

}  // namespace
}  // namespace forcecheck::expr
