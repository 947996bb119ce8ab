#include "report/report.h"

#include <algorithm>

namespace forcecheck {

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  if (name == "sarif") return ReportFormat::kSarif;
  if (name == "junit") return ReportFormat::kJunit;
  if (name == "markdown") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  if (name == "csv") return ReportFormat::kCsv;
  return std::nullopt;
}

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText: return RenderText(report, options);
    case ReportFormat::kJson: return RenderJson(report);
    case ReportFormat::kSarif: return RenderSarif(report);
    case ReportFormat::kJunit: return RenderJunit(report);
    case ReportFormat::kMarkdown: return RenderMarkdown(report, options);
    case ReportFormat::kHtml: return RenderHtml(report, options);
    case ReportFormat::kCsv: return RenderCsv(report);
  }
  return {};
}

namespace {
int Group(Outcome o) {
  switch (o) {
    case Outcome::kFail:
    case Outcome::kError:
    case Outcome::kPartial: return 0;
    case Outcome::kNotAssessed: return 1;
    case Outcome::kPass: return 2;
  }
  return 2;
}
}  // namespace

std::vector<const Finding*> FindingsForReading(const Report& report) {
  std::vector<const Finding*> out;
  for (const Finding& f : report.findings) out.push_back(&f);
  std::stable_sort(out.begin(), out.end(), [](const Finding* a, const Finding* b) {
    if (Group(a->outcome) != Group(b->outcome)) return Group(a->outcome) < Group(b->outcome);
    if (a->rule->severity != b->rule->severity) return a->rule->severity > b->rule->severity;
    return a->rule->id < b->rule->id;
  });
  return out;
}

bool IsGap(Outcome o) {
  return o == Outcome::kFail || o == Outcome::kPartial || o == Outcome::kError;
}

// The same split as the text report's colours: on a scale of four or more grades the best two
// are good news; the worst is always bad.
std::string GradingSentence(const Grading& g) {
  return "areas are graded by " + std::string(MethodOf(g.area).name) + ", questions by " +
         std::string(MethodOf(g.question).name) + " and the overall by " + std::string(MethodOf(g.overall).name) +
         "; a failed force cause of concern caps its area, its question and the overall, a national one nothing";
}

const char* GradeTone(const Report& report, const GradeResult& g) {
  if (!g.graded()) return "none";
  const Scale& scale = *report.scorecard.scale;
  const int rank = scale.Rank(g.grade);
  const int last = static_cast<int>(scale.bands.size()) - 1;
  if (rank == 0) return "top";
  if (rank == 1 && last >= 3) return "good";
  return rank == last ? "low" : "mid";
}

}  // namespace forcecheck
