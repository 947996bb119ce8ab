#include "rules/parameter_loader.h"

#include <map>

#include "base/spelling.h"
#include "base/strings.h"
#include "rules/parameters.h"
#include "rules/rule_pack_keys.h"

namespace forcecheck {
namespace {

using expr::Type;
using expr::Value;

const char* Wanted(Type type) {
  switch (type) {
    case Type::kNumber: return "a number";
    case Type::kDuration: return "a duration such as 6mo, 42d or 10y";
    case Type::kDate: return "a date written YYYY-MM-DD";
    case Type::kText: return "text";
    case Type::kBool: return "true or false";
    default: return "a value";
  }
}

// A YAML node as a value of `type`: numbers, dates and booleans as YAML reads them, a duration
// as plain text (6mo), text as any string. nullopt when the node is not of the type.
std::optional<Value> ReadValue(Type type, const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  const Scalar s = ReadScalar(node);
  switch (type) {
    case Type::kNumber:
      return s.kind == Scalar::Kind::kNumber ? std::optional(Value::Number(s.number))
                                             : std::nullopt;
    case Type::kDate:
      return s.kind == Scalar::Kind::kDate ? std::optional(Value::DateValue(s.date)) : std::nullopt;
    case Type::kBool:
      return s.kind == Scalar::Kind::kBool ? std::optional(Value::Bool(s.boolean)) : std::nullopt;
    case Type::kText:
      return s.kind == Scalar::Kind::kText ? std::optional(Value::Text(s.text)) : std::nullopt;
    case Type::kDuration:
      return s.kind == Scalar::Kind::kText ? ParseParameterValue(type, s.text) : std::nullopt;
    default: return std::nullopt;
  }
}

std::string Found(const YAML::Node& node) {
  std::string what = DescribeNode(node);
  if (node.IsScalar()) what += " ('" + node.Scalar() + "')";
  return what;
}

void ReadDeclaration(const YamlDocument& doc, const YAML::Node& item, Diagnostics& diags,
                     std::map<std::string, SourceLocation>& seen, std::vector<Parameter>& out) {
  MappingReader m(doc.path, item, diags, "a parameter");
  if (!m.ok()) return;
  Parameter p;
  p.where = LocationOf(doc.path, item);
  p.id = m.Text("id", true).value_or("");
  if (!p.id.empty() && !IsIdentifier(p.id)) {
    diags.Error(LocationOf(doc.path, m.Get("id")),
                "parameter id '" + p.id + "' must be a name: letters, digits and underscores");
  } else if (!p.id.empty()) {
    auto [it, inserted] = seen.emplace(p.id, p.where);
    if (!inserted) {
      diags.Error(p.where, "duplicate parameter id '" + p.id + "' (first defined at " +
                               it->second.ToString() + ")");
    }
  }
  std::optional<Type> type;
  if (auto t = m.Text("type", true)) {
    type = ParseParameterType(*t);
    if (!type) {
      diags.Error(LocationOf(doc.path, m.Get("type")),
                  UnknownValue("parameter type", *t, NamesIn(kParameterTypes)));
    }
  }
  YAML::Node def = m.Require("default");
  if (type && def.IsDefined()) {
    p.type = *type;
    if (std::optional<Value> v = ReadValue(*type, def)) {
      p.default_value = std::move(*v);
    } else {
      diags.Error(LocationOf(doc.path, def), "the default of parameter '" + p.id + "' must be " +
                                                 Wanted(*type) + ", not " + Found(def));
    }
  }
  p.description = m.Text("description", true).value_or("");
  p.unit = m.Text("unit", false).value_or("");
  p.local_choice = m.Bool("local_choice", false).value_or(false);
  p.source = m.Text("source", false).value_or("");
  if (!p.local_choice && p.source.empty() && !p.id.empty()) {
    diags.Error(p.where, "parameter '" + p.id +
                             "' must be marked 'local_choice: true' or cite its 'source'");
  }
  m.Finish(kParameterKeys);
  out.push_back(std::move(p));
}

}  // namespace

void ReadParameterDeclarations(const YamlDocument& doc, const YAML::Node& list, Diagnostics& diags,
                               std::vector<Parameter>& out) {
  if (!list.IsSequence()) {
    diags.Error(LocationOf(doc.path, list),
                "'parameters' must be a list, not " + std::string(DescribeNode(list)));
    return;
  }
  std::map<std::string, SourceLocation> seen;
  for (const YAML::Node& item : list) ReadDeclaration(doc, item, diags, seen, out);
}

std::optional<std::vector<ParameterOverride>> LoadParameterFile(const std::string& path,
                                                                const RulePack& pack,
                                                                Diagnostics& diags) {
  const size_t errors_before = diags.error_count();
  std::optional<YamlDocument> doc = ParseYamlFile(path, diags);
  if (!doc) return std::nullopt;
  std::vector<ParameterOverride> out;
  MappingReader m(path, doc->root, diags, "a parameters file");
  if (!m.ok()) return std::nullopt;
  for (size_t i = 0; i < m.entries().size(); ++i) {
    const auto& [id, node] = m.entries()[i];
    const SourceLocation key_at = LocationOf(path, m.key_nodes()[i]);
    const Parameter* p = pack.FindParameter(id);
    if (!p) {
      diags.Error(key_at, "unknown parameter '" + id + "'" + UnknownParameterHint(pack, id));
      continue;
    }
    std::optional<Value> v = ReadValue(p->type, node);
    if (!v) {
      diags.Error(LocationOf(path, node),
                  "parameter '" + id + "' takes " + Wanted(p->type) + ", not " + Found(node));
      continue;
    }
    out.push_back({id, std::move(*v), key_at.ToString()});
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return out;
}

}  // namespace forcecheck
