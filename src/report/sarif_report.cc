// The SARIF report: SARIF 2.1.0 for code scanning (GitHub uploads it with
// github/codeql-action/upload-sarif). Valid against the OASIS schema; keys keep a fixed order.
//
// {"$schema": ..., "version": "2.1.0", "runs": [{
//   "tool": {"driver": {"name": "forcecheck", "version", "rules": [one per pack rule]}},
//   "results": [one per finding that is not a pass, in pack rule order],
//   "properties": {force, as_of, evidence_file, pack, scale, overall grade}}]}
//
// A rule's descriptor: id; name (the title in PascalCase); short description (title); full
// description (rationale); help as text and Markdown (gap, remediation, source citation);
// helpUri (the source's URL, when it is http or https); properties: security-severity from
// the rule's severity (critical 9.5, high 8.0, medium 5.5, low 3.0, info 1.0, a string as
// GitHub reads it: 9.0 and up shows as critical, 7.0 high, 4.0 medium, below that low),
// precision, and tags ("security" so that GitHub uses the severity, "area:<id>",
// "severity:<name>", and "cause-of-concern" with "cause-of-concern:national" or
// "cause-of-concern:force" where failing it is one).
//
// A result's level follows its outcome: fail and error are "error", partial is "warning",
// not assessed is "note" (evidence is missing: still a gap for --fail-on, but not a finding
// that something is wrong). Its location is the first piece of evidence the rule read that is
// in the evidence file; when there is none (all absent) it is the rule in its rule file.
// Paths are written as given, relative to where forcecheck ran (the repository root in CI),
// as URI references with uriBaseId %SRCROOT%. partialFingerprints["forcecheck/v1"] is the
// SHA-256 of the pack id, the rule id and the evidence file: no line numbers and no values,
// so the same gap is the same alert after the files are edited or the values change.

#include <cctype>
#include <cmath>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "report/digest.h"
#include "report/escape.h"
#include "report/report.h"

namespace forcecheck {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical: return "9.5";
    case Severity::kHigh: return "8.0";
    case Severity::kMedium: return "5.5";
    case Severity::kLow: return "3.0";
    case Severity::kInfo: return "1.0";
  }
  return "1.0";
}

const char* Level(Outcome o) {
  switch (o) {
    case Outcome::kFail:
    case Outcome::kError: return "error";
    case Outcome::kPartial: return "warning";
    case Outcome::kNotAssessed:
    case Outcome::kPass: return "note";
  }
  return "note";
}

// "Vetting aftercare is carried out" -> "VettingAftercareIsCarriedOut".
std::string PascalCase(const std::string& title) {
  std::string out;
  bool start = true;
  for (char ch : title) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (!std::isalnum(c)) {
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(c)) : ch;
    start = false;
  }
  return out;
}

// Ends `s` with a full stop unless it already ends a sentence.
std::string Sentence(const std::string& s) {
  if (s.empty() || s.back() == '.' || s.back() == '?' || s.back() == '!') return s;
  return s + ".";
}

std::string Citation(const Rule& r) {
  return r.source.ToString() + (r.source.url.empty() ? "" : " <" + r.source.url + ">");
}

Json Help(const Rule& r) {
  std::string md = "**Gap:** " + MarkdownEscape(r.gap) + "\n\n**Remediation:** " +
                   MarkdownEscape(r.remediation) + "\n\n**Source:** ";
  const std::string link = SafeLinkTarget(r.source.url);
  md += link.empty() ? MarkdownEscape(r.source.ToString())
                     : "[" + MarkdownEscape(r.source.ToString()) + "](" + link + ")";
  return {
      {"text", "Gap: " + r.gap + "\nRemediation: " + r.remediation + "\nSource: " + Citation(r)},
      {"markdown", md}};
}

Json Descriptor(const Rule& r) {
  Json tags = Json::array(
      {"security", "area:" + r.area, std::string("severity:") + SeverityName(r.severity)});
  if (r.cause_of_concern != CauseOfConcern::kNone) {
    tags.push_back("cause-of-concern");
    tags.push_back("cause-of-concern:" + std::string(CauseOfConcernName(r.cause_of_concern)));
  }
  Json d;
  d["id"] = r.id;
  d["name"] = PascalCase(r.title).empty() ? r.id : PascalCase(r.title);
  d["shortDescription"] = {{"text", r.title}};
  d["fullDescription"] = {{"text", r.rationale.empty() ? r.title : r.rationale}};
  d["help"] = Help(r);
  if (!SafeLinkTarget(r.source.url).empty()) d["helpUri"] = SafeLinkTarget(r.source.url);
  d["defaultConfiguration"] = {{"level", "error"}};
  d["properties"] = {{"security-severity", SecuritySeverity(r.severity)},
                     {"precision", "very-high"},
                     {"tags", std::move(tags)}};
  return d;
}

