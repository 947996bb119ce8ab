#include "expr/evaluator.h"

#include <map>

#include <gtest/gtest.h>

#include "expr/parser.h"
#include "expr/row_program.h"

namespace forcecheck::expr {
namespace {

// Evidence as a map from dotted path to value; a path not in the map is absent (unknown,
// named by the path, as the real environment does). Remembers every lookup.
class FakeEnvironment : public Environment {
 public:
  FakeEnvironment() {
    values_["t"] = Value::Bool(true);
    values_["f"] = Value::Bool(false);
    values_["n"] = Value::Number(3);
    values_["zero"] = Value::Number(0);
    values_["s"] = Value::Text("abc");
    values_["d"] = Value::DateValue(DateFromCivil(2016, 3, 31));
    values_["list"] = Value::List({Value::Number(1), Value::Text("x"), Value::Bool(true)});
    values_["empty"] = Value::List({});
    values_["sec"] = Value::Section();
    values_["sec.inner"] = Value::Number(7);
    values_["nul"] = Value::Unknown("nul");  // a null fact
  }

  Value Lookup(const std::vector<std::string>& path) override {
    std::string dotted;
    for (const std::string& seg : path) dotted += (dotted.empty() ? "" : ".") + seg;
    looked_up.push_back(dotted);
    auto it = values_.find(dotted);
    return it == values_.end() ? Value::Unknown(dotted) : it->second;
  }
  Date as_of() const override { return DateFromCivil(2017, 1, 1); }

  std::vector<std::string> looked_up;

