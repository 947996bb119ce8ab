#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_fixture.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;

// '|' characters that end a table cell: those not escaped by a backslash.
int CellBars(const std::string& line) {
  int n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '|') continue;
    size_t slashes = 0;
    while (slashes < i && line[i - 1 - slashes] == '\\') ++slashes;
    if (slashes % 2 == 0) ++n;
  }
  return n;
}

TEST(MarkdownReportTest, SummarisesGradesAndGapsBySeverity) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const std::string md = RenderMarkdown(built->report, {});
  EXPECT_EQ(md.rfind("## forcecheck: Testshire Constabulary (synthetic example)\n\n", 0), 0u) << md;
  EXPECT_NE(
      md.find("**Overall: 🔴 inadequate** (score 37.5) · evidence as of **2016-03-31** · rule pack "
              "**mini 1.2.3** (6 rules) · scale four\n"),
      std::string::npos)
      << md;
  EXPECT_NE(md.find("| &emsp;Vetting | 🟠 requires improvement | 40.0 | 1 | 0 | 1 | 0 | 0 |\n"),
            std::string::npos);
  EXPECT_NE(
      md.find(
          "#### Critical (1)\n\n- **[VET-002](https://example.invalid/aftercare)** Vetting "
          "aftercare is "
          "carried out: Vetting aftercare is not carried out. _(fail, force cause of concern)_\n"),
      std::string::npos)
      << md;
  EXPECT_NE(
      md.find(
          "#### Medium (2)\n\n- **PDR-001** Appraisals are completed: could not be checked: in "
          "'check': "
          "'&gt;=' cannot order text ('about half') against a number (80) _(error)_\n- **REG-001** "
          "Integrity registers are audited: Not every register is audited. _(partly met)_\n"),
      std::string::npos)
      << md;
  EXPECT_NE(
      md.find(
          "<details><summary>Not assessed: evidence needed (1)</summary>\n\n- **REG-002** Business "
          "interests are checked every year _(low)_: evidence needed is missing: "
          "integrity\\_registers.business\\_interest\\_checks\\_per\\_year "
          "(absent)\n\n</details>\n"),
      std::string::npos)
      << md;
  EXPECT_EQ(md.find("#### High"), std::string::npos) << "the pass must not be listed as a gap";
  EXPECT_EQ(md.find("OFFICIAL"), std::string::npos);
}

TEST(MarkdownReportTest, MarkingAtTopAndBottom) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const std::string md = RenderMarkdown(built->report, {false, "OFFICIAL-SENSITIVE"});
  EXPECT_EQ(md.rfind("**OFFICIAL-SENSITIVE**\n\n## forcecheck", 0), 0u) << md;
  const std::string end = "</sub>\n\n**OFFICIAL-SENSITIVE**\n\n";
  EXPECT_EQ(md.substr(md.size() - end.size()), end);
}

TEST(MarkdownReportTest, DataCannotBreakTheTableOrInjectHtml) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  const std::string md =
      RenderMarkdown(built->report, {false, "<script>alert('marking')</script>"});
  std::istringstream lines(md);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind('|', 0) != 0) continue;
    EXPECT_EQ(CellBars(line), 9) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 4);  // header, rule, question, area
  for (const char* tag : {"<img", "<script", "<svg", "<b>", "<i>"}) {
    EXPECT_EQ(md.find(tag), std::string::npos) << tag << " in\n" << md;
  }
  EXPECT_NE(
      md.find(
          "**[H-002](https://example.invalid/a%20b%28c%29%3Cd%3E%22e)** \\- # heading? 1. list?"),
      std::string::npos)
      << md;
  EXPECT_EQ(testing::Occurrences(md, "](javascript"), testing::Occurrences(md, "\\](javascript"))
      << md;
  EXPECT_NE(md.find("**H-001** \\[click\\](javascript:alert(1)) \\*bold\\* \\`code\\`"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## forcecheck: Force &lt;b&gt;&amp;&lt;/b&gt; \"Co\" \\| =1+1"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.rfind("**&lt;script&gt;alert('marking')&lt;/script&gt;**\n\n", 0), 0u) << md;
}

}  // namespace
}  // namespace forcecheck
