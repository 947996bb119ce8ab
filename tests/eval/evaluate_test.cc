#include "eval/evaluate.h"

#include <gtest/gtest.h>

#include "expr/parser.h"

#include "testing/load_text.h"
#include "testing/test_pack.h"

namespace forcecheck {
namespace {

using testing::LoadEvidenceText;
using testing::LoadPackText;
using testing::RenderAll;
using testing::TempDir;

// A pack header of 20 lines; rules follow from line 21, one per line.
const std::string kPackHeader =
    std::string(testing::kTestPackHead) + testing::FourStepScales() + R"(  questions:
    - id: ethics
      title: Ethics
  areas:
    - id: ethics/vetting
      title: Vetting
rules:
)";

// One rule on one line. With a four-character id the check's text starts at column 24.
std::string RuleLine(const std::string& id, const std::string& check,
                     const std::string& partial = "") {
  return "  - {id: " + id + ", check: \"" + check + "\"" +
         (partial.empty() ? "" : ", partial: \"" + partial + "\"") + ", title: Rule " + id +
         ", area: ethics/vetting, severity: high, weight: 1, "
         "source: {document: D, section: S, year: 2016}, rationale: r, gap: g, remediation: m}\n";
}

constexpr const char* kEvidence = R"(force: Test Police
as_of: 2016-03-31
sources:
  - {id: hmic, title: HMIC report}
evidence:
  vetting:
    in_place: true
    planned: true
    backlog:
      value: 12
      source: "hmic p3: 'there are backlogs'"
    unit: PSD
    nothing: null
    reviewed: 2015-11-02
    teams: [north, south]
)";

class EvaluateTest : public ::testing::Test {
 protected:
  // Loads kPackHeader + `rules` and kEvidence, and evaluates as at `as_of`.
  std::vector<Finding> Run(const std::string& rules, Date as_of = DateFromCivil(2016, 3, 31)) {
    pack_ = LoadPackText(dir_, std::string(kPackHeader) + rules);
    evidence_ = LoadEvidenceText(dir_, kEvidence);
    return Evaluate(pack_, evidence_, EvalOptions{as_of});
  }

  std::string PackFile() const { return dir_.Path("pack.yaml"); }
  std::string EvidenceFile() const { return dir_.Path("evidence.yaml"); }

  TempDir dir_;
  RulePack pack_;
  Evidence evidence_;
};

// ---- outcomes ---------------------------------------------------------------------------------

struct OutcomeCase {
  const char* name;
  const char* check;
  const char* partial;  // "" for none
  Outcome outcome;
  const char* reason;
};

class EvaluateOutcomeTest : public EvaluateTest,
                            public ::testing::WithParamInterface<OutcomeCase> {};

