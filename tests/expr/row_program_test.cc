// The compiled per-record programs (expr/row_program.h) against the tree evaluator they
// stand in for: over generated registers with blank cells, a corpus of expressions covering
// every operator, node kind and aggregate gives exactly the same value (kind, text, reason,
// error offset, the very records and groups selected) and reads the same evidence in the same
// order whether per-record expressions run compiled or not. The simple conditions are shown
// to run natively, so that agreement cannot come from the compiled path never running. And
// the answers one EvalState keeps for a condition over a whole register are replayed only
// when complete and decided: every expression gives in a shared state, in any order, what it
// gives alone.
//
// The corpus is one long table, so this file runs past the usual length.

#include "expr/row_program.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "evidence/register_loader.h"
#include "expr/checker.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

#include "testing/facts_environment.h"

namespace forcecheck::expr {
namespace {

namespace fs = std::filesystem;

// ---- the registers ---------------------------------------------------------------------------

// Choices from a fixed seed. mt19937's output is fixed by the standard and its distributions
// are not, so none is used: every library generates the same registers.
class Dice {
 public:
  explicit Dice(uint32_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return rng_() % n; }
  bool Percent(size_t p) { return Below(100) < p; }
  template <size_t N>
  std::string Pick(const char* const (&words)[N]) {
    return words[Below(N)];
  }

 private:
  std::mt19937 rng_;
};

// A quarter of the dates fall on a month's last day (leap days among them), so that adding
// months and years must clamp.
Date SomeDate(Dice& dice) {
  static const char* const kMonthEnds[] = {"2016-01-31", "2016-02-29", "2015-12-31", "2015-08-31",
                                           "2014-05-31", "2016-03-31", "2012-02-29", "2015-01-31"};
  if (dice.Percent(25)) return *ParseDate(kMonthEnds[dice.Below(std::size(kMonthEnds))]);
  return Date{DateFromCivil(2008, 1, 1).days + static_cast<int32_t>(dice.Below(3100))};
}

std::string Id(char prefix, size_t n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%04zu", prefix, n);
  return buf;
}

// staff and tidy share this layout; staff has blank cells, tidy none, so that over tidy most
// expressions are decided and over staff most are unknown somewhere.
// Values repeat (salaries and hours from short lists, reviews on the day a record started or
// a month later) so that comparisons are often equal; some hours are 0, to divide by.
std::string PeopleCsv(char prefix, size_t rows, size_t blank_pct, Dice& dice) {
  static const char* const kDepts[] = {"CID", "Response", "Custody", "PSD", "Public Protection"};
  static const char* const kGrades[] = {"A", "B", "C", "AB", "a", "B"};
  static const char* const kSalaries[] = {"0", "10", "20", "25.5", "30", "100", "-5"};
  static const char* const kHours[] = {"0", "1", "2", "37.5", "40", "20"};
  static const char* const kFlags[] = {"yes", "no", "true", "false"};
  std::string csv = "id,dept,grade,salary,hours,started,review,flagged,mentor\n";
  for (size_t i = 0; i < rows; ++i) {
    const Date started = SomeDate(dice);
    const size_t review = dice.Below(5);
    std::vector<std::string> cells = {
        dice.Pick(kDepts),
        dice.Pick(kGrades),
        dice.Percent(40) ? dice.Pick(kSalaries) : std::to_string(dice.Below(200)),
        dice.Pick(kHours),
        started.ToString(),
        (review == 0   ? started
         : review == 1 ? *AddDuration(started, 1, 'm')
                       : SomeDate(dice))
            .ToString(),
        dice.Pick(kFlags),
        Id(prefix, dice.Below(rows + rows / 10))};
    csv += Id(prefix, i);
    for (std::string& cell : cells) csv += "," + (dice.Percent(blank_pct) ? "" : cell);
    csv += "\n";
  }
  return csv;
}

// Cases name tidy's people as officers (and some people who are not there); half are open.
std::string CasesCsv(size_t rows, size_t blank_pct, Dice& dice) {
  static const char* const kCategories[] = {"apsp", "vawg", "other", "misogyny"};
  std::string csv = "case_id,officer,opened,closed,cost,category,upheld\n";
  for (size_t i = 0; i < rows; ++i) {
    const Date opened = SomeDate(dice);
    const bool open = dice.Percent(50);
    std::vector<std::string> cells = {
        Id('T', dice.Below(320)),
        opened.ToString(),
        open ? "" : Date{opened.days + static_cast<int32_t>(dice.Below(800))}.ToString(),
        std::to_string(dice.Below(5000)),
        dice.Pick(kCategories),
        dice.Percent(50) ? "yes" : "no"};
    csv += Id('C', i);
    for (std::string& cell : cells) csv += "," + (dice.Percent(blank_pct) ? "" : cell);
    csv += "\n";
  }
  return csv;
}

// The registers and what the checker needs to know of them, made once for every test.
struct World {
  std::vector<RegisterSpec> specs;
  std::vector<Register> registers;
  std::vector<ParameterInfo> parameters = {{"window", Type::kDuration, Value::Duration(6, 'm')},
                                           {"target", Type::kNumber, Value::Number(30)}};

