#include "evidence/evidence_schema_check.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "base/limits.h"
#include "base/spelling.h"
#include "base/strings.h"
#include "io/text_file.h"

namespace forcecheck {
namespace {

using Json = nlohmann::json;

// As the evidence loader, which counts the same way (the top-level mapping is level 0, so
// `evidence:` is level 1 in both): a hostile file can make a small text stand for a huge tree.
// Past these limits the document is not validated; that is reported, as a loose violation (the
// loader words it, at the same node, when it is the one that stopped).
constexpr size_t kMaxNodes = 1'000'000;
constexpr int kMaxDepth = limits::kYamlDepth;

constexpr const char* kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// The YAML tree as JSON, typed by ReadScalar. Keys that are not scalars are left out, and of
// a duplicated key the first is kept (the loader reports both).
class Converter {
 public:
  bool too_big() const { return too_big_; }
  // Where the conversion stopped and why (when too_big()).
  const YAML::Node& stopped_at() const { return stopped_at_; }
  const std::string& why() const { return why_; }

  Json Convert(const YAML::Node& n, int depth) {
    if (too_big_) return nullptr;
    if (++nodes_ > kMaxNodes || depth > kMaxDepth) {
      too_big_ = true;
      stopped_at_.reset(n);
      why_ = depth > kMaxDepth
                 ? "the evidence is nested too deeply (the limit is " + std::to_string(kMaxDepth) +
                       " levels)"
                 : "the evidence is too large (more than " + std::to_string(kMaxNodes) +
                       " values, counting each use of an alias)";
      return nullptr;
    }
    switch (n.Type()) {
      case YAML::NodeType::Map: {
        Json out = Json::object();
        for (auto it = n.begin(); it != n.end(); ++it) {
          if (!it->first.IsScalar()) continue;
          const std::string key = it->first.Scalar();
          if (out.contains(key)) continue;
          out[key] = Convert(it->second, depth + 1);
        }
        return out;
      }
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (const YAML::Node& item : n) out.push_back(Convert(item, depth + 1));
        return out;
      }
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: return nullptr;
      case YAML::NodeType::Scalar: break;
    }
    const Scalar s = ReadScalar(n);
    switch (s.kind) {
      case Scalar::Kind::kNull: return nullptr;
      case Scalar::Kind::kBool: return s.boolean;
      case Scalar::Kind::kNumber:
        // Whole numbers as integers, so that a schema's "integer" type accepts them.
        if (std::trunc(s.number) == s.number && std::fabs(s.number) < 9.0e15) {
          return static_cast<int64_t>(s.number);
        }
        return s.number;
      case Scalar::Kind::kDate:  // as written: YYYY-MM-DD
      case Scalar::Kind::kText: return s.text;
    }
    return s.text;
  }

 private:
  size_t nodes_ = 0;
  bool too_big_ = false;
  YAML::Node stopped_at_;
  std::string why_;
};

// One step of a path into the document: a mapping key or a list index.
struct Step {
  std::string key;
  bool index = false;
  size_t position = 0;
};

// A validator error's context resolved to the document: the JSON value, the YAML node and
// (for a mapping entry) the YAML key node.
struct Target {
  std::vector<Step> steps;
  const Json* json = nullptr;
  YAML::Node node;
  YAML::Node key_node;
};

std::optional<Target> Resolve(const std::vector<std::string>& context, const Json& json,
                              const YAML::Node& root) {
  // YAML::Node's operator= writes through to the node it refers to; reset() rebinds.
  Target t;
  t.json = &json;
  t.node.reset(root);
  for (size_t i = 1; i < context.size(); ++i) {  // context[0] is "<root>"
    const std::string& c = context[i];
    if (c.size() < 2 || c.front() != '[' || c.back() != ']') return std::nullopt;
    const std::string seg = c.substr(1, c.size() - 2);
    Step step;
    step.key = seg;
    if (t.json->is_array()) {
      size_t pos = 0;
      try {
        pos = std::stoul(seg);
      } catch (const std::exception&) {
        return std::nullopt;
      }
      if (pos >= t.json->size() || !t.node.IsSequence() || pos >= t.node.size())
        return std::nullopt;
      step.index = true;
      step.position = pos;
      t.json = &(*t.json)[pos];
      t.node.reset(t.node[pos]);
      t.key_node.reset();
    } else if (t.json->is_object()) {
      auto found = t.json->find(seg);
      if (found == t.json->end() || !t.node.IsMap()) return std::nullopt;
      t.json = &*found;
      bool matched = false;
      for (auto it = t.node.begin(); it != t.node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == seg) {
          t.key_node.reset(it->first);
          t.node.reset(it->second);
          matched = true;
          break;
        }
      }
      if (!matched) return std::nullopt;
    } else {
      return std::nullopt;
    }
    t.steps.push_back(std::move(step));
  }
  return t;
}

