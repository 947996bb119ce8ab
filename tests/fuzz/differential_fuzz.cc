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

#include "testing/facts_environment.h"

namespace forcecheck::fuzz {
namespace {

using expr::Value;

constexpr const char* kStaffHeader = "id,dept,grade,salary,hours,started,review,flagged,mentor\n";

// The registers of tests/expr/row_program_test.cc, so that its corpus seeds this target.
const std::vector<RegisterSpec>& Specs() {
  static const auto* specs = new std::vector<RegisterSpec>(testing::ComparisonRegisterSpecs());
  return *specs;
}

const std::vector<expr::ParameterInfo>& Parameters() {
  static const auto* params = new std::vector<expr::ParameterInfo>{
      {"window", expr::Type::kDuration, Value::Duration(6, 'm')},
      {"target", expr::Type::kNumber, Value::Number(30)}};
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
  static const char* const kDates[] = {"2016-01-31", "2016-02-29", "2015-12-31", "2012-02-29",
                                       "2016-03-31", "2015-08-31", "2014-05-31", "2010-06-15"};
  static const char* const kFlags[] = {"yes", "no", "true", "false"};
  std::string csv;
  for (size_t i = 0; i < rows; ++i) {
    csv += prefix + std::to_string(i);
    for (std::string cell :
         {dice.Pick(kDepts, blanks), dice.Pick(kGrades, blanks), dice.Pick(kNumbers, blanks),
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
    csv += "C" + std::to_string(i) + "," + dice.Pick(kOfficers, true) + "," +
           dice.Pick(kDates, true) + "," + dice.Pick(kDates, true) + "," + dice.Pick(kCosts, true) +
           "," + dice.Pick(kCategories, true) + "," + dice.Pick(kFlags, true) + "\n";
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
      std::optional<Register> r =
          LoadRegister(Specs()[i], WriteScratch(Specs()[i].id + ".csv", csv[i]), diags);
      if (!r) std::abort();
      out->push_back(std::move(*r));
    }
    return out;
  }();
  return *regs;
}

// The facts of tests/expr/row_program_test.cc (testing/facts_environment.h), with `staff`
// the fuzzer's records and the other registers generated.
class World : public testing::FactsEnvironment {
 public:
  explicit World(const Register& staff) : staff_(staff) {}

 protected:
  const Register& RegisterNamed(const std::string& id) override {
    if (id == "staff") return staff_;
    return id == "tidy" ? Generated()[1] : Generated()[2];
  }

 private:
  const Register& staff_;
};

// The value and the reads, evaluated in a state of its own that keeps answers as a rule's
// evaluation does (so a condition asked twice is replayed).
std::string Run(const expr::Expr& e, const Register& staff, bool compiled, bool blocks) {
  expr::EvalState state;
  state.set_compiled(compiled);
  state.set_blocks(blocks);
  const expr::EvalState::RuleAnswers answers(state);
  World world(staff);
  const Value v = expr::Evaluate(e, world, state);
  return testing::DescribeValue(v) + "\nread: " + world.reads;
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
    own = LoadRegister(Specs()[0],
                       WriteScratch("own.csv", kStaffHeader + std::string(input.substr(eol + 1))),
                       diags);
    if (!own) return 0;
  }
  const Register& staff = own ? *own : Generated()[0];

  const std::string tree = Run(*p.expr, staff, false, false);
  const std::string rows = Run(*p.expr, staff, true, false);
  const std::string blocks = Run(*p.expr, staff, true, true);
  if (tree != rows || tree != blocks) {
    std::fprintf(stderr,
                 "differential: the evaluators disagree on '%.*s'\ntree evaluator: %s\nrow "
                 "program:    %s\nblocks:         %s\n",
                 static_cast<int>(source.size()), source.data(), tree.c_str(), rows.c_str(),
                 blocks.c_str());
    std::abort();
  }
  return 0;
}