  const Register& Find(const std::string& id) const {
    for (const Register& r : registers) {
      if (r.spec->id == id) return r;
    }
    throw std::logic_error("no register " + id);
  }
};

const World& TheWorld() {
  static const World* world = [] {
    auto* w = new World;
    w->specs = testing::ComparisonRegisterSpecs();
    Dice dice(20160331);
    const std::string csv[] = {PeopleCsv('S', 300, 10, dice), PeopleCsv('T', 300, 0, dice),
                               CasesCsv(400, 10, dice)};
    const fs::path dir =
        fs::path(::testing::TempDir()) / ("row-program-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    Diagnostics diags;
    for (size_t i = 0; i < w->specs.size(); ++i) {
      const fs::path file = dir / (w->specs[i].id + ".csv");
      std::ofstream(file, std::ios::binary) << csv[i];
      std::optional<Register> r = LoadRegister(w->specs[i], file.string(), diags);
      if (!r) throw std::runtime_error("cannot load the generated register " + w->specs[i].id);
      w->registers.push_back(std::move(*r));
    }
    fs::remove_all(dir);
    return w;
  }();
  return *world;
}

// ---- evidence --------------------------------------------------------------------------------

// The facts of testing/facts_environment.h over TheWorld()'s registers.
class WorldEnvironment : public testing::FactsEnvironment {
 protected:
  const Register& RegisterNamed(const std::string& id) override { return TheWorld().Find(id); }
};

// ---- running ---------------------------------------------------------------------------------

// The expression parsed and checked; a parse or check error fails the test.
std::unique_ptr<Expr> Compile(const std::string& source) {
  ParseResult p = Parse(source);
  if (p.error) {
    ADD_FAILURE() << "parse error at " << p.error->offset << " in '" << source
                  << "': " << p.error->message;
    return nullptr;
  }
  const World& w = TheWorld();
  CheckContext ctx{&w.specs, nullptr, "", &w.parameters};
  std::vector<ExprError> errors = Check(*p.expr, Type::kAny, ctx);
  for (const ExprError& e : errors) {
    ADD_FAILURE() << "check error at " << e.offset << " in '" << source << "': " << e.message;
  }
  return errors.empty() ? std::move(p.expr) : nullptr;
}

std::string NumberBits(double n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%a", n);
  return buf;
}

std::string Describe(const Value& v) { return testing::DescribeValue(v); }

struct Result {
  std::string value;  // Describe()
  std::string reads;  // the evidence and registers read, in order
};

Result RunIn(const Expr& e, EvalState& state, WorldEnvironment& env) {
  env.Clear();
  const Value v = Evaluate(e, env, state);
  return {Describe(v), env.reads};
}

// Evaluated in a state of its own, compiled or only through the tree evaluator, keeping
// answers as a rule's evaluation does (so a condition asked twice is replayed).
Result RunAlone(const Expr& e, bool compiled) {
  EvalState state;
  state.set_compiled(compiled);
  const EvalState::RuleAnswers answers(state);
  WorldEnvironment env;
  return RunIn(e, state, env);
}

// ---- the corpus ------------------------------------------------------------------------------

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> kCorpus = {
      // Kleene logic and exists(): a deciding side wins over an unknown or an error.
      "count(registers.staff where exists(salary) and salary > 30)",
      "count(registers.staff where not exists(salary) or salary > 30)",
      "count(registers.staff where exists(salary) or salary > 30)",
      "count(registers.staff where salary > 30 or not exists(salary))",
      "count(registers.staff where salary > 30 and exists(salary))",
      "count(registers.staff where not exists(dept) and flagged)",
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one expression, split for width
      "count(registers.staff where (exists(flagged) and flagged) or (exists(hours) and hours > "
      "37))",
      "all(registers.staff, exists(salary) or salary > 0)",
      "count(registers.staff, exists(flagged) and flagged)",
      "count(registers.staff where flagged)",
      "count(registers.tidy where flagged and salary >= 20)",
      "count(registers.tidy where not flagged or salary < 20)",
      "count(registers.tidy where not (flagged and salary < 20))",
      "count(registers.tidy where (salary > 20) == flagged)",
      "count(registers.tidy where flagged != (salary > 20))",
      // Comparisons of numbers, dates, text (byte order: 'AB' < 'B' < 'a') and booleans; an
      // equality with a column uses an index (with blank cells, the index gives those too).
      "count(registers.tidy where salary == 20)",
      "count(registers.tidy where salary != 25.5)",
      "count(registers.tidy where salary <= 25.5 and hours >= 20)",
      "count(registers.tidy where -salary < -25)",
      "count(registers.tidy where started < 2014-01-31)",
      "count(registers.tidy where started >= review)",
      "count(registers.tidy where started == review)",
      "count(registers.tidy where grade < 'B')",
      "count(registers.tidy where grade >= 'AB' and grade <= 'C')",
      "count(registers.tidy where grade > dept)",
      "count(registers.tidy where dept == 'CID')",
      "count(registers.tidy where 'CID' != dept)",
      "count(registers.tidy where flagged == true)",
      "count(registers.staff where dept == 'CID')",
      "count(registers.staff where exists(dept) and dept == 'CID')",
      "count(registers.staff where dept != 'CID')",
      "count(registers.staff where not (dept == 'CID' or dept == 'PSD') or grade != 'B')",
      // Arithmetic, and division by zero inside a where.
      "count(registers.tidy where salary * 2 - 10 > hours + 5)",
      // Date arithmetic past either end of the dates is an error, record by record.
      "count(registers.tidy where started + 7900y > review)",
      "count(registers.tidy where started - 3652425d < review)",
      "count(registers.staff where started + 95000mo > review or flagged)",
      "count((registers.staff where exists(dept)) where started + 7980y > review)",
      "count((registers.staff where exists(dept)) where started - 3652000d < review)",
      "sum(registers.tidy where hours != 0, salary / hours)",
      "sum(registers.tidy, salary / hours)",
      "count(registers.tidy where salary / hours > 1)",
      "count(registers.tidy where hours == 0 or salary / hours > 1)",
      "count(registers.tidy where hours != 0 and salary / hours > 1)",
      "count(registers.tidy where salary / hours > 1 or hours == 0)",
      "count(registers.staff where salary / hours > 1)",
      "count(registers.tidy where salary / limits.zero > 1)",
      "count(registers.tidy where salary / (hours - hours) > 1 or true)",
      // Dates and durations of every unit; months and years clamp at a month's end.
      "count(registers.tidy where started + 42d > review)",
      "count(registers.tidy where started + 6w <= review)",
      "count(registers.tidy where started + 1mo == review)",
      "count(registers.tidy where started - 10y < 2005-01-01)",
      "count(registers.tidy where started + 1mo - 1mo == started)",
      "count(registers.tidy where started + 1y - 1y != started)",
      "max(registers.tidy, started + 1mo)",
      "min(registers.tidy, started - 1mo)",
      "distinct(registers.tidy where started >= 2016-01-28, started + 1mo)",
      "distinct(registers.tidy where started >= 2016-01-28, started - 1y)",
      "distinct(registers.tidy where started < 2008-03-01, started + 10y)",
      "sum(registers.tidy, review - started)",
      "avg(registers.tidy, review - started)",
      "count(registers.tidy where review - started > 365)",
      "count(registers.staff where exists(started) and started < as_of() - 3y)",
      "count(registers.tidy where started > as_of() - params.window)",
      "count(registers.staff where review - started > 30)",
      "count(registers.cases where exists(closed) and closed - opened > 365)",
      "count(registers.cases where exists(closed) and exists(opened) and closed > opened + 12mo)",
      "2016-01-31 + 1mo",
      // `in`: evidence lists (one with an unknown item, one of mixed kinds), a register's
      // column (by index), a list computed once, an absent list and a fact that is no list.
      "count(registers.tidy where dept in lists.depts)",
      "count(registers.tidy where dept in lists.depts_unknown)",
      "count(registers.tidy where not (dept in lists.depts_unknown))",
      "count(registers.tidy where dept in lists.depts_unknown or salary > 1000)",
      "count(registers.tidy where salary in lists.numbers)",
      "count(registers.tidy where started in lists.numbers)",
      "count(registers.tidy where mentor in registers.tidy.id)",
      "count(registers.cases where officer in registers.tidy.id)",
      "count(registers.tidy where grade in distinct(registers.staff where exists(grade), grade))",
      "count(registers.tidy where grade in distinct(registers.staff, grade))",
      "count(registers.tidy where dept in lists.absent)",
      "count(registers.tidy where dept in limits.text)",
      // Evidence inside a where; facts of the wrong kind are errors only at run time.
      "count(registers.staff where exists(limits.high) and (not exists(hours) or hours > "
      "limits.high))",
      "count(registers.staff where exists(lists.absent) or not exists(dept))",
      "count(registers.tidy where salary > limits.text)",
      "count(registers.tidy where started + limits.high > review)",
      "count(registers.tidy where limits.high and flagged)",
      "count(registers.tidy where flagged or limits.text)",
      "count(registers.tidy where dept == limits.high)",
      "count(registers.tidy where salary > params.target and limits.on)",
      // Nested wheres naming the outer record through `as`, indexed and not.
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one expression, split for width
      "count(registers.tidy as t where any(registers.cases as c where c.officer == t.id and "
      "exists(c.cost) and "
      "c.cost > t.salary))",
      "count(registers.tidy as t where count(registers.cases as c where c.officer == t.id) > 1)",
      "count(registers.tidy as t where count(registers.cases as c where c.officer == t.id and "
      "c.cost > t.salary) > 0)",
      "count(registers.cases as c where exists(c.officer) and any(registers.tidy as t where t.id "
      "== c.officer and "
      "t.flagged))",
      "count(registers.tidy as t where any(registers.tidy as u where u.mentor == t.id and u.salary "
      "> t.salary))",
      "count(registers.tidy as t where all(registers.cases as c where c.officer == t.id, "
      "exists(c.opened) and "
      "c.opened >= t.started))",
      "registers.tidy as t where pct(registers.cases as c where c.officer == t.id, "
      "exists(c.upheld) and c.upheld) > 50",
      "count(registers.tidy as t where any(registers.cases as c where (c.officer == t.id or false) "
      "and "
      "exists(c.opened) and c.opened < t.started + 1y))",
      "count(registers.tidy as t where any(lists.depts as d where d == t.dept))",
      // by
      "registers.tidy by dept",
      "min(registers.tidy by dept, pct(group, flagged))",
      "max(registers.tidy by grade, sum(group, salary))",
      "count(registers.tidy by dept, count(group where flagged) > 10)",
      "distinct(registers.tidy by dept, key)",
      "registers.staff by dept",
      "(registers.staff where exists(dept)) by dept",
      "min((registers.staff where exists(dept)) by dept, pct(group, exists(flagged) and flagged))",
      "max(registers.tidy by dept, max(group, started))",
      "min(registers.tidy by flagged, avg(group, salary / hours))",
      // Keys of every kind: dates, numbers (grouped as they print), computed, and with blanks.
      "registers.tidy by started",
      "count(registers.staff by review, count(group) > 1)",
      "registers.tidy by salary",
      "registers.tidy by salary / 7",
      "registers.staff by hours",
      "registers.tidy by started + 1mo",
      "registers.tidy by hours > 20",
      // Aggregates; any and all stop at the first element that decides them.
      "sum(registers.tidy, salary)",
      "avg(registers.tidy, hours)",
      "min(registers.tidy, salary)",
      "max(registers.tidy, salary)",
      "min(registers.tidy, review)",
      "max(registers.tidy, started)",
      "sum(registers.staff, salary)",
      "sum(registers.staff where exists(salary), salary)",
      "avg(registers.staff where exists(hours) and hours > 0, salary)",
      "pct(registers.tidy, flagged)",
      "pct(registers.tidy where dept == 'PSD', salary > 25)",
      "pct(registers.tidy where dept == 'Nowhere', flagged)",
      "any(registers.staff, salary > 150)",
      "all(registers.staff, salary < 150)",
      "any(registers.staff where salary > 150)",
      "all(registers.tidy, salary >= 0)",
      "any(registers.tidy, salary > 10000)",
      "all(registers.tidy, salary > -10)",
      "distinct(registers.tidy, dept)",
      "distinct(registers.tidy, salary > 20)",
      "distinct(registers.staff, flagged)",
      "count(filter(registers.tidy, flagged and salary > 20))",
      // Run by blocks: over records some of a register (not one run of rows), and with
      // what a block cannot run (a call, handed back) on either side of `and` and `or`.
      "count((registers.staff where exists(dept)) where salary > 20 and started + 1y > review)",
      "sum((registers.tidy where flagged) where hours != 0, salary / hours)",
      "count(registers.tidy where len(dept) > 3 and salary > 20)",
      "count(registers.staff where salary > 20 or len(dept) > 3)",
      "count(registers.staff where (len(dept) > 3 or flagged) and salary / hours > 1)",
      "count(registers.staff where not exists(dept) or (len(grade) > 1 and exists(flagged) and "
      "flagged))",
      // Evidence read inside a where, in an order that running by blocks would change.
      "count(registers.tidy where (flagged and limits.high > 0) or limits.text == 'CID')",
      "count(registers.tidy where (salary > 20 and exists(lists.absent)) or dept in lists.depts)",
      "filter(registers.staff, exists(mentor) and mentor > 'T0100')",
      "registers.staff where exists(review) and exists(started) and review < started",
      "sum(registers.cases where exists(cost) and category == 'apsp', cost)",
      "max(registers.staff.salary as s, s)",
      "count(lists.numbers)",
      // What a program hands back to the evaluator: functions, and aggregates computed once.
      "len(distinct(registers.tidy, grade))",
      "count(registers.tidy where len(dept) > 3)",
      "count(registers.tidy where days_between(started, review) > 100)",
      "count(registers.tidy where contains(lists.depts, dept))",
      "count(registers.tidy where min(salary, hours) > 5)",
      "count(registers.tidy where salary > avg(registers.tidy, salary))",
      "count(registers.tidy where salary > avg(registers.staff, salary))",
  };
  return kCorpus;
}

class RowProgramAgreementTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RowProgramAgreementTest, CompiledGivesWhatTheTreeEvaluatorGives) {
  std::unique_ptr<Expr> e = Compile(GetParam());
  ASSERT_TRUE(e);
  const Result compiled = RunAlone(*e, true);
  const Result plain = RunAlone(*e, false);
  EXPECT_EQ(compiled.value, plain.value) << GetParam();
  EXPECT_EQ(compiled.reads, plain.reads) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Corpus, RowProgramAgreementTest, ::testing::ValuesIn(Corpus()));

// What the corpus exercises, so that no operator, node kind or aggregate can drop out of it.
void CollectFeatures(const Expr& e, std::set<std::string>& out) {
  out.insert("kind " + std::to_string(static_cast<int>(e.kind)));
  if (e.kind == Expr::Kind::kUnary || e.kind == Expr::Kind::kBinary) {
    out.insert(std::string("op ") + (e.op == Op::kNeg ? "neg" : OpText(e.op)));
  }
  if (e.kind == Expr::Kind::kCall) out.insert("call " + e.name);
  if (e.kind == Expr::Kind::kPath) out.insert("ref " + std::to_string(static_cast<int>(e.ref)));
  if (e.kind == Expr::Kind::kWhere && !e.name.empty()) out.insert("as");
  if (e.kind == Expr::Kind::kLiteral && e.literal.kind() == Value::Kind::kDuration) {
    out.insert(std::string("unit ") + e.literal.unit());
  }
  for (const auto& a : e.args) CollectFeatures(*a, out);
}

TEST(RowProgramCorpusTest, CoversEveryOperatorNodeKindAndAggregate) {
  std::set<std::string> have;
  for (const std::string& source : Corpus()) {
    if (std::unique_ptr<Expr> e = Compile(source)) CollectFeatures(*e, have);
  }
  std::vector<std::string> want = {"as", "unit d", "unit w", "unit m", "unit y", "op neg"};
  for (int k = 0; k <= static_cast<int>(Expr::Kind::kBy); ++k)
    want.push_back("kind " + std::to_string(k));
  for (int r = 0; r <= static_cast<int>(Ref::kParameter); ++r)
    want.push_back("ref " + std::to_string(r));
  for (int o = 0; o <= static_cast<int>(Op::kDiv); ++o) {
    if (static_cast<Op>(o) != Op::kNeg)
      want.push_back(std::string("op ") + OpText(static_cast<Op>(o)));
  }
  for (const char* f : {"count", "pct", "sum", "avg", "min", "max", "any", "all", "distinct",
                        "filter", "exists", "as_of", "len", "days_between", "contains"}) {
    want.push_back(std::string("call ") + f);
  }
  for (const std::string& w : want) EXPECT_TRUE(have.count(w)) << "the corpus has no " << w;
}

// Decided values, unknowns and errors all occur, so each is compared somewhere.
TEST(RowProgramCorpusTest, ReachesEveryKindOfResult) {
  std::map<std::string, int> kinds;
  for (const std::string& source : Corpus()) {
    std::unique_ptr<Expr> e = Compile(source);
    if (!e) continue;
    WorldEnvironment env;
    const Value v = Evaluate(*e, env);
    kinds[v.is_unknown() ? "unknown" : v.is_error() ? "error" : "decided"]++;
  }
  EXPECT_GE(Corpus().size(), 100u);
  EXPECT_GE(kinds["decided"], 60);
  EXPECT_GE(kinds["unknown"], 15);
  EXPECT_GE(kinds["error"], 8);
}

// ---- the compiled path runs ------------------------------------------------------------------

// The condition of `count(R where C)`, `pct(R, C)` or `R where C`.
const Expr& Condition(const Expr& e) {
  if (e.kind == Expr::Kind::kWhere) return *e.args[1];
  return e.args.size() > 1 ? *e.args[1] : *e.args[0]->args[1];
}

// A condition decided for every record of tidy whose program runs natively has its answers
// kept; the tree evaluator keeps none. So a kept answer shows the program ran.
TEST(RowProgramTest, SimpleConditionsRunNatively) {
  const Register& tidy = TheWorld().Find("tidy");
  for (const char* condition :
       {"flagged and salary >= 20", "not flagged or salary < 20", "grade < 'B'",
        "started + 1mo > review", "review - started > 365", "-salary < hours and hours != 0",
        "salary * 2 - 10 > hours + 5", "exists(mentor) and mentor > 'T0100'",
        "(salary > 20) == flagged", "started >= 2016-01-28 or salary == 25.5",
        "(started - 6w < 2010-01-01) == (started + 10y > 2020-01-01)"}) {
    SCOPED_TRACE(condition);
    std::unique_ptr<Expr> e = Compile(std::string("count(registers.tidy where ") + condition + ")");
    ASSERT_TRUE(e);
    WorldEnvironment env;
    EvalState compiled;
    const EvalState::RuleAnswers compiled_answers(compiled);
    ASSERT_TRUE(Evaluate(*e, env, compiled).is_decided());
    const RowProgram& program = compiled.Program(Condition(*e));
    EXPECT_GT(program.native_nodes(), 2u);
    EXPECT_EQ(program.handed_back_nodes(), 0u);
    EXPECT_TRUE(program.runs_by_blocks());
    EXPECT_NE(compiled.KnownAnswers(program, tidy), nullptr);

    EvalState plain;
    plain.set_compiled(false);
    const EvalState::RuleAnswers plain_answers(plain);
    ASSERT_TRUE(Evaluate(*e, env, plain).is_decided());
    EXPECT_EQ(plain.KnownAnswers(plain.Program(Condition(*e)), tidy), nullptr);
  }
}

// Calls, register columns, evidence and nested aggregates are handed back to the evaluator
// (or, naming nothing of the record, evaluated once), and the rest still runs compiled.
TEST(RowProgramTest, HandsBackWhatItCannotRun) {
  const Register& tidy = TheWorld().Find("tidy");
  for (const char* condition :
       {"len(dept) > 3", "salary > avg(registers.tidy, salary)", "mentor in registers.tidy.id",
        "dept in lists.depts", "days_between(started, review) > 100 and flagged"}) {
    SCOPED_TRACE(condition);
    std::unique_ptr<Expr> e = Compile(std::string("count(registers.tidy where ") + condition + ")");
    ASSERT_TRUE(e);
    WorldEnvironment env;
    EvalState state;
    const EvalState::RuleAnswers answers(state);
    ASSERT_TRUE(Evaluate(*e, env, state).is_decided());
    const RowProgram& program = state.Program(Condition(*e));
    EXPECT_GE(program.handed_back_nodes(), 1u);
    EXPECT_NE(state.KnownAnswers(program, tidy), nullptr);
  }
}

// A program runs by blocks unless a node it evaluates once reads the evidence (a block may
// evaluate it before Run would have, and a rule lists the evidence it read in the order read),
// or it hands a node back for every record (a block would have nothing left to decide).
TEST(RowProgramTest, RunsByBlocksUnlessAConstantReadsTheEvidence) {
  for (const auto& [condition, by_blocks] : std::vector<std::pair<std::string, bool>>{
           {"salary > params.target", true},
           {"started > as_of() - params.window and flagged", true},
           {"salary > 20 or len(dept) > 3", true},
           {"len(dept) > 3 or salary > 20", false},
           {"salary > limits.high", false},
           {"flagged and dept in lists.depts", false},
           {"salary > avg(registers.tidy, salary)", false},
           {"len(dept) > 3", false}}) {
    SCOPED_TRACE(condition);
    std::unique_ptr<Expr> e = Compile("count(registers.tidy where " + condition + ")");
    ASSERT_TRUE(e);
    EvalState state;
    EXPECT_EQ(state.Program(Condition(*e)).runs_by_blocks(), by_blocks);
  }
}

// ---- answers shared between expressions -----------------------------------------------------

// Expressions evaluated one after another in one compiled state, as the parts of a rule are
// (with one RuleAnswers) or a pack's rules (Forget, with one each).
class SharedState {
 public:
  SharedState() { answers_.emplace(state_); }
  Result Run(const std::string& source) {
    exprs_.push_back(Compile(source));
    if (!exprs_.back()) return {"(does not compile)", ""};
    return RunIn(*exprs_.back(), state_, env_);
  }
  void Forget() {
    answers_.reset();
    answers_.emplace(state_);
  }
  // Whether answers are kept for the condition of `source` (parsed anew) over `reg`.
  bool Keeps(const std::string& source, const std::string& reg) {
    exprs_.push_back(Compile(source));
    return state_.KnownAnswers(state_.Program(Condition(*exprs_.back())), TheWorld().Find(reg)) !=
           nullptr;
  }

