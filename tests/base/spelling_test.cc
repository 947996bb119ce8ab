#include "base/spelling.h"

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

TEST(SpellingTest, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("partners", "partners", 3), 0u);
  EXPECT_EQ(EditDistance("partner", "partners", 3), 1u);
  EXPECT_EQ(EditDistance("partnerss", "partners", 3), 1u);
  EXPECT_EQ(EditDistance("partnars", "partners", 3), 1u);
  EXPECT_EQ(EditDistance("patrners", "partners", 3), 1u);  // adjacent swap
  EXPECT_EQ(EditDistance("Met", "met", 3), 0u);            // case does not count
  EXPECT_EQ(EditDistance("", "abc", 3), 3u);
}

TEST(SpellingTest, StopsCountingAtTheLimit) {
  EXPECT_EQ(EditDistance("aftercare", "backlog", 2), 3u);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3u);
}

TEST(SpellingTest, SuggestsOnlyWhatIsCloseForItsLength) {
  const std::vector<std::string> keys = {"external_partners_engaged", "shared_with_partners"};
  EXPECT_EQ(ClosestName("external_partner_engaged", keys), "external_partners_engaged");
  EXPECT_EQ(ClosestName("partnership", keys), std::nullopt);
  const std::vector<std::string> judgements = {"met", "partly_met", "not_met"};
  EXPECT_EQ(ClosestName("Met", judgements), "met");
  EXPECT_EQ(ClosestName("partly-met", judgements), "partly_met");
  EXPECT_EQ(ClosestName("yes", judgements), std::nullopt);  // 2 edits: too far for 3 letters
  EXPECT_EQ(ClosestName("met", judgements), std::nullopt);  // itself is not a suggestion
}

TEST(SpellingTest, ListsWhatIsAllowedWhenNothingIsClose) {
  EXPECT_EQ(SuggestName("reviewr", {"in_place", "reviewer"}), "; did you mean 'reviewer'?");
  EXPECT_EQ(SuggestName("lead", {"aftercare", "unit_staff"}),
            "; expected one of 'aftercare' and 'unit_staff'");
  EXPECT_EQ(SuggestName("x", {"a", "b"}, "the pack declares"), "; the pack declares 'a' and 'b'");
  EXPECT_EQ(SuggestName("x", {}), "");
}

TEST(SpellingTest, NamesAFewOfABigList) {
  std::vector<std::string> many;
  for (char c = 'a'; c <= 'p'; ++c) many.push_back(std::string(3, c));
  EXPECT_EQ(QuotedList(many, "and", 3), "'aaa', 'bbb', 'ccc' and 13 more");
  EXPECT_EQ(QuotedList({"met", "partly_met", "not_met"}, "or"), "'met', 'partly_met' or 'not_met'");
}

}  // namespace
}  // namespace forcecheck
