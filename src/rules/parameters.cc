#include "rules/parameters.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "base/limits.h"
#include "base/spelling.h"

namespace forcecheck {

using expr::Type;
using expr::Value;

namespace {

std::optional<double> ParseFiniteNumber(std::string_view text) {
  const std::string s(text);
  if (s.empty() || s.find_first_not_of("+-.0123456789eE") != std::string::npos) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double n = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || !(std::fabs(n) <= limits::kNumberMagnitude))
    return std::nullopt;
  return n;
}

// A whole number of days, weeks, months or years, written as in expressions: 42d, 6w, 6mo, 10y.
std::optional<Value> ParseDuration(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  const char u = unit == "d" ? 'd' : unit == "w" ? 'w' : unit == "mo" ? 'm' : unit == "y" ? 'y' : 0;
  if (!u) return std::nullopt;
  const int amount = std::atoi(std::string(text.substr(0, digits)).c_str());
  if (amount > limits::MostDurationUnits(u)) return std::nullopt;
  return Value::Duration(amount, u);
}

}  // namespace

std::optional<Value> ParseParameterValue(Type type, std::string_view text) {
  switch (type) {
    case Type::kNumber:
      if (auto n = ParseFiniteNumber(text)) return Value::Number(*n);
      return std::nullopt;
    case Type::kDuration: return ParseDuration(text);
    case Type::kDate:
      if (auto d = ParseDate(text)) return Value::DateValue(*d);
      return std::nullopt;
    case Type::kText: return Value::Text(std::string(text));
    case Type::kBool:
      if (text == "true" || text == "false") return Value::Bool(text == "true");
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::string FormatParameterValue(const Value& value) {
  return value.kind() == Value::Kind::kText ? value.text() : value.ToString();
}

namespace {}  // namespace

std::string UnknownParameterHint(const RulePack& pack, const std::string& id) {
  std::vector<std::string> known;
  for (const Parameter& p : pack.parameters) known.push_back(p.id);
  return known.empty() ? "; the pack declares none" : SuggestName(id, known, "the pack declares");
}

std::vector<ParameterOverride> ParseSetOptions(const RulePack& pack,
                                               const std::vector<std::string>& specs,
                                               Diagnostics& diags) {
  std::vector<ParameterOverride> out;
  for (const std::string& spec : specs) {
    const size_t eq = spec.find('=');  // the command line checked there is one
    const std::string id = spec.substr(0, eq);
    const std::string text = eq == std::string::npos ? "" : spec.substr(eq + 1);
    const Parameter* p = pack.FindParameter(id);
    if (!p) {
      diags.Error({}, "--set " + spec + ": unknown parameter '" + id + "'" +
                          UnknownParameterHint(pack, id));
      continue;
    }
    std::optional<Value> v = ParseParameterValue(p->type, text);
    if (!v) {
      diags.Error({}, "--set " + spec + ": parameter '" + id + "' takes " +
                          (p->type == Type::kDuration ? "a duration such as 6mo, 42d or 10y"
                           : p->type == Type::kDate   ? "a date written YYYY-MM-DD"
                           : p->type == Type::kBool   ? "true or false"
                                                      : "a number") +
                          ", not '" + text + "'");
      continue;
    }
    out.push_back({id, std::move(*v), "--set"});
  }
  return out;
}

std::vector<ParameterSetting> ResolveParameters(const RulePack& pack,
                                                const std::vector<ParameterOverride>& overrides) {
  std::vector<ParameterSetting> out;
  out.reserve(pack.parameters.size());
  for (const Parameter& p : pack.parameters) {
    ParameterSetting s{&p, p.default_value, false, "default"};
    for (const ParameterOverride& o : overrides) {
      if (o.id != p.id) continue;
      s.value = o.value;
      s.overridden = true;
      s.origin = o.origin;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Value> ParameterValues(const std::vector<ParameterSetting>& settings) {
  std::vector<Value> out;
  out.reserve(settings.size());
  for (const ParameterSetting& s : settings) out.push_back(s.value);
  return out;
}

}  // namespace forcecheck
