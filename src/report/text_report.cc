// The text report: what a person reads in a terminal or a CI log.
//
//   forcecheck 0.1.0: West Midlands Police, evidence as of 2016-03-31
//   rule pack: peel-legitimacy 0.1.0, 34 rules; scale peel-2016
//   ...
//   Overall: GOOD (score 68.2)
//   Questions and areas ...
//   Gaps ... / Not assessed ... / Met ...
//   Summary: 12 pass, 2 partial, 8 fail, 3 not assessed, 0 error
//
// Colour (ANSI) only when RenderOptions::color is set; the words carry the meaning either way.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "report/report.h"

namespace forcecheck {
namespace {

constexpr unsigned char kEscapeMark = 0xFF;

class TextWriter {
 public:
  TextWriter(const Report& r, const RenderOptions& o) : r_(r), color_(o.color) {}

  std::string Run() {
    Header();
    Grades();
    Findings();
    Summary();
    return out_;
  }

 private:
  std::string Paint(const std::string& s, const char* code) const {
    if (!color_) return s;
    const std::string esc(1, static_cast<char>(kEscapeMark));
    return esc + "[" + code + "m" + s + esc + "[0m";
  }

  static std::string Upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  static std::string Pad(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
  }

  static std::string Score(const GradeResult& g) {
    if (!g.score) return "  -  ";
    const std::string score = FormatScore(*g.score);  // right-aligned in 5 columns
    return std::string(score.size() < 5 ? 5 - score.size() : 0, ' ') + score;
  }

  std::string GradeWord(const GradeResult& g) const {
    if (!g.graded()) return Paint(Pad("NOT GRADED", 22), "2");
    const int rank = r_.scorecard.scale->Rank(g.grade);
    const int last = static_cast<int>(r_.scorecard.scale->bands.size()) - 1;
    const bool good = rank == 0 || (rank == 1 && last >= 3);
    const char* code = good ? "32" : rank == last ? "31;1" : "33";
    return Paint(Pad(Upper(g.grade), 22), code);
  }

  // Every line passes through here. Control characters from rule packs or evidence are shown
  // as '?', so a hostile string cannot move the cursor, clear the screen or retitle a
  // terminal. Paint() marks its own escapes with byte 0xFF, which valid UTF-8 (all input is
  // checked on reading) never contains, so only forcecheck's colour codes become ESC.
  void Line(const std::string& s = {}) {
    for (char ch : s) {
      const unsigned char c = static_cast<unsigned char>(ch);
      if (c == kEscapeMark)
        out_ += '\x1b';
      else if (c == '\n' || c == '\r')
        out_ += ' ';
      else if ((c < 0x20 && c != '\t') || c == 0x7f)
        out_ += '?';
      else
        out_ += ch;
    }
    out_ += "\n";
  }

  void Header() {
    const Evidence& ev = *r_.evidence;
    const RulePack& p = *r_.pack;
    Line("forcecheck " + r_.tool_version + ": " + ev.force + ", evidence as of " +
         r_.as_of.ToString() + (ev.synthetic ? " (synthetic example)" : ""));
    Line("evidence: " + ev.file);
    Line("rule pack: " + p.id + " " + p.version + ", " + std::to_string(p.rules.size()) +
         (p.rules.size() == 1 ? " rule" : " rules") + "; scale " + r_.scorecard.scale->id + " (" +
         r_.scorecard.scale->title + ")");
    const Grading& g = r_.scorecard.grading;
    char credit[16];
    std::snprintf(credit, sizeof credit, "%g", g.partial_credit);
    Line(std::string("scoring: partial credit ") + credit + "; rules not assessed or in error " +
         (g.not_assessed == NotAssessedPolicy::kExclude ? "are left out of scores"
                                                        : "count as failed") +
         "; a grade by score needs " + std::to_string(std::lround(g.min_coverage * 100)) +
         "% of the weight" +
         (g.min_rules > 1 ? " and " + std::to_string(g.min_rules) + " rules" : "") + " assessed");
    Line("grades: " + GradingSentence(g));
    Parameters();
    Line();
  }

  // Every pack parameter with the value this run used and where the value came from.
  void Parameters() {
    if (r_.parameters.empty()) return;
    size_t overridden = 0;
    for (const ParameterSetting& s : r_.parameters) overridden += s.overridden ? 1 : 0;
    Line("parameters: " + std::to_string(r_.parameters.size()) + ", " + std::to_string(overridden) +
         " overridden (change with --set ID=VALUE or --params FILE)");
    for (const ParameterSetting& s : r_.parameters) {
      const Parameter& p = *s.parameter;
      const std::string unit = p.unit.empty() ? "" : " " + p.unit;
      const std::string local = p.local_choice ? ", local choice" : "";
      Line("  " + p.id + " = " + FormatParameterValue(s.value) + unit +
           (s.overridden ? " (set by " + s.origin + "; default " +
                               FormatParameterValue(p.default_value) + local + ")"
                         : " (default" + local + ")"));
    }
  }