std::string PathName(const std::vector<Step>& steps) {
  std::string out;
  for (const Step& s : steps) {
    if (s.index) {
      out += "[" + std::to_string(s.position) + "]";
    } else {
      out += (out.empty() ? "" : ".") + s.key;
    }
  }
  return out.empty() ? "the evidence file" : out;
}

// The schema objects that describe the value at `steps`, following $ref, allOf, anyOf, oneOf,
// properties, additionalProperties and items. Used only to word messages.
void SchemaAt(const Json& root, const Json& s, const std::vector<Step>& steps, size_t i,
              std::vector<const Json*>& out, int depth) {
  if (depth > 64 || !s.is_object()) return;
  if (auto ref = s.find("$ref"); ref != s.end() && ref->is_string()) {
    const std::string r = ref->get<std::string>();
    if (r.rfind('#', 0) == 0) {
      try {
        SchemaAt(root, root.at(Json::json_pointer(r.substr(1))), steps, i, out, depth + 1);
      } catch (const std::exception&) {
      }
    }
  }
  for (const char* kw : {"allOf", "anyOf", "oneOf"}) {
    if (auto parts = s.find(kw); parts != s.end() && parts->is_array()) {
      for (const Json& part : *parts) SchemaAt(root, part, steps, i, out, depth + 1);
    }
  }
  if (i == steps.size()) {
    out.push_back(&s);
    return;
  }
  const Step& step = steps[i];
  if (step.index) {
    if (auto items = s.find("items"); items != s.end())
      SchemaAt(root, *items, steps, i + 1, out, depth + 1);
    return;
  }
  auto props = s.find("properties");
  if (props != s.end() && props->is_object() && props->contains(step.key)) {
    SchemaAt(root, (*props)[step.key], steps, i + 1, out, depth + 1);
  } else if (auto extra = s.find("additionalProperties"); extra != s.end()) {
    SchemaAt(root, *extra, steps, i + 1, out, depth + 1);
  }
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// "a boolean or null", from the "type" keywords of the schema objects.
std::string ExpectedTypes(const std::vector<const Json*>& schemas) {
  std::set<std::string> types;
  bool date = false;
  bool fact = false;  // a mapping that must hold 'value': a fact with provenance
  for (const Json* s : schemas) {
    auto type = s->find("type");
    if (type == s->end()) continue;
    std::vector<std::string> list;
    if (type->is_string()) list.push_back(type->get<std::string>());
    if (type->is_array()) {
      for (const Json& t : *type) {
        if (t.is_string()) list.push_back(t.get<std::string>());
      }
    }
    for (const std::string& t : list) {
      types.insert(t);
      if (t == "string" && s->value("pattern", "") == kDatePattern) date = true;
      if (t == "object" && s->contains("required") && (*s)["required"] == Json::array({"value"}))
        fact = true;
    }
  }
  std::vector<std::string> words;
  if (types.count("boolean")) words.push_back("a boolean");
  if (types.count("number"))
    words.push_back("a number");
  else if (types.count("integer"))
    words.push_back("a whole number");
  if (types.count("string")) words.push_back(date ? "a date (YYYY-MM-DD)" : "text");
  if (types.count("array")) words.push_back("a list");
  if (types.count("object")) words.push_back(fact ? "a mapping with a 'value'" : "a mapping");
  if (types.count("null")) words.push_back("null");
  return words.empty() ? "another kind of value" : JoinWords(words, "or");
}

// Whether some schema object's "type" admits the value (or no type is given).
bool Allows(const std::vector<const Json*>& schemas, const Json& value) {
  auto admits = [&](const std::string& t) {
    if (t == "object") return value.is_object();
    if (t == "array") return value.is_array();
    if (t == "string") return value.is_string();
    if (t == "boolean") return value.is_boolean();
    if (t == "null") return value.is_null();
    if (t == "number") return value.is_number();
    if (t == "integer") return value.is_number_integer();
    return false;
  };
  bool typed = false;
  for (const Json* s : schemas) {
    auto type = s->find("type");
    if (type == s->end()) continue;
    typed = true;
    if (type->is_string() && admits(type->get<std::string>())) return true;
    if (type->is_array()) {
      for (const Json& t : *type) {
        if (t.is_string() && admits(t.get<std::string>())) return true;
      }
    }
  }
  return !typed;
}

// The numbers the schema objects accept, in words: "a whole number, 0 or more", "a number from
// 0 to 100"; empty when none of them bounds or restricts a number.
std::string NumberRange(const std::vector<const Json*>& schemas) {
  for (const Json* s : schemas) {
    const Json type = s->value("type", Json());
    const bool whole = type == "integer";
    if (!whole && type != "number") continue;
    const auto min = s->find("minimum"), max = s->find("maximum");
    if (!whole && min == s->end() && max == s->end()) continue;
    auto shown = [](const Json& n) {
      const double v = n.get<double>();
      return std::trunc(v) == v ? std::to_string(static_cast<int64_t>(v)) : n.dump();
    };
    std::string out = whole ? "a whole number" : "a number";
    if (min != s->end() && max != s->end() && min->is_number() && max->is_number()) {
      out += " from " + shown(*min) + " to " + shown(*max);
    } else if (min != s->end() && min->is_number()) {
      out += ", " + shown(*min) + " or more";
    } else if (max != s->end() && max->is_number()) {
      out += ", " + shown(*max) + " or less";
    }
    return out;
  }
  return "";
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// What kind of failure a valijson message reports, most specific first.
enum class Kind { kUnknownKey, kRequired, kPattern, kLength, kEnum, kRange, kType, kOther };

Kind Classify(const std::string& d) {
  if (StartsWith(d, "Object contains a property that could not be validated"))
    return Kind::kUnknownKey;
  if (StartsWith(d, "Missing required property")) return Kind::kRequired;
  if (StartsWith(d, "Failed to match regex")) return Kind::kPattern;
  if (StartsWith(d, "String should be no")) return Kind::kLength;
  if (StartsWith(d, "Failed to match against any enum values")) return Kind::kEnum;
  if (StartsWith(d, "Expected number ")) return Kind::kRange;  // minimum or maximum
  if (StartsWith(d, "Value type not permitted")) return Kind::kType;
  return Kind::kOther;
}

// The quoted name inside a valijson message: "... 'name'." -> name.
std::string QuotedName(const std::string& d) {
  const size_t end = d.rfind('\'');
  if (end == std::string::npos || end == 0) return {};
  const size_t begin = d.rfind('\'', end - 1);
  if (begin == std::string::npos) return {};
  return d.substr(begin + 1, end - begin - 1);
}

// The schema as valijson is to see it.
// - valijson 1.0 parses a `propertyNames` subschema under its parent's path, so when the
//   parent is reached through a $ref the cached parent is reused as the names' schema and
//   every name fails (schema_parser.hpp, makePropertyNamesConstraint). The keyword is left
//   out; the evidence loader checks names itself (letters, digits and underscores).
// - Annotations (descriptions, titles, comments, examples), which validation ignores, are
//   left out too: valijson copies the subschemas it parses, and they are half the schema.
void TrimForValijson(Json& s) {
  if (s.is_array()) {
    for (Json& part : s) TrimForValijson(part);
    return;
  }
  if (!s.is_object()) return;
  for (const char* keyword : {"propertyNames", "description", "title", "$comment", "examples"})
    s.erase(keyword);
  for (auto& [key, value] : s.items()) {
    if (key == "enum" || key == "const" || key == "default") continue;
    if ((key == "properties" || key == "definitions" || key == "patternProperties") &&
        value.is_object()) {
      for (auto& [name, sub] : value.items()) TrimForValijson(sub);
      continue;
    }
    TrimForValijson(value);
  }
}

class SchemaCheck {
 public:
  SchemaCheck(const YamlDocument& doc, const Json& schema, SchemaFindings& found)
      : doc_(doc), schema_(schema), found_(found) {}

  void Report(const Json& json, const valijson::ValidationResults& results) {
    // valijson reports each failure at the value that fails, then again at every enclosing
    // value ("failed to validate against ..."), and a value failing a oneOf/anyOf once per
    // branch. Where an error lies deeper, the type errors and summaries above it are the
    // branches that did not apply and the chain leading down: only the deeper error is kept.
    std::set<std::vector<std::string>> ancestors;
    for (const auto& e : results) {
      for (size_t n = 1; n < e.context.size(); ++n) {
        ancestors.emplace(e.context.begin(), e.context.begin() + static_cast<std::ptrdiff_t>(n));
      }
    }
    std::map<std::vector<std::string>, std::vector<std::string>> by_context;
    for (const auto& e : results) {
      const Kind kind = Classify(e.description);
      // An enum failing above a deeper error is a branch that did not apply, as a type is.
      const bool summary = kind == Kind::kType || kind == Kind::kEnum || kind == Kind::kOther;
      if (ancestors.count(e.context) && summary) continue;
      by_context[e.context].push_back(e.description);
    }
    for (const auto& [context, descriptions] : by_context) {
      std::optional<Target> t = Resolve(context, json, doc_.root);
      if (!t) continue;
      Kind best = Kind::kOther;
      for (const std::string& d : descriptions) best = std::min(best, Classify(d));
      std::vector<std::string> chosen;
      for (const std::string& d : descriptions) {
        if (Classify(d) == best) chosen.push_back(d);
      }
      Describe(*t, best, chosen);
    }
  }

 private:
  // Returns the violation added, or nullptr when the same message was already reported there.
  SchemaViolation* Emit(const YAML::Node& at, const std::string& message, bool loose = false) {
    SourceLocation where = LocationOf(doc_.path, at);
    if (!reported_.insert({where.line, where.column, message}).second) return nullptr;
    found_.violations.push_back({std::move(where), message, loose, true, ""});
    return &found_.violations.back();
  }

  // A message that names what is allowed needs no pointer to the schema.
  void EmitComplete(const YAML::Node& at, const std::string& message, std::string note = "") {
    if (SchemaViolation* v = Emit(at, message)) {
      v->cite_schema = false;
      v->note = std::move(note);
    }
  }

  // Every key `t` holds that none of `schemas` allows, each at its key node with a suggestion.
  void DescribeUnknownKeys(const Target& t, const std::vector<const Json*>& schemas,
                           const std::vector<std::string>& descriptions) {
    // valijson names the first unknown key only; report every one.
    std::set<std::string> allowed;
    bool closed = false;
    for (const Json* s : schemas) {
      if (auto extra = s->find("additionalProperties"); extra != s->end() && *extra == false)
        closed = true;
      if (auto props = s->find("properties"); props != s->end() && props->is_object()) {
        for (const auto& [key, value] : props->items()) allowed.insert(key);
      }
    }
    // One pass over the mapping, each unknown key with its node: looking each key up again
    // (yaml-cpp iterates a mapping by copying nodes) made 10,000 unknown keys take minutes.
    std::vector<std::pair<std::string, YAML::Node>> unknown;  // in document order
    std::set<std::string> seen;
    if (closed && t.node.IsMap()) {
      for (auto it = t.node.begin(); it != t.node.end(); ++it) {
        if (!it->first.IsScalar()) continue;
        std::string key = it->first.Scalar();
        if (!allowed.count(key) && seen.insert(key).second)
          unknown.emplace_back(std::move(key), it->first);
      }
    }
    if (unknown.empty()) {
      const std::string key = QuotedName(descriptions.front());
      YAML::Node at = t.node;
      for (auto it = t.node.begin(); t.node.IsMap() && it != t.node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
          at.reset(it->first);
          break;
        }
      }
      unknown.emplace_back(key, at);
    }
    const std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [key, at] : unknown) {
      const bool close = ClosestName(key, names).has_value();
      EmitComplete(at,
                   "unknown key '" + key + "' in " + PathName(t.steps) + SuggestName(key, names),
                   close ? "" : NotesHint(t, allowed));
    }
  }

  // Said once, at the first unknown key among the facts that misspells no known one (a fact
  // the schema does not describe, rather than a typo): the top-level `notes` mapping takes
  // anything.
  std::string NotesHint(const Target& t, const std::set<std::string>& allowed) {
    const bool in_facts =
        t.steps.empty() || (t.steps.front().key == "evidence" && !t.steps.front().index);
    if (notes_hinted_ || !in_facts || allowed.count("value") ||
        !schema_.contains(Json::json_pointer("/properties/notes"))) {
      return "";
    }
    notes_hinted_ = true;
    return "facts no rule reads belong under the top-level 'notes:' mapping, which forcecheck "
           "never reads";
  }

  // A value outside an enum: "expected one of 'met', 'partly_met' or 'not_met', not 'Met';
  // did you mean 'met'?".
  void DescribeEnum(const Target& t, const std::vector<const Json*>& schemas) {
    std::vector<std::string> values;
    for (const Json* s : schemas) {
      auto e = s->find("enum");
      if (e == s->end() || !e->is_array()) continue;
      for (const Json& v : *e) {
        std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        if (std::find(values.begin(), values.end(), text) == values.end()) values.push_back(text);
      }
    }
    std::string message =
        PathName(t.steps) + ": expected one of " + QuotedList(values, "or") + ", not ";
    if (t.json->is_string()) {
      const std::string text = t.json->get<std::string>();
      message += "'" + text + "'";
      if (std::optional<std::string> close = ClosestName(text, values))
        message += "; did you mean '" + *close + "'?";
    } else {
      message += DescribeNode(t.node);
    }
    EmitComplete(t.node, message);
  }

  void Describe(const Target& t, Kind kind, const std::vector<std::string>& descriptions) {
    const std::string name = PathName(t.steps);
    std::vector<const Json*> schemas;
    SchemaAt(schema_, schema_, t.steps, 0, schemas, 0);
    switch (kind) {
      case Kind::kUnknownKey: DescribeUnknownKeys(t, schemas, descriptions); return;
      case Kind::kEnum: DescribeEnum(t, schemas); return;
      case Kind::kRequired: {
        std::vector<std::string> keys;
        for (const std::string& d : descriptions) keys.push_back(Quote(QuotedName(d)));
        Emit(t.node, name + ": missing required key" + (keys.size() == 1 ? " " : "s ") +
                         JoinWords(keys, "and"));
        return;
      }
      case Kind::kPattern: {
        std::string pattern;
        for (const Json* s : schemas) {
          if (auto p = s->find("pattern"); p != s->end() && p->is_string()) {
            pattern = p->get<std::string>();
            break;
          }
        }
        const std::string text = t.json->is_string() ? t.json->get<std::string>() : std::string();
        if (pattern == kDatePattern) {
          Emit(t.node, name + ": expected a date written YYYY-MM-DD, not '" + text + "'");
        } else {
          Emit(t.node, name + ": '" + text + "' does not match the pattern '" + pattern + "'");
        }
        return;
      }
      case Kind::kLength:
        if (t.json->is_string() && t.json->get<std::string>().empty()) {
          Emit(t.node, name + ": must not be empty");
          return;
        }
        break;
      case Kind::kRange:
        if (const std::string range = NumberRange(schemas); !range.empty() && t.node.IsScalar()) {
          EmitComplete(t.node,
                       name + ": " + t.node.Scalar() + " is out of range: expected " + range);
          return;
        }
        break;
      case Kind::kType:
        if (Allows(schemas, *t.json)) return;  // a branch that did not apply
        if (t.json->is_number() && t.node.IsScalar() &&
            !NumberRange(schemas).empty()) {  // 2.5 people
          EmitComplete(t.node,
                       name + ": expected " + NumberRange(schemas) + ", not " + t.node.Scalar());
          return;
        }
        Emit(t.node,
             name + ": expected " + ExpectedTypes(schemas) + ", not " + DescribeNode(t.node));
        return;
      case Kind::kOther: break;
    }
    // What is left is mostly a combination failing without a more specific error below it
    // (a key that is not a valid name, say), which the loader reports in its own words: loose.
    std::string d = descriptions.front();
    if (!d.empty()) d[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(d[0])));
    while (!d.empty() && d.back() == '.') d.pop_back();
    Emit(t.node, name + ": " + d, kind == Kind::kOther);
  }

  const YamlDocument& doc_;
  const Json& schema_;
  SchemaFindings& found_;
  std::set<std::tuple<uint32_t, uint32_t, std::string>> reported_;
  bool notes_hinted_ = false;
};

