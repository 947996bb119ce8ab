#include <filesystem>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "report/conformance.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;

// Checks `xml` with `xmllint --noout --schema junit-10.xsd`; marks the test skipped when the
// schema or xmllint is missing.
void ExpectValidJunit(const TempDir& dir, const std::string& xml) {
  const std::string xsd = testing::ConformanceFile("junit-10.xsd");
  if (xsd.empty()) GTEST_SKIP() << "../shared/conformance/junit-10.xsd is absent";
  if (!testing::HaveProgram("xmllint")) GTEST_SKIP() << "xmllint is not installed (libxml2-utils)";
  const std::string file = dir.Write("report.junit.xml", xml);
  const testing::CommandResult r =
      testing::RunCommand("xmllint --noout --schema '" + xsd + "' '" + file + "'");
  EXPECT_EQ(r.exit, 0) << r.output;
  EXPECT_EQ(r.output, file + " validates\n");
}

TEST(JunitReportTest, ValidatesAgainstTheJunitSchema) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  ExpectValidJunit(dir, RenderJunit(built->report));
}

TEST(JunitReportTest, HostileStringsStillValidate) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  const std::string xml = RenderJunit(built->report);
  for (char c : xml) {
    const unsigned char u = static_cast<unsigned char>(c);
    EXPECT_FALSE((u < 0x20 && c != '\n' && c != '\t' && c != '\r') || u == 0x7f)
        << "control byte " << int{u};
  }
  EXPECT_EQ(xml.find("<img"), std::string::npos);
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  ExpectValidJunit(dir, xml);
}

TEST(JunitReportTest, OneSuitePerAreaOneCasePerRule) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const std::string xml = RenderJunit(built->report);
  EXPECT_NE(
      xml.find("<testsuites name=\"forcecheck: Testshire Constabulary\" tests=\"6\" failures=\"3\" "
               "errors=\"1\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"ethical/vetting\" tests=\"2\" failures=\"1\" errors=\"0\" "
                     "skipped=\"0\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"ethical/registers\" tests=\"2\" failures=\"1\" "
                     "errors=\"0\" skipped=\"1\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"workforce/performance\" tests=\"2\" failures=\"1\" "
                     "errors=\"1\" skipped=\"0\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testcase classname=\"ethical/vetting\" name=\"VET-001: Recruit vetting "
                     "follows national "
                     "policy\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<failure type=\"fail\" message=\"Vetting aftercare is not carried out.\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<failure type=\"partial\" message=\"Not every register is audited.\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"not assessed: evidence needed is missing: "
                     "integrity_registers.business_interest_checks_per_year (absent)\">"),
            std::string::npos);
  EXPECT_NE(
      xml.find(
          "<error type=\"error\" message=\"in &#39;check&#39;: &#39;&gt;=&#39; cannot order text"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("Evidence: vetting.aftercare.in_place = true at evidence.yaml:10:17\n"),
            std::string::npos);
}

// tests = pass + failures + errors + skipped in every suite, and the totals are the sums.
TEST(JunitReportTest, CountsAddUp) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const std::string xml = RenderJunit(built->report);
  const std::regex suite(
      R"re(<testsuite name="[^"]*" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)">)re");
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), suite); it != std::sregex_iterator();
       ++it) {
    tests += std::stoi((*it)[1]);
    failures += std::stoi((*it)[2]);
    errors += std::stoi((*it)[3]);
    skipped += std::stoi((*it)[4]);
  }
  EXPECT_EQ(tests, testing::Occurrences(xml, "<testcase "));
  EXPECT_EQ(failures, testing::Occurrences(xml, "<failure "));
  EXPECT_EQ(errors, testing::Occurrences(xml, "<error "));
  EXPECT_EQ(skipped, testing::Occurrences(xml, "<skipped "));
  EXPECT_NE(xml.find("tests=\"" + std::to_string(tests) + "\" failures=\"" +
                     std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\">"),
            std::string::npos);
}

TEST(JunitReportTest, ExampleReportsValidate) {
  const std::string xsd = testing::ConformanceFile("junit-10.xsd");
  if (xsd.empty()) GTEST_SKIP() << "../shared/conformance/junit-10.xsd is absent";
  if (!testing::HaveProgram("xmllint")) GTEST_SKIP() << "xmllint is not installed (libxml2-utils)";
  int seen = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(FORCECHECK_SOURCE_DIR) + "/reports")) {
    if (e.path().string().find(".junit.xml") == std::string::npos) continue;
    const testing::CommandResult r =
        testing::RunCommand("xmllint --noout --schema '" + xsd + "' '" + e.path().string() + "'");
    EXPECT_EQ(r.exit, 0) << r.output;
    ++seen;
  }
  EXPECT_GT(seen, 0);
}

}  // namespace
}  // namespace forcecheck
