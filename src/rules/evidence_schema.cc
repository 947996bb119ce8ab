#include "rules/evidence_schema.h"

#include <nlohmann/json.hpp>

#include "io/text_file.h"

namespace forcecheck {
namespace {

using Json = nlohmann::json;

expr::Type FactType(const Json& node) {
  auto from_ref = [](const std::string& ref) {
    if (ref == "#/definitions/numberFact") return expr::Type::kNumber;
    // Numbers with a range, which the schema check enforces on the evidence.
    if (ref == "#/definitions/countFact") return expr::Type::kNumber;
    if (ref == "#/definitions/percentFact") return expr::Type::kNumber;
    if (ref == "#/definitions/nonNegativeFact") return expr::Type::kNumber;
    if (ref == "#/definitions/booleanFact") return expr::Type::kBool;
    if (ref == "#/definitions/dateFact") return expr::Type::kDate;
    if (ref == "#/definitions/textFact") return expr::Type::kText;
    // A judgement is text to a rule: met, partly_met or not_met (the schema checks which).
    if (ref == "#/definitions/judgementFact") return expr::Type::kText;
    return expr::Type::kAny;
  };
  if (node.contains("$ref") && node["$ref"].is_string())
    return from_ref(node["$ref"].get<std::string>());
  if (node.contains("allOf") && node["allOf"].is_array()) {
    for (const Json& part : node["allOf"]) {
      if (part.contains("$ref") && part["$ref"].is_string())
        return from_ref(part["$ref"].get<std::string>());
    }
  }
  if (node.contains("type") && node["type"] == "array") return expr::Type::kList;
  return expr::Type::kAny;
}

void Walk(const Json& node, const std::string& prefix, std::map<std::string, expr::Type>& out) {
  if (!node.is_object() || !node.contains("properties") || !node["properties"].is_object()) return;
  for (const auto& [key, child] : node["properties"].items()) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    out[path] = FactType(child);
    Walk(child, path, out);
  }
}

void WalkClosed(const Json& node, const std::string& path,
                std::map<std::string, std::vector<std::string>>& out) {
  if (!node.is_object() || !node.contains("properties") || !node["properties"].is_object()) return;
  const bool closed =
      node.contains("additionalProperties") && node["additionalProperties"] == false;
  std::vector<std::string>* keys = closed ? &out[path] : nullptr;
  for (const auto& [key, child] : node["properties"].items()) {
    if (keys) keys->push_back(key);
    WalkClosed(child, path.empty() ? key : path + "." + key, out);
  }
}

// The schema's `evidence` property, read from `path`; nullopt (reported) when there is none.
std::optional<Json> EvidenceProperty(const std::string& path, Diagnostics& diags) {
  std::optional<std::string> text = ReadTextFile(path, diags);
  if (!text) return std::nullopt;
  Json schema = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded()) {
    diags.Error({path}, "the evidence schema is not valid JSON");
    return std::nullopt;
  }
  if (!schema.is_object() || !schema.contains("properties") || !schema["properties"].is_object() ||
      !schema["properties"].contains("evidence")) {
    diags.Error({path}, "the evidence schema has no 'evidence' property to describe the facts");
    return std::nullopt;
  }
  return std::move(schema["properties"]["evidence"]);
}

}  // namespace

std::optional<std::map<std::string, expr::Type>> LoadEvidenceSchemaPaths(const std::string& path,
                                                                         Diagnostics& diags) {
  std::optional<Json> evidence = EvidenceProperty(path, diags);
  if (!evidence) return std::nullopt;
  std::map<std::string, expr::Type> paths;
  Walk(*evidence, "", paths);
  return paths;
}

std::optional<std::map<std::string, std::vector<std::string>>> LoadClosedEvidenceSections(
    const std::string& path, Diagnostics& diags) {
  std::optional<Json> evidence = EvidenceProperty(path, diags);
  if (!evidence) return std::nullopt;
  std::map<std::string, std::vector<std::string>> sections;
  WalkClosed(*evidence, "", sections);
  return sections;
}

}  // namespace forcecheck
