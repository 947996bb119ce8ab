// The HTML report: one self-contained page an auditor can open, filter and print.
//
//   <html> <head> CSP, <style> (html_assets.cc) </head>
//   <body> marking (when --marking is given)
//     masthead: force, evidence date and file, pack and version, scale
//     overall grade and score, explanation, outcome counts as an SVG bar
//     grades by question and area: grade, score, an SVG score bar with the scale's bands, counts
//     findings: filter form (area, severity, outcome; shown by the script), then every finding
//       (gaps by severity, not assessed, met) with its evidence, gap, remediation and source
//     footer; marking again; <script> (html_assets.cc) </body>
//
// Nothing is loaded from anywhere: the Content-Security-Policy forbids every fetch (default-src
// 'none') and admits only the page's own stylesheet and script by hash. Every string from the
// pack or the evidence goes through XmlEscape, in text and in quoted attributes alike, and
// links only through SafeLinkTarget. No data is ever written inside <script>; the one string
// inside <style> is the user's --marking, through CssString, for printing on every page.

#include <string>
#include <vector>

#include "base/strings.h"
#include "report/digest.h"
#include "report/escape.h"
#include "report/html_assets.h"
#include "report/report.h"

namespace forcecheck {
namespace {

std::string H(std::string_view s) { return XmlEscape(s); }

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "2016-03-31" -> "31 March 2016".
std::string LongDate(const Date& d) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  const std::string iso = d.ToString();
  if (iso.size() != 10) return iso;
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  return std::to_string(day) + " " + kMonths[(month - 1) % 12] + " " + iso.substr(0, 4);
}

std::string GradeWord(const GradeResult& g) {
  return g.graded() ? Capitalised(g.grade) : "Not graded";
}

// The stylesheet: the fixed one, and with a marking, a rule printing it in the top and bottom
// margin of every page (CSS page margin boxes), as a CSS string that cannot leave its quotes.
std::string Stylesheet(const std::string& marking) {
  std::string css(kHtmlStyle);
  if (marking.empty()) return css;
  const std::string box =
      "{ content: " + CssString(marking) +
      "; font: 700 9pt system-ui, sans-serif; letter-spacing: .12em; color: #0b0c0c; }";
  return css + "@page { @top-center " + box + " @bottom-center " + box + " }\n";
}

class HtmlWriter {
 public:
  HtmlWriter(const Report& r, const RenderOptions& o)
      : r_(r), marking_(o.marking), style_(Stylesheet(o.marking)) {}

  std::string Run() {
    Head();
    out_ += "<body>\n" + Marking("top");
    out_ += "<div class=\"page\">\n";
    Masthead();
    out_ += "<main>\n";
    Overall();
    Grades();
    Findings();
    out_ += "</main>\n";
    Footer();
    out_ += "</div>\n" + Marking("bottom");
    out_ += "<script>" + std::string(kHtmlScript) + "</script>\n</body>\n</html>\n";
    return out_;
  }

 private:
  void Head() {
    const std::string csp = "default-src 'none'; script-src 'sha256-" + Sha256Base64(kHtmlScript) +
                            "'; style-src 'sha256-" + Sha256Base64(style_) +
                            "'; img-src data:; base-uri 'none'; form-action 'none'";
    out_ += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n";
    out_ += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"generator\" content=\"forcecheck " + H(r_.tool_version) + "\">\n";
    out_ += "<title>" + (marking_.empty() ? "" : H(marking_) + ": ") +
            "forcecheck: " + H(r_.evidence->force) + ", evidence as of " + r_.as_of.ToString() +
            "</title>\n";
    out_ += "<style>" + style_ + "</style>\n</head>\n";
  }

  std::string Marking(const char* where) const {
    if (marking_.empty()) return "";
    return std::string("<div class=\"marking marking-") + where +
           "\" role=\"note\" aria-label=\"protective marking\">" + H(marking_) + "</div>\n";
  }

  void Meta(const std::string& term, const std::string& html) {
    out_ += "<div><dt>" + term + "</dt><dd>" + html + "</dd></div>\n";
  }