 private:
  std::map<std::string, Value> values_;
};

Value Eval(std::string_view source, FakeEnvironment& env) {
  ParseResult parsed = Parse(source);
  if (parsed.error) {
    ADD_FAILURE() << "parse error in '" << source << "': " << parsed.error->message;
    return Value::Error("parse error", 0);
  }
  return Evaluate(*parsed.expr, env);
}

// The value as a string; an error as "error@OFFSET: MESSAGE".
std::string EvalToString(std::string_view source) {
  FakeEnvironment env;
  Value v = Eval(source, env);
  if (v.is_error()) return "error@" + std::to_string(v.error_offset()) + ": " + v.text();
  return v.ToString();
}

// ---- three-valued logic -----------------------------------------------------------------------

struct LogicCase {
  const char* source;  // t: true, f: false, u: absent (unknown), s: text (an error in logic)
  const char* result;  // "true", "false", "unknown" or "error"
};

std::string Outcome(const Value& v) {
  if (v.is_error()) return "error";
  if (v.is_unknown()) return "unknown";
  return v.ToString();
}

class ThreeValuedLogicTest : public ::testing::TestWithParam<LogicCase> {};

TEST_P(ThreeValuedLogicTest, FollowsKleeneLogic) {
  FakeEnvironment env;
  EXPECT_EQ(Outcome(Eval(GetParam().source, env)), GetParam().result) << GetParam().source;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ThreeValuedLogicTest,
    ::testing::Values(
        LogicCase{"t and t", "true"}, LogicCase{"t and f", "false"}, LogicCase{"f and t", "false"},
        LogicCase{"f and f", "false"}, LogicCase{"f and u", "false"}, LogicCase{"u and f", "false"},
        LogicCase{"t and u", "unknown"}, LogicCase{"u and t", "unknown"},
        LogicCase{"u and u", "unknown"}, LogicCase{"t or t", "true"}, LogicCase{"t or f", "true"},
        LogicCase{"f or t", "true"}, LogicCase{"f or f", "false"}, LogicCase{"t or u", "true"},
        LogicCase{"u or t", "true"}, LogicCase{"f or u", "unknown"}, LogicCase{"u or f", "unknown"},
        LogicCase{"u or u", "unknown"}, LogicCase{"not t", "false"}, LogicCase{"not f", "true"},
        LogicCase{"not u", "unknown"}, LogicCase{"not nul", "unknown"},
        // An error outranks unknown, and is only overridden by an operand that decides.
        LogicCase{"t and s", "error"}, LogicCase{"s and t", "error"}, LogicCase{"u and s", "error"},
        LogicCase{"s and u", "error"}, LogicCase{"f and s", "false"}, LogicCase{"s and f", "false"},
        LogicCase{"f or s", "error"}, LogicCase{"s or u", "error"}, LogicCase{"t or s", "true"},
        LogicCase{"s or t", "true"}, LogicCase{"not s", "error"},
        LogicCase{"(n > 'x') and t", "error"}, LogicCase{"(n > 'x') or u", "error"},
        LogicCase{"(u > 1) or f", "unknown"}, LogicCase{"(u > 1) and f", "false"}));

TEST(EvaluatorTest, UnknownNamesTheMissingPath) {
  FakeEnvironment env;
  Value v = Eval("t and vetting.missing", env);
  ASSERT_TRUE(v.is_unknown());
  EXPECT_EQ(v.text(), "vetting.missing");
}

TEST(EvaluatorTest, LogicErrorPointsAtTheOperand) {
  EXPECT_EQ(EvalToString("t and s"), "error@6: 'and' needs true or false, not text ('abc')");
  EXPECT_EQ(EvalToString("n or f"), "error@0: 'or' needs true or false, not a number (3)");
  EXPECT_EQ(EvalToString("not n"), "error@0: 'not' needs true or false, not a number (3)");
}

TEST(EvaluatorTest, FirstErrorWinsInLogic) {
  EXPECT_EQ(EvalToString("n and s"), "error@0: 'and' needs true or false, not a number (3)");
}

TEST(EvaluatorTest, LogicOverSectionIsAnError) {
  EXPECT_EQ(EvalToString("sec and t"), "error@0: 'and' needs true or false, not a section");
}

// ---- comparisons and arithmetic ---------------------------------------------------------------

struct ValueCase {
  const char* source;
  const char* result;  // Value::ToString, or "error@OFFSET: message"
};

class EvaluatorValueTest : public ::testing::TestWithParam<ValueCase> {};

TEST_P(EvaluatorValueTest, Evaluates) {
  EXPECT_EQ(EvalToString(GetParam().source), GetParam().result) << GetParam().source;
}

INSTANTIATE_TEST_SUITE_P(
    Comparisons, EvaluatorValueTest,
    ::testing::Values(
        ValueCase{"n == 3", "true"}, ValueCase{"n != 3", "false"}, ValueCase{"n < 3", "false"},
        ValueCase{"n <= 3", "true"}, ValueCase{"n > 2.5", "true"}, ValueCase{"n >= 3.5", "false"},
        ValueCase{"d == 2016-03-31", "true"}, ValueCase{"d < 2016-04-01", "true"},
        ValueCase{"d > 2016-04-01", "false"}, ValueCase{"d >= 2016-03-31", "true"},
        ValueCase{"s == 'abc'", "true"}, ValueCase{"s != 'ABC'", "true"},
        ValueCase{"s < 'abd'", "true"}, ValueCase{"s > 'ab'", "true"},
        ValueCase{"s <= 'B'", "false"},  // byte order: upper case sorts first
        ValueCase{"t == true", "true"}, ValueCase{"f != false", "false"},
        ValueCase{"list == list", "true"}, ValueCase{"list == empty", "false"},
        ValueCase{"u == 3", "unknown"}, ValueCase{"3 < u", "unknown"},
        ValueCase{"n == 'abc'", "error@0: '==' cannot compare a number (3) with text ('abc')"},
        ValueCase{"d != n", "error@0: '!=' cannot compare a date (2016-03-31) with a number (3)"},
        ValueCase{"sec == sec", "error@0: '==' cannot compare a section with a section"},
        ValueCase{"list != 1", "error@0: '!=' cannot compare a list with a number (1)"},
        ValueCase{"t and s < 3", "error@6: '<' cannot order text ('abc') against a number (3)"},
        ValueCase{"t < f", "error@0: '<' cannot order a boolean (true) against a boolean (false)"},
        ValueCase{"list >= list", "error@0: '>=' cannot order a list against a list"}));

INSTANTIATE_TEST_SUITE_P(
    Arithmetic, EvaluatorValueTest,
    ::testing::Values(
        ValueCase{"1 + 2 * 3", "7"}, ValueCase{"(1 + 2) * 3", "9"}, ValueCase{"n - 5", "-2"},
        ValueCase{"-n", "-3"}, ValueCase{"- -n", "3"}, ValueCase{"n / 2", "1.5"},
        ValueCase{"1 / 3", "0.333333"}, ValueCase{"10 - 4 - 3", "3"}, ValueCase{"u + 1", "unknown"},
        ValueCase{"-u", "unknown"}, ValueCase{"n / 0", "error@0: division by zero"},
        ValueCase{"1 + n / zero", "error@4: division by zero"},
        ValueCase{"1 + n * s", "error@4: '*' needs numbers, not a number (3) and text ('abc')"},
        ValueCase{"d * 2", "error@0: '*' needs numbers, not a date (2016-03-31) and a number (2)"},
        ValueCase{"-s", "error@0: '-' needs a number, not text ('abc')"},
        ValueCase{"n / s > 1 and t",
                  "error@0: '/' needs numbers, not a number (3) and text ('abc')"},
        // An error outranks unknown on either side of an operator.
        ValueCase{"u + s * 1", "error@4: '*' needs numbers, not text ('abc') and a number (1)"},
        ValueCase{"(n / zero) + u", "error@1: division by zero"}));

// Date arithmetic stays within the dates a four-digit year writes; past either end it is an
// error (it once wrapped round the 32-bit day count).
INSTANTIATE_TEST_SUITE_P(
    DateRange, EvaluatorValueTest,
    ::testing::Values(
        ValueCase{"9999-12-31 + 0d", "9999-12-31"}, ValueCase{"d + 7983y", "9999-03-31"},
        ValueCase{"0000-01-07 - 6d", "0000-01-01"}, ValueCase{"2016-03-31 - 2016y", "0000-03-31"},
        ValueCase{"9999-12-31 + 1d",
                  "error@0: '+' takes a date (9999-12-31) outside the dates forcecheck represents "
                  "(0000-01-01 to 9999-12-31)"},
        ValueCase{"d + 7984y",
                  "error@0: '+' takes a date (2016-03-31) outside the dates forcecheck represents "
                  "(0000-01-01 to 9999-12-31)"},
        ValueCase{"0000-01-01 - 1w",
                  "error@0: '-' takes a date (0000-01-01) outside the dates forcecheck represents "
                  "(0000-01-01 to 9999-12-31)"},
        ValueCase{"d + 10000y + 10000y + 10000y",
                  "error@0: '+' takes a date (2016-03-31) outside the dates forcecheck represents "
                  "(0000-01-01 to 9999-12-31)"}));

// ---- functions --------------------------------------------------------------------------------

INSTANTIATE_TEST_SUITE_P(
    Functions, EvaluatorValueTest,
    ::testing::Values(
        ValueCase{"len(list)", "3"}, ValueCase{"len(empty)", "0"}, ValueCase{"len(s)", "3"},
        ValueCase{"len(u)", "unknown"},
        ValueCase{"len(n) > 1", "error@0: len() needs a list or text, not a number"},
        ValueCase{"len(sec)", "error@4: argument 1 of len() must be any, not a section"},
        ValueCase{"contains(list, 'x')", "true"}, ValueCase{"contains(list, 1)", "true"},
        ValueCase{"contains(list, 'y')", "false"}, ValueCase{"contains(list, '1')", "false"},
        ValueCase{"contains(empty, 1)", "false"}, ValueCase{"contains(u, 1)", "unknown"},
        ValueCase{"contains(list, u)", "unknown"},
        ValueCase{"contains(s, 'a')",
                  "error@9: argument 1 of contains() must be list, not text ('abc')"},
        ValueCase{"days_between(2016-01-01, d)", "90"},
        ValueCase{"days_between(d, 2016-01-01)", "-90"},
        ValueCase{"days_between(d, as_of())", "276"}, ValueCase{"days_between(d, u)", "unknown"},
        ValueCase{"days_between(d, s)",
                  "error@16: argument 2 of days_between() must be date, not text ('abc')"},
        ValueCase{"as_of()", "2017-01-01"}, ValueCase{"min(3, 1, 2)", "1"},
        ValueCase{"max(3, 1, 2)", "3"}, ValueCase{"min(n)", "3"}, ValueCase{"max(-1, n, 0.5)", "3"},
        ValueCase{"min(n, -2.5)", "-2.5"}, ValueCase{"max(1, u)", "unknown"},
        ValueCase{"max(1, s)", "error@7: argument 2 of max() must be number, not text ('abc')"},
        // Arguments are all evaluated before their types are checked: an absent one decides.
        ValueCase{"min(1, s, u)", "unknown"},
        ValueCase{"nope(1)", "error@0: unknown function 'nope'"}));

TEST(EvaluatorTest, LenCountsCharactersNotBytes) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("len('caf\xC3\xA9')", env).ToString(), "4");
}