 private:
  std::vector<std::unique_ptr<Expr>> exprs_;  // outlive the state, which keys programs by node
  EvalState state_;
  std::optional<EvalState::RuleAnswers> answers_;
  WorldEnvironment env_;
};

// Each of `sources`, evaluated in that order in one state, gives the value it gives alone,
// compiled or not.
void ExpectSameAsAlone(const std::vector<std::string>& sources) {
  SharedState shared;
  for (const std::string& source : sources) {
    std::unique_ptr<Expr> e = Compile(source);
    ASSERT_TRUE(e);
    const std::string alone = RunAlone(*e, false).value;
    ASSERT_EQ(RunAlone(*e, true).value, alone) << source;
    EXPECT_EQ(shared.Run(source).value, alone)
        << source << "\n  after: " << ::testing::PrintToString(sources);
  }
}

// As above, in every order of `sources`.
void ExpectSameAsAloneInEveryOrder(std::vector<std::string> sources) {
  std::sort(sources.begin(), sources.end());
  do {
    ExpectSameAsAlone(sources);
  } while (!::testing::Test::HasFailure() && std::next_permutation(sources.begin(), sources.end()));
}

// Each of `forms` with R replaced by registers.`reg` and C by the condition `c`.
std::vector<std::string> Asking(const std::string& reg, const std::string& c,
                                const std::vector<std::string>& forms) {
  std::vector<std::string> out;
  for (const std::string& form : forms) {
    std::string s;
    for (char ch : form) s += ch == 'R' ? "registers." + reg : ch == 'C' ? c : std::string(1, ch);
    out.push_back(s);
  }
  return out;
}

TEST(SharedAnswersTest, AConditionAskedAgainGivesTheSameAnswers) {
  const std::string c = "flagged and salary >= 20 or started + 1mo > review";
  SharedState shared;
  shared.Run("count(registers.tidy where " + c + ")");
  EXPECT_TRUE(shared.Keeps("pct(registers.tidy, " + c + ")", "tidy"))
      << "the answers are to be replayed";
  ExpectSameAsAloneInEveryOrder(Asking(
      "tidy", c, {"count(R where C)", "pct(R, C)", "R where C", "all(R, C)", "distinct(R, C)"}));
}

TEST(SharedAnswersTest, AConditionUnknownForSomeRecordIsNotKept) {
  SharedState shared;
  const Result all = shared.Run("all(registers.staff, salary < 1000)");
  EXPECT_NE(all.value.find("'salary' is empty at "), std::string::npos) << all.value;
  EXPECT_FALSE(shared.Keeps("count(registers.staff where salary < 1000)", "staff"));
  ExpectSameAsAloneInEveryOrder(
      Asking("staff", "salary < 1000",
             {"all(R, C)", "count(R where C)", "pct(R, C)", "R where C", "any(R, C)"}));
}

TEST(SharedAnswersTest, AConditionThatIsAnErrorForSomeRecordIsNotKept) {
  ExpectSameAsAloneInEveryOrder(
      Asking("tidy", "salary / hours < 1000",
             {"all(R, C)", "count(R where C)", "pct(R, C)", "any(R, C)", "distinct(R, C)"}));
}

// any() stops at the first true record, here the third last: the answers it has are not kept
// as though they were all.
TEST(SharedAnswersTest, AnAnyThatStopsEarlyKeepsNothing) {
  SharedState shared;
  EXPECT_EQ(shared.Run("any(registers.tidy, id >= 'T0297')").value, "a boolean true");
  EXPECT_FALSE(shared.Keeps("count(registers.tidy, id >= 'T0297')", "tidy"));
  EXPECT_EQ(shared.Run("count(registers.tidy, id >= 'T0297')").value,
            "a number 3 " + NumberBits(3));
  EXPECT_TRUE(shared.Keeps("count(registers.tidy, id >= 'T0297')", "tidy"));
  ExpectSameAsAloneInEveryOrder(
      Asking("tidy", "id >= 'T0297'",
             {"any(R, C)", "count(R, C)", "all(R, C)", "any(R where C)", "pct(R, C)"}));
  ExpectSameAsAloneInEveryOrder(
      Asking("tidy", "flagged",
             {"any(R, C)", "count(R where C)", "all(R, not C)", "any(R where C)", "count(R, C)"}));
}

// Answers are kept per register and per condition: the same condition over another register
// (here one that names no column), another literal, an alias, or the same words nested in
// another where are other questions.
TEST(SharedAnswersTest, KeepsAnswersApartByRegisterAndCondition) {
  std::vector<std::string> sources = {
      "count(registers.tidy where limits.high > 3)",
      "count(registers.cases where limits.high > 3)",
      "count(registers.tidy where salary > 20)",
      "count(registers.tidy where salary > 25.5)",
      "count(registers.tidy where grade != 'a')",
      "count(registers.tidy where grade != 'A')",
      "count(registers.tidy where flagged)",
      "count(registers.tidy as t where t.flagged)",
      "count(registers.tidy, salary > params.target)",
      "count(registers.tidy, salary > 25)",
      "count(registers.cases as c where any(registers.tidy where flagged and id == c.officer))",
      "count(registers.staff where exists(flagged) and flagged)",
      "count(registers.tidy where exists(flagged) and flagged)",
  };
  ExpectSameAsAlone(sources);
  std::reverse(sources.begin(), sources.end());
  ExpectSameAsAlone(sources);
}

// A replayed condition is not evaluated again, so it reads nothing from the environment: the
// state keeps answers only while a RuleAnswers lives (evaluator.h, KnownAnswers), and
// Evaluate holds one for each rule, whose evidence read is collected afresh
// (tests/eval/compiled_agreement_test.cc checks rules sharing a condition). Once its
// RuleAnswers has ended, the condition reads its evidence again, the same evidence in the same
// order as alone.
TEST(SharedAnswersTest, AReplayedConditionReadsNothingUntilForgotten) {
  const std::string c =
      "exists(limits.high) and salary > limits.high or mentor in registers.staff.id";
  SharedState shared;
  shared.Run("count(registers.tidy where " + c + ")");
  ASSERT_TRUE(shared.Keeps("pct(registers.tidy, " + c + ")", "tidy"));
  const std::string second = "pct(registers.tidy, " + c + ")";
  std::unique_ptr<Expr> e = Compile(second);
  ASSERT_TRUE(e);
  const Result alone = RunAlone(*e, false);
  const Result replayed = shared.Run(second);
  EXPECT_EQ(replayed.value, alone.value);
  EXPECT_NE(replayed.reads, alone.reads);  // the replay skipped the reads
  shared.Forget();
  ASSERT_FALSE(shared.Keeps(second, "tidy"));
  const Result again = shared.Run(second);
  EXPECT_EQ(again.value, alone.value);
  EXPECT_EQ(again.reads, alone.reads);
}

// A condition over every record of tidy, evaluated in a state of its own.
class TidyCondition {
 public:
  explicit TidyCondition(const std::string& condition)
      : e_(Compile("count(registers.tidy where " + condition + ")")),
        program_(state_.Program(Condition(*e_))) {}
  EvalState& state() { return state_; }
  bool Evaluates() { return Evaluate(*e_, env_, state_).is_decided(); }
  const std::vector<uint64_t>* Known() const {
    return state_.KnownAnswers(program_, TheWorld().Find("tidy"));
  }
  void Keep(std::vector<uint64_t> bits) {
    state_.KeepAnswers(program_, TheWorld().Find("tidy"), std::move(bits));
  }

