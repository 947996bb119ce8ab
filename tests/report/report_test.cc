#include "report/report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/load_text.h"
#include "testing/test_pack.h"

namespace forcecheck {
namespace {

using testing::LoadEvidenceText;
using testing::LoadPackText;
using testing::TempDir;

const std::string kPack =
    std::string(testing::kTestPackHead) + testing::FourStepScales() + R"(  questions:
    - { id: ethics, title: Ethics }
    - { id: fairness, title: Fairness }
  areas:
    - { id: ethics/vetting, title: Vetting }
    - { id: fairness/feedback, title: Feedback }
rules:
  - id: R-01
    title: Vetting is in place
    area: ethics/vetting
    severity: high
    weight: 3
    source: { document: Report, section: Vetting, year: 2016, url: "https://example.org/r" }
    rationale: why R-01
    check: vetting.in_place
    gap: gap R-01
    remediation: fix R-01
  - id: R-02
    title: No vetting backlog
    area: ethics/vetting
    severity: critical
    weight: 5
    cause_of_concern: force
    source: { document: Report, section: Backlog, year: 2016 }
    rationale: why R-02
    check: vetting.backlog == 0
    gap: gap R-02
    remediation: fix R-02
  - id: R-03
    title: Aftercare is reviewed
    area: ethics/vetting
    severity: medium
    weight: 2
    source: { document: Report, section: Aftercare, year: 2016 }
    rationale: why R-03
    check: vetting.aftercare == true
    gap: gap R-03
    remediation: fix R-03
  - id: R-04
    title: Unit is big enough
    area: ethics/vetting
    severity: low
    weight: 1
    source: { document: Report, section: Unit, year: 2016 }
    rationale: why R-04
    check: vetting.unit > 3
    gap: gap R-04
    remediation: fix R-04
  - id: R-05
    title: Feedback is sought
    area: fairness/feedback
    severity: info
    weight: 1
    source: { document: Survey, section: Feedback, year: 2017 }
    rationale: why R-05
    check: feedback.sought
    partial: feedback.planned
    gap: gap R-05
    remediation: fix R-05
)";

class ReportTest : public ::testing::Test {
 protected:
  // Loads kPack and `evidence`, evaluates, scores and renders into report_.
  void Build(const std::string& evidence) {
    pack_ = LoadPackText(dir_, kPack);
    evidence_ = LoadEvidenceText(dir_, evidence);
    report_.pack = &pack_;
    report_.evidence = &evidence_;
    report_.as_of = evidence_.as_of;
    report_.tool_version = "9.9.9";
    report_.findings = Evaluate(pack_, evidence_, EvalOptions{evidence_.as_of});
    report_.scorecard = Score(pack_, report_.findings, pack_.scales[0]);
  }

  std::string PackFile() const { return dir_.Path("pack.yaml"); }
  std::string EvidenceFile() const { return dir_.Path("evidence.yaml"); }

  TempDir dir_;
  RulePack pack_;
  Evidence evidence_;
  Report report_;
};

constexpr const char* kEvidence = R"(force: Test Police
as_of: 2016-03-31
synthetic: true
evidence:
  vetting:
    in_place: true
    backlog:
      value: 12
      source: "hmic p3: 'backlogs'"
    unit: PSD
  feedback:
    sought: false
    planned: true
)";

// ---- text -------------------------------------------------------------------------------------

