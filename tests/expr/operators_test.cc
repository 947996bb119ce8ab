// The rule language's operators (expr/operators.h): the table of which operands each takes,
// what each gives at its edges, and the same answers for a Value and a Cell, the two ways the
// engines hold one value.

#include "expr/operators.h"

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "expr/row_program.h"

namespace forcecheck::expr {
namespace {

struct ResolveCase {
  Op op;
  Kind l, r;
  Overload want;
};

class ResolveTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTest, FindsTheOverloadForTheKinds) {
  const ResolveCase& c = GetParam();
  EXPECT_EQ(Resolve(c.op, c.l, c.r), c.want) << OpText(c.op);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ResolveTest,
    ::testing::Values(ResolveCase{Op::kEq, Kind::kText, Kind::kText, Overload::kEqual},
                      ResolveCase{Op::kNe, Kind::kDuration, Kind::kDuration, Overload::kEqual},
                      ResolveCase{Op::kEq, Kind::kList, Kind::kList, Overload::kEqual},
                      ResolveCase{Op::kEq, Kind::kNumber, Kind::kText, Overload::kNone},
                      ResolveCase{Op::kEq, Kind::kSection, Kind::kSection, Overload::kNone},
                      ResolveCase{Op::kEq, Kind::kRows, Kind::kRows, Overload::kNone},
                      ResolveCase{Op::kEq, Kind::kError, Kind::kError,
                                  Overload::kNone},  // a bad cell
                      ResolveCase{Op::kLt, Kind::kDate, Kind::kDate, Overload::kOrder},
                      ResolveCase{Op::kGe, Kind::kText, Kind::kText, Overload::kOrder},
                      ResolveCase{Op::kLe, Kind::kBool, Kind::kBool, Overload::kNone},
                      ResolveCase{Op::kGt, Kind::kDuration, Kind::kDuration, Overload::kNone},
                      ResolveCase{Op::kLt, Kind::kNumber, Kind::kDate, Overload::kNone},
                      ResolveCase{Op::kAdd, Kind::kDate, Kind::kDuration, Overload::kShiftDate},
                      ResolveCase{Op::kSub, Kind::kDate, Kind::kDuration, Overload::kShiftDate},
                      ResolveCase{Op::kAdd, Kind::kDuration, Kind::kDate, Overload::kNone},
                      ResolveCase{Op::kSub, Kind::kDate, Kind::kDate, Overload::kDaysBetween},
                      ResolveCase{Op::kAdd, Kind::kDate, Kind::kDate, Overload::kNone},
                      ResolveCase{Op::kMul, Kind::kDate, Kind::kDuration, Overload::kNone},
                      ResolveCase{Op::kDiv, Kind::kNumber, Kind::kNumber, Overload::kNumbers},
                      ResolveCase{Op::kSub, Kind::kNumber, Kind::kText, Overload::kNone},
                      ResolveCase{Op::kAnd, Kind::kBool, Kind::kBool, Overload::kNone},
                      ResolveCase{Op::kIn, Kind::kText, Kind::kList, Overload::kNone}));

// What Apply gives for l op r, held as V: the value printed, or the fault.
template <typename V>
std::string ApplyToString(Op op, const V& l, const V& r) {
  int fault = -1;
  const V v = Apply(op, l, r, [&](Fault f) {
    fault = static_cast<int>(f);
    return V::Bool(false);
  });
  if (fault >= 0) return "fault " + std::to_string(fault);
  if constexpr (std::is_same_v<V, Cell>) {
    return v.ToValue().ToString();
  } else {
    return v.ToString();
  }
}

std::string ApplyToString(Op op, const Value& l, const Value& r) {
  return ApplyToString<Value>(op, l, r);
}

TEST(OperatorsTest, NaNIsLevelWithEveryNumberAndEqualToNone) {
  const Value nan = Value::Number(std::nan(""));
  EXPECT_EQ(ApplyToString(Op::kLe, nan, Value::Number(1)), "true");
  EXPECT_EQ(ApplyToString(Op::kLt, nan, Value::Number(1)), "false");
  EXPECT_EQ(ApplyToString(Op::kEq, nan, nan), "false");
}

TEST(OperatorsTest, OrdersTextByItsBytes) {
  EXPECT_EQ(ApplyToString(Op::kLt, Value::Text("B"), Value::Text("a")), "true");
  EXPECT_EQ(ApplyToString(Op::kLt, Value::Text("a"), Value::Text("ab")), "true");
  EXPECT_EQ(
      ApplyToString(Op::kEq, Value::Text(std::string(17, 'x')), Value::Text(std::string(17, 'x'))),
      "true");
  EXPECT_EQ(ApplyToString(Op::kEq, Value::Text(std::string(17, 'x')),
                          Value::Text(std::string(16, 'x') + "y")),
            "false");
}

TEST(OperatorsTest, DurationsAreEqualWhenWrittenAlike) {
  EXPECT_EQ(ApplyToString(Op::kEq, Value::Duration(12, 'm'), Value::Duration(12, 'm')), "true");
  EXPECT_EQ(ApplyToString(Op::kEq, Value::Duration(12, 'm'), Value::Duration(1, 'y')), "false");
}

TEST(OperatorsTest, GivesNoValueForADivisionByZeroOrADateOutOfRange) {
  const auto divide = static_cast<int>(Fault::kDivisionByZero);
  const auto outside = static_cast<int>(Fault::kOutsideDates);
  const auto kinds = static_cast<int>(Fault::kKinds);
  EXPECT_EQ(ApplyToString(Op::kDiv, Value::Number(1), Value::Number(0)),
            "fault " + std::to_string(divide));
  EXPECT_EQ(ApplyToString(Op::kAdd, Value::DateValue(kLastDate), Value::Duration(1, 'd')),
            "fault " + std::to_string(outside));
  EXPECT_EQ(ApplyToString(Op::kSub, Value::DateValue(kFirstDate), Value::Duration(1, 'm')),
            "fault " + std::to_string(outside));
  EXPECT_EQ(ApplyToString(Op::kAdd, Value::DateValue(kLastDate), Value::Duration(0, 'y')),
            "9999-12-31");
  EXPECT_EQ(ApplyToString(Op::kMul, Value::Text("a"), Value::Number(2)),
            "fault " + std::to_string(kinds));
}

TEST(OperatorsTest, MovesDatesByTheCalendarAndCountsDaysBetween) {
  const Value jan31 = Value::DateValue(DateFromCivil(2016, 1, 31));
  EXPECT_EQ(ApplyToString(Op::kAdd, jan31, Value::Duration(1, 'm')), "2016-02-29");
  EXPECT_EQ(ApplyToString(Op::kSub, jan31, Value::Duration(2, 'w')), "2016-01-17");
  EXPECT_EQ(ApplyToString(Op::kSub, jan31, Value::DateValue(DateFromCivil(2015, 12, 31))), "31");
}

// Every operator on every pair of a sample of values gives the same for a Value as for a Cell:
// the engines that hold one or the other share one implementation, and these are its inputs.
TEST(OperatorsTest, AValueAndACellGiveTheSame) {
  const std::vector<Value> sample = {Value::Bool(true),
                                     Value::Bool(false),
                                     Value::Number(0),
                                     Value::Number(-1.5),
                                     Value::Number(3),
                                     Value::Text(""),
                                     Value::Text("MV"),
                                     Value::Text("SC"),
                                     Value::DateValue(DateFromCivil(2016, 3, 31)),
                                     Value::DateValue(kLastDate),
                                     Value::Duration(1, 'd'),
                                     Value::Duration(-2, 'w'),
                                     Value::Duration(12, 'm'),
                                     Value::Duration(1, 'y')};
  size_t compared = 0;
  for (Op op : {Op::kEq, Op::kNe, Op::kLt, Op::kLe, Op::kGt, Op::kGe, Op::kAdd, Op::kSub, Op::kMul,
                Op::kDiv}) {
    for (const Value& l : sample) {
      for (const Value& r : sample) {
        SCOPED_TRACE(l.ToString() + " " + OpText(op) + " " + r.ToString());
        EXPECT_EQ(ApplyToString(op, Cell::Of(l), Cell::Of(r)), ApplyToString(op, l, r));
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 10 * 14 * 14u);
}

}  // namespace
}  // namespace forcecheck::expr
