// The CSV action plan: one row per thing for the force to do, to open in a spreadsheet and
// fill in. RFC 4180: a header row, CRLF line ends, fields quoted where needed; UTF-8 without a
// byte order mark.
//
//   rule,title,area,severity,cause of concern,outcome,gap,remediation,source,owner,due date
//
// "cause of concern" is empty, "national" (a national recommendation addressed to every force)
// or "force" (a cause of concern found in this force), from CauseOfConcernScopes.
//
// Rows are the gaps (fail, partial, error) by severity, highest first, then the rules not
// assessed, whose outcome reads "evidence needed" and whose gap names the missing evidence;
// rule id breaks ties. owner and due date are left empty for the force. Every field goes
// through CsvField, so a cell that begins with = + - @ cannot run as a formula.

#include <string>
#include <vector>

#include "base/strings.h"
#include "report/escape.h"
#include "report/report.h"

namespace forcecheck {
namespace {

std::string Row(const std::vector<std::string>& fields) {
  std::string s;
  for (const std::string& f : fields) s += (s.empty() ? "" : ",") + CsvField(f);
  return s + "\r\n";
}

std::string OutcomeText(const Finding& f) {
  switch (f.outcome) {
    case Outcome::kFail: return "fail";
    case Outcome::kPartial: return "partly met";
    case Outcome::kError: return "error";
    case Outcome::kNotAssessed: return "evidence needed";
    case Outcome::kPass: return "pass";
  }
  return "";
}

std::string Gap(const Finding& f) {
  if (f.outcome == Outcome::kError)
    return f.rule->gap + " (could not be checked: " + f.reason + ")";
  if (f.outcome != Outcome::kNotAssessed) return f.rule->gap;
  return "Evidence needed: " + JoinNonEmpty(f.evidence, ", ", [](const EvidenceRef& e) {
           return e.present ? std::string() : e.path;
         });
}

std::string Source(const Rule& r) {
  return r.source.ToString() + (r.source.url.empty() ? "" : " " + r.source.url);
}

}  // namespace

std::string RenderCsv(const Report& report) {
  std::string out = Row({"rule", "title", "area", "severity", "cause of concern", "outcome", "gap",
                         "remediation", "source", "owner", "due date"});
  for (const Finding* f : FindingsForReading(report)) {
    if (f->outcome == Outcome::kPass) continue;
    const Rule& r = *f->rule;
    out += Row({r.id, r.title, r.area, SeverityName(r.severity),
                std::string(CauseOfConcernName(r.cause_of_concern)), OutcomeText(*f), Gap(*f),
                r.remediation, Source(r), "", ""});
  }
  return out;
}

}  // namespace forcecheck