TEST_P(EvaluateOutcomeTest, GivesOutcomeAndReason) {
  const OutcomeCase& c = GetParam();
  std::vector<Finding> findings = Run(RuleLine("R-01", c.check, c.partial));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(OutcomeName(findings[0].outcome), std::string(OutcomeName(c.outcome)));
  EXPECT_EQ(findings[0].reason, c.reason);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EvaluateOutcomeTest,
    ::testing::Values(
        OutcomeCase{"Pass", "vetting.in_place == true", "", Outcome::kPass, "the check is met"},
        OutcomeCase{"Fail", "vetting.backlog == 0", "", Outcome::kFail, "the check is not met"},
        OutcomeCase{"Partial", "vetting.backlog == 0", "vetting.planned", Outcome::kPartial,
                    "the check is not met, but the rule is partly met"},
        OutcomeCase{"FailWithPartialFalse", "vetting.backlog == 0", "not vetting.planned",
                    Outcome::kFail, "the check is not met, nor partly met"},
        OutcomeCase{"FailWithPartialUnknown", "vetting.backlog == 0", "vetting.absent == true",
                    Outcome::kFail,
                    "the check is not met; whether it is partly met is unknown: vetting.absent "
                    "(absent)"},
        OutcomeCase{"PartialNotNeededWhenPassed", "vetting.in_place", "vetting.unit > 1",
                    Outcome::kPass, "the check is met"},
        OutcomeCase{"NotAssessedWhenAbsent", "vetting.aftercare.done == true", "",
                    Outcome::kNotAssessed,
                    "evidence needed is missing: vetting.aftercare.done (absent)"},
        OutcomeCase{"NotAssessedWhenNull", "vetting.nothing > 1", "", Outcome::kNotAssessed,
                    "evidence needed is missing: vetting.nothing (null)"},
        OutcomeCase{"NotAssessedListsEveryMissingPath", "vetting.gone or vetting.nothing", "",
                    Outcome::kNotAssessed,
                    "evidence needed is missing: vetting.gone (absent), vetting.nothing (null)"},
        OutcomeCase{"NotAssessedWhenUnknownMeetsTrue", "vetting.in_place and vetting.gone", "",
                    Outcome::kNotAssessed, "evidence needed is missing: vetting.gone (absent)"},
        OutcomeCase{"FalseAndUnknownIsFail", "vetting.backlog == 0 and vetting.gone", "",
                    Outcome::kFail, "the check is not met"},
        OutcomeCase{"TrueOrUnknownIsPass", "vetting.gone or vetting.in_place", "", Outcome::kPass,
                    "the check is met"},
        OutcomeCase{"ExistsOfNullIsFail", "exists(vetting.nothing)", "", Outcome::kFail,
                    "the check is not met"},
        OutcomeCase{"ExistsOfSection", "exists(vetting)", "", Outcome::kPass, "the check is met"},
        OutcomeCase{"WrongTypeIsError", "vetting.unit > 3", "", Outcome::kError,
                    "in 'check': '>' cannot order text ('PSD') against a number (3)"},
        OutcomeCase{"NumberIsNotBoolean", "vetting.backlog", "", Outcome::kError,
                    "'check' must give true or false, but gave a number (12)"},
        OutcomeCase{"SectionIsNotBoolean", "vetting", "", Outcome::kError,
                    "'check' must give true or false, but gave a section"},
        OutcomeCase{"ErrorInPartial", "vetting.backlog == 0", "vetting.unit * 1 > 0",
                    Outcome::kError,
                    "in 'partial': '*' needs numbers, not text ('PSD') and a number (1)"},
        OutcomeCase{"PartialGivesList", "vetting.backlog == 0", "vetting.teams", Outcome::kError,
                    "'partial' must give true or false, but gave a list (['north', 'south'])"},
        OutcomeCase{"Contains", "contains(vetting.teams, 'south') and len(vetting.teams) == 2", "",
                    Outcome::kPass, "the check is met"}),
    [](const ::testing::TestParamInfo<OutcomeCase>& p) { return p.param.name; });

TEST_F(EvaluateTest, ErrorPointsIntoTheRuleFile) {
  std::vector<Finding> f = Run(RuleLine("R-01", "vetting.in_place and vetting.unit > 3"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].outcome, Outcome::kError);
  // The '>' comparison starts at offset 21 of the text, which starts at line 21, column 24.
  EXPECT_EQ(f[0].reason_where, (SourceLocation{PackFile(), 21, 45}));
}

TEST_F(EvaluateTest, NonBooleanResultPointsAtTheExpression) {
  std::vector<Finding> f = Run(RuleLine("R-01", "vetting.backlog"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason_where, (SourceLocation{PackFile(), 21, 24}));
}

TEST_F(EvaluateTest, ErrorInPartialPointsIntoThePartial) {
  std::vector<Finding> f = Run("  - id: R-01\n"
                               "    check: vetting.backlog == 0\n"
                               "    partial: vetting.planned and vetting.unit * 2 > 1\n"
                               "    title: T\n    area: ethics/vetting\n    severity: low\n"
                               "    weight: 1\n    source: {document: D, section: S, year: 2016}\n"
                               "    rationale: r\n    gap: g\n    remediation: m\n");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].outcome, Outcome::kError);
  EXPECT_EQ(f[0].reason, "in 'partial': '*' needs numbers, not text ('PSD') and a number (2)");
  EXPECT_EQ(f[0].reason_where, (SourceLocation{PackFile(), 23, 34}));
}

