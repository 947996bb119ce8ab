#include "diag/diagnostic.h"

#include <sstream>

#include <gtest/gtest.h>

namespace forcecheck {
namespace {

TEST(SourceLocationTest, PrintsAsMuchAsIsKnown) {
  EXPECT_EQ((SourceLocation{"a.yaml", 12, 18}).ToString(), "a.yaml:12:18");
  EXPECT_EQ((SourceLocation{"a.yaml", 12, 0}).ToString(), "a.yaml:12");
  EXPECT_EQ((SourceLocation{"a.yaml", 0, 5}).ToString(), "a.yaml");
  EXPECT_EQ((SourceLocation{}).ToString(), "");
}

TEST(DiagnosticsTest, RendersWithoutRegisteredSource) {
  Diagnostics diags;
  diags.Error({"rules/v.yaml", 3, 7}, "unknown function 'exist'");
  EXPECT_EQ(diags.Render(diags.all()[0]), "rules/v.yaml:3:7: error: unknown function 'exist'\n");
}

TEST(DiagnosticsTest, QuotesLineWithCaretUnderColumn) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "rules:\n  - check: a == = b\n");
  diags.Error({"r.yaml", 2, 17}, "unexpected '='");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:2:17: error: unexpected '='\n"
                                          "    - check: a == = b\n"
                                          "                  ^\n");
}

TEST(DiagnosticsTest, CaretAtFirstColumn) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "bad\n");
  diags.Error({"r.yaml", 1, 1}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:1: error: m\n  bad\n  ^\n");
}

TEST(DiagnosticsTest, CaretJustPastEndOfLine) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "abc");
  diags.Error({"r.yaml", 1, 4}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:4: error: m\n  abc\n     ^\n");
}

TEST(DiagnosticsTest, KeepsTabsBeforeCaretSoItLinesUp) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "\tkey:\tvalue\n");
  diags.Error({"r.yaml", 1, 7}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:7: error: m\n  \tkey:\tvalue\n  \t    \t^\n");
}

TEST(DiagnosticsTest, DropsCarriageReturnOfQuotedLine) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "one\r\ntwo\r\n");
  diags.Error({"r.yaml", 2, 2}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:2:2: error: m\n  two\n   ^\n");
}

TEST(DiagnosticsTest, DoesNotQuoteLongLine) {
  Diagnostics diags;
  diags.AddSource("min.yaml", std::string(201, 'x'));
  diags.Error({"min.yaml", 1, 5}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "min.yaml:1:5: error: m\n");
}

TEST(DiagnosticsTest, QuotesLineOfExactlyTheLimit) {
  Diagnostics diags;
  const std::string line(200, 'x');
  diags.AddSource("r.yaml", line);
  diags.Error({"r.yaml", 1, 200}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]),
            "r.yaml:1:200: error: m\n  " + line + "\n  " + std::string(199, ' ') + "^\n");
}

TEST(DiagnosticsTest, DoesNotQuoteWhenColumnIsPastTheLine) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "abc\n");
  diags.Error({"r.yaml", 1, 9}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:9: error: m\n");
}

TEST(DiagnosticsTest, DoesNotQuoteMissingOrEmptyLine) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "abc\n\n");
  diags.Error({"r.yaml", 2, 1}, "empty");
  diags.Error({"r.yaml", 7, 1}, "past end");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:2:1: error: empty\n");
  EXPECT_EQ(diags.Render(diags.all()[1]), "r.yaml:7:1: error: past end\n");
}

TEST(DiagnosticsTest, DoesNotQuoteWithoutLineAndColumn) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "abc\n");
  diags.Error({"r.yaml"}, "the rule pack has no rules");
  diags.Error({"r.yaml", 1, 0}, "line only");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml: error: the rule pack has no rules\n");
  EXPECT_EQ(diags.Render(diags.all()[1]), "r.yaml:1: error: line only\n");
}

TEST(DiagnosticsTest, RendersWithoutLocation) {
  Diagnostics diags;
  diags.Error({}, "no rules given");
  EXPECT_EQ(diags.Render(diags.all()[0]), "error: no rules given\n");
}

TEST(DiagnosticsTest, WarningsAreNotErrors) {
  Diagnostics diags;
  diags.Warning({"r.yaml", 1, 1}, "deprecated");
  EXPECT_FALSE(diags.HasErrors());
  EXPECT_EQ(diags.error_count(), 0u);
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:1: warning: deprecated\n");
  diags.Error({"r.yaml", 2, 1}, "bad");
  EXPECT_TRUE(diags.HasErrors());
  EXPECT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.all().size(), 2u);
}

TEST(DiagnosticsTest, LaterSourceReplacesEarlier) {
  Diagnostics diags;
  diags.AddSource("r.yaml", "old\n");
  diags.AddSource("r.yaml", "new\n");
  diags.Error({"r.yaml", 1, 1}, "m");
  EXPECT_EQ(diags.Render(diags.all()[0]), "r.yaml:1:1: error: m\n  new\n  ^\n");
}

TEST(DiagnosticsTest, RenderAllKeepsOrderFound) {
  Diagnostics diags;
  diags.AddSource("b.yaml", "x: 1\n");
  diags.Error({"b.yaml", 1, 4}, "second file first");
  diags.Warning({"a.yaml", 2, 1}, "then a warning");
  std::ostringstream out;
  diags.RenderAll(out);
  EXPECT_EQ(out.str(), "b.yaml:1:4: error: second file first\n"
                       "  x: 1\n"
                       "     ^\n"
                       "a.yaml:2:1: warning: then a warning\n");
}

TEST(DiagnosticsTest, LevelNames) {
  EXPECT_STREQ(LevelName(Level::kError), "error");
  EXPECT_STREQ(LevelName(Level::kWarning), "warning");
  EXPECT_STREQ(LevelName(Level::kNote), "note");
}

}  // namespace
}  // namespace forcecheck
