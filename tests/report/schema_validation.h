#pragma once

// Validating a JSON document against a JSON Schema with valijson (header-only; unpacked into
// .deps/ by scripts/install-deps.sh). valijson 1.0 knows drafts 3, 4 and 7.

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace forcecheck::testing {

// Every way `document` (JSON text) breaks the schema in the file `schema_path`, one a line
// as "<json pointer-ish context>: <what>"; empty when it is valid. A document or schema that
// does not parse is reported as such.
inline std::string SchemaViolations(const std::string& document, const std::string& schema_path,
                                    valijson::SchemaParser::Version draft) {
  std::ifstream in(schema_path);
  if (!in) return "cannot read schema " + schema_path;
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json schema_doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (schema_doc.is_discarded()) return "schema is not JSON: " + schema_path;
  const nlohmann::json doc = nlohmann::json::parse(document, nullptr, false);
  if (doc.is_discarded()) return "document is not JSON";

  valijson::Schema schema;
  valijson::SchemaParser parser(draft);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter doc_adapter(doc);
  if (validator.validate(schema, doc_adapter, &results)) return "";
  std::string out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& c : error.context) where += c;
    out += where + ": " + error.description + "\n";
  }
  return out.empty() ? "invalid (valijson gave no detail)\n" : out;
}

}  // namespace forcecheck::testing
