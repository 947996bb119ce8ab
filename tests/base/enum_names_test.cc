// Every printed or read enumeration has one table of names: each value named once, each name
// read back as its value, and the names the reports and files have always used.

#include "base/enum_names.h"

#include <set>

#include <gtest/gtest.h>

#include "base/spelling.h"
#include "diag/diagnostic.h"
#include "eval/evaluate.h"
#include "eval/mutation_tests.h"
#include "evidence/register.h"
#include "rules/grading.h"
#include "rules/parameters.h"
#include "rules/rule_pack.h"

namespace forcecheck {
namespace {

// Each of the `count` values (0 .. count-1) appears once, and each name parses back to it.
template <typename E, size_t N>
void ExpectRoundTrip(const EnumName<E> (&table)[N], size_t count) {
  ASSERT_EQ(N, count);
  std::set<std::string> names;
  for (size_t i = 0; i < count; ++i) {
    const E value = static_cast<E>(i);
    const std::string name = NameIn(table, value);
    EXPECT_TRUE(names.insert(name).second) << name << " names two values";
    EXPECT_EQ(ParseIn(table, name), value) << name;
  }
  EXPECT_EQ(ParseIn(table, "no such name"), std::nullopt);
}

TEST(EnumNamesTest, EveryTableNamesEachValueOnce) {
  ExpectRoundTrip(kSeverities, 5);
  ExpectRoundTrip(kOutcomeNames, 5);
  ExpectRoundTrip(kOutcomeIds, 5);
  ExpectRoundTrip(kGradeLevels, 3);
  ExpectRoundTrip(kNotAssessedPolicies, 2);
  ExpectRoundTrip(kColumnTypes, 4);
  ExpectRoundTrip(kLevels, 3);
  ExpectRoundTrip(kMutantFates, 3);
}

TEST(EnumNamesTest, NamesAreTheOnesFilesAndReportsUse) {
  EXPECT_EQ(NamesIn(kSeverities),
            (std::vector<std::string>{"info", "low", "medium", "high", "critical"}));
  EXPECT_EQ(kSeverityNames, "info, low, medium, high, critical");
  EXPECT_STREQ(OutcomeName(Outcome::kNotAssessed), "not assessed");
  EXPECT_STREQ(OutcomeId(Outcome::kNotAssessed), "not_assessed");
  EXPECT_EQ(ParseOutcome("not_assessed"), Outcome::kNotAssessed);
  EXPECT_EQ(ParseOutcome("not assessed"), std::nullopt);
  EXPECT_STREQ(GradeLevelName(GradeLevel::kQuestion), "question");
  EXPECT_EQ(ParseNotAssessedPolicy("exclude"), NotAssessedPolicy::kExclude);
  EXPECT_STREQ(ColumnTypeName(ColumnType::kBool), "boolean");
  EXPECT_EQ(ParseColumnType("bool"), std::nullopt);
  EXPECT_STREQ(LevelName(Level::kWarning), "warning");
  EXPECT_EQ(ParseLevel("note"), Level::kNote);
  EXPECT_STREQ(MutantFateName(MutantFate::kNotCompiled), "not compiled");
  EXPECT_STREQ(ParameterTypeName(expr::Type::kDuration), "duration");
  EXPECT_STREQ(ParameterTypeName(expr::Type::kList), "value");
}

TEST(EnumNamesTest, UnknownValueSuggestsOrLists) {
  EXPECT_EQ(UnknownValue("severity", "hihg", NamesIn(kSeverities)),
            "unknown severity 'hihg'; did you mean 'high'?");
  EXPECT_EQ(
      UnknownValue("column type", "integer", NamesIn(kColumnTypes)),
      "unknown column type 'integer'; expected one of 'text', 'number', 'date' and 'boolean'");
}

}  // namespace
}  // namespace forcecheck
