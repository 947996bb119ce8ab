#pragma once

// The world the evaluators are compared in, by the row-program agreement tests
// (tests/expr/row_program_test.cc) and by the differential fuzz target
// (tests/fuzz/differential_fuzz.cc): the same facts (numbers, text, a date, lists, one with an
// unknown item), the parameter `target` overridden, and the facts and registers read
// remembered in the order first read, as the real environment lists a rule's evidence. Each
// user supplies the registers. And a value written out in full, so that two are compared to
// the last bit.

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "evidence/register.h"
#include "expr/evaluator.h"

namespace forcecheck::testing {

// The registers of that world: `staff` and `tidy` (people) and `cases` (keyed by case_id).
inline std::vector<RegisterSpec> ComparisonRegisterSpecs() {
  auto spec = [](std::string id, std::vector<ColumnSpec> columns) {
    RegisterSpec s;
    s.id = std::move(id);
    s.title = s.id;
    s.key = columns[0].name;
    s.columns = std::move(columns);
    return s;
  };
  const std::vector<ColumnSpec> people = {
      {"id", ColumnType::kText, true, ""},       {"dept", ColumnType::kText, false, ""},
      {"grade", ColumnType::kText, false, ""},   {"salary", ColumnType::kNumber, false, ""},
      {"hours", ColumnType::kNumber, false, ""}, {"started", ColumnType::kDate, false, ""},
      {"review", ColumnType::kDate, false, ""},  {"flagged", ColumnType::kBool, false, ""},
      {"mentor", ColumnType::kText, false, ""}};
  return {spec("staff", people), spec("tidy", people),
          spec("cases", {{"case_id", ColumnType::kText, true, ""},
                         {"officer", ColumnType::kText, false, ""},
                         {"opened", ColumnType::kDate, false, ""},
                         {"closed", ColumnType::kDate, false, ""},
                         {"cost", ColumnType::kNumber, false, ""},
                         {"category", ColumnType::kText, false, ""},
                         {"upheld", ColumnType::kBool, false, ""}})};
}

class FactsEnvironment : public expr::Environment {
 public:
  FactsEnvironment() {
    using expr::Value;
    facts_["limits.high"] = Value::Number(50);
    facts_["limits.zero"] = Value::Number(0);
    facts_["limits.text"] = Value::Text("CID");
    facts_["limits.on"] = Value::Bool(true);
    facts_["lists.depts"] = Value::List({Value::Text("CID"), Value::Text("Custody")});
    facts_["lists.depts_unknown"] =
        Value::List({Value::Text("CID"), Value::Unknown("lists.depts_unknown[1] is null"),
                     Value::Text("Response")});
    facts_["lists.numbers"] = Value::List({Value::Number(10), Value::Number(20), Value::Text("30"),
                                           Value::DateValue(DateFromCivil(2015, 1, 31))});
  }

  expr::Value Lookup(const std::vector<std::string>& path) override {
    std::string dotted;
    for (const std::string& seg : path) dotted += (dotted.empty() ? "" : ".") + seg;
    Read(dotted);
    auto it = facts_.find(dotted);
    return it == facts_.end() ? expr::Value::Unknown(dotted + " (absent)") : it->second;
  }
  const Register* FindRegister(const RegisterSpec& spec) override {
    Read("registers." + spec.id);
    return &RegisterNamed(spec.id);
  }
  Date as_of() const override { return DateFromCivil(2016, 3, 31); }
  std::optional<expr::Value> Parameter(int index) const override {
    return index == 1 ? std::optional<expr::Value>(expr::Value::Number(25)) : std::nullopt;
  }

  void Clear() {
    reads.clear();
    seen_.clear();
  }

  std::string reads;  // "what; what; ..." in the order first read

 protected:
  virtual const Register& RegisterNamed(const std::string& id) = 0;

 private:
  void Read(const std::string& what) {
    if (seen_.insert(what).second) reads += what + "; ";
  }

  std::map<std::string, expr::Value> facts_;
  std::set<std::string> seen_;
};

// A value written out in full: its kind; the reason and error offset of an unknown or error;
// numbers to the last bit; every record of a row set, item of a list and group.
inline std::string DescribeValue(const expr::Value& v) {
  using expr::Value;
  std::string s = std::string(v.KindName()) + " " + v.ToString();
  switch (v.kind()) {
    case Value::Kind::kUnknown: return s + " {" + v.text() + "}";
    case Value::Kind::kError: return s + " {" + v.text() + "} @" + std::to_string(v.error_offset());
    case Value::Kind::kNumber: {
      char bits[40];
      std::snprintf(bits, sizeof bits, "%a", v.number());
      return s + " " + bits;
    }
    case Value::Kind::kRows:
      s += " of " + v.rows().reg->spec->id + ":";
      for (size_t i = 0; i < v.rows().size(); ++i) s += " " + std::to_string(v.rows().at(i));
      return s;
    case Value::Kind::kList:
      s += " items:";
      for (const Value& item : v.items()) s += " <" + DescribeValue(item) + ">";
      return s;
    case Value::Kind::kGroups:
      for (const expr::Group& g : v.groups())
        s += " <" + DescribeValue(g.key) + " => " + DescribeValue(g.members) + ">";
      return s;
    default: return s;
  }
}

}  // namespace forcecheck::testing