Json PhysicalLocation(const SourceLocation& where) {
  const std::string uri = PathToUri(where.file);
  Json artifact = {{"uri", uri}};
  if (uri.compare(0, 7, "file://") != 0) artifact["uriBaseId"] = "%SRCROOT%";
  Json p = {{"artifactLocation", std::move(artifact)}};
  if (where.line > 0) {
    p["region"] = {{"startLine", where.line}};
    if (where.column > 0) p["region"]["startColumn"] = where.column;
  }
  return p;
}

std::string EvidenceText(const EvidenceRef& e) {
  return e.path + " = " + e.value + (e.source.empty() ? "" : " (source: " + e.source + ")");
}

std::string Message(const Finding& f) {
  const Rule& r = *f.rule;
  std::string m;
  switch (f.outcome) {
    case Outcome::kFail: m = r.id + " not met: " + Sentence(r.title) + " " + Sentence(r.gap); break;
    case Outcome::kPartial:
      m = r.id + " partly met: " + Sentence(r.title) + " " + Sentence(r.gap);
      break;
    case Outcome::kError: m = r.id + " could not be checked: " + Sentence(f.reason); break;
    case Outcome::kNotAssessed:
    case Outcome::kPass: m = r.id + " not assessed: " + Sentence(f.reason); break;
  }
  if (f.outcome == Outcome::kNotAssessed) return m;
  const std::string ev = JoinNonEmpty(f.evidence, "; ", EvidenceText);
  return ev.empty() ? m : m + " Evidence: " + ev + ".";
}

Json Located(const SourceLocation& where, const std::string& text, size_t id) {
  Json loc;
  if (id > 0) loc["id"] = id;
  loc["physicalLocation"] = PhysicalLocation(where);
  loc["message"] = {{"text", text}};
  return loc;
}

// The primary location is the first evidence read that is in the file, or else the rule;
// related locations are the rest of the evidence, then the rule (at the failing expression,
// for an error).
void AddLocations(const Finding& f, Json& result) {
  Json primary = Json::array();
  Json related = Json::array();
  for (const EvidenceRef& e : f.evidence) {
    if (e.where.file.empty()) continue;
    if (primary.empty())
      primary.push_back(Located(e.where, EvidenceText(e), 0));
    else
      related.push_back(Located(e.where, EvidenceText(e), related.size() + 1));
  }
  const Rule& r = *f.rule;
  const SourceLocation& rule_where = f.reason_where.file.empty() ? r.where : f.reason_where;
  if (primary.empty())
    primary.push_back(Located(rule_where, "rule " + r.id, 0));
  else
    related.push_back(Located(rule_where, "rule " + r.id, related.size() + 1));
  result["locations"] = std::move(primary);
  if (!related.empty()) result["relatedLocations"] = std::move(related);
}

Json Result(const Report& report, const Finding& f, size_t rule_index) {
  const Rule& r = *f.rule;
  Json res;
  res["ruleId"] = r.id;
  res["ruleIndex"] = rule_index;
  res["level"] = Level(f.outcome);
  res["message"] = {{"text", Message(f)}};
  AddLocations(f, res);
  res["partialFingerprints"] = {{"forcecheck/v1", Sha256Hex(report.pack->id + '\0' + r.id + '\0' +
                                                            PathToUri(report.evidence->file))}};
  res["properties"] = {{"outcome", OutcomeId(f.outcome)},
                       {"severity", SeverityName(r.severity)},
                       {"area", r.area},
                       {"causeOfConcern", r.cause_of_concern == CauseOfConcern::kNone
                                              ? Json(nullptr)
                                              : Json(CauseOfConcernName(r.cause_of_concern))},
                       {"reason", f.reason}};
  return res;
}

Json RunProperties(const Report& report) {
  const GradeResult& overall = report.scorecard.overall;
  return {{"force", report.evidence->force},
          {"asOf", report.as_of.ToString()},
          {"evidenceFile", report.evidence->file},
          {"pack", {{"id", report.pack->id}, {"version", report.pack->version}}},
          {"scale", report.scorecard.scale->id},
          {"grade", overall.graded() ? Json(overall.grade) : Json(nullptr)},
          {"score", overall.score ? Json(std::round(*overall.score * 10) / 10) : Json(nullptr)}};
}

}  // namespace

std::string RenderSarif(const Report& report) {
  Json rules = Json::array();
  for (const Rule& r : report.pack->rules) rules.push_back(Descriptor(r));
  std::unordered_map<const Rule*, size_t> index;
  for (const Rule& r : report.pack->rules) index.emplace(&r, index.size());
  Json results = Json::array();
  for (const Finding& f : report.findings) {
    if (f.outcome != Outcome::kPass) results.push_back(Result(report, f, index.at(f.rule)));
  }
  Json driver;
  driver["name"] = "forcecheck";
  driver["version"] = report.tool_version;
  driver["semanticVersion"] = report.tool_version;
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["results"] = std::move(results);
  run["properties"] = RunProperties(report);
  Json log;
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace forcecheck
