// The JSON report: the whole result for programs (schemas/report.schema.json describes it).
// Keys keep a fixed order (nlohmann::ordered_json), findings keep the pack's rule order, and
// scores are rounded to one decimal, so the same input always gives the same bytes.
//
// {
//   "format": "forcecheck-report", "format_version": 2,
//   "tool": {...}, "force": ..., "as_of": ..., "evidence_file": ..., "synthetic": ...,
//   "pack": {...}, "scale": {...}, "scoring": {...}, "parameters": [Parameter],
//   "overall": Grade, "questions": [Grade], "areas": [Grade],
//   "summary": {"pass": n, ...}, "findings": [Finding]
// }

#include <cmath>

#include <nlohmann/json.hpp>

#include "base/parallel.h"
#include "report/report.h"

namespace forcecheck {
namespace {

using Json = nlohmann::ordered_json;

// An object with room for `keys` keys. ordered_json keeps its keys in a vector whose elements
// (a const key and its value) are copied, whole subtrees included, each time it grows: a
// finding's object, filled key by key, used to copy its thousand records once over.
Json ObjectFor(size_t keys) {
  Json j = Json::object();
  j.get_ref<Json::object_t&>().reserve(keys);
  return j;
}

Json Location(const SourceLocation& l) {
  if (l.file.empty()) return nullptr;
  Json j = ObjectFor(3);
  j["file"] = l.file;
  j["line"] = l.line;
  j["column"] = l.column;
  return j;
}

double Round1(double v) { return std::round(v * 10) / 10; }

Json Counts(const OutcomeCounts& c) {
  Json j;
  j["pass"] = c.pass;
  j["partial"] = c.partial;
  j["fail"] = c.fail;
  j["not_assessed"] = c.not_assessed;
  j["error"] = c.error;
  return j;
}

Json Grade(const GradeResult& g) {
  Json j;
  j["id"] = g.id;
  j["title"] = g.title;
  j["grade"] = g.graded() ? Json(g.grade) : Json(nullptr);
  j["score"] = g.score ? Json(Round1(*g.score)) : Json(nullptr);
  j["method"] = g.method;
  j["band_grade"] = g.band_grade.empty() ? Json(nullptr) : Json(g.band_grade);
  j["capped_by"] = g.capped_by;
  j["national_concerns"] = g.national_concerns;
  j["weight"] = g.total_weight;
  j["assessed_weight"] = g.assessed_weight;
  j["counts"] = Counts(g.counts);
  j["explanation"] = g.explanation;
  return j;
}

// A parameter's value as JSON: numbers and booleans as such, anything else as its text.
Json ParameterValueJson(const expr::Value& v) {
  if (v.kind() == expr::Value::Kind::kNumber) return v.number();
  if (v.kind() == expr::Value::Kind::kBool) return v.boolean();
  return FormatParameterValue(v);
}

Json ParametersJson(const std::vector<ParameterSetting>& settings) {
  Json out = Json::array();
  for (const ParameterSetting& s : settings) {
    const Parameter& p = *s.parameter;
    Json j;
    j["id"] = p.id;
    j["type"] = ParameterTypeName(p.type);
    j["value"] = ParameterValueJson(s.value);
    j["default"] = ParameterValueJson(p.default_value);
    j["unit"] = p.unit.empty() ? Json(nullptr) : Json(p.unit);
    j["local_choice"] = p.local_choice;
    j["overridden"] = s.overridden;
    j["source"] = s.origin;
    out.push_back(std::move(j));
  }
  return out;
}

Json FindingJson(const Finding& f) {
  const Rule& r = *f.rule;
  Json j = ObjectFor(17);
  j["rule"] = r.id;
  j["title"] = r.title;
  j["area"] = r.area;
  j["severity"] = SeverityName(r.severity);
  j["weight"] = r.weight;
  j["cause_of_concern"] = r.cause_of_concern == CauseOfConcern::kNone
                              ? Json(nullptr)
                              : Json(CauseOfConcernName(r.cause_of_concern));
  j["outcome"] = OutcomeId(f.outcome);
  j["reason"] = f.reason;
  j["reason_location"] = Location(f.reason_where);
  Json ev = Json::array();
  for (const EvidenceRef& e : f.evidence) {
    Json x = ObjectFor(5);
    x["path"] = e.path;
    x["present"] = e.present;
    x["value"] = e.value;
    x["location"] = Location(e.where);
    x["source"] = e.source.empty() ? Json(nullptr) : Json(e.source);
    ev.push_back(std::move(x));
  }
  j["evidence"] = std::move(ev);
  j["records"] = Json::array();  // printed apart: see PrintRecords

  j["records_total"] = f.records_total;
  j["gap"] = r.gap;
  j["remediation"] = r.remediation;
  j["rationale"] = r.rationale;
  Json src = ObjectFor(4);
  src["document"] = r.source.document;
  src["section"] = r.source.section;
  src["year"] = r.source.year;
  src["url"] = r.source.url.empty() ? Json(nullptr) : Json(r.source.url);
  j["source"] = std::move(src);
  j["rule_location"] = Location(r.where);
  return j;
}

// `j` printed with two-space indentation as if nested `depth` levels deep: every line after
// the first indented by two spaces a level more. Invalid UTF-8 cannot reach here (inputs are
// checked on reading), but it is replaced rather than thrown on if it ever does.
//
// This is what Json::dump does, through the serializer it uses, which takes the indentation
// to start at; dump itself always starts at none. (That serializer is nlohmann-json's own,
// not part of its documented interface, so with any other major version the document is
// printed by dump and indented afterwards, as a line break in the output is always one
// between values: in strings it is escaped.)
std::string Dump(const Json& j, size_t depth = 0) {
  std::string out;
#if NLOHMANN_JSON_VERSION_MAJOR == 3
  nlohmann::detail::serializer<Json> printer(nlohmann::detail::output_adapter<char>(out), ' ',
                                             Json::error_handler_t::replace);
  printer.dump(j, /*pretty_print=*/true, /*ensure_ascii=*/false, /*indent_step=*/2,
               /*current_indent=*/static_cast<unsigned>(2 * depth));
#else
  const std::string s = j.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string indent(2 * depth, ' ');
  out.reserve(s.size() + s.size() / 8);
  size_t from = 0;
  for (size_t eol; (eol = s.find('\n', from)) != std::string::npos; from = eol + 1) {
    out.append(s, from, eol + 1 - from);
    out += indent;
  }
  out.append(s, from);
#endif
  return out;
}

// A finding may list a thousand records, each an object of three keys, which would be most of
// the report's objects. They are printed straight from the findings instead: each string
// through the library (dumped alone, which escapes it), the layout as the library lays out an
// array of such objects `depth` levels deep. A record's file is usually the previous one's,
// so its printed form is reused. The tests compare the whole with the library's own print.
std::string PrintRecords(const std::vector<RecordRef>& records, size_t depth) {
  const std::string outer(2 * depth, ' '), inner(2 * depth + 2, ' '), field(2 * depth + 4, ' ');
  auto quoted = [](const std::string& s) {
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  std::string out = "[\n";
  const std::string* last_file = nullptr;
  std::string file;
  for (size_t i = 0; i < records.size(); ++i) {
    const RecordRef& r = records[i];
    if (!last_file || *last_file != r.where.file) file = quoted(r.where.file);
    last_file = &r.where.file;
    out += inner + "{\n" + field + "\"file\": " + file + ",\n" + field +
           "\"line\": " + std::to_string(r.where.line) + ",\n" + field +
           "\"key\": " + quoted(r.key) + "\n" + inner + (i + 1 < records.size() ? "},\n" : "}\n");
  }
  return out + outer + "]";
}

// `printed`, a finding printed `depth` levels deep by Dump, with its records in the place of
// its empty "records" list. (The key's line is found by its indentation: a line break inside
// a string is escaped, so the text cannot hold another line like it.)
void PutRecords(std::string& printed, const std::vector<RecordRef>& records, size_t depth) {
  if (records.empty()) return;
  const std::string line = "\n" + std::string(2 * depth + 2, ' ') + "\"records\": []";
  const size_t at = printed.find(line);
  if (at == std::string::npos)
    throw std::logic_error("a finding printed without its 'records' key");
  printed.replace(at + line.size() - 2, 2, PrintRecords(records, depth + 1));
}

}  // namespace

std::string RenderJson(const Report& report) {
  const RulePack& p = *report.pack;
  const Evidence& ev = *report.evidence;
  const Scorecard& c = report.scorecard;
  Json j = ObjectFor(16);
  j["format"] = "forcecheck-report";
  j["format_version"] = 2;
  j["tool"] = {{"name", "forcecheck"}, {"version", report.tool_version}};
  j["force"] = ev.force;
  j["as_of"] = report.as_of.ToString();
  j["evidence_file"] = ev.file;
  j["synthetic"] = ev.synthetic;
  j["pack"] = {{"id", p.id}, {"title", p.title}, {"version", p.version}, {"rules", p.rules.size()}};
  Json grades = Json::array();
  for (const GradeBand& b : c.scale->bands) grades.push_back({{"grade", b.grade}, {"min", b.min}});
  j["scale"] = {{"id", c.scale->id},
                {"title", c.scale->title},
                {"bands", grades},
                {"cause_of_concern_cap", c.scale->cause_of_concern_cap.empty()
                                             ? Json(nullptr)
                                             : Json(c.scale->cause_of_concern_cap)}};
  j["scoring"] = {
      {"partial_credit", c.grading.partial_credit},
      {"not_assessed", NotAssessedPolicyName(c.grading.not_assessed)},
      {"min_coverage", c.grading.min_coverage},
      {"min_rules", c.grading.min_rules},
      {"aggregation",
       {{"area", MethodOf(c.grading.area).name},
        {"question", MethodOf(c.grading.question).name},
        {"overall", MethodOf(c.grading.overall).name},
        {"source", c.grading.aggregation_source.empty() ? Json(nullptr)
                                                        : Json(c.grading.aggregation_source)}}}};
  j["parameters"] = ParametersJson(report.parameters);
  j["overall"] = Grade(c.overall);
  Json qs = Json::array();
  for (const GradeResult& g : c.questions) qs.push_back(Grade(g));
  j["questions"] = std::move(qs);
  Json as = Json::array();
  for (const GradeResult& g : c.areas) as.push_back(Grade(g));
  j["areas"] = std::move(as);
  j["summary"] = Counts(c.overall.counts);
  j["findings"] = Json::array();
  std::string text = Dump(j);
  if (report.findings.empty()) return text + "\n";
  // The findings, the bulk of the report (a finding may list a thousand records), are built
  // and printed in parallel, those with the most records first, and put in the place of the
  // empty list in the pack's order, exactly as printing them in the document would.
  constexpr std::string_view kEmptyTail = "[]\n}";
  if (!text.ends_with(kEmptyTail))
    throw std::logic_error("'findings' is not the report's last key");
  text.resize(text.size() - kEmptyTail.size());
  const std::vector<Finding>& findings = report.findings;
  std::vector<uint64_t> sizes;
  for (const Finding& f : findings) sizes.push_back(f.records.size());
  const std::vector<size_t> order = LargestFirst(sizes);
  std::vector<std::string> printed(findings.size());
  ParallelFor(order.size(), [&](size_t i, size_t) {
    const Finding& f = findings[order[i]];
    printed[order[i]] = Dump(FindingJson(f), /*depth=*/2);
    PutRecords(printed[order[i]], f.records, /*depth=*/2);
  });
  size_t size = text.size() + 8;
  for (const std::string& f : printed) size += f.size() + 6;
  text.reserve(size);
  text += "[\n";
  for (size_t i = 0; i < printed.size(); ++i) {
    text += "    ";
    text += printed[i];
    text += i + 1 < printed.size() ? ",\n" : "\n";
  }
  text += "  ]\n}\n";
  return text;
}

}  // namespace forcecheck