// A schema parsed for valijson, kept for the life of the process under its path and text: a run
// of rule tests validates hundreds of evidence files against the same schema, and parsing it
// is most of the cost of each validation. Keyed by the text too, so a schema file that changes
// during the process is parsed again. Thread-safe; validation only reads the schema.
std::shared_ptr<const valijson::Schema> ParsedSchema(const std::string& schema_path,
                                                     const std::string& text, Diagnostics& diags) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<std::string, std::shared_ptr<const valijson::Schema>>>
      cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(schema_path);
    if (it != cache.end() && it->second.first == text) return it->second.second;
  }
  Json for_valijson = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (for_valijson.is_discarded()) {
    diags.Error({schema_path}, "the evidence schema is not valid JSON");
    return nullptr;
  }
  TrimForValijson(for_valijson);
  auto schema = std::make_shared<valijson::Schema>();
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(for_valijson);
    parser.populateSchema(adapter, *schema);
  } catch (const std::exception& e) {
    diags.Error({schema_path}, std::string("the evidence schema cannot be used: ") + e.what());
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(mutex);
  cache[schema_path] = {text, schema};
  return schema;
}

}  // namespace

SchemaFindings ValidateAgainstSchema(const YamlDocument& doc, const std::string& schema_path,
                                     Diagnostics& diags) {
  SchemaFindings found;
  std::optional<std::string> text = ReadTextFile(schema_path, diags);
  if (!text) return found;
  const std::shared_ptr<const valijson::Schema> schema = ParsedSchema(schema_path, *text, diags);
  if (!schema) return found;

  Converter converter;
  const Json json = converter.Convert(doc.root, 0);
  if (converter.too_big()) {  // never silently unchecked; the loader usually says it first
    found.conforms = false;
    found.violations.push_back(
        {LocationOf(doc.path, converter.stopped_at()), converter.why(), true, false, ""});
    return found;
  }

  valijson::Validator validator;
  valijson::ValidationResults results;
  if (validator.validate(*schema, valijson::adapters::NlohmannJsonAdapter(json), &results))
    return found;
  found.conforms = false;
  // The schema as written (parsed again: rarely needed) finds where each failure belongs.
  SchemaCheck(doc, Json::parse(*text), found).Report(json, results);
  return found;
}

