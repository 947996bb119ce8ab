#include "base/strings.h"

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

TEST(IsIdentifierTest, TakesTheRuleLanguagesNames) {
  for (const char* name : {"a", "_", "vetting", "_private", "dbs_checks_2024", "A1_b2"}) {
    EXPECT_TRUE(IsIdentifier(name)) << name;
  }
}

TEST(IsIdentifierTest, RefusesEverythingElse) {
  for (const char* name : {"", "2024", "1a", "a-b", "a.b", "a b", "é", "caf\xc3\xa9", "a\n"}) {
    EXPECT_FALSE(IsIdentifier(name)) << name;
  }
}

TEST(JoinTest, PutsTheSeparatorBetweenParts) {
  EXPECT_EQ(Join({}, ", "), "");
  EXPECT_EQ(Join({"a"}, ", "), "a");
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(Join({"vetting", "aftercare"}, "."), "vetting.aftercare");
}

TEST(JoinTest, JoinNonEmptyLeavesOutEmptyTexts) {
  const std::vector<int> numbers = {1, 2, 3, 4};
  auto odd = [](int n) { return n % 2 ? std::to_string(n) : std::string(); };
  EXPECT_EQ(JoinNonEmpty(numbers, "; ", odd), "1; 3");
  EXPECT_EQ(JoinNonEmpty(std::vector<int>{2, 4}, "; ", odd), "");
}

TEST(JoinTest, JoinWordsReadsAsProse) {
  EXPECT_EQ(JoinWords({}, "or"), "");
  EXPECT_EQ(JoinWords({"met"}, "or"), "met");
  EXPECT_EQ(JoinWords({"met", "not_met"}, "or"), "met or not_met");
  EXPECT_EQ(JoinWords({"met", "partly_met", "not_met"}, "and"), "met, partly_met and not_met");
}

}  // namespace
}  // namespace forcecheck