  void GradeLine(const GradeResult& g, int indent) {
    Line(std::string(static_cast<size_t>(indent), ' ') + GradeWord(g) + " " + Score(g) + "  " +
         g.id + ": " + g.title);
    Line(std::string(static_cast<size_t>(indent) + 4, ' ') + Paint(g.explanation, "2"));
  }

  void Grades() {
    const Scorecard& c = r_.scorecard;
    Line(Paint("Overall", "1"));
    GradeLine(c.overall, 2);
    Line();
    Line(Paint("Questions and areas", "1"));
    for (const GradeResult& q : c.questions) {
      GradeLine(q, 2);
      for (const GradeResult& a : c.areas) {
        if (a.id.compare(0, q.id.size() + 1, q.id + "/") == 0) GradeLine(a, 4);
      }
    }
    Line();
  }

  const char* OutcomeColor(Outcome o) const {
    switch (o) {
      case Outcome::kPass: return "32";
      case Outcome::kPartial: return "33";
      case Outcome::kFail: return "31;1";
      case Outcome::kError: return "35;1";
      case Outcome::kNotAssessed: return "36";
    }
    return "0";
  }

  void Detailed(const Finding& f) {
    const Rule& r = *f.rule;
    Line("  " + Paint(Pad(Upper(OutcomeName(f.outcome)), 13), OutcomeColor(f.outcome)) +
         Pad(SeverityName(r.severity), 9) + Pad(r.id, 10) + r.title);
    const std::string in(24, ' ');
    Line(in + "area: " + r.area +
         (r.cause_of_concern == CauseOfConcern::kNone
              ? ""
              : "; " + std::string(ScopeOf(r.cause_of_concern).label) + " if failed"));
    Line(in + "why: " + f.reason +
         (f.reason_where.file.empty() ? "" : " (" + f.reason_where.ToString() + ")"));
    for (const EvidenceRef& e : f.evidence) {
      std::string s = in + "evidence: " + e.path + " = " + e.value;
      if (!e.where.file.empty()) s += " at " + e.where.ToString();
      Line(s);
      if (!e.source.empty()) Line(in + "  source: " + e.source);
    }
    Records(f, in);
    if (f.outcome != Outcome::kNotAssessed) Line(in + "gap: " + r.gap);
    Line(in + "remediation: " + r.remediation);
    Line(in + "source: " + r.source.ToString() +
         (r.source.url.empty() ? "" : " <" + r.source.url + ">"));
  }

  // The first few flagged records; the JSON report has them all (up to its limit).
  void Records(const Finding& f, const std::string& in) {
    if (f.records_total == 0) return;
    constexpr size_t kShown = 10;
    Line(in + "records: " + std::to_string(f.records_total) +
         (f.records_total > kShown ? " (the first " + std::to_string(kShown) + " below)" : ""));
    for (size_t i = 0; i < f.records.size() && i < kShown; ++i) {
      Line(in + "  " + f.records[i].where.ToString() +
           (f.records[i].key.empty() ? "" : "  " + f.records[i].key));
    }
  }

  void Findings() {
    std::vector<const Finding*> sorted = FindingsForReading(r_);
    auto section = [&](const std::string& title, auto keep, bool detailed) {
      std::vector<const Finding*> items;
      std::copy_if(sorted.begin(), sorted.end(), std::back_inserter(items), keep);
      Line(Paint(title + " (" + std::to_string(items.size()) + ")", "1"));
      for (const Finding* f : items) {
        if (detailed) {
          Detailed(*f);
        } else {
          Line("  " + Paint(Pad(Upper(OutcomeName(f->outcome)), 13), OutcomeColor(f->outcome)) +
               Pad(SeverityName(f->rule->severity), 9) + Pad(f->rule->id, 10) + f->rule->title);
        }
      }
      Line();
    };
    section(
        "Gaps",
        [](const Finding* f) {
          return f->outcome == Outcome::kFail || f->outcome == Outcome::kPartial ||
                 f->outcome == Outcome::kError;
        },
        true);
    section(
        "Not assessed: evidence missing",
        [](const Finding* f) { return f->outcome == Outcome::kNotAssessed; }, true);
    section(
        "Met", [](const Finding* f) { return f->outcome == Outcome::kPass; }, false);
  }

  void Summary() {
    const OutcomeCounts& c = r_.scorecard.overall.counts;
    Line("Summary: " + std::to_string(c.pass) + " pass, " + std::to_string(c.partial) +
         " partial, " + std::to_string(c.fail) + " fail, " + std::to_string(c.not_assessed) +
         " not assessed, " + std::to_string(c.error) + " error; overall " +
         (r_.scorecard.overall.graded() ? r_.scorecard.overall.grade : "not graded"));
  }

  const Report& r_;
  bool color_;
  std::string out_;
};

}  // namespace

std::string RenderText(const Report& report, const RenderOptions& options) {
  return TextWriter(report, options).Run();
}

}  // namespace forcecheck
