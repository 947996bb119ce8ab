#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "report/digest.h"
#include "report/html_assets.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::Occurrences;
using ::forcecheck::testing::TempDir;

std::string Html(std::string_view pack, std::string_view evidence,
                 const std::string& marking = "") {
  TempDir dir;
  auto built = BuildReport(dir, pack, evidence);
  return built ? RenderHtml(built->report, {false, marking}) : "";
}

TEST(HtmlReportTest, PolicyAdmitsOnlyThePagesOwnScriptAndStyle) {
  const std::string html = Html(testing::kMiniPack, testing::kMiniEvidence);
  EXPECT_NE(
      html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "script-src 'sha256-" +
                Sha256Base64(kHtmlScript) + "'; style-src 'sha256-" + Sha256Base64(kHtmlStyle) +
                "'; img-src data:; base-uri 'none'; form-action 'none'\">"),
      std::string::npos);
  EXPECT_EQ(Occurrences(html, "<script"), 1);
  EXPECT_EQ(Occurrences(html, "<style"), 1);
  EXPECT_NE(html.find("<script>" + std::string(kHtmlScript) + "</script>"), std::string::npos);
  EXPECT_NE(html.find("<style>" + std::string(kHtmlStyle) + "</style>"), std::string::npos);
}

TEST(HtmlReportTest, LoadsNothingFromAnywhere) {
  const std::string html = Html(testing::kMiniPack, testing::kMiniEvidence);
  for (const char* fetch : {" src=", "<link", "url(", "@import", "<iframe", "<object", "<embed"}) {
    EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
  }
}

TEST(HtmlReportTest, ShowsEveryFindingWithItsEvidenceSourceAndRemediation) {
  const std::string html = Html(testing::kMiniPack, testing::kMiniEvidence);
  EXPECT_EQ(Occurrences(html, "<article class=\"finding"), 6);
  EXPECT_NE(html.find("<article class=\"finding outcome-fail\" id=\"rule-VET-002\" "
                      "data-area=\"ethical/vetting\" "
                      "data-severity=\"critical\" data-outcome=\"fail\" data-gap=\"1\">"),
            std::string::npos);
  EXPECT_NE(html.find("<li><code>vetting.aftercare.in_place</code> = <strong>true</strong> <span "
                      "class=\"where\">"
                      "evidence.yaml:10:17</span></li>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Remediation</dt><dd>Review every clearance at least once a year.</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Source</dt><dd><a href=\"https://example.invalid/aftercare\" "
                      "rel=\"noreferrer\">Test "
                      "document, Aftercare (2016)</a></dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Gaps (4)</h3>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Not assessed: evidence needed (1)</h3>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Met (1)</h3>"), std::string::npos);
  EXPECT_NE(html.find("<form id=\"filters\" class=\"filters\" hidden"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2016-03-31\">31 March 2016</time>"), std::string::npos);
  EXPECT_NE(html.find("Mini pack (mini 1.2.3, 6 rules)"), std::string::npos);
}

TEST(HtmlReportTest, DrawsScoresAsInlineSvg) {
  const std::string html = Html(testing::kMiniPack, testing::kMiniEvidence);
  // One bar per question and area, and the overall outcome bar.
  EXPECT_EQ(Occurrences(html, "<svg class=\"bar\""), 5);
  EXPECT_EQ(Occurrences(html, "<svg class=\"stack\""), 1);
  EXPECT_NE(html.find("aria-label=\"score 40.0 of 100\"><rect class=\"track\" width=\"100\" "
                      "height=\"14\"/><rect "
                      "class=\"tone-mid\" width=\"40.0\" height=\"14\"/>"),
            std::string::npos);
}

TEST(HtmlReportTest, MarkingTopAndBottomOnlyWhenGiven) {
  EXPECT_EQ(Html(testing::kMiniPack, testing::kMiniEvidence).find("class=\"marking"),
            std::string::npos);
  const std::string html = Html(testing::kMiniPack, testing::kMiniEvidence, "OFFICIAL-SENSITIVE");
  EXPECT_NE(html.find("<body>\n<div class=\"marking marking-top\" role=\"note\" "
                      "aria-label=\"protective marking\">OFFICIAL-SENSITIVE</div>\n"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"marking marking-bottom\" role=\"note\" aria-label=\"protective "
                      "marking\">OFFICIAL-SENSITIVE</div>\n<script>"),
            std::string::npos);
  EXPECT_NE(html.find("<title>OFFICIAL-SENSITIVE: forcecheck: Testshire Constabulary"),
            std::string::npos);
  // And in the margin of every printed page, admitted by the policy's style hash.
  const std::string style =
      std::string(kHtmlStyle) +
      "@page { @top-center { content: \"OFFICIAL-SENSITIVE\"; font: 700 9pt system-ui, "
      "sans-serif; letter-spacing: .12em; color: #0b0c0c; } @bottom-center { content: "
      "\"OFFICIAL-SENSITIVE\"; font: 700 9pt system-ui, sans-serif; letter-spacing: .12em; "
      "color: #0b0c0c; } }\n";
  EXPECT_NE(html.find("<style>" + style + "</style>"), std::string::npos);
  EXPECT_NE(html.find("style-src 'sha256-" + Sha256Base64(style) + "'"), std::string::npos);
}

// Markup from data shows as text: no tag, attribute or link of its own survives.
TEST(HtmlReportTest, EscapesEveryStringFromPackAndEvidence) {
  const std::string html =
      Html(testing::kHostilePack, testing::kHostileEvidence, "<script>alert('marking')</script>");
  for (const char* raw : {"<img", "<svg onload", "<b>", "<i>", "</script><script>", "onerror=\"",
                          "javascript:alert(1)\"", "href=\"javascript", "\x1b", "\x01", "\x7f"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("&lt;img src=x "
                      "onerror=&quot;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#"
                      "39;1&#39;)&quot;&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;/"
                      "script&gt;&lt;script&gt;document.documentElement.setAttribute(&#39;data-"
                      "pwned&#39;,&#39;2&#39;)"
                      "&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(
      html.find(
          "<h1>Force &lt;b&gt;&amp;&lt;/b&gt; &quot;Co&quot; | =1+1 \xEF\xBF\xBD[31mRED</h1>"),
      std::string::npos);
  EXPECT_NE(
      html.find("<a href=\"https://example.invalid/a%20b%28c%29%3Cd%3E%22e\" rel=\"noreferrer\">"),
      std::string::npos);
  // Every attribute value is quoted and holds no quote of its own: count the quotes per tag.
  const std::regex tag("<[a-zA-Z][^>]*>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    const std::string t = it->str();
    EXPECT_EQ(Occurrences(t, "\"") % 2, 0) << t;
    EXPECT_EQ(Occurrences(t, "=\"") * 2, Occurrences(t, "\"")) << t;
  }
}

}  // namespace
}  // namespace forcecheck
