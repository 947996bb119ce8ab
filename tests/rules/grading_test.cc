#include "rules/grading.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace forcecheck {
namespace {

std::string Slurp(const std::string& relative) {
  std::ifstream in(std::string(FORCECHECK_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Markdown text with its line breaks and emphasis gone, so a sentence can be found however
// the document wraps it.
std::string Flat(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c != '*' && c != '`') {
      out += c;
    }
  }
  return out;
}

TEST(GradingTest, ParsesEveryMethodAndScopeByItsName) {
  for (const AggregationMethod& m : AggregationMethods()) {
    EXPECT_EQ(ParseAggregation(m.name), m.id);
    EXPECT_EQ(MethodOf(m.id).name, m.name);
  }
  for (const CauseOfConcernScope& s : CauseOfConcernScopes()) {
    EXPECT_EQ(ParseCauseOfConcern(s.name), s.id);
    EXPECT_EQ(ScopeOf(s.id).name, s.name);
    EXPECT_EQ(CauseOfConcernName(s.id), s.name);
  }
  EXPECT_EQ(ParseAggregation("mean"), std::nullopt);
  EXPECT_EQ(ParseCauseOfConcern("true"), std::nullopt);
  EXPECT_EQ(CauseOfConcernName(CauseOfConcern::kNone), "");
}

TEST(GradingTest, OnlyScoreGradesAnArea) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(AggregationNames(GradeLevel::kArea), Names({"score"}));
  EXPECT_EQ(AggregationNames(GradeLevel::kQuestion), Names({"score", "median", "worst"}));
  EXPECT_EQ(AggregationNames(GradeLevel::kOverall), Names({"score", "median", "worst"}));
  EXPECT_EQ(CauseOfConcernNames(), Names({"national", "force"}));
}

TEST(GradingTest, OnlyAForceCauseOfConcernCaps) {
  EXPECT_FALSE(ScopeOf(CauseOfConcern::kNational).caps);
  EXPECT_TRUE(ScopeOf(CauseOfConcern::kForce).caps);
}

// docs/formats.md documents each method and scope in the words of the tables.
TEST(GradingTest, FormatsDocumentQuotesTheTables) {
  const std::string doc = Flat(Slurp("docs/formats.md"));
  for (const AggregationMethod& m : AggregationMethods()) {
    EXPECT_NE(doc.find("| " + std::string(m.name) + " | " + std::string(m.meaning) + " |"),
              std::string::npos)
        << "docs/formats.md has no table row for aggregation method '" << m.name << "'";
  }
  for (const CauseOfConcernScope& s : CauseOfConcernScopes()) {
    EXPECT_NE(doc.find("| " + std::string(s.name) + " | " + std::string(s.meaning) + " |"),
              std::string::npos)
        << "docs/formats.md has no table row for cause-of-concern scope '" << s.name << "'";
  }
}

// The pack schema accepts exactly the names the loader accepts.
TEST(GradingTest, PackSchemaListsTheSameNames) {
  const nlohmann::json schema = nlohmann::json::parse(Slurp("schemas/rule-pack.schema.json"));
  const nlohmann::json& levels = schema["definitions"]["pack"]["properties"]["grading"]
                                       ["properties"]["aggregation"]["properties"];
  for (GradeLevel level : {GradeLevel::kArea, GradeLevel::kQuestion, GradeLevel::kOverall}) {
    EXPECT_EQ(levels[GradeLevelName(level)]["enum"].get<std::vector<std::string>>(),
              AggregationNames(level))
        << GradeLevelName(level);
  }
  EXPECT_EQ(schema["definitions"]["rule"]["properties"]["cause_of_concern"]["enum"]
                .get<std::vector<std::string>>(),
            CauseOfConcernNames());
}

}  // namespace
}  // namespace forcecheck