TEST_F(ReportTest, RendersWholeTextReport) {
  Build(kEvidence);
  const std::string in(24, ' ');
  EXPECT_EQ(
      RenderText(report_, RenderOptions{}),
      "forcecheck 9.9.9: Test Police, evidence as of 2016-03-31 (synthetic example)\n"
      "evidence: " +
          EvidenceFile() +
          "\n"
          "rule pack: test-pack 0.1.0, 5 rules; scale four (Four steps)\n"
          "scoring: partial credit 0.5; rules not assessed or in error are left out of scores; "
          "a grade by score needs 50% of the weight assessed\n"
          "grades: areas are graded by score, questions by score and the overall by median; a "
          "failed force cause of concern caps its area, its question and the overall, a national "
          "one nothing\n"
          "\n"
          "Overall\n"
          "  INADEQUATE              38.9  overall: Test pack\n"
          "      the median of the question grades (inadequate, requires improvement) is "
          "inadequate; score 38.9 (3 of 5 rules assessed, 75% of the weight) alone would earn "
          "inadequate: 1.1 points below requires improvement; failed force cause of concern R-02 "
          "would cap it at requires improvement\n"
          "\n"
          "Questions and areas\n"
          "  INADEQUATE              37.5  ethics: Ethics\n"
          "      score 37.5 (2 of 4 rules assessed, 73% of the weight) earns inadequate: 2.5 "
          "points "
          "below requires improvement; failed force cause of concern R-02 would cap it at "
          "requires improvement\n"
          "    INADEQUATE              37.5  ethics/vetting: Vetting\n"
          "        score 37.5 (2 of 4 rules assessed, 73% of the weight) earns inadequate: 2.5 "
          "points below requires improvement; failed force cause of concern R-02 would cap it "
          "at requires improvement\n"
          "  REQUIRES IMPROVEMENT    50.0  fairness: Fairness\n"
          "      score 50.0 (1 of 1 rule assessed, 100% of the weight) earns requires "
          "improvement: 10.0 points above inadequate, 15.0 below good\n"
          "    REQUIRES IMPROVEMENT    50.0  fairness/feedback: Feedback\n"
          "        score 50.0 (1 of 1 rule assessed, 100% of the weight) earns requires "
          "improvement: 10.0 points above inadequate, 15.0 below good\n"
          "\n"
          "Gaps (3)\n"
          "  FAIL         critical R-02      No vetting backlog\n" +
          in + "area: ethics/vetting; force cause of concern if failed\n" + in +
          "why: the check is not met\n" + in + "evidence: vetting.backlog = 12 at " +
          EvidenceFile() + ":8:14\n" + in + "  source: hmic p3: 'backlogs'\n" + in +
          "gap: gap R-02\n" + in + "remediation: fix R-02\n" + in +
          "source: Report, Backlog (2016)\n"
          "  ERROR        low      R-04      Unit is big enough\n" +
          in + "area: ethics/vetting\n" + in +
          "why: in 'check': '>' cannot order text ('PSD') against a number (3) (" + PackFile() +
          ":59:12)\n" + in + "evidence: vetting.unit = 'PSD' at " + EvidenceFile() + ":10:11\n" +
          in + "gap: gap R-04\n" + in + "remediation: fix R-04\n" + in +
          "source: Report, Unit (2016)\n"
          "  PARTIAL      info     R-05      Feedback is sought\n" +
          in + "area: fairness/feedback\n" + in +
          "why: the check is not met, but the rule is partly met\n" + in +
          "evidence: feedback.sought = false at " + EvidenceFile() + ":12:13\n" + in +
          "evidence: feedback.planned = true at " + EvidenceFile() + ":13:14\n" + in +
          "gap: gap R-05\n" + in + "remediation: fix R-05\n" + in +
          "source: Survey, Feedback (2017)\n"
          "\n"
          "Not assessed: evidence missing (1)\n"
          "  NOT ASSESSED medium   R-03      Aftercare is reviewed\n" +
          in + "area: ethics/vetting\n" + in +
          "why: evidence needed is missing: vetting.aftercare (absent)\n" + in +
          "evidence: vetting.aftercare = absent\n" + in + "remediation: fix R-03\n" + in +
          "source: Report, Aftercare (2016)\n"
          "\n"
          "Met (1)\n"
          "  PASS         high     R-01      Vetting is in place\n"
          "\n"
          "Summary: 1 pass, 1 partial, 1 fail, 1 not assessed, 1 error; overall inadequate\n");
}

// The lines of `text`.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
  for (const std::string& l : Lines(text)) {
    if (l == line) return true;
  }
  return false;
}

// Evidence whose text holds a terminal title sequence, a bell, a screen clear, a carriage
// return and a DEL (YAML double-quoted escapes: \e is ESC, \a is BEL).
constexpr const char* kHostileEvidence = R"(force: "Evil\e]0;pwned\a Police"
as_of: 2016-03-31
evidence:
  vetting:
    in_place: true
    backlog:
      value: 12
      source: "p3\e[2J\e[H\rdone\x7f"
    unit: "PSD\e[31mred\nnext"
  feedback:
    sought: false
    planned: true
)";

TEST_F(ReportTest, NeutralisesControlCharactersInText) {
  Build(kHostileEvidence);
  const std::string text = RenderText(report_, RenderOptions{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\a'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x7f'), std::string::npos);
  EXPECT_TRUE(HasLine(text, "forcecheck 9.9.9: Evil?]0;pwned? Police, evidence as of 2016-03-31"))
      << text;
  const std::string in(24, ' ');
  EXPECT_TRUE(HasLine(text, in + "  source: p3?[2J?[H done?")) << text;
  EXPECT_TRUE(HasLine(
      text, in + "evidence: vetting.unit = 'PSD?[31mred next' at " + EvidenceFile() + ":9:11"))
      << text;
}