TEST_F(EvaluateTest, PassAndFailHaveNoReasonLocation) {
  std::vector<Finding> f =
      Run(RuleLine("R-01", "vetting.in_place") + RuleLine("R-02", "vetting.gone"));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].reason_where, SourceLocation{});
  EXPECT_EQ(f[1].reason_where, SourceLocation{});
}

TEST_F(EvaluateTest, KeepsPackRuleOrder) {
  std::vector<Finding> f =
      Run(RuleLine("R-02", "vetting.in_place") + RuleLine("R-01", "vetting.gone") +
          RuleLine("R-03", "vetting.backlog > 100"));
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].rule, &pack_.rules[0]);
  EXPECT_EQ(f[0].rule->id, "R-02");
  EXPECT_EQ(f[1].rule->id, "R-01");
  EXPECT_EQ(f[2].rule->id, "R-03");
  EXPECT_EQ(f[2].outcome, Outcome::kFail);
}

TEST_F(EvaluateTest, AsOfComesFromOptions) {
  const std::string rule = RuleLine("R-01", "days_between(vetting.reviewed, as_of()) < 365");
  EXPECT_EQ(Run(rule, DateFromCivil(2016, 3, 31))[0].outcome, Outcome::kPass);
  EXPECT_EQ(Run(rule, DateFromCivil(2016, 11, 2))[0].outcome, Outcome::kFail);
}

// ---- evidence references ----------------------------------------------------------------------

TEST_F(EvaluateTest, ListsEachPathLookedAtOnceWithValueLocationAndSource) {
  std::vector<Finding> f =
      Run(RuleLine("R-01", "vetting.backlog > 10 and vetting.in_place and vetting.backlog < 20 and "
                           "vetting.unit == 'PSD' and vetting.reviewed < 2016-01-01"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].outcome, Outcome::kPass);
  const std::vector<EvidenceRef>& e = f[0].evidence;
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].path, "vetting.backlog");
  EXPECT_TRUE(e[0].present);
  EXPECT_EQ(e[0].value, "12");
  EXPECT_EQ(e[0].where, (SourceLocation{EvidenceFile(), 10, 14}));
  EXPECT_EQ(e[0].source, "hmic p3: 'there are backlogs'");
  EXPECT_EQ(e[1].path, "vetting.in_place");
  EXPECT_EQ(e[1].value, "true");
  EXPECT_EQ(e[1].where, (SourceLocation{EvidenceFile(), 7, 15}));
  EXPECT_EQ(e[1].source, "");
  EXPECT_EQ(e[2].path, "vetting.unit");
  EXPECT_EQ(e[2].value, "'PSD'");
  EXPECT_EQ(e[3].path, "vetting.reviewed");
  EXPECT_EQ(e[3].value, "2015-11-02");
}

TEST_F(EvaluateTest, ListsAbsentAndNullEvidence) {
  std::vector<Finding> f = Run(RuleLine("R-01", "vetting.gone.deeper or vetting.nothing"));
  ASSERT_EQ(f.size(), 1u);
  const std::vector<EvidenceRef>& e = f[0].evidence;
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].path, "vetting.gone.deeper");
  EXPECT_FALSE(e[0].present);
  EXPECT_EQ(e[0].value, "absent");
  EXPECT_EQ(e[0].where, SourceLocation{});
  EXPECT_EQ(e[1].path, "vetting.nothing");
  EXPECT_FALSE(e[1].present);
  EXPECT_EQ(e[1].value, "null");
  EXPECT_EQ(e[1].where, (SourceLocation{EvidenceFile(), 13, 14}));
}

