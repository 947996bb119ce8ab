#pragma once

// How a pack turns findings into grades: the settings under `pack.grading` and the two
// vocabularies they use, each kept in one table that the loader (to read and to word its
// errors), the scorer, the reports and the tests of docs/formats.md all read, so that none of
// them can list a word the others do not know.
//
//   aggregation methods   how an area, a question or the overall is graded
//                         (score, median, worst); see AggregationMethods()
//   cause-of-concern      whose cause of concern a rule is (national, force) and so whether
//   scopes                failing it caps grades; see CauseOfConcernScopes()

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"

namespace forcecheck {

// The three levels a pack grades, each from the one below: rules -> areas -> questions ->
// the overall (the pillar).
enum class GradeLevel { kArea, kQuestion, kOverall };
// As the keys of `pack.grading.aggregation` name them.
inline constexpr EnumName<GradeLevel> kGradeLevels[] = {{GradeLevel::kArea, "area"},
                                                        {GradeLevel::kQuestion, "question"},
                                                        {GradeLevel::kOverall, "overall"}};
inline const char* GradeLevelName(GradeLevel level) { return NameIn(kGradeLevels, level); }
inline std::optional<GradeLevel> ParseGradeLevel(std::string_view name) {
  return ParseIn(kGradeLevels, name);
}

enum class Aggregation { kScore, kMedian, kWorst };

struct AggregationMethod {
  Aggregation id;
  std::string_view name;     // as written in pack.yaml
  std::string_view meaning;  // one sentence, for docs and --help-like listings
  // Whether the method grades a group from the grades of the groups below it (an area has
  // none: only methods where this is false may grade areas).
  bool from_child_grades;
};

// Every method, in the order documented. The one table of aggregation methods.
std::span<const AggregationMethod> AggregationMethods();
const AggregationMethod& MethodOf(Aggregation id);
std::optional<Aggregation> ParseAggregation(std::string_view name);
// The names of the methods that may grade `level`: score, median, worst.
std::vector<std::string> AggregationNames(GradeLevel level);
bool Allowed(Aggregation method, GradeLevel level);

// Whose cause of concern a rule encodes. A national one is a recommendation of a national
// report addressed to every force (PEEL legitimacy 2016's on vetting and on abuse of position
// for a sexual purpose); a force one is a finding the inspectorate made about this force.
enum class CauseOfConcern { kNone, kNational, kForce };

struct CauseOfConcernScope {
  CauseOfConcern id;
  std::string_view name;     // as written in a rule file: `cause_of_concern: national`
  std::string_view meaning;  // one phrase, for docs and error messages
  std::string_view label;    // how reports name a rule's cause of concern
  bool caps;                 // whether failing it caps area, question and overall grades
};

// kNational and kForce, in that order. The one table of cause-of-concern scopes.
std::span<const CauseOfConcernScope> CauseOfConcernScopes();
// REQUIRES: id != kNone.
const CauseOfConcernScope& ScopeOf(CauseOfConcern id);
std::optional<CauseOfConcern> ParseCauseOfConcern(std::string_view name);
// national, force
std::vector<std::string> CauseOfConcernNames();
// A rule's scope name for machine-readable reports ("national", "force"); "" for kNone.
std::string_view CauseOfConcernName(CauseOfConcern id);

// What a rule not assessed (or in error) counts for: `pack.grading.not_assessed`.
enum class NotAssessedPolicy { kExclude, kFail };
inline constexpr EnumName<NotAssessedPolicy> kNotAssessedPolicies[] = {
    {NotAssessedPolicy::kExclude, "exclude"}, {NotAssessedPolicy::kFail, "fail"}};
inline const char* NotAssessedPolicyName(NotAssessedPolicy p) {
  return NameIn(kNotAssessedPolicies, p);
}
inline std::optional<NotAssessedPolicy> ParseNotAssessedPolicy(std::string_view name) {
  return ParseIn(kNotAssessedPolicies, name);
}

struct Grading {
  std::string scale;            // default scale id
  double partial_credit = 0.5;  // credit for a partly met rule, 0..1
  NotAssessedPolicy not_assessed = NotAssessedPolicy::kExclude;
  double min_coverage = 0.5;  // share of a group's weight that must be assessed
  // Fewest assessed rules a group graded by its score needs; 1 when the pack does not say
  // (min_coverage alone decides).
  int min_rules = 1;
  // How each level is graded. Without `aggregation:` in the pack: areas and questions by
  // score, the overall by the median of the question grades.
  Aggregation area = Aggregation::kScore;
  Aggregation question = Aggregation::kScore;
  Aggregation overall = Aggregation::kMedian;
  std::string aggregation_source;  // where the pack's model of aggregation comes from

  Aggregation At(GradeLevel level) const;
  bool operator==(const Grading&) const = default;
};

}  // namespace forcecheck
