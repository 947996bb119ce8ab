// The HTML report as an auditor's browser sees it: opened from a file in headless Chromium
// (Debian's `chromium`), the page's own script must run without error or console message
// (so the Content-Security-Policy admits it), hostile evidence must show as text and run
// nothing, the page must still show every finding with scripts off, and a screenshot must come
// out. Skipped, saying why, when Chromium is not installed.

#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "report/conformance.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::Occurrences;
using ::forcecheck::testing::TempDir;

class HtmlBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::HaveProgram("chromium")) {
      GTEST_SKIP() << "chromium is not installed (Debian package chromium; scripts/install-deps.sh "
                      "--test installs it)";
    }
  }

  // Writes the report for `pack` and `evidence` to report.html in the scratch directory.
  std::string WriteReport(std::string_view pack, std::string_view evidence) {
    auto built = BuildReport(dir_, pack, evidence);
    if (!built) return "";
    return dir_.Write("report.html", RenderHtml(built->report, {false, "OFFICIAL-SENSITIVE"}));
  }

  // Runs headless Chromium on `file` with `args` and a fresh profile; returns what it printed
  // on standard output. Its log (console messages included) goes to log_.
  std::string Chromium(const std::string& file, const std::string& args) {
    const std::string profile = dir_.Path("profile-" + std::to_string(++runs_));
    const std::string log = dir_.Path("chromium.log");
    const testing::CommandResult r = testing::RunCommand(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--enable-logging=stderr --v=0 --user-data-dir='" +
            profile + "' " + args + " 'file://" + file + "' 2>'" + log + "'",
        false);
    EXPECT_EQ(r.exit, 0) << "chromium failed; its log is in " << log;
    log_ = testing::RunCommand("cat '" + log + "'").output;
    return r.output;
  }

  // The console messages in the last run's log.
  std::string ConsoleMessages() const {
    std::string out;
    const std::regex line(".*:CONSOLE[:(].*");
    for (auto it = std::sregex_iterator(log_.begin(), log_.end(), line);
         it != std::sregex_iterator(); ++it) {
      out += it->str() + "\n";
    }
    return out;
  }

  TempDir dir_;
  std::string log_;
  int runs_ = 0;
};

std::string HtmlStartTag(const std::string& dom) {
  std::smatch m;
  return std::regex_search(dom, m, std::regex("<html[^>]*>")) ? m.str() : "";
}

TEST_F(HtmlBrowserTest, ScriptRunsWithoutErrorUnderThePolicy) {
  const std::string file = WriteReport(testing::kMiniPack, testing::kMiniEvidence);
  const std::string dom = Chromium(file, "--dump-dom");
  EXPECT_EQ(HtmlStartTag(dom), "<html lang=\"en-GB\" data-report-script=\"ok\">")
      << dom.substr(0, 2000);
  EXPECT_EQ(ConsoleMessages(), "");
  EXPECT_NE(dom.find("<form id=\"filters\" class=\"filters\" aria-label=\"filter the findings\">"),
            std::string::npos);
  EXPECT_NE(dom.find("<output id=\"f-count\">6 of 6 findings shown</output>"), std::string::npos);
}

TEST_F(HtmlBrowserTest, HostileEvidenceShowsAsTextAndRunsNothing) {
  const std::string file = WriteReport(testing::kHostilePack, testing::kHostileEvidence);
  const std::string dom = Chromium(file, "--dump-dom");
  EXPECT_EQ(HtmlStartTag(dom), "<html lang=\"en-GB\" data-report-script=\"ok\">");
  EXPECT_EQ(ConsoleMessages(), "");
  // The payloads are text nodes (the serialiser escapes only & < > in text)...
  EXPECT_NE(
      dom.find(
          "&lt;img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\"&gt;"),
      std::string::npos);
  EXPECT_NE(
      dom.find(
          "&lt;/script&gt;&lt;script&gt;document.documentElement.setAttribute('data-pwned','2')"
          "&lt;/script&gt;"),
      std::string::npos);
  // ...and made no element: one script (the page's own), no image, no svg but the charts.
  EXPECT_EQ(Occurrences(dom, "<script"), 1);
  EXPECT_EQ(Occurrences(dom, "<img"), 0);
  EXPECT_EQ(Occurrences(dom, "<svg"), Occurrences(dom, "<svg class=\"bar\"") + 1);
}