  void Masthead() {
    const Evidence& ev = *r_.evidence;
    const RulePack& p = *r_.pack;
    out_ +=
        "<header class=\"masthead\">\n<p class=\"kicker\">Compliance report &middot; forcecheck " +
        H(r_.tool_version) + "</p>\n";
    out_ += "<h1>" + H(ev.force) +
            (ev.synthetic ? "<span class=\"synthetic\">synthetic example</span>" : "") +
            "</h1>\n<dl class=\"meta\">\n";
    Meta("Evidence as of",
         "<time datetime=\"" + r_.as_of.ToString() + "\">" + LongDate(r_.as_of) + "</time>");
    Meta("Evidence file", "<span class=\"path\">" + H(ev.file) + "</span>");
    Meta("Rule pack", H(p.title) + " (" + H(p.id) + " " + H(p.version) + ", " +
                          std::to_string(p.rules.size()) +
                          (p.rules.size() == 1 ? " rule)" : " rules)"));
    Meta("Grading scale", H(r_.scorecard.scale->title) + " (" + H(r_.scorecard.scale->id) + ")");
    out_ += "</dl>\n</header>\n";
  }

  // The overall outcome counts as one stacked bar, each part titled for a screen reader.
  std::string OutcomeBar(const OutcomeCounts& c) const {
    const std::pair<Outcome, int> parts[] = {{Outcome::kPass, c.pass},
                                             {Outcome::kPartial, c.partial},
                                             {Outcome::kFail, c.fail},
                                             {Outcome::kError, c.error},
                                             {Outcome::kNotAssessed, c.not_assessed}};
    std::string label, bars, legend;
    double x = 0;
    const double total = c.total() > 0 ? c.total() : 1;
    for (const auto& [o, n] : parts) {
      const std::string text = std::to_string(n) + " " + OutcomeName(o);
      label += (label.empty() ? "" : ", ") + text;
      legend += std::string("<li class=\"o-") + OutcomeId(o) + "\">" + text + "</li>";
      if (n == 0) continue;
      const double w = 1000.0 * n / total;
      bars += std::string("<rect class=\"o-") + OutcomeId(o) + "\" x=\"" + FormatScore(x) +
              "\" width=\"" + FormatScore(w) + "\" height=\"28\"><title>" + text +
              "</title></rect>";
      x += w;
    }
    return "<svg class=\"stack\" viewBox=\"0 0 1000 28\" preserveAspectRatio=\"none\" role=\"img\" "
           "aria-label=\"" +
           label + "\">" + bars + "</svg>\n<ul class=\"legend\">" + legend + "</ul>\n";
  }

  void Overall() {
    const GradeResult& o = r_.scorecard.overall;
    out_ += "<section class=\"overall\" aria-label=\"overall result\">\n";
    out_ += std::string("<div class=\"grade-card tone-") + GradeTone(r_, o) +
            "\"><span class=\"label\">Overall grade</span>" + "<span class=\"grade\">" +
            H(GradeWord(o)) + "</span><span class=\"score\">" +
            (o.score ? "score " + FormatScore(*o.score) + " of 100" : "no score") +
            "</span></div>\n";
    out_ += "<div>\n<p class=\"explanation\">" + H(Capitalised(o.explanation)) + ".</p>\n" +
            OutcomeBar(o.counts) + "</div>\n</section>\n";
  }

  // A 0..100 score bar with a dashed line at each band's lower bound.
  std::string ScoreBar(const GradeResult& g) const {
    std::string s =
        "<svg class=\"bar\" viewBox=\"0 0 100 14\" preserveAspectRatio=\"none\" role=\"img\" "
        "aria-label=\"" +
        (g.score ? "score " + FormatScore(*g.score) + " of 100" : std::string("no score")) +
        "\"><rect class=\"track\" width=\"100\" height=\"14\"/>";
    if (g.score) {
      s += std::string("<rect class=\"tone-") + GradeTone(r_, g) + "\" width=\"" +
           FormatScore(*g.score) + "\" height=\"14\"/>";
    }
    for (const GradeBand& b : r_.scorecard.scale->bands) {
      if (b.min <= 0 || b.min >= 100) continue;
      s += "<line class=\"band\" x1=\"" + FormatScore(b.min) + "\" x2=\"" + FormatScore(b.min) +
           "\" y1=\"0\" y2=\"14\" vector-effect=\"non-scaling-stroke\"/>";
    }
    return s + "</svg>";
  }

