#include "rules/grading_loader.h"

#include <cmath>

#include "base/spelling.h"
#include "rules/rule_pack_keys.h"

namespace forcecheck {
namespace {

// The most rules a group could need: more than any pack holds, so a larger number is a typo.
constexpr double kMaxMinRules = 1000;

void ReadMethod(const YamlDocument& doc, MappingReader& m, GradeLevel level, Diagnostics& diags,
                Aggregation& out) {
  const std::string key = GradeLevelName(level);
  std::optional<std::string> name = m.Text(key, false);
  if (!name) return;
  const SourceLocation at = LocationOf(doc.path, m.Get(key));
  std::optional<Aggregation> method = ParseAggregation(*name);
  if (!method) {
    diags.Error(at, UnknownValue("aggregation method", *name, AggregationNames(level)));
  } else if (!Allowed(*method, level)) {
    diags.Error(at, "aggregation method '" + *name + "' grades from the grades below, and an " +
                        key + " has none; expected one of " + QuotedList(AggregationNames(level)));
  } else {
    out = *method;
  }
}

void ReadAggregation(const YamlDocument& doc, const YAML::Node& node, Diagnostics& diags,
                     Grading& g) {
  if (!node.IsDefined()) return;
  MappingReader m(doc.path, node, diags, "'aggregation'");
  if (!m.ok()) return;
  ReadMethod(doc, m, GradeLevel::kArea, diags, g.area);
  ReadMethod(doc, m, GradeLevel::kQuestion, diags, g.question);
  ReadMethod(doc, m, GradeLevel::kOverall, diags, g.overall);
  g.aggregation_source = m.Text("source", false).value_or("");
  m.Finish(kAggregationKeys);
}

void ReadMinRules(const YamlDocument& doc, MappingReader& m, Diagnostics& diags, Grading& g) {
  const YAML::Node node = m.Get("min_rules");
  if (!node.IsDefined()) return;
  const Scalar s = node.IsScalar() ? ReadScalar(node) : Scalar{};
  if (!node.IsScalar() || s.kind != Scalar::Kind::kNumber || s.number != std::floor(s.number) ||
      s.number < 1 || s.number > kMaxMinRules) {
    diags.Error(LocationOf(doc.path, node),
                "'min_rules' must be a whole number from 1 to " +
                    std::to_string(static_cast<int>(kMaxMinRules)) + ", not " +
                    (node.IsScalar() ? "'" + s.text + "'" : DescribeNode(node)));
    return;
  }
  g.min_rules = static_cast<int>(s.number);
}

}  // namespace

void ReadGrading(const YamlDocument& doc, const YAML::Node& node, Diagnostics& diags, Grading& g,
                 SourceLocation& scale_where) {
  if (!node.IsDefined()) return;
  MappingReader m(doc.path, node, diags, "'grading'");
  if (!m.ok()) return;
  if (auto s = m.Text("scale", false)) {
    g.scale = *s;
    scale_where = LocationOf(doc.path, m.Get("scale"));
  }
  if (auto p = m.Number("partial_credit", false)) {
    g.partial_credit = *p;
    if (*p < 0 || *p > 1) {
      diags.Error(LocationOf(doc.path, m.Get("partial_credit")),
                  "'partial_credit' must be between 0 and 1");
    }
  }
  if (auto na = m.Text("not_assessed", false)) {
    if (auto policy = ParseNotAssessedPolicy(*na)) {
      g.not_assessed = *policy;
    } else {
      diags.Error(LocationOf(doc.path, m.Get("not_assessed")),
                  UnknownValue("not-assessed policy", *na, NamesIn(kNotAssessedPolicies)));
    }
  }
  if (auto c = m.Number("min_coverage", false)) {
    g.min_coverage = *c;
    if (*c < 0 || *c > 1) {
      diags.Error(LocationOf(doc.path, m.Get("min_coverage")),
                  "'min_coverage' must be between 0 and 1");
    }
  }
  ReadMinRules(doc, m, diags, g);
  ReadAggregation(doc, m.Get("aggregation"), diags, g);
  m.Finish(kGradingKeys);
}

}  // namespace forcecheck