TEST_F(EvaluateTest, ListsListsAndSections) {
  std::vector<Finding> f = Run(RuleLine("R-01", "len(vetting.teams) > 1 and exists(vetting)"));
  ASSERT_EQ(f.size(), 1u);
  ASSERT_EQ(f[0].evidence.size(), 2u);
  EXPECT_EQ(f[0].evidence[0].value, "['north', 'south']");
  EXPECT_EQ(f[0].evidence[1].path, "vetting");
  EXPECT_EQ(f[0].evidence[1].value, "(section)");
  EXPECT_TRUE(f[0].evidence[1].present);
}

TEST_F(EvaluateTest, AddsEvidenceOfPartialAfterEvidenceOfCheck) {
  std::vector<Finding> f =
      Run(RuleLine("R-01", "vetting.backlog == 0", "vetting.planned and vetting.backlog < 50"));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].outcome, Outcome::kPartial);
  ASSERT_EQ(f[0].evidence.size(), 2u);
  EXPECT_EQ(f[0].evidence[0].path, "vetting.backlog");
  EXPECT_EQ(f[0].evidence[1].path, "vetting.planned");
}

TEST_F(EvaluateTest, EvidenceIsPerRule) {
  std::vector<Finding> f =
      Run(RuleLine("R-01", "vetting.in_place") + RuleLine("R-02", "vetting.planned"));
  ASSERT_EQ(f.size(), 2u);
  ASSERT_EQ(f[1].evidence.size(), 1u);
  EXPECT_EQ(f[1].evidence[0].path, "vetting.planned");
}

// ---- failures of the evaluator itself ---------------------------------------------------------

// `e` parsed again with its right operand a name the evaluator cannot resolve, as no pack
// loaded from a file can have (the checker resolves every name).
void BreakRightOperand(CompiledExpr& e) {
  expr::ParseResult parsed = expr::Parse(e.text);
  ASSERT_FALSE(parsed.error);
  parsed.expr->args[1]->ref = static_cast<expr::Ref>(99);
  e.ast = std::move(parsed.expr);
}

// What `evaluate` throws as a failure of the evaluator, or "" when it throws none.
template <typename F>
std::string RuleEngineFailureOf(F evaluate) {
  try {
    evaluate();
  } catch (const RuleEngineFailure& failure) {
    return failure.what();
  }
  return "";
}

// A failure of the evaluator is no outcome of a rule (an error finding would blame the rule or
// the evidence): Evaluate gives no findings but throws it, naming the rule and the place, and
// the command line ends with exit 3.
TEST_F(EvaluateTest, AFailureOfTheEvaluatorNamesTheRuleAndIsNoFinding) {
  Run(RuleLine("R-01", "vetting.in_place") +
      RuleLine("R-02", "vetting.planned and vetting.in_place"));
  BreakRightOperand(pack_.rules[1].check);
  const EvalOptions options{DateFromCivil(2016, 3, 31)};
  EXPECT_EQ(
      RuleEngineFailureOf([&] { Evaluate(pack_, evidence_, options); }),
      "rule R-02: in 'check' at " + PackFile() + ":22:44: unresolved name 'vetting.in_place'");
  EXPECT_EQ(
      RuleEngineFailureOf([&] { EvaluateOne(pack_.rules[1], evidence_, options); }),
      "rule R-02: in 'check' at " + PackFile() + ":22:44: unresolved name 'vetting.in_place'");
  EXPECT_EQ(RuleEngineFailureOf([&] { EvaluateOne(pack_.rules[0], evidence_, options); }), "");
}

TEST_F(EvaluateTest, AFailureOfTheEvaluatorInThePartialNamesThePartial) {
  Run(RuleLine("R-01", "vetting.backlog == 0", "vetting.planned and vetting.in_place"));
  BreakRightOperand(*pack_.rules[0].partial);
  EXPECT_EQ(
      RuleEngineFailureOf(
          [&] { EvaluateOne(pack_.rules[0], evidence_, EvalOptions{DateFromCivil(2016, 3, 31)}); }),
      "rule R-01: in 'partial' at " + PackFile() + ":21:77: unresolved name 'vetting.in_place'");
}

// ---- registers with no records ----------------------------------------------------------------

