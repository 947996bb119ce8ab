// The Markdown report: a summary short enough for a pull-request comment or a CI job summary
// ($GITHUB_STEP_SUMMARY), in GitHub-flavoured Markdown.
//
//   **MARKING** (when --marking is given, also at the end)
//   ## forcecheck: FORCE
//   overall grade and score; evidence date and file; pack and version; scale; counts
//   | Question / area | Grade | Score | Pass | Partial | Fail | Error | Not assessed |
//   ### Gaps (n)            fail, partial and error, under one heading per severity, highest
//   #### Critical (n)       first; each rule id links to its source when the pack gives a URL
//   - **[VET-002](url)** title: gap _(fail, national cause of concern (addressed to every force))_
//   <details> Not assessed: evidence needed (n) </details>
//
// Every string from the pack or the evidence goes through MarkdownEscape, and every link
// through SafeLinkTarget, so data cannot break the table, open HTML or add links of its own.

#include <string>
#include <vector>

#include "report/escape.h"
#include "report/report.h"

namespace forcecheck {
namespace {

const char* ToneIcon(const char* tone) {
  const std::string t = tone;
  if (t == "top" || t == "good") return "🟢";
  if (t == "mid") return "🟠";
  if (t == "low") return "🔴";
  return "⚪";
}

std::string ScoreText(const GradeResult& g) { return FormatScore(g.score, "–"); }

std::string GradeText(const Report& r, const GradeResult& g) {
  return std::string(ToneIcon(GradeTone(r, g))) + " " +
         (g.graded() ? MarkdownEscape(g.grade) : "not graded");
}

std::string Row(const Report& r, const GradeResult& g, const std::string& label) {
  const OutcomeCounts& c = g.counts;
  return "| " + label + " | " + GradeText(r, g) + " | " + ScoreText(g) + " | " +
         std::to_string(c.pass) + " | " + std::to_string(c.partial) + " | " +
         std::to_string(c.fail) + " | " + std::to_string(c.error) + " | " +
         std::to_string(c.not_assessed) + " |\n";
}

std::string Header(const Report& r) {
  const Evidence& ev = *r.evidence;
  const GradeResult& o = r.scorecard.overall;
  const OutcomeCounts& c = o.counts;
  std::string s = "## forcecheck: " + MarkdownEscape(ev.force) +
                  (ev.synthetic ? " (synthetic example)" : "") + "\n\n";
  s += "**Overall: " + GradeText(r, o) + "** (score " + ScoreText(o) + ") · evidence as of **" +
       r.as_of.ToString() + "** · rule pack **" + MarkdownEscape(r.pack->id) + " " +
       MarkdownEscape(r.pack->version) + "** (" + std::to_string(r.pack->rules.size()) +
       (r.pack->rules.size() == 1 ? " rule" : " rules") + ") · scale " +
       MarkdownEscape(r.scorecard.scale->id) + "\n\n";
  s += std::to_string(c.pass) + " pass · " + std::to_string(c.partial) + " partial · " +
       std::to_string(c.fail) + " fail · " + std::to_string(c.error) + " error · " +
       std::to_string(c.not_assessed) + " not assessed\n\n";
  return s;
}

std::string Table(const Report& r) {
  std::string s =
      "| Question / area | Grade | Score | Pass | Partial | Fail | Error | Not assessed |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (const GradeResult& q : r.scorecard.questions) {
    s += Row(r, q, "**" + MarkdownEscape(q.title) + "**");
    for (const GradeResult& a : r.scorecard.areas) {
      if (a.id.compare(0, q.id.size() + 1, q.id + "/") == 0)
        s += Row(r, a, "&emsp;" + MarkdownEscape(a.title));
    }
  }
  return s + "\n";
}

// "**[VET-002](url)**", or the bare id in bold when the rule's source has no usable URL.
std::string RuleRef(const Rule& rule) {
  const std::string link = SafeLinkTarget(rule.source.url);
  const std::string id = MarkdownEscape(rule.id);
  return link.empty() ? "**" + id + "**" : "**[" + id + "](" + link + ")**";
}

std::string GapItem(const Finding& f) {
  const Rule& r = *f.rule;
  std::string what = f.outcome == Outcome::kError ? "could not be checked: " + f.reason : r.gap;
  std::string tags = f.outcome == Outcome::kPartial ? "partly met" : OutcomeName(f.outcome);
  if (r.cause_of_concern != CauseOfConcern::kNone)
    tags += ", " + std::string(ScopeOf(r.cause_of_concern).label);
  return "- " + RuleRef(r) + " " + MarkdownEscape(r.title) + ": " + MarkdownEscape(what) + " _(" +
         tags + ")_\n";
}

std::string Gaps(const std::vector<const Finding*>& sorted) {
  int total = 0;
  for (const Finding* f : sorted) total += IsGap(f->outcome) ? 1 : 0;
  std::string s = "### Gaps (" + std::to_string(total) + ")\n\n";
  if (total == 0) return s + "None.\n\n";
  for (int sev = static_cast<int>(Severity::kCritical); sev >= 0; --sev) {
    std::string items;
    int n = 0;
    for (const Finding* f : sorted) {
      if (!IsGap(f->outcome) || static_cast<int>(f->rule->severity) != sev) continue;
      items += GapItem(*f);
      ++n;
    }
    if (n == 0) continue;
    std::string name = SeverityName(static_cast<Severity>(sev));
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    s += "#### " + name + " (" + std::to_string(n) + ")\n\n" + items + "\n";
  }
  return s;
}

std::string NotAssessed(const std::vector<const Finding*>& sorted) {
  std::string items;
  int n = 0;
  for (const Finding* f : sorted) {
    if (f->outcome != Outcome::kNotAssessed) continue;
    items += "- " + RuleRef(*f->rule) + " " + MarkdownEscape(f->rule->title) + " _(" +
             SeverityName(f->rule->severity) + ")_: " + MarkdownEscape(f->reason) + "\n";
    ++n;
  }
  if (n == 0) return "";
  return "<details><summary>Not assessed: evidence needed (" + std::to_string(n) +
         ")</summary>\n\n" + items + "\n</details>\n\n";
}

}  // namespace

std::string RenderMarkdown(const Report& report, const RenderOptions& options) {
  const std::string marking =
      options.marking.empty() ? "" : "**" + MarkdownEscape(options.marking) + "**\n\n";
  const std::vector<const Finding*> sorted = FindingsForReading(report);
  std::string s = marking + Header(report) + Table(report) + Gaps(sorted) + NotAssessed(sorted);
  s += "<sub>forcecheck " + MarkdownEscape(report.tool_version) + " · evidence " +
       MarkdownEscape(report.evidence->file) + " · " +
       MarkdownEscape(report.scorecard.overall.explanation) + "</sub>\n";
  if (!marking.empty()) s += "\n" + marking;
  return s;
}

}  // namespace forcecheck
