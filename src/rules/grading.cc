#include "rules/grading.h"

#include <array>

namespace forcecheck {
namespace {

// docs/formats.md ("Grading") quotes these sentences; GradingDocsTest checks that it does.
constexpr std::array<AggregationMethod, 3> kMethods = {{
    {Aggregation::kScore, "score",
     "the weighted mean credit of the group's rules (0 to 100), banded on the scale", false},
    {Aggregation::kMedian, "median",
     "the median of the grades of the groups below it (areas for a question, questions for the "
     "overall); with an even number, the lower of the two middle grades",
     true},
    {Aggregation::kWorst, "worst", "the lowest of the grades of the groups below it", true},
}};

constexpr std::array<CauseOfConcernScope, 2> kScopes = {{
    {CauseOfConcern::kNational, "national",
     "a national report's recommendation addressed to every force; failing it caps no grade",
     "national cause of concern (addressed to every force)", false},
    {CauseOfConcern::kForce, "force",
     "a cause of concern the inspectorate found in this force; failing it caps the grades of "
     "its area, its question and the overall at the scale's cause_of_concern_cap",
     "force cause of concern", true},
}};

}  // namespace

std::span<const AggregationMethod> AggregationMethods() { return kMethods; }

const AggregationMethod& MethodOf(Aggregation id) {
  for (const AggregationMethod& m : kMethods) {
    if (m.id == id) return m;
  }
  return kMethods[0];
}

std::optional<Aggregation> ParseAggregation(std::string_view name) {
  for (const AggregationMethod& m : kMethods) {
    if (m.name == name) return m.id;
  }
  return std::nullopt;
}

bool Allowed(Aggregation method, GradeLevel level) {
  return level != GradeLevel::kArea || !MethodOf(method).from_child_grades;
}

std::vector<std::string> AggregationNames(GradeLevel level) {
  std::vector<std::string> names;
  for (const AggregationMethod& m : kMethods) {
    if (Allowed(m.id, level)) names.emplace_back(m.name);
  }
  return names;
}

std::span<const CauseOfConcernScope> CauseOfConcernScopes() { return kScopes; }

const CauseOfConcernScope& ScopeOf(CauseOfConcern id) {
  return id == CauseOfConcern::kForce ? kScopes[1] : kScopes[0];
}

std::optional<CauseOfConcern> ParseCauseOfConcern(std::string_view name) {
  for (const CauseOfConcernScope& s : kScopes) {
    if (s.name == name) return s.id;
  }
  return std::nullopt;
}

std::vector<std::string> CauseOfConcernNames() {
  std::vector<std::string> names;
  for (const CauseOfConcernScope& s : kScopes) names.emplace_back(s.name);
  return names;
}

std::string_view CauseOfConcernName(CauseOfConcern id) {
  return id == CauseOfConcern::kNone ? std::string_view() : ScopeOf(id).name;
}

Aggregation Grading::At(GradeLevel level) const {
  switch (level) {
    case GradeLevel::kArea: return area;
    case GradeLevel::kQuestion: return question;
    case GradeLevel::kOverall: return overall;
  }
  return area;
}

}  // namespace forcecheck
