#include "report/report.h"

#include <algorithm>
#include <stdexcept>

namespace forcecheck {

namespace {

// The writers that take no options, as the table's one signature.
template <std::string (*kRender)(const Report&)>
std::string WithoutOptions(const Report& report, const RenderOptions&) {
  return kRender(report);
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EndsWithFolded(std::string_view text, std::string_view ending) {
  if (text.size() < ending.size()) return false;
  const std::string_view tail = text.substr(text.size() - ending.size());
  return std::equal(tail.begin(), tail.end(), ending.begin(),
                    [](char a, char b) { return Lower(a) == Lower(b); });
}

}  // namespace

const std::vector<ReportFormatSpec>& ReportFormats() {
  using F = ReportFormat;
  static const std::vector<ReportFormatSpec> kFormats = {
      {F::kText,
       "text",
       {".txt"},
       RenderText,
       "a terminal or CI log",
       "grades, every gap with its evidence, remediation and source"},
      {F::kJson,
       "json",
       {".json"},
       WithoutOptions<RenderJson>,
       "programs",
       "the whole result; described exactly by `schemas/report.schema.json` (`format_version` 2)"},
      {F::kSarif,
       "sarif",
       {".sarif", ".sarif.json"},
       WithoutOptions<RenderSarif>,
       "code scanning (SARIF 2.1.0)",
       "one rule descriptor per rule, one result per finding that is not a pass, located in the "
       "evidence file"},
      {F::kJunit,
       "junit",
       {".junit.xml", ".xml"},
       WithoutOptions<RenderJunit>,
       "CI test reports (JUnit XML)",
       "a test suite per area, a test case per rule: failure (fail, partial), error, skipped (not "
       "assessed)"},
      {F::kMarkdown,
       "markdown",
       {".md", ".markdown"},
       RenderMarkdown,
       "a pull-request comment or CI job summary",
       "grade per question and area, gaps by severity linking to their sources"},
      {F::kHtml,
       "html",
       {".html", ".htm"},
       RenderHtml,
       "auditors; print",
       "one self-contained page: grades, SVG score bars, every finding, filters, print stylesheet"},
      {F::kCsv,
       "csv",
       {".csv"},
       WithoutOptions<RenderCsv>,
       "the force's action plan",
       "one row per gap, then evidence needed; `owner` and `due date` left to fill in"},
  };
  return kFormats;
}

const ReportFormatSpec& FormatSpec(ReportFormat format) {
  for (const ReportFormatSpec& f : ReportFormats()) {
    if (f.format == format) return f;
  }
  throw std::logic_error("a report format missing from ReportFormats()");
}

std::string_view ReportFormatName(ReportFormat format) { return FormatSpec(format).name; }

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  for (const ReportFormatSpec& f : ReportFormats()) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string ReportFormatNames(std::string_view last) {
  const std::vector<ReportFormatSpec>& formats = ReportFormats();
  std::string names;
  for (size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) names += i + 1 == formats.size() ? last : ", ";
    names += formats[i].name;
  }
  return names;
}

std::optional<ReportFormat> ReportFormatForPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::optional<ReportFormat> best;
  size_t best_length = 0;
  for (const ReportFormatSpec& f : ReportFormats()) {
    for (std::string_view ending : f.extensions) {
      if (file.size() > ending.size() && ending.size() > best_length &&
          EndsWithFolded(file, ending)) {
        best = f.format;
        best_length = ending.size();
      }
    }
  }
  return best;
}

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options) {
  return FormatSpec(format).render(report, options);
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
         std::string(MethodOf(g.question).name) + " and the overall by " +
         std::string(MethodOf(g.overall).name) +
         "; a failed force cause of concern caps its area, its question and the overall, a "
         "national one nothing";
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