TEST(EvaluatorTest, FirstUndecidedArgumentIsTheResult) {
  EXPECT_EQ(EvalToString("max(u, n / zero)"), "unknown");
  EXPECT_EQ(EvalToString("max(n / zero, u)"), "error@4: division by zero");
}

// ---- exists -----------------------------------------------------------------------------------

TEST(EvaluatorTest, ExistsIsFalseForAbsentPath) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("exists(vetting.aftercare)", env).ToString(), "false");
  EXPECT_EQ(env.looked_up, (std::vector<std::string>{"vetting.aftercare"}));
}

TEST(EvaluatorTest, ExistsIsFalseForNull) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("exists(nul)", env).ToString(), "false");
}

TEST(EvaluatorTest, ExistsIsTrueForPresentValueAndSection) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("exists(f)", env).ToString(), "true");
  EXPECT_EQ(Eval("exists(sec)", env).ToString(), "true");
  EXPECT_EQ(Eval("exists(sec.inner)", env).ToString(), "true");
}

TEST(EvaluatorTest, ExistsDecidesWhatAbsentEvidenceCannot) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("not exists(u) or u == 1", env).ToString(), "true");
}

TEST(EvaluatorTest, AndStopsAtFalseLeftSide) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("f and a.b", env).ToString(), "false");
  EXPECT_EQ(env.looked_up, (std::vector<std::string>{"f"}));
}

