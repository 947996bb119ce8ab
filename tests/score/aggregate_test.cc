#include "score/aggregate.h"

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

Scale FourSteps() {
  Scale s;
  s.id = "four";
  s.bands = {{"outstanding", 90}, {"good", 65}, {"requires improvement", 40}, {"inadequate", 0}};
  return s;
}

const std::string kO = "outstanding", kG = "good", kRi = "requires improvement", kI = "inadequate";

struct ChildCase {
  Aggregation method;
  std::vector<std::string> grades;
  std::string expected;
};

class GradeFromChildrenTest : public ::testing::TestWithParam<ChildCase> {};

TEST_P(GradeFromChildrenTest, GivesTheGrade) {
  const ChildCase& c = GetParam();
  EXPECT_EQ(GradeFromChildren(c.method, FourSteps(), c.grades), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GradeFromChildrenTest,
    ::testing::Values(
        // West Midlands 2016: one weak question among good ones leaves the pillar good.
        ChildCase{Aggregation::kMedian, {kG, kG, kRi}, kG},
        ChildCase{Aggregation::kMedian, {kRi, kG, kG}, kG},  // order does not matter
        // ... and two weak of three make it weak.
        ChildCase{Aggregation::kMedian, {kG, kRi, kRi}, kRi},
        ChildCase{Aggregation::kMedian, {kO}, kO},
        // Even counts: the lower of the two middle grades, both ways round.
        ChildCase{Aggregation::kMedian, {kG, kRi}, kRi},
        ChildCase{Aggregation::kMedian, {kRi, kG}, kRi},
        ChildCase{Aggregation::kMedian, {kO, kO, kG, kI}, kG},
        ChildCase{Aggregation::kMedian, {kO, kG, kRi, kI}, kRi},
        ChildCase{Aggregation::kMedian, {kO, kO, kI, kI}, kI},
        ChildCase{Aggregation::kMedian, {kO, kO, kO, kI, kI}, kO},
        ChildCase{Aggregation::kWorst, {kO, kG, kG}, kG},
        ChildCase{Aggregation::kWorst, {kO, kI, kG}, kI},
        ChildCase{Aggregation::kWorst, {kG}, kG}));

struct DistanceCase {
  double score;
  std::string expected;
};

class BandDistanceTest : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(BandDistanceTest, SaysHowFarFromTheBandsEitherSide) {
  EXPECT_EQ(BandDistance(FourSteps(), GetParam().score), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BandDistanceTest,
    ::testing::Values(
        DistanceCase{71.3, "6.3 points above requires improvement, 18.7 below outstanding"},
        // On a boundary the score earns the band above, 0.0 points above the one below it.
        DistanceCase{65, "0.0 points above requires improvement, 25.0 below outstanding"},
        DistanceCase{64.99, "25.0 points above inadequate, less than 0.1 below good"},
        DistanceCase{65.01,
                     "less than 0.1 points above requires improvement, 25.0 below outstanding"},
        DistanceCase{89.9, "24.9 points above requires improvement, 0.1 below outstanding"},
        // The top band has nothing above it, the bottom band nothing below.
        DistanceCase{90, "0.0 points above good"}, DistanceCase{100, "10.0 points above good"},
        DistanceCase{12.5, "27.5 points below requires improvement"},
        DistanceCase{0, "40.0 points below requires improvement"}));

TEST(BandDistanceTest, OneBandHasNoDistance) {
  Scale s;
  s.bands = {{"graded", 0}};
  EXPECT_EQ(BandDistance(s, 50), "");
}

}  // namespace
}  // namespace forcecheck