  void GradeRow(const GradeResult& g, const char* kind) {
    const OutcomeCounts& c = g.counts;
    out_ += std::string("<tr class=\"") + kind + "\"><th scope=\"row\">" + H(g.title) + "</th>";
    out_ += std::string("<td><span class=\"pill tone-") + GradeTone(r_, g) + "\">" +
            H(GradeWord(g)) + "</span></td>";
    out_ +=
        "<td class=\"num\">" + (g.score ? FormatScore(*g.score) : std::string("&ndash;")) + "</td>";
    out_ += "<td class=\"barcell\">" + ScoreBar(g) + "</td>";
    out_ += "<td class=\"counts\">" + std::to_string(c.pass) + " / " + std::to_string(c.partial) +
            " / " + std::to_string(c.fail) + " / " + std::to_string(c.error) + " / " +
            std::to_string(c.not_assessed) + "</td></tr>\n";
  }

  void Grades() {
    const Scorecard& c = r_.scorecard;
    out_ +=
        "<section id=\"grades\">\n<h2>Grades by question and area</h2>\n<table class=\"grades\">\n";
    out_ += "<thead><tr><th>Question and area</th><th>Grade</th><th class=\"num\">Score</th>"
            "<th>Score out of 100, with grade bands</th><th>Pass / partial / fail / error / "
            "n.a.</th></tr></thead>\n<tbody>\n";
    for (const GradeResult& q : c.questions) {
      GradeRow(q, "question");
      for (const GradeResult& a : c.areas) {
        if (a.id.compare(0, q.id.size() + 1, q.id + "/") == 0) GradeRow(a, "area");
      }
    }
    out_ +=
        "</tbody>\n</table>\n<p class=\"note\">Grade bands on the " + H(c.scale->id) + " scale: ";
    const std::string bands = JoinNonEmpty(c.scale->bands, "; ", [](const GradeBand& b) {
      return H(b.grade) + " from " + FormatScore(b.min);
    });
    out_ += bands + ". Partly met rules earn " + FormatScore(c.grading.partial_credit * 100) +
            "% credit; rules not assessed or in error " +
            (c.grading.not_assessed == NotAssessedPolicy::kExclude ? "are left out of scores"
                                                                   : "count as failed") +
            ". " + H(Capitalised(GradingSentence(c.grading))) + ".</p>\n</section>\n";
  }

  void Findings();
  void FilterForm(const std::vector<const Finding*>& sorted);
  void Group(const std::string& title, const std::vector<const Finding*>& items);
  void FindingArticle(const Finding& f);
  std::string EvidenceList(const Finding& f) const;

  void Footer() {
    out_ += "<footer>\n<p>Produced by forcecheck " + H(r_.tool_version) + " from " +
            H(r_.evidence->file) + " and the rule pack " + H(r_.pack->id) + " " +
            H(r_.pack->version) + ", evaluated as at " + r_.as_of.ToString() +
            ". Missing evidence is never a pass: a rule whose evidence is absent is "
            "listed as not assessed.</p>\n</footer>\n";
  }