TEST_F(ReportTest, KeepsOnlyItsOwnColourCodes) {
  Build(kHostileEvidence);
  RenderOptions options;
  options.color = true;
  const std::string text = RenderText(report_, options);
  EXPECT_NE(text.find("\x1b[1mOverall\x1b[0m"), std::string::npos) << text;
  EXPECT_NE(text.find("Evil?]0;pwned? Police"), std::string::npos);
  EXPECT_NE(text.find("'PSD?[31mred next'"), std::string::npos);
  // Every ESC left is the start of a colour code: ESC [ digits/semicolons m.
  for (size_t i = text.find('\x1b'); i != std::string::npos; i = text.find('\x1b', i + 1)) {
    size_t j = i + 1;
    ASSERT_LT(j, text.size());
    EXPECT_EQ(text[j], '[') << "at " << i;
    ++j;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ';'))
      ++j;
    ASSERT_LT(j, text.size());
    EXPECT_EQ(text[j], 'm') << "at " << i;
  }
}

TEST_F(ReportTest, SortsFindingsForReading) {
  Build(kEvidence);
  std::vector<std::string> ids;
  for (const Finding* f : FindingsForReading(report_)) ids.push_back(f->rule->id);
  // Gaps by severity (critical, low, info), then not assessed, then passes.
  EXPECT_EQ(ids, (std::vector<std::string>{"R-02", "R-04", "R-05", "R-03", "R-01"}));
}

// ---- JSON -------------------------------------------------------------------------------------

TEST_F(ReportTest, RendersJsonReport) {
  Build(kEvidence);
  const std::string out = RenderJson(report_);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  const nlohmann::json j = nlohmann::json::parse(out);

  std::vector<std::string> keys;
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(out);
  for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "format_version", "tool", "force", "as_of",
                                            "evidence_file", "synthetic", "pack", "scale",
                                            "scoring", "parameters", "overall", "questions",
                                            "areas", "summary", "findings"}));

  EXPECT_EQ(j["format"], "forcecheck-report");
  EXPECT_EQ(j["format_version"], 2);
  EXPECT_EQ(j["tool"], (nlohmann::json{{"name", "forcecheck"}, {"version", "9.9.9"}}));
  EXPECT_EQ(j["force"], "Test Police");
  EXPECT_EQ(j["as_of"], "2016-03-31");
  EXPECT_EQ(j["evidence_file"], EvidenceFile());
  EXPECT_EQ(j["synthetic"], true);
  EXPECT_EQ(j["pack"],
            (nlohmann::json{
                {"id", "test-pack"}, {"title", "Test pack"}, {"version", "0.1.0"}, {"rules", 5}}));
  EXPECT_EQ(j["scale"]["id"], "four");
  EXPECT_EQ(j["scale"]["bands"][1], (nlohmann::json{{"grade", "good"}, {"min", 65}}));
  EXPECT_EQ(j["scale"]["cause_of_concern_cap"], "requires improvement");
  EXPECT_EQ(j["scoring"], (nlohmann::json{{"partial_credit", 0.5},
                                          {"not_assessed", "exclude"},
                                          {"min_coverage", 0.5},
                                          {"min_rules", 1},
                                          {"aggregation",
                                           {{"area", "score"},
                                            {"question", "score"},
                                            {"overall", "median"},
                                            {"source", nullptr}}}}));

  const nlohmann::json& overall = j["overall"];
  EXPECT_EQ(overall["id"], "overall");
  EXPECT_EQ(overall["grade"], "inadequate");
  EXPECT_EQ(overall["score"], 38.9);  // rounded to one decimal
  EXPECT_EQ(overall["band_grade"], "inadequate");
  EXPECT_EQ(overall["method"], "median");
  // A force cause of concern is named at every level; here the cap is no lower than the grade.
  EXPECT_EQ(overall["capped_by"], (nlohmann::json{"R-02"}));
  EXPECT_EQ(overall["national_concerns"], nlohmann::json::array());
  EXPECT_EQ(overall["weight"], 12);
  EXPECT_EQ(overall["assessed_weight"], 9);
  EXPECT_EQ(overall["counts"],
            (nlohmann::json{
                {"pass", 1}, {"partial", 1}, {"fail", 1}, {"not_assessed", 1}, {"error", 1}}));
  EXPECT_EQ(
      overall["explanation"],
      "the median of the question grades (inadequate, requires improvement) is inadequate; "
      "score 38.9 (3 of 5 rules assessed, 75% of the weight) alone would earn inadequate: 1.1 "
      "points below requires improvement; failed force cause of concern R-02 would cap it at "
      "requires improvement");
  ASSERT_EQ(j["questions"].size(), 2u);
  EXPECT_EQ(j["questions"][1]["id"], "fairness");
  ASSERT_EQ(j["areas"].size(), 2u);
  EXPECT_EQ(j["areas"][0]["id"], "ethics/vetting");
  EXPECT_EQ(j["areas"][0]["capped_by"], (nlohmann::json{"R-02"}));
  EXPECT_EQ(j["summary"], overall["counts"]);

  const nlohmann::json& findings = j["findings"];
  ASSERT_EQ(findings.size(), 5u);  // in pack order
  const nlohmann::json& fail = findings[1];
  EXPECT_EQ(fail["rule"], "R-02");
  EXPECT_EQ(fail["title"], "No vetting backlog");
  EXPECT_EQ(fail["area"], "ethics/vetting");
  EXPECT_EQ(fail["severity"], "critical");
  EXPECT_EQ(fail["weight"], 5);
  EXPECT_EQ(fail["cause_of_concern"], "force");
  EXPECT_EQ(fail["outcome"], "fail");
  EXPECT_EQ(fail["reason"], "the check is not met");
  EXPECT_TRUE(fail["reason_location"].is_null());
  EXPECT_EQ(fail["evidence"],
            (nlohmann::json::array(
                {{{"path", "vetting.backlog"},
                  {"present", true},
                  {"value", "12"},
                  {"location", {{"file", EvidenceFile()}, {"line", 8}, {"column", 14}}},
                  {"source", "hmic p3: 'backlogs'"}}})));
  EXPECT_EQ(fail["gap"], "gap R-02");
  EXPECT_EQ(fail["remediation"], "fix R-02");
  EXPECT_EQ(fail["rationale"], "why R-02");
  EXPECT_EQ(fail["source"],
            (nlohmann::json{
                {"document", "Report"}, {"section", "Backlog"}, {"year", 2016}, {"url", nullptr}}));
  EXPECT_EQ(fail["rule_location"],
            (nlohmann::json{{"file", PackFile()}, {"line", 31}, {"column", 9}}));

  EXPECT_EQ(findings[0]["source"]["url"], "https://example.org/r");
  EXPECT_EQ(findings[2]["outcome"], "not_assessed");
  EXPECT_EQ(findings[2]["evidence"][0]["present"], false);
  EXPECT_EQ(findings[2]["evidence"][0]["value"], "absent");
  EXPECT_TRUE(findings[2]["evidence"][0]["location"].is_null());
  EXPECT_TRUE(findings[2]["evidence"][0]["source"].is_null());
  EXPECT_EQ(findings[3]["outcome"], "error");
  EXPECT_EQ(findings[3]["reason_location"],
            (nlohmann::json{{"file", PackFile()}, {"line", 59}, {"column", 12}}));
  EXPECT_EQ(findings[4]["outcome"], "partial");
}

