#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/report_fixture.h"
#include "report/schema_validation.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;

const std::string kSchema = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/report.schema.json";

std::string Violations(const std::string& json) {
  return testing::SchemaViolations(json, kSchema, valijson::SchemaParser::kDraft7);
}

TEST(JsonReportTest, ValidatesAgainstItsSchema) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  EXPECT_EQ(Violations(RenderJson(built->report)), "");
}

TEST(JsonReportTest, HostileStringsStillValidate) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  EXPECT_EQ(Violations(RenderJson(built->report)), "");
}

// Every example report kept in reports/ is what a user's program would read.
TEST(JsonReportTest, ExampleReportsValidate) {
  int seen = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(FORCECHECK_SOURCE_DIR) + "/reports")) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(Violations(text.str()), "") << e.path();
    ++seen;
  }
  EXPECT_GT(seen, 0);
}

// The schema describes the report exactly: a missing key, an unknown key or a wrong type
// is caught, so the schema cannot drift from the writer unnoticed.
TEST(JsonReportTest, TheSchemaRejectsWhatTheWriterNeverWrites) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const nlohmann::json good = nlohmann::json::parse(RenderJson(built->report));
  nlohmann::json missing = good;
  missing.erase("findings");
  EXPECT_NE(Violations(missing.dump()).find("findings"), std::string::npos) << Violations(missing.dump());
  nlohmann::json extra = good;
  extra["findings"][0]["colour"] = "red";
  EXPECT_NE(Violations(extra.dump()), "");
  nlohmann::json wrong = good;
  wrong["findings"][0]["outcome"] = "not assessed";
  EXPECT_NE(Violations(wrong.dump()), "");
}

}  // namespace
}  // namespace forcecheck
