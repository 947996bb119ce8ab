#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/conformance.h"
#include "report/report.h"
#include "report/report_fixture.h"
#include "report/schema_validation.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;
using Json = nlohmann::json;

// The line `text` is on in `doc`, 1-based.
uint32_t LineOf(std::string_view doc, std::string_view text) {
  const size_t at = doc.find(text);
  return static_cast<uint32_t>(std::count(doc.begin(), doc.begin() + static_cast<long>(at), '\n') +
                               1);
}

const Json& ResultFor(const Json& log, const std::string& rule) {
  for (const Json& r : log["runs"][0]["results"]) {
    if (r["ruleId"] == rule) return r;
  }
  static const Json kNone;
  ADD_FAILURE() << "no result for " << rule;
  return kNone;
}

void ExpectValidSarif(const std::string& sarif) {
  const std::string schema = testing::ConformanceFile("sarif-schema-2.1.0.json");
  if (schema.empty()) GTEST_SKIP() << "../shared/conformance/sarif-schema-2.1.0.json is absent";
  EXPECT_EQ(testing::SchemaViolations(sarif, schema, valijson::SchemaParser::kDraft4), "");
}

TEST(SarifReportTest, ValidatesAgainstTheSarifSchema) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  ExpectValidSarif(RenderSarif(built->report));
}

TEST(SarifReportTest, HostileStringsStillValidate) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  ExpectValidSarif(RenderSarif(built->report));
}

// The example reports kept in reports/ are what code scanning would be given.
TEST(SarifReportTest, ExampleReportsValidate) {
  const std::string schema = testing::ConformanceFile("sarif-schema-2.1.0.json");
  if (schema.empty()) GTEST_SKIP() << "../shared/conformance/sarif-schema-2.1.0.json is absent";
  int seen = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(FORCECHECK_SOURCE_DIR) + "/reports")) {
    if (e.path().extension() != ".sarif") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(testing::SchemaViolations(text.str(), schema, valijson::SchemaParser::kDraft4), "")
        << e.path();
    ++seen;
  }
  EXPECT_GT(seen, 0);
}

// The schema check is only worth having if it can fail.
TEST(SarifReportTest, TheSchemaCheckRejectsABrokenLog) {
  const std::string schema = testing::ConformanceFile("sarif-schema-2.1.0.json");
  if (schema.empty()) GTEST_SKIP() << "../shared/conformance/sarif-schema-2.1.0.json is absent";
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  Json log = Json::parse(RenderSarif(built->report));
  log["runs"][0]["results"][0]["level"] = "fatal";
  log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  const std::string violations =
      testing::SchemaViolations(log.dump(), schema, valijson::SchemaParser::kDraft4);
  EXPECT_NE(violations.find("[level]: Failed to match against any enum values"), std::string::npos)
      << violations;
  EXPECT_NE(violations.find("[startLine]: Expected number greater than or equal to 1"),
            std::string::npos)
      << violations;
}

TEST(SarifReportTest, DescribesEveryRuleWithSeverityAndHelp) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const Json log = Json::parse(RenderSarif(built->report));
  const Json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "forcecheck");
  EXPECT_EQ(driver["version"], "9.8.7");
  ASSERT_EQ(driver["rules"].size(), 6u);
  const Json& vet2 = driver["rules"][1];
  EXPECT_EQ(vet2["id"], "VET-002");
  EXPECT_EQ(vet2["name"], "VettingAftercareIsCarriedOut");
  EXPECT_EQ(vet2["shortDescription"]["text"], "Vetting aftercare is carried out");
  EXPECT_EQ(vet2["fullDescription"]["text"], "Clearances go stale.");
  EXPECT_EQ(vet2["helpUri"], "https://example.invalid/aftercare");
  EXPECT_EQ(vet2["help"]["text"],
            "Gap: Vetting aftercare is not carried out.\nRemediation: Review every clearance at "
            "least once a "
            "year.\nSource: Test document, Aftercare (2016) <https://example.invalid/aftercare>");
  EXPECT_EQ(vet2["help"]["markdown"], "**Gap:** Vetting aftercare is not carried "
                                      "out.\n\n**Remediation:** Review every clearance at least "
                                      "once a year.\n\n**Source:** [Test document, Aftercare "
                                      "(2016)](https://example.invalid/aftercare)");
  EXPECT_EQ(
      vet2["properties"]["tags"],
      Json::parse(
          R"(["security", "area:ethical/vetting", "severity:critical", "cause-of-concern", "cause-of-concern:force"])"));
  // critical, high, medium, low, info as the pack orders them: VET-002, VET-001, REG-001, REG-002,
  // PDR-002.
  EXPECT_EQ(driver["rules"][1]["properties"]["security-severity"], "9.5");
  EXPECT_EQ(driver["rules"][0]["properties"]["security-severity"], "8.0");
  EXPECT_EQ(driver["rules"][2]["properties"]["security-severity"], "5.5");
  EXPECT_EQ(driver["rules"][3]["properties"]["security-severity"], "3.0");
  EXPECT_EQ(driver["rules"][5]["properties"]["security-severity"], "1.0");
  EXPECT_FALSE(driver["rules"][0].contains("helpUri"));
}