// The policy would block an injected script anyway; escaping must stop it on its own.
TEST_F(HtmlBrowserTest, EscapingAloneStopsThePayloadsWithoutThePolicy) {
  std::string html =
      testing::RunCommand(
          "cat '" + WriteReport(testing::kHostilePack, testing::kHostileEvidence) + "'", false)
          .output;
  const std::regex policy("<meta http-equiv=\"Content-Security-Policy\"[^>]*>");
  ASSERT_TRUE(std::regex_search(html, policy));
  html = std::regex_replace(html, policy, "");
  const std::string dom = Chromium(dir_.Write("no-policy.html", html), "--dump-dom");
  EXPECT_EQ(HtmlStartTag(dom), "<html lang=\"en-GB\" data-report-script=\"ok\">");
  EXPECT_EQ(ConsoleMessages(), "");
  EXPECT_EQ(Occurrences(dom, "<script"), 1);
  EXPECT_EQ(Occurrences(dom, "<img"), 0);
}

// Choosing an area in the filter form hides the findings of other areas, and the groups left
// empty. The choice is made by a script added to a copy of the page (with the policy removed).
TEST_F(HtmlBrowserTest, FilterByAreaHidesOtherFindings) {
  std::string html =
      testing::RunCommand("cat '" + WriteReport(testing::kMiniPack, testing::kMiniEvidence) + "'",
                          false)
          .output;
  html = std::regex_replace(html, std::regex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>"),
                            "");
  html.replace(
      html.rfind("</body>"), 7,
      "<script>var s = document.getElementById('f-area'); s.value = 'workforce/performance';"
      "s.dispatchEvent(new Event('change'));</script></body>");
  const std::string dom = Chromium(dir_.Write("filtered.html", html), "--dump-dom");
  EXPECT_EQ(HtmlStartTag(dom), "<html lang=\"en-GB\" data-report-script=\"ok\">");
  EXPECT_NE(dom.find("<output id=\"f-count\">2 of 6 findings shown</output>"), std::string::npos);
  EXPECT_EQ(Occurrences(dom, "data-area=\"workforce/performance\""), 2);
  EXPECT_EQ(Occurrences(dom, "data-gap=\"1\" hidden=\"\""), 2);             // VET-002, REG-001
  EXPECT_EQ(Occurrences(dom, "data-gap=\"0\" hidden=\"\""), 2);             // VET-001, REG-002
  EXPECT_EQ(Occurrences(dom, "<section class=\"group\" hidden=\"\">"), 2);  // not assessed, met
}

// Chromium's --dump-dom needs scripts on, so the page's script is kept from running the way a
// browser with scripts off would: the same page under a policy that admits no script.
TEST_F(HtmlBrowserTest, EveryFindingShowsWithScriptsOff) {
  std::string html =
      testing::RunCommand("cat '" + WriteReport(testing::kMiniPack, testing::kMiniEvidence) + "'",
                          false)
          .output;
  const std::regex script_src("script-src '[^']*'");
  ASSERT_TRUE(std::regex_search(html, script_src));
  html = std::regex_replace(html, script_src, "script-src 'none'");
  const std::string dom = Chromium(dir_.Write("no-script.html", html), "--dump-dom");
  EXPECT_EQ(HtmlStartTag(dom), "<html lang=\"en-GB\">");
  EXPECT_NE(dom.find("<form id=\"filters\" class=\"filters\" hidden=\"\""), std::string::npos);
  EXPECT_EQ(Occurrences(dom, "<article class=\"finding"), 6);
  EXPECT_EQ(Occurrences(dom, "hidden="), 1) << "only the filter form is hidden";
}

// A PNG of 1280 x 2000: the signature, then IHDR with width and height big-endian.
TEST_F(HtmlBrowserTest, TakesAScreenshot) {
  const std::string file = WriteReport(testing::kMiniPack, testing::kMiniEvidence);
  const std::string png = dir_.Path("report.png");
  Chromium(file, "--screenshot='" + png + "' --window-size=1280,2000");
  const std::string bytes = testing::RunCommand("cat '" + png + "'", false).output;
  ASSERT_GT(bytes.size(), 20000u) << "screenshot missing or blank: " << png;
  EXPECT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(bytes.substr(12, 12), std::string("IHDR\0\0\x05\x00\0\0\x07\xd0", 12));
}

}  // namespace
}  // namespace forcecheck