 private:
  std::unique_ptr<Expr> e_;  // outlives the state, which keys programs by node
  EvalState state_;
  const RowProgram& program_;
  WorldEnvironment env_;
};

// Answers live in the RuleAnswers alive when they were found and die with it: a state keeps
// none with no RuleAnswers alive, so they cannot outlive the rule they were found for.
TEST(RuleAnswersTest, AnswersDieWithTheirScope) {
  TidyCondition c("salary > 20");
  {
    const EvalState::RuleAnswers answers(c.state());
    ASSERT_TRUE(c.Evaluates());
    EXPECT_NE(c.Known(), nullptr);
  }
  EXPECT_EQ(c.Known(), nullptr);
  ASSERT_TRUE(c.Evaluates());
  EXPECT_EQ(c.Known(), nullptr) << "kept with no RuleAnswers alive";
  c.Keep({~uint64_t{0}});
  EXPECT_EQ(c.Known(), nullptr) << "kept with no RuleAnswers alive";
}

// An inner RuleAnswers starts with none and, when it ends, the outer one's answers are back.
TEST(RuleAnswersTest, AnInnerScopeHidesTheOuterAnswersUntilItEnds) {
  TidyCondition c("flagged");
  const EvalState::RuleAnswers outer(c.state());
  ASSERT_TRUE(c.Evaluates());
  const std::vector<uint64_t>* kept = c.Known();
  ASSERT_NE(kept, nullptr);
  {
    const EvalState::RuleAnswers inner(c.state());
    EXPECT_EQ(c.Known(), nullptr);
    c.Keep({});
    EXPECT_NE(c.Known(), kept);
  }
  EXPECT_EQ(c.Known(), kept);
}

}  // namespace
}  // namespace forcecheck::expr
