#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_fixture.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;

// Parses RFC 4180 text (CRLF record ends, quoted fields) into records of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      records.emplace_back(1);
      ++i;
    } else {
      field += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

TEST(CsvReportTest, OneRowPerGapThenEvidenceNeeded) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  EXPECT_EQ(
      RenderCsv(built->report),
      "rule,title,area,severity,cause of concern,outcome,gap,remediation,source,owner,due date\r\n"
      "VET-002,Vetting aftercare is carried out,ethical/vetting,critical,force,fail,Vetting "
      "aftercare is not carried "
      "out.,Review every clearance at least once a year.,\"Test document, Aftercare (2016) "
      "https://example.invalid/aftercare\",,\r\n"
      "PDR-001,Appraisals are completed,workforce/performance,medium,,error,Too few appraisals are "
      "completed. "
      "(could not be checked: in 'check': '>=' cannot order text ('about half') against a number "
      "(80)),Set and "
      "monitor a completion target.,\"Test document, Performance (2016)\",,\r\n"
      "REG-001,Integrity registers are audited,ethical/registers,medium,,partly met,Not every "
      "register is "
      "audited.,Audit expenses as well as gifts and hospitality.,\"Test document, Registers "
      "(2014)\",,\r\n"
      "PDR-002,Appraisal fairness is scrutinised,workforce/performance,info,,fail,Nobody "
      "scrutinises appraisals "
      "for fairness.,Give a board the job of scrutinising appraisals.,\"Test document, Performance "
      "(2016)\",,\r\n"
      "REG-002,Business interests are checked every year,ethical/registers,low,,evidence "
      "needed,Evidence "
      "needed: integrity_registers.business_interest_checks_per_year,Check every approved business "
      "interest each "
      "year.,\"Test document, Registers (2016)\",,\r\n");
}

TEST(CsvReportTest, NoCellCanRunAsAFormula) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  const std::string csv = RenderCsv(built->report);
  const auto records = ParseCsv(csv);
  ASSERT_EQ(records.size(), 3u) << csv;
  for (const auto& record : records) {
    ASSERT_EQ(record.size(), 11u) << csv;
    for (const std::string& cell : record) {
      if (cell.empty()) continue;
      EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos) << "cell: " << cell;
    }
  }
  EXPECT_EQ(records[1][6], "'=HYPERLINK(\"http://evil\",\"x\")");
  EXPECT_EQ(records[1][7], "'@SUM(1+1)*cmd|' /C calc'!A0");
  EXPECT_EQ(records[2][1], "'- # heading? 1. list?");
  EXPECT_EQ(records[2][6], "'+1 | -1 | \tTab");
  EXPECT_EQ(records[2][7], "'-2+3");
}

}  // namespace
}  // namespace forcecheck
