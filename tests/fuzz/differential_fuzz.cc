// Differential: one expression evaluated three ways over the same registers and evidence:
// by the tree evaluator alone (src/expr/evaluator.cc), with per-record expressions compiled
// and run record by record (row_program*.cc), and compiled and run by blocks of records
// (row_block.cc). The three must give the same value (kind, text, reason, error offset, the
// very records and groups selected) and read the same evidence in the same order; when they
// do not, the target prints all three and aborts, so libFuzzer keeps the input.
//
// The input's first line is the expression; further lines, when there are any, are the
// records of `staff` (its header is fixed). Without them `staff` holds 300 generated records,
// a tenth of the cells blank, so that blocks and the record-by-record fallback both run;
// `tidy` is the same without blanks and `cases` names some of tidy's people.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "evidence/register_loader.h"
#include "expr/checker.h"
#include "expr/evaluator.h"
#include "expr/parser.h"
#include "fuzz_support.h"

namespace forcecheck::fuzz {
namespace {

using expr::Value;

constexpr const char* kStaffHeader = "id,dept,grade,salary,hours,started,review,flagged,mentor\n";

RegisterSpec Spec(std::string id, std::vector<ColumnSpec> columns) {
  RegisterSpec s;
  s.id = std::move(id);
  s.title = s.id;
  s.key = columns[0].name;
  s.columns = std::move(columns);
  return s;
}

std::vector<ColumnSpec> PeopleColumns() {
  return {{"id", ColumnType::kText, true, ""},       {"dept", ColumnType::kText, false, ""},
          {"grade", ColumnType::kText, false, ""},   {"salary", ColumnType::kNumber, false, ""},
          {"hours", ColumnType::kNumber, false, ""}, {"started", ColumnType::kDate, false, ""},
          {"review", ColumnType::kDate, false, ""},  {"flagged", ColumnType::kBool, false, ""},
          {"mentor", ColumnType::kText, false, ""}};
}

// The registers of tests/expr/row_program_test.cc, so that its corpus seeds this target.
const std::vector<RegisterSpec>& Specs() {
  static const auto* specs = new std::vector<RegisterSpec>{
      Spec("staff", PeopleColumns()), Spec("tidy", PeopleColumns()),
      Spec("cases", {{"case_id", ColumnType::kText, true, ""}, {"officer", ColumnType::kText, false, ""},
                     {"opened", ColumnType::kDate, false, ""}, {"closed", ColumnType::kDate, false, ""},
                     {"cost", ColumnType::kNumber, false, ""}, {"category", ColumnType::kText, false, ""},
                     {"upheld", ColumnType::kBool, false, ""}})};
  return *specs;
}

const std::vector<expr::ParameterInfo>& Parameters() {
  static const auto* params = new std::vector<expr::ParameterInfo>{
      {"window", expr::Type::kDuration, Value::Duration(6, 'm')}, {"target", expr::Type::kNumber, Value::Number(30)}};
  return *params;
}

// Generated records from a fixed seed (mt19937's output is fixed by the standard; its
// distributions are not, so none is used). Values repeat so that comparisons are often
// equal; about one cell in ten is blank when `blanks`.
class Dice {
 public:
  explicit Dice(uint32_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return rng_() % n; }
  template <size_t N>
  std::string Pick(const char* const (&words)[N], bool blanks) {
    return blanks && Below(10) == 0 ? "" : words[Below(N)];
  }

 private:
  std::mt19937 rng_;
};

std::string PeopleRows(char prefix, size_t rows, bool blanks, Dice& dice) {
  static const char* const kDepts[] = {"CID", "Response", "Custody", "PSD", "Public Protection"};
  static const char* const kGrades[] = {"A", "B", "C", "AB", "a"};
  static const char* const kNumbers[] = {"0", "10", "20", "25.5", "30", "100", "-5", "37.5"};
  static const char* const kDates[] = {"2016-01-31", "2016-02-29", "2015-12-31", "2012-02-29", "2016-03-31",
                                       "2015-08-31", "2014-05-31", "2010-06-15"};
  static const char* const kFlags[] = {"yes", "no", "true", "false"};
  std::string csv;
  for (size_t i = 0; i < rows; ++i) {
    csv += prefix + std::to_string(i);
    for (std::string cell : {dice.Pick(kDepts, blanks), dice.Pick(kGrades, blanks), dice.Pick(kNumbers, blanks),
                             dice.Pick(kNumbers, blanks), dice.Pick(kDates, blanks), dice.Pick(kDates, blanks),
                             dice.Pick(kFlags, blanks)}) {
      csv += "," + cell;
    }
    csv += std::string(",") + prefix + std::to_string(dice.Below(rows)) + "\n";
  }
  return csv;
}

std::string CasesRows(Dice& dice) {
  static const char* const kOfficers[] = {"T1", "T2", "T17", "T299", "X1"};
  static const char* const kDates[] = {"2016-01-31", "2016-02-29", "2015-12-31", "2013-03-01"};
  static const char* const kCosts[] = {"0", "100", "2500", "4999.5"};
  static const char* const kCategories[] = {"apsp", "vawg", "other", "misogyny"};
  static const char* const kFlags[] = {"yes", "no"};
  std::string csv = "case_id,officer,opened,closed,cost,category,upheld\n";
  for (size_t i = 0; i < 60; ++i) {
    csv += "C" + std::to_string(i) + "," + dice.Pick(kOfficers, true) + "," + dice.Pick(kDates, true) + "," +
           dice.Pick(kDates, true) + "," + dice.Pick(kCosts, true) + "," + dice.Pick(kCategories, true) + "," +
           dice.Pick(kFlags, true) + "\n";
  }
  return csv;
}

// staff, tidy and cases as generated; a fuzzer's `staff` replaces the first.
const std::vector<Register>& Generated() {
  static const auto* regs = [] {
    Dice dice(20160331);
    const std::string csv[] = {kStaffHeader + PeopleRows('S', 300, true, dice),
                               kStaffHeader + PeopleRows('T', 300, false, dice), CasesRows(dice)};
    auto* out = new std::vector<Register>;
    for (size_t i = 0; i < Specs().size(); ++i) {
      Diagnostics diags;
      std::optional<Register> r = LoadRegister(Specs()[i], WriteScratch(Specs()[i].id + ".csv", csv[i]), diags);
      if (!r) std::abort();
      out->push_back(std::move(*r));
    }
    return out;
  }();
  return *regs;
}

// The facts of tests/expr/row_program_test.cc (a list with an unknown item among them), the registers; remembers what was read, in the
// order first read (as a rule's evidence is listed).
class World : public expr::Environment {
 public:
  explicit World(const Register& staff) : staff_(staff) {
    facts_["limits.high"] = Value::Number(50);
    facts_["limits.zero"] = Value::Number(0);
    facts_["limits.text"] = Value::Text("CID");
    facts_["limits.on"] = Value::Bool(true);
    facts_["lists.depts"] = Value::List({Value::Text("CID"), Value::Text("Custody")});
    facts_["lists.depts_unknown"] =
        Value::List({Value::Text("CID"), Value::Unknown("lists.depts_unknown[1] is null"), Value::Text("Response")});
    facts_["lists.numbers"] = Value::List({Value::Number(10), Value::Number(20), Value::Text("30"),
                                           Value::DateValue(DateFromCivil(2015, 1, 31))});
  }

