// The JUnit XML report, for CI systems that show test results (GitLab's
// artifacts:reports:junit, Jenkins, Azure Pipelines). Valid against the Jenkins xUnit
// plugin's junit-10.xsd.
//
//   <testsuites name="forcecheck: FORCE" tests="69" failures="26" errors="0">
//     <testsuite name="AREA-ID" tests=".." failures=".." errors=".." skipped="..">
//       <properties> title, grade, score, and at the first suite the run's force, date, pack
//       </properties> <testcase classname="AREA-ID" name="RULE-ID: title"/> pass <testcase
//       ...><failure type="fail|partial" message="GAP">why, evidence, remediation,
//       source</failure></testcase> <testcase ...><error type="error"
//       message="REASON">...</error></testcase> <testcase ...><skipped message="not assessed:
//       REASON">...</skipped></testcase>
//
// One suite per area with rules, in the pack's area order; one case per rule, in the pack's
// rule order. A suite's tests = passes + failures + errors + skipped; <testsuites> adds up its
// suites (the schema gives it no skipped attribute). There is no time or timestamp: the same
// input gives the same bytes. Every string goes through XmlEscape.

#include <string>

#include "report/escape.h"
#include "report/report.h"

namespace forcecheck {
namespace {

struct SuiteCounts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
};

void Count(SuiteCounts& c, Outcome o) {
  ++c.tests;
  if (o == Outcome::kFail || o == Outcome::kPartial) ++c.failures;
  if (o == Outcome::kError) ++c.errors;
  if (o == Outcome::kNotAssessed) ++c.skipped;
}

std::string Attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + XmlEscape(value) + "\"";
}

std::string Property(const std::string& name, const std::string& value) {
  return "      <property" + Attr("name", name) + Attr("value", value) + "/>\n";
}

std::string ScoreText(const GradeResult& g) { return FormatScore(g.score, ""); }

// The body of a failure, error or skipped element: everything a reader needs to act.
std::string Details(const Finding& f) {
  const Rule& r = *f.rule;
  std::string s = "Rule: " + r.id + " (" + SeverityName(r.severity) +
                  (r.cause_of_concern == CauseOfConcern::kNone
                       ? ""
                       : ", " + std::string(ScopeOf(r.cause_of_concern).label)) +
                  ")\n";
  s += "Outcome: " + std::string(OutcomeName(f.outcome)) + ": " + f.reason;
  if (!f.reason_where.file.empty()) s += " (" + f.reason_where.ToString() + ")";
  s += "\n";
  for (const EvidenceRef& e : f.evidence) {
    s += "Evidence: " + e.path + " = " + e.value;
    if (!e.where.file.empty()) s += " at " + e.where.ToString();
    s += "\n";
    if (!e.source.empty()) s += "  source: " + e.source + "\n";
  }
  if (f.outcome != Outcome::kNotAssessed) s += "Gap: " + r.gap + "\n";
  s += "Remediation: " + r.remediation + "\n";
  s += "Source: " + r.source.ToString() + (r.source.url.empty() ? "" : " <" + r.source.url + ">") +
       "\n";
  s += "Rule file: " + r.where.ToString() + "\n";
  return XmlEscape(s);
}

std::string TestCase(const Finding& f) {
  const Rule& r = *f.rule;
  std::string s = "    <testcase" + Attr("classname", r.area) + Attr("name", r.id + ": " + r.title);
  switch (f.outcome) {
    case Outcome::kPass: return s + "/>\n";
    case Outcome::kFail:
    case Outcome::kPartial:
      s += ">\n      <failure" + Attr("type", OutcomeId(f.outcome)) + Attr("message", r.gap) + ">";
      return s + Details(f) + "</failure>\n    </testcase>\n";
    case Outcome::kError:
      s += ">\n      <error" + Attr("type", "error") + Attr("message", f.reason) + ">";
      return s + Details(f) + "</error>\n    </testcase>\n";
    case Outcome::kNotAssessed:
      s += ">\n      <skipped" + Attr("message", "not assessed: " + f.reason) + ">";
      return s + Details(f) + "</skipped>\n    </testcase>\n";
  }
  return s + "/>\n";
}

std::string Suite(const Report& report, const GradeResult& area, bool first, SuiteCounts& total) {
  SuiteCounts c;
  std::string cases;
  for (const Finding& f : report.findings) {
    if (f.rule->area != area.id) continue;
    Count(c, f.outcome);
    cases += TestCase(f);
  }
  total.tests += c.tests;
  total.failures += c.failures;
  total.errors += c.errors;
  total.skipped += c.skipped;
  std::string s = "  <testsuite" + Attr("name", area.id) + Attr("tests", std::to_string(c.tests)) +
                  Attr("failures", std::to_string(c.failures)) +
                  Attr("errors", std::to_string(c.errors)) +
                  Attr("skipped", std::to_string(c.skipped)) + ">\n    <properties>\n";
  if (first) {
    s += Property("force", report.evidence->force);
    s += Property("as_of", report.as_of.ToString());
    s += Property("evidence_file", report.evidence->file);
    s += Property("pack", report.pack->id + " " + report.pack->version);
    s += Property("scale", report.scorecard.scale->id);
  }
  s += Property("title", area.title);
  s += Property("grade", area.graded() ? area.grade : "not graded");
  s += Property("score", ScoreText(area));
  s += Property("explanation", area.explanation);
  return s + "    </properties>\n" + cases + "  </testsuite>\n";
}

}  // namespace

std::string RenderJunit(const Report& report) {
  SuiteCounts total;
  std::string suites;
  for (const GradeResult& area : report.scorecard.areas) {
    suites += Suite(report, area, suites.empty(), total);
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" +
         Attr("name", "forcecheck: " + report.evidence->force) +
         Attr("tests", std::to_string(total.tests)) +
         Attr("failures", std::to_string(total.failures)) +
         Attr("errors", std::to_string(total.errors)) + ">\n" + suites + "</testsuites>\n";
}

}  // namespace forcecheck