void ReportSchemaFindings(const YamlDocument& doc, const std::string& schema_path,
                          const SchemaFindings& found, Diagnostics& diags) {
  std::set<std::pair<uint32_t, uint32_t>> loader_errors;
  for (const Diagnostic& d : diags.all()) {
    if (d.level == Level::kError && d.where.file == doc.path)
      loader_errors.insert({d.where.line, d.where.column});
  }
  const size_t errors_before = diags.error_count();
  size_t shown = 0, unshown = 0;
  for (const SchemaViolation& v : found.violations) {
    if (loader_errors.count({v.where.line, v.where.column})) continue;  // the loader said it
    if (v.loose && !loader_errors.empty()) continue;
    if (shown == kMaxSchemaErrors) {
      ++unshown;
      continue;
    }
    ++shown;
    diags.Error(v.where, v.cite_schema ? v.message + " (schema: " + schema_path + ")" : v.message);
    if (!v.note.empty()) diags.Note(v.where, v.note);
  }
  if (unshown > 0) {
    diags.Error({doc.path}, std::to_string(unshown) + " more violation" +
                                (unshown == 1 ? "" : "s") + " of the schema not shown (the first " +
                                std::to_string(kMaxSchemaErrors) + " are above)");
  }
  if (!found.conforms && diags.error_count() == errors_before && !diags.HasErrors()) {
    // Every error pointed somewhere the document does not reach; still, it does not conform.
    diags.Error(LocationOf(doc.path, doc.root),
                "the evidence does not conform to the schema " + schema_path);
  }
}

bool CheckEvidenceSchema(const YamlDocument& doc, const std::string& schema_path,
                         Diagnostics& diags) {
  const size_t errors_before = diags.error_count();
  const SchemaFindings found = ValidateAgainstSchema(doc, schema_path, diags);
  ReportSchemaFindings(doc, schema_path, found, diags);
  return diags.error_count() == errors_before;
}

}  // namespace forcecheck
