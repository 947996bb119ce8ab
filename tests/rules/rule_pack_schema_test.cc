// schemas/rule-pack.schema.json against the bundled rule pack and against the loader: every
// bundled rules/*.yaml file conforms, and each mapping the schema describes allows exactly the
// keys the loader's Finish() calls allow (src/rules/rule_pack_keys.h), so the two cannot drift.

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "report/schema_validation.h"
#include "rules/rule_pack_keys.h"
#include "yaml/yaml_file.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kSchema = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/rule-pack.schema.json";

// The YAML tree as JSON, scalars typed as the loaders read them (dates as their text).
Json ToJson(const YAML::Node& n) {
  if (n.IsMap()) {
    Json out = Json::object();
    for (auto it = n.begin(); it != n.end(); ++it) out[it->first.Scalar()] = ToJson(it->second);
    return out;
  }
  if (n.IsSequence()) {
    Json out = Json::array();
    for (const YAML::Node& item : n) out.push_back(ToJson(item));
    return out;
  }
  const Scalar s = ReadScalar(n);
  switch (s.kind) {
    case Scalar::Kind::kNull: return nullptr;
    case Scalar::Kind::kBool: return s.boolean;
    case Scalar::Kind::kNumber:
      if (std::trunc(s.number) == s.number) return static_cast<int64_t>(s.number);
      return s.number;
    case Scalar::Kind::kDate:
    case Scalar::Kind::kText: return s.text;
  }
  return s.text;
}

std::string Violations(const std::string& yaml_path) {
  Diagnostics diags;
  std::optional<YamlDocument> doc = ParseYamlFile(yaml_path, diags);
  if (!doc) return "cannot parse " + yaml_path;
  return testing::SchemaViolations(ToJson(doc->root).dump(), kSchema,
                                   valijson::SchemaParser::kDraft7);
}

std::set<std::string> PropertiesAt(const std::string& pointer) {
  std::ifstream in(kSchema);
  const Json schema = Json::parse(in);
  std::set<std::string> keys;
  const Json& at = schema.at(Json::json_pointer(pointer));
  for (const auto& [key, value] : at.at("properties").items()) keys.insert(key);
  return keys;
}

TEST(RulePackSchemaTest, EveryBundledRuleFileConforms) {
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(std::string(FORCECHECK_SOURCE_DIR) + "/rules")) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    EXPECT_EQ(Violations(e.path().string()), "") << e.path();
  }
  EXPECT_GE(files, 2u);
}

TEST(RulePackSchemaTest, RejectsAnUnknownRuleKey) {
  testing::TempDir dir;
  const std::string path = dir.Write(
      "rules.yaml", "rules:\n"
                    "  - { id: R-1, title: t, area: q/a, severity: low, weight: 1,\n"
                    "      source: { document: d, section: s, year: 2016 }, rationale: r,\n"
                    "      check: 'true', gap: g, remediation: m, supersede: R-2 }\n");
  EXPECT_NE(Violations(path).find("could not be validated"), std::string::npos) << Violations(path);
}

TEST(RulePackSchemaTest, SchemaAndLoaderAllowTheSameKeys) {
  for (const PackKeysInSchema& entry : kPackKeysInSchema) {
    const std::set<std::string> loader(entry.keys->begin(), entry.keys->end());
    const std::set<std::string> schema = PropertiesAt(entry.pointer);
    EXPECT_EQ(schema, loader) << "at '" << entry.pointer << "' of " << kSchema;
  }
}

}  // namespace
}  // namespace forcecheck