TEST(SarifReportTest, OneResultPerFindingThatIsNotAPassWithItsLevel) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const Json log = Json::parse(RenderSarif(built->report));
  const Json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 5u);
  std::string seen;
  for (const Json& r : results) {
    seen += r["ruleId"].get<std::string>() + "=" + r["level"].get<std::string>() + "/" +
            r["properties"]["outcome"].get<std::string>() + " ";
    EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()]["id"],
              r["ruleId"]);
  }
  EXPECT_EQ(
      seen,
      "VET-002=error/fail REG-001=warning/partial REG-002=note/not_assessed PDR-001=error/error "
      "PDR-002=error/fail ");
  EXPECT_EQ(ResultFor(log, "VET-002")["message"]["text"],
            "VET-002 not met: Vetting aftercare is carried out. Vetting aftercare is not carried "
            "out. Evidence: "
            "vetting.aftercare.in_place = true; vetting.aftercare.last_review = 2014-06-30.");
  EXPECT_EQ(ResultFor(log, "REG-002")["message"]["text"],
            "REG-002 not assessed: evidence needed is missing: "
            "integrity_registers.business_interest_checks_per_year "
            "(absent).");
}

TEST(SarifReportTest, PointsAtTheEvidenceOrElseAtTheRule) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const Json log = Json::parse(RenderSarif(built->report));
  const Json vet2 = ResultFor(log, "VET-002")["locations"][0]["physicalLocation"];
  EXPECT_EQ(vet2,
            Json::parse(R"({"artifactLocation": {"uri": "evidence.yaml", "uriBaseId": "%SRCROOT%"},
                                  "region": {"startLine": 10, "startColumn": 17}})"));
  const Json pdr2 = ResultFor(log, "PDR-002")["locations"][0]["physicalLocation"];
  EXPECT_EQ(pdr2["artifactLocation"]["uri"], "pack.yaml");
  EXPECT_EQ(pdr2["region"]["startLine"], LineOf(testing::kMiniPack, "id: PDR-002"));
  EXPECT_EQ(pdr2["region"]["startColumn"], 9);
  // An error also points at the failing expression in the rule file.
  const Json& related = ResultFor(log, "PDR-001")["relatedLocations"];
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0]["physicalLocation"]["artifactLocation"]["uri"], "pack.yaml");
  EXPECT_EQ(related[0]["physicalLocation"]["region"]["startLine"],
            LineOf(testing::kMiniPack, "check: performance.edr_completion_pct"));
}

TEST(SarifReportTest, FingerprintsSurviveEditsToTheEvidenceFile) {
  TempDir before_dir, after_dir;
  auto before = BuildReport(before_dir, testing::kMiniPack, testing::kMiniEvidence);
  std::string edited = "# a comment\n# another\n" + std::string(testing::kMiniEvidence);
  edited.replace(edited.find("last_review: 2014-06-30"), 23, "last_review: 2013-01-01");
  auto after = BuildReport(after_dir, testing::kMiniPack, edited);
  ASSERT_TRUE(before && after);
  const Json a = Json::parse(RenderSarif(before->report));
  const Json b = Json::parse(RenderSarif(after->report));
  for (const char* rule : {"VET-002", "REG-001", "REG-002", "PDR-001", "PDR-002"}) {
    const Json& fa = ResultFor(a, rule)["partialFingerprints"]["forcecheck/v1"];
    EXPECT_EQ(fa, ResultFor(b, rule)["partialFingerprints"]["forcecheck/v1"]) << rule;
    EXPECT_EQ(fa.get<std::string>().size(), 64u);
  }
  EXPECT_NE(ResultFor(a, "VET-002")["partialFingerprints"],
            ResultFor(a, "REG-001")["partialFingerprints"]);
  EXPECT_EQ(ResultFor(b, "VET-002")["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
}

TEST(SarifReportTest, KeepsHostileLinksOut) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  const Json log = Json::parse(RenderSarif(built->report));
  const Json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  EXPECT_FALSE(rules[0].contains("helpUri"));
  EXPECT_EQ(rules[1]["helpUri"], "https://example.invalid/a%20b%28c%29%3Cd%3E%22e");
  const std::string md = rules[0]["help"]["markdown"];
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_EQ(md.find("javascript:"), std::string::npos) << md;
}

}  // namespace
}  // namespace forcecheck
