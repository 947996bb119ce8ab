#include "report/report.h"

#include <algorithm>

namespace forcecheck {

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  if (name == "text") return ReportFormat::kText;
  if (name == "json") return ReportFormat::kJson;
  return std::nullopt;
}

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText: return RenderText(report, options);
    case ReportFormat::kJson: return RenderJson(report);
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

}  // namespace forcecheck
