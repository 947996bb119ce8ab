#pragma once

// Reports: one result, several formats. Every writer renders the same Report into a string,
// deterministically (no clock, no absolute paths beyond those the user gave), so reports can
// be diffed and golden-tested; write_file.h puts the string on disk atomically.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/evaluate.h"
#include "evidence/evidence.h"
#include "rules/parameters.h"
#include "rules/rule_pack.h"
#include "score/score.h"

namespace forcecheck {

struct Report {
  const RulePack* pack = nullptr;
  const Evidence* evidence = nullptr;
  std::vector<Finding> findings;  // in pack rule order
  Scorecard scorecard;
  Date as_of;  // the date the rules were evaluated at
  std::string tool_version;
  std::vector<ParameterSetting> parameters;  // the pack's parameters as this run set them
};

struct RenderOptions {
  bool color = false;  // ANSI colour, for a terminal only (text)
  std::string
      marking;  // protective marking, e.g. "OFFICIAL-SENSITIVE"; empty: none (html, markdown)
};

enum class ReportFormat { kText, kJson, kSarif, kJunit, kMarkdown, kHtml, kCsv };

// One report format. ReportFormats() is the one place a format's name, file name endings,
// writer and description are kept: --format and --report, the choice of a format by a file's
// name, --help, the README's table of formats (tests/report/report_formats_test.cc) and the
// golden tests all read it.
struct ReportFormatSpec {
  ReportFormat format;
  std::string_view name;                     // as --format and --report FORMAT=FILE take it
  std::vector<std::string_view> extensions;  // file name endings that choose it; the first is usual
  std::string (*render)(const Report& report, const RenderOptions& options);
  std::string_view audience;     // who reads it (the README's "for")
  std::string_view description;  // what is in it, in Markdown (the README's last column)
};

// Every format, in the enum's order (text first: the default).
const std::vector<ReportFormatSpec>& ReportFormats();
const ReportFormatSpec& FormatSpec(ReportFormat format);

std::string_view ReportFormatName(ReportFormat format);
std::optional<ReportFormat> ParseReportFormat(std::string_view name);  // exact, lower case
// Every name, in table order, separated by ", " and before the last by `last`:
// "text, json, ..., html or csv" with `last` " or ".
std::string ReportFormatNames(std::string_view last = ", ");

// The format that the name of the file at `path` asks for: the longest of the table's endings
// that the file name ends with (ASCII case aside) and is longer than. nullopt when none does.
std::optional<ReportFormat> ReportFormatForPath(std::string_view path);

std::string RenderReport(const Report& report, ReportFormat format, const RenderOptions& options);

// Writers, one per format, each in <format>_report.cc, whose opening comment describes it.
std::string RenderText(const Report& report, const RenderOptions& options);
std::string RenderJson(const Report& report);
std::string RenderSarif(const Report& report);
std::string RenderJunit(const Report& report);
std::string RenderMarkdown(const Report& report, const RenderOptions& options);
std::string RenderHtml(const Report& report, const RenderOptions& options);
std::string RenderCsv(const Report& report);

// Findings ordered for reading: gaps (fail, error, partial) by severity, highest first, then
// not assessed, then passes; rule id breaks ties.
std::vector<const Finding*> FindingsForReading(const Report& report);

// Fail, partial and error: the outcomes that name something for the force to put right.
bool IsGap(Outcome o);

// The grade's rank on the report's scale as a colour class shared by the visual formats:
// "top" (the best grade), "good", "mid", "low" (the worst), or "none" when not graded.
const char* GradeTone(const Report& report, const GradeResult& g);

// How the pack grades each level, and what a cause of concern caps, for report headers:
// "areas are graded by score, questions by score and the overall by median; a failed force
// cause of concern caps its area, its question and the overall, a national one nothing"
std::string GradingSentence(const Grading& grading);

}  // namespace forcecheck
