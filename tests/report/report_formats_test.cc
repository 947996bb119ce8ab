// The table of report formats (report.h's ReportFormats()): names, the choice of a format by
// a file's name, and the README's table of formats, which must be the table's, row for row.

#include <gtest/gtest.h>

#include "report/report.h"

#include "testing/markdown_table.h"

namespace forcecheck {
namespace {

TEST(ReportFormatTest, ParsesNames) {
  EXPECT_EQ(ParseReportFormat("text"), ReportFormat::kText);
  EXPECT_EQ(ParseReportFormat("json"), ReportFormat::kJson);
  EXPECT_EQ(ParseReportFormat("JSON"), std::nullopt);
  EXPECT_EQ(ParseReportFormat("html"), ReportFormat::kHtml);
  EXPECT_EQ(ParseReportFormat("pdf"), std::nullopt);
  EXPECT_EQ(ParseReportFormat(""), std::nullopt);
}

TEST(ReportFormatTest, TableHoldsEveryFormatOnceInEnumOrder) {
  const std::vector<ReportFormatSpec>& formats = ReportFormats();
  ASSERT_EQ(formats.size(), 7u);  // kText .. kCsv
  for (size_t i = 0; i < formats.size(); ++i) {
    const ReportFormat f = static_cast<ReportFormat>(i);
    EXPECT_EQ(formats[i].format, f) << i;
    EXPECT_EQ(ParseReportFormat(ReportFormatName(f)), f) << i;
    EXPECT_EQ(&FormatSpec(f), &formats[i]);
    EXPECT_FALSE(formats[i].extensions.empty()) << formats[i].name;
    EXPECT_NE(formats[i].render, nullptr) << formats[i].name;
  }
}

TEST(ReportFormatTest, ListsNames) {
  EXPECT_EQ(ReportFormatNames(), "text, json, sarif, junit, markdown, html, csv");
  EXPECT_EQ(ReportFormatNames(" or "), "text, json, sarif, junit, markdown, html or csv");
}

TEST(ReportFormatTest, ChoosesAFormatByTheFilesName) {
  EXPECT_EQ(ReportFormatForPath("report.txt"), ReportFormat::kText);
  EXPECT_EQ(ReportFormatForPath("out/report.json"), ReportFormat::kJson);
  EXPECT_EQ(ReportFormatForPath("out/report.sarif"), ReportFormat::kSarif);
  EXPECT_EQ(ReportFormatForPath("out/report.sarif.json"),
            ReportFormat::kSarif);  // the longest ending wins
  EXPECT_EQ(ReportFormatForPath("out/report.junit.xml"), ReportFormat::kJunit);
  EXPECT_EQ(ReportFormatForPath("out/report.xml"), ReportFormat::kJunit);
  EXPECT_EQ(ReportFormatForPath("summary.md"), ReportFormat::kMarkdown);
  EXPECT_EQ(ReportFormatForPath("REPORT.HTML"), ReportFormat::kHtml);  // case aside
  EXPECT_EQ(ReportFormatForPath("page.htm"), ReportFormat::kHtml);
  EXPECT_EQ(ReportFormatForPath("action-plan.csv"), ReportFormat::kCsv);
}

TEST(ReportFormatTest, ChoosesNoFormatForOtherNames) {
  EXPECT_EQ(ReportFormatForPath("report.pdf"), std::nullopt);
  EXPECT_EQ(ReportFormatForPath("report"), std::nullopt);
  EXPECT_EQ(ReportFormatForPath(".json"), std::nullopt);  // an ending and no name
  EXPECT_EQ(ReportFormatForPath("out/.json"), std::nullopt);
  EXPECT_EQ(ReportFormatForPath("out.json/report"),
            std::nullopt);  // the folder's name is not the file's
  EXPECT_EQ(ReportFormatForPath("reportjson"), std::nullopt);
}

// The README's "| format | file | for | what is in it |" table under "## Reports".
TEST(ReportFormatTest, ReadmeTableIsTheTable) {
  std::string expected = "| format | file | for | what is in it |\n|---|---|---|---|\n";
  for (const ReportFormatSpec& f : ReportFormats()) {
    std::string endings;
    for (std::string_view e : f.extensions)
      endings += (endings.empty() ? "`" : ", `") + std::string(e) + "`";
    expected += "| `" + std::string(f.name) + "` | " + endings + " | " + std::string(f.audience) +
                " | " + std::string(f.description) + " |\n";
  }
  EXPECT_EQ(testing::MarkdownTable(std::string(FORCECHECK_SOURCE_DIR) + "/README.md", "## Reports"),
            expected)
      << "README.md's table of report formats must be src/report/report.cc's ReportFormats():\n"
      << expected;
}

}  // namespace
}  // namespace forcecheck