  const Report& r_;
  const std::string& marking_;
  const std::string style_;
  std::string out_;
};

void HtmlWriter::Findings() {
  const std::vector<const Finding*> sorted = FindingsForReading(r_);
  out_ += "<section id=\"findings\">\n<h2>Findings</h2>\n";
  FilterForm(sorted);
  std::vector<const Finding*> gaps, missing, met;
  for (const Finding* f : sorted) {
    (IsGap(f->outcome) ? gaps : f->outcome == Outcome::kNotAssessed ? missing : met).push_back(f);
  }
  Group("Gaps", gaps);
  Group("Not assessed: evidence needed", missing);
  Group("Met", met);
  out_ += "</section>\n";
}

void HtmlWriter::FilterForm(const std::vector<const Finding*>& sorted) {
  out_ += "<form id=\"filters\" class=\"filters\" hidden aria-label=\"filter the findings\">\n";
  out_ += "<label>Area<select id=\"f-area\"><option value=\"\">All areas</option>";
  for (const GradeResult& a : r_.scorecard.areas) {
    out_ += "<option value=\"" + H(a.id) + "\">" + H(a.title) + "</option>";
  }
  out_ += "</select></label>\n<label>Severity<select id=\"f-severity\"><option value=\"\">All "
          "severities</option>";
  for (int s = static_cast<int>(Severity::kCritical); s >= 0; --s) {
    const char* name = SeverityName(static_cast<Severity>(s));
    out_ += std::string("<option value=\"") + name + "\">" + name + "</option>";
  }
  out_ += "</select></label>\n<label>Outcome<select id=\"f-outcome\"><option value=\"\">All "
          "outcomes</option>"
          "<option value=\"gap\">Gaps (fail, partial, error)</option>";
  for (Outcome o : {Outcome::kFail, Outcome::kPartial, Outcome::kError, Outcome::kNotAssessed,
                    Outcome::kPass}) {
    out_ += std::string("<option value=\"") + OutcomeId(o) + "\">" + OutcomeName(o) + "</option>";
  }
  out_ += "</select></label>\n<button type=\"reset\">Show all</button>\n<output id=\"f-count\">" +
          std::to_string(sorted.size()) + " findings</output>\n</form>\n";
}

void HtmlWriter::Group(const std::string& title, const std::vector<const Finding*>& items) {
  if (items.empty()) return;
  out_ +=
      "<section class=\"group\">\n<h3>" + title + " (" + std::to_string(items.size()) + ")</h3>\n";
  for (const Finding* f : items) FindingArticle(*f);
  out_ += "</section>\n";
}

std::string HtmlWriter::EvidenceList(const Finding& f) const {
  if (f.evidence.empty()) return "none read";
  std::string s = "<ul class=\"evidence\">";
  for (const EvidenceRef& e : f.evidence) {
    s += "<li><code>" + H(e.path) + "</code> = " +
         (e.present ? "<strong>" + H(e.value) + "</strong>" : "<em>" + H(e.value) + "</em>");
    if (!e.where.file.empty()) s += " <span class=\"where\">" + H(e.where.ToString()) + "</span>";
    if (!e.source.empty()) s += "<span class=\"provenance\">" + H(e.source) + "</span>";
    s += "</li>";
  }
  return s + "</ul>";
}

void HtmlWriter::FindingArticle(const Finding& f) {
  const Rule& r = *f.rule;
  const char* oid = OutcomeId(f.outcome);
  const char* sev = SeverityName(r.severity);
  out_ += std::string("<article class=\"finding outcome-") + oid + "\" id=\"rule-" + H(r.id) +
          "\" data-area=\"" + H(r.area) + "\" data-severity=\"" + sev + "\" data-outcome=\"" + oid +
          "\" data-gap=\"" + (IsGap(f.outcome) ? "1" : "0") + "\">\n<header>";
  out_ += std::string("<span class=\"badge o-") + oid + "\">" + OutcomeName(f.outcome) + "</span>";
  out_ += std::string("<span class=\"badge s-") + sev + "\">" + sev + "</span>";
  out_ += "<span class=\"rule-id\">" + H(r.id) + "</span><h4>" + H(r.title) + "</h4>";
  if (r.cause_of_concern != CauseOfConcern::kNone) {
    out_ += "<span class=\"badge coc coc-" + std::string(CauseOfConcernName(r.cause_of_concern)) +
            "\">" + H(std::string(ScopeOf(r.cause_of_concern).label)) + "</span>";
  }
  out_ += "</header>\n<dl>\n";
  const Area* area = r_.pack->FindArea(r.area);
  out_ += "<dt>Area</dt><dd>" + H(area ? area->title : r.area) + "</dd>\n";
  out_ += "<dt>Why</dt><dd>" + H(Capitalised(f.reason)) +
          (f.reason_where.file.empty() ? "" : " (" + H(f.reason_where.ToString()) + ")") +
          "</dd>\n";
  out_ += "<dt>Evidence</dt><dd>" + EvidenceList(f) + "</dd>\n";
  if (f.outcome != Outcome::kPass && f.outcome != Outcome::kNotAssessed)
    out_ += "<dt>Gap</dt><dd>" + H(r.gap) + "</dd>\n";
  if (f.outcome != Outcome::kPass)
    out_ += "<dt>Remediation</dt><dd>" + H(r.remediation) + "</dd>\n";
  out_ += "<dt>Rationale</dt><dd class=\"rationale\">" + H(r.rationale) + "</dd>\n";
  const std::string link = SafeLinkTarget(r.source.url);
  out_ += "<dt>Source</dt><dd>" +
          (link.empty() ? H(r.source.ToString())
                        : "<a href=\"" + H(link) + "\" rel=\"noreferrer\">" +
                              H(r.source.ToString()) + "</a>") +
          "</dd>\n";
  out_ += "<dt>Rule</dt><dd class=\"path\">" + H(r.where.ToString()) + "</dd>\n</dl>\n</article>\n";
}

}  // namespace

std::string RenderHtml(const Report& report, const RenderOptions& options) {
  return HtmlWriter(report, options).Run();
}

}  // namespace forcecheck