TEST_F(ReportTest, JsonKeepsControlCharactersEscaped) {
  Build(kHostileEvidence);
  const std::string out = RenderJson(report_);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find("Evil\\u001b]0;pwned\\u0007 Police"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(out)["force"], "Evil\x1b]0;pwned\a Police");
}

TEST_F(ReportTest, RenderReportDispatchesOnFormat) {
  Build(kEvidence);
  EXPECT_EQ(RenderReport(report_, ReportFormat::kJson, {}), RenderJson(report_));
  EXPECT_EQ(RenderReport(report_, ReportFormat::kText, {}), RenderText(report_, {}));
  EXPECT_EQ(RenderReport(report_, ReportFormat::kSarif, {}), RenderSarif(report_));
  EXPECT_EQ(RenderReport(report_, ReportFormat::kJunit, {}), RenderJunit(report_));
  const RenderOptions marked{false, "OFFICIAL"};
  EXPECT_EQ(RenderReport(report_, ReportFormat::kMarkdown, marked),
            RenderMarkdown(report_, marked));
  EXPECT_EQ(RenderReport(report_, ReportFormat::kHtml, marked), RenderHtml(report_, marked));
  EXPECT_EQ(RenderReport(report_, ReportFormat::kCsv, {}), RenderCsv(report_));
}

TEST_F(ReportTest, RendersDeterministically) {
  Build(kEvidence);
  EXPECT_EQ(RenderJson(report_), RenderJson(report_));
  EXPECT_EQ(RenderText(report_, {}), RenderText(report_, {}));
}

}  // namespace
}  // namespace forcecheck
