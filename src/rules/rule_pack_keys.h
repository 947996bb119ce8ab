#pragma once

// The keys each mapping of a rule pack file may hold: the one list that the loader's Finish()
// calls read and that the test holding schemas/rule-pack.schema.json to the loader
// (tests/rules/rule_pack_schema_test.cc) compares with the schema's `properties`, so that the
// schema and the loader cannot drift apart.

#include <string>
#include <vector>

namespace forcecheck {

inline const std::vector<std::string> kPackFileKeys = {"pack", "registers", "rules"};
inline const std::vector<std::string> kRuleFileKeys = {"registers", "rules"};  // not pack.yaml
inline const std::vector<std::string> kPackKeys = {
    "id",         "title",   "version", "description", "evidence_schema",
    "parameters", "grading", "scales",  "questions",   "areas"};
inline const std::vector<std::string> kGradingKeys = {
    "scale", "partial_credit", "not_assessed", "min_coverage", "min_rules", "aggregation"};
inline const std::vector<std::string> kAggregationKeys = {"area", "question", "overall", "source"};
inline const std::vector<std::string> kScaleKeys = {"id", "title", "source", "bands",
                                                    "cause_of_concern_cap"};
inline const std::vector<std::string> kBandKeys = {"grade", "min"};
inline const std::vector<std::string> kQuestionKeys = {"id", "title"};  // questions and areas
inline const std::vector<std::string> kParameterKeys = {
    "id", "type", "default", "unit", "description", "local_choice", "source"};
inline const std::vector<std::string> kRegisterKeys = {"id", "title", "key", "columns",
                                                       "may_be_empty"};
inline const std::vector<std::string> kColumnKeys = {"name", "type", "required", "description"};
inline const std::vector<std::string> kRuleKeys = {
    "id",     "title",      "area",  "severity", "weight",  "cause_of_concern",
    "source", "rationale",  "check", "partial",  "records", "supersedes",
    "gap",    "remediation"};
inline const std::vector<std::string> kCitationKeys = {"document", "section", "year", "url"};

// Where each list is described in schemas/rule-pack.schema.json: a JSON Pointer to the object
// whose `properties` must name exactly these keys.
struct PackKeysInSchema {
  const char* pointer;
  const std::vector<std::string>* keys;
};
inline const std::vector<PackKeysInSchema> kPackKeysInSchema = {
    {"", &kPackFileKeys},
    {"/definitions/pack", &kPackKeys},
    {"/definitions/pack/properties/grading", &kGradingKeys},
    {"/definitions/pack/properties/grading/properties/aggregation", &kAggregationKeys},
    {"/definitions/pack/properties/questions/items", &kQuestionKeys},
    {"/definitions/pack/properties/areas/items", &kQuestionKeys},
    {"/definitions/scale", &kScaleKeys},
    {"/definitions/scale/properties/bands/items", &kBandKeys},
    {"/definitions/parameter", &kParameterKeys},
    {"/definitions/register", &kRegisterKeys},
    {"/definitions/column", &kColumnKeys},
    {"/definitions/rule", &kRuleKeys},
    {"/definitions/rule/properties/source", &kCitationKeys},
};

}  // namespace forcecheck