TEST(EvaluatorTest, OrStopsAtTrueLeftSide) {
  FakeEnvironment env;
  EXPECT_EQ(Eval("t or a.b", env).ToString(), "true");
  EXPECT_EQ(env.looked_up, (std::vector<std::string>{"t"}));
}

// ---- failures of the evaluator itself ----------------------------------------------------------

// What `e` throws as a failure of the evaluator: "OFFSET: MESSAGE", or "" when it throws none.
std::string EngineFailureOf(const Expr& e) {
  FakeEnvironment env;
  try {
    const Value v = Evaluate(e, env);
    ADD_FAILURE() << "no failure, but " << v.ToString();
  } catch (const EngineFailure& failure) {
    return std::to_string(failure.offset()) + ": " + failure.what();
  }
  return "";
}

// A node no checked expression has (the checker resolves every path to one of the kinds of
// Ref) is a failure of the evaluator, thrown: never an error value, which would be a rule's
// outcome.
TEST(EngineFailureTest, AnUnresolvedNameIsThrownNotAnErrorValue) {
  ParseResult parsed = Parse("t and a.b");
  ASSERT_FALSE(parsed.error);
  Expr& path = *parsed.expr->args[1];
  path.ref = static_cast<Ref>(99);
  EXPECT_EQ(EngineFailureOf(*parsed.expr), "6: unresolved name 'a.b'");
}

TEST(EngineFailureTest, AnUnknownKindOfNodeIsThrown) {
  ParseResult parsed = Parse("not (1 > 2)");
  ASSERT_FALSE(parsed.error);
  parsed.expr->args[0]->kind = static_cast<Expr::Kind>(42);
  EXPECT_EQ(EngineFailureOf(*parsed.expr), "5: unknown expression kind 42");
}

// A false right side decides `and` over an error on its left, but not over a failure.
TEST(EngineFailureTest, LogicDoesNotHideAFailure) {
  ParseResult parsed = Parse("a.b and f");
  ASSERT_FALSE(parsed.error);
  parsed.expr->args[0]->ref = static_cast<Ref>(99);
  EXPECT_EQ(EngineFailureOf(*parsed.expr), "0: unresolved name 'a.b'");
}

TEST(EngineFailureTest, AnUndecidedCellHasNoValue) {
  try {
    Cell::Bad().ToValue();
    ADD_FAILURE() << "no failure";
  } catch (const EngineFailure& failure) {
    EXPECT_STREQ(failure.what(), "a value asked of an undecided cell");
  }
}

// ---- values -----------------------------------------------------------------------------------

TEST(ValueTest, PrintsAsAUserReadsIt) {
  EXPECT_EQ(Value::Number(12).ToString(), "12");
  EXPECT_EQ(Value::Number(0.5).ToString(), "0.5");
  EXPECT_EQ(Value::Number(-0.25).ToString(), "-0.25");
  EXPECT_EQ(Value::Number(1e20).ToString(), "1e+20");
  EXPECT_EQ(Value::Text("a'b").ToString(), "'a'b'");
  EXPECT_EQ(Value::DateValue(DateFromCivil(2016, 3, 31)).ToString(), "2016-03-31");
  EXPECT_EQ(Value::List({Value::Number(1), Value::Text("x")}).ToString(), "[1, 'x']");
  EXPECT_EQ(Value::List({}).ToString(), "[]");
  EXPECT_EQ(Value::Section().ToString(), "(section)");
  EXPECT_EQ(Value::Unknown("a.b").ToString(), "unknown");
  EXPECT_EQ(Value::Error("boom", 3).ToString(), "error: boom");
}

TEST(ValueTest, EqualsNeedsOneKind) {
  EXPECT_TRUE(Value::Number(1).Equals(Value::Number(1)));
  EXPECT_FALSE(Value::Number(1).Equals(Value::Text("1")));
  EXPECT_FALSE(Value::Section().Equals(Value::Section()));
  EXPECT_TRUE(Value::List({Value::Text("a")}).Equals(Value::List({Value::Text("a")})));
  EXPECT_FALSE(Value::List({Value::Text("a")}).Equals(Value::List({Value::Text("b")})));
}

}  // namespace
}  // namespace forcecheck::expr