// A pack with one register (`may_be_empty` as given) and rules over its records, evaluated
// against the register file holding `rows` records after its header.
class EmptyRegisterTest : public ::testing::Test {
 protected:
  std::vector<Finding> Run(int rows, bool may_be_empty) {
    std::string pack = std::string(kPackHeader) + RuleLine("R-01", "all(registers.cases, closed)") +
                       RuleLine("R-02", "count(registers.cases where not closed) == 0") +
                       RuleLine("R-03", "vetting.in_place") +
                       "registers:\n"
                       "  - id: cases\n"
                       "    title: Cases\n"
                       "    key: case_id\n" +
                       (may_be_empty ? "    may_be_empty: true\n" : "") +
                       "    columns:\n"
                       "      - { name: case_id, type: text, required: true }\n"
                       "      - { name: closed, type: boolean, required: true }\n";
    pack_ = LoadPackText(dir_, pack);
    std::string csv = "case_id,closed\n";
    for (int i = 0; i < rows; ++i) csv += "C" + std::to_string(i) + ",true\n";
    dir_.Write("cases.csv", csv);
    Diagnostics diags;
    EvidenceOptions options;
    options.registers = &pack_.registers;
    std::optional<Evidence> ev = LoadEvidence(
        dir_.Write("evidence.yaml", "force: F\nas_of: 2016-03-31\nregisters:\n  cases: cases.csv\n"
                                    "evidence:\n  vetting:\n    in_place: true\n"),
        options, diags);
    EXPECT_TRUE(ev.has_value()) << RenderAll(diags);
    if (!ev) return {};
    evidence_ = std::move(*ev);
    return Evaluate(pack_, evidence_, EvalOptions{DateFromCivil(2016, 3, 31)});
  }

  TempDir dir_;
  RulePack pack_;
  Evidence evidence_;
};

TEST_F(EmptyRegisterTest, NoRecordsIsNotAssessed) {
  std::vector<Finding> f = Run(0, false);
  ASSERT_EQ(f.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(f[i].outcome, Outcome::kNotAssessed) << f[i].rule->id;
    EXPECT_EQ(f[i].reason, "evidence needed is missing: registers.cases (no records)");
    ASSERT_EQ(f[i].evidence.size(), 1u);
    EXPECT_FALSE(f[i].evidence[0].present);
    EXPECT_EQ(f[i].evidence[0].where.file, dir_.Path("cases.csv"));
  }
  EXPECT_EQ(f[2].outcome, Outcome::kPass);  // rules that do not read the register are unaffected
}

TEST_F(EmptyRegisterTest, OneRecordIsAssessed) {
  std::vector<Finding> f = Run(1, false);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].outcome, Outcome::kPass);
  EXPECT_EQ(f[1].outcome, Outcome::kPass);
  EXPECT_EQ(f[1].evidence[0].value, "1 record");
}

TEST_F(EmptyRegisterTest, NoRecordsIsAssessedWhereThePackSaysItMayBeEmpty) {
  std::vector<Finding> f = Run(0, true);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].outcome, Outcome::kPass);
  EXPECT_EQ(f[1].outcome, Outcome::kPass);
  EXPECT_TRUE(f[1].evidence[0].present);
  EXPECT_EQ(f[1].evidence[0].value, "0 records");
}

TEST(OutcomeTest, HasNameAndId) {
  EXPECT_STREQ(OutcomeName(Outcome::kPass), "pass");
  EXPECT_STREQ(OutcomeName(Outcome::kPartial), "partial");
  EXPECT_STREQ(OutcomeName(Outcome::kFail), "fail");
  EXPECT_STREQ(OutcomeName(Outcome::kNotAssessed), "not assessed");
  EXPECT_STREQ(OutcomeName(Outcome::kError), "error");
  EXPECT_STREQ(OutcomeId(Outcome::kNotAssessed), "not_assessed");
  EXPECT_STREQ(OutcomeId(Outcome::kPartial), "partial");
}

}  // namespace
}  // namespace forcecheck