  Value Lookup(const std::vector<std::string>& path) override {
    std::string dotted;
    for (const std::string& seg : path) dotted += (dotted.empty() ? "" : ".") + seg;
    Read(dotted);
    auto it = facts_.find(dotted);
    return it == facts_.end() ? Value::Unknown(dotted + " (absent)") : it->second;
  }
  const Register* FindRegister(const RegisterSpec& spec) override {
    Read("registers." + spec.id);
    if (spec.id == "staff") return &staff_;
    return spec.id == "tidy" ? &Generated()[1] : &Generated()[2];
  }
  Date as_of() const override { return DateFromCivil(2016, 3, 31); }
  std::optional<Value> Parameter(int index) const override {
    return index == 1 ? std::optional<Value>(Value::Number(25)) : std::nullopt;
  }

  std::string reads;

 private:
  void Read(const std::string& what) {
    if (seen_.insert(what).second) reads += what + "; ";
  }

  const Register& staff_;
  std::map<std::string, Value> facts_;
  std::set<std::string> seen_;
};

std::string Describe(const Value& v) {
  char bits[40];
  std::string s = std::string(v.KindName()) + " " + v.ToString();
  switch (v.kind()) {
    case Value::Kind::kUnknown: return s + " {" + v.text() + "}";
    case Value::Kind::kError: return s + " {" + v.text() + "} @" + std::to_string(v.error_offset());
    case Value::Kind::kNumber: std::snprintf(bits, sizeof bits, "%a", v.number()); return s + " " + bits;
    case Value::Kind::kRows:
      s += " of " + v.rows().reg->spec->id + ":";
      for (size_t i = 0; i < v.rows().size(); ++i) s += " " + std::to_string(v.rows().at(i));
      return s;
    case Value::Kind::kList:
      s += " items:";
      for (const Value& item : v.items()) s += " <" + Describe(item) + ">";
      return s;
    case Value::Kind::kGroups:
      for (const expr::Group& g : v.groups()) s += " <" + Describe(g.key) + " => " + Describe(g.members) + ">";
      return s;
    default: return s;
  }
}

// The value and the reads, evaluated in a state of its own.
std::string Run(const expr::Expr& e, const Register& staff, bool compiled, bool blocks) {
  expr::EvalState state;
  state.set_compiled(compiled);
  state.set_blocks(blocks);
  World world(staff);
  const Value v = expr::Evaluate(e, world, state);
  return Describe(v) + "\nread: " + world.reads;
}

}  // namespace
}  // namespace forcecheck::fuzz

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::Generated();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  using namespace forcecheck::fuzz;
  const std::string_view input = AsText(data, size);
  const size_t eol = input.find('\n');
  const std::string_view source = input.substr(0, eol);

  expr::ParseResult p = expr::Parse(source);
  if (p.error) return 0;
  const expr::CheckContext ctx{&Specs(), nullptr, "", &Parameters()};
  if (!expr::Check(*p.expr, expr::Type::kAny, ctx).empty()) return 0;

  std::optional<Register> own;
  if (eol != std::string_view::npos) {
    Diagnostics diags;
    own = LoadRegister(Specs()[0], WriteScratch("own.csv", kStaffHeader + std::string(input.substr(eol + 1))), diags);
    if (!own) return 0;
  }
  const Register& staff = own ? *own : Generated()[0];

  const std::string tree = Run(*p.expr, staff, false, false);
  const std::string rows = Run(*p.expr, staff, true, false);
  const std::string blocks = Run(*p.expr, staff, true, true);
  if (tree != rows || tree != blocks) {
    std::fprintf(stderr, "differential: the evaluators disagree on '%.*s'\ntree evaluator: %s\nrow program:    %s\nblocks:         %s\n",
                 static_cast<int>(source.size()), source.data(), tree.c_str(), rows.c_str(), blocks.c_str());
    std::abort();
  }
  return 0;
}
