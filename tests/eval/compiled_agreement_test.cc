// Compiled per-record expressions (expr/row_program.h), with the answers a rule's check,
// partial and records share, give exactly the findings of the tree evaluator alone: outcome,
// reason, the evidence each rule read, the records it flags and their total. Shown for the bundled
// pack over every bundled example and over generated registers of 2,000 records each with blank
// cells, and for a pack whose rules ask one condition that names evidence.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "rules/rule_pack_loader.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = FORCECHECK_SOURCE_DIR;

// A pack and evidence read as `forcecheck check` reads them. Registers point into the pack,
// so the two live together and are never moved.
struct Inputs {
  RulePack pack;
  Evidence evidence;
};

std::unique_ptr<Inputs> Load(const std::string& rules, const std::string& evidence) {
  auto in = std::make_unique<Inputs>();
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(rules, diags);
  EXPECT_TRUE(pack) << testing::RenderAll(diags);
  if (!pack) return nullptr;
  in->pack = std::move(*pack);
  EvidenceOptions options;
  options.registers = &in->pack.registers;
  options.schema = in->pack.evidence_schema;
  std::optional<Evidence> ev = LoadEvidence(evidence, options, diags);
  EXPECT_TRUE(ev) << testing::RenderAll(diags);
  if (!ev) return nullptr;
  in->evidence = std::move(*ev);
  return in;
}

// A finding written out in full, as the reports show it.
std::string Describe(const Finding& f) {
  std::string s = f.rule->id + ": " + OutcomeName(f.outcome) + ": " + f.reason + " [" +
                  f.reason_where.ToString() + "]\n";
  for (const EvidenceRef& r : f.evidence) {
    s += "  read " + r.path + (r.present ? " = " : " missing: ") + r.value + " at " +
         r.where.ToString() + (r.source.empty() ? "" : " from " + r.source) + "\n";
  }
  for (const RecordRef& r : f.records) s += "  record " + r.where.ToString() + " " + r.key + "\n";
  return s + "  records in all: " + std::to_string(f.records_total) + "\n";
}

// How many findings had each outcome, and how many were not assessed for a blank cell.
struct Tally {
  std::map<Outcome, int> outcomes;
  int blank_cells = 0;
};

// Sets FORCECHECK_JOBS (how many workers share out the rules, each worker with one state for
// the rules it takes) for the life of the object; empty leaves it unset.
class ScopedJobs {
 public:
  explicit ScopedJobs(const std::string& jobs) {
    if (const char* old = std::getenv("FORCECHECK_JOBS")) old_ = old;
    if (jobs.empty()) {
      unsetenv("FORCECHECK_JOBS");
    } else {
      setenv("FORCECHECK_JOBS", jobs.c_str(), 1);
    }
  }
  ~ScopedJobs() {
    if (old_) {
      setenv("FORCECHECK_JOBS", old_->c_str(), 1);
    } else {
      unsetenv("FORCECHECK_JOBS");
    }
  }
  ScopedJobs(const ScopedJobs&) = delete;
  ScopedJobs& operator=(const ScopedJobs&) = delete;

 private:
  std::optional<std::string> old_;
};

// Evaluates the pack compiled and not; expects the same findings, rule by rule. Both on one
// worker, so that every rule is evaluated in one state (which must forget each rule's
// answers before the next), and on as many as the machine gives.
Tally ExpectSameFindings(const Inputs& in) {
  Tally tally;
  for (const char* jobs : {"1", ""}) {
    SCOPED_TRACE(std::string("FORCECHECK_JOBS=") + jobs);
    ScopedJobs scoped(jobs);
    EvalOptions options{in.evidence.as_of};
    const std::vector<Finding> compiled = Evaluate(in.pack, in.evidence, options);
    options.compiled = false;
    const std::vector<Finding> plain = Evaluate(in.pack, in.evidence, options);
    tally = Tally{};
    EXPECT_EQ(compiled.size(), plain.size());
    for (size_t i = 0; i < compiled.size() && i < plain.size(); ++i) {
      EXPECT_EQ(Describe(compiled[i]), Describe(plain[i]))
          << "compiled, then the tree evaluator alone";
      tally.outcomes[plain[i].outcome]++;
      tally.blank_cells += plain[i].reason.find("' is empty at ") != std::string::npos;
    }
  }
  return tally;
}

// ---- the bundled examples -------------------------------------------------------------------

std::vector<std::string> Examples() {
  std::vector<std::string> names;
  for (const fs::directory_entry& d : fs::directory_iterator(kSource / "examples")) {
    if (fs::exists(d.path() / "evidence.yaml")) names.push_back(d.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class CompiledAgreementExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CompiledAgreementExampleTest, GivesTheSameFindings) {
  std::unique_ptr<Inputs> in = Load((kSource / "rules").string(),
                                    (kSource / "examples" / GetParam() / "evidence.yaml").string());
  ASSERT_TRUE(in);
  ExpectSameFindings(*in);
}

TEST(CompiledAgreementTest, EveryExampleIsCompared) { EXPECT_GE(Examples().size(), 4u); }

INSTANTIATE_TEST_SUITE_P(Bundled, CompiledAgreementExampleTest, ::testing::ValuesIn(Examples()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string n = p.param;
                           for (char& ch : n) ch = ch == '-' ? '_' : ch;
                           return n;
                         });

// ---- generated registers --------------------------------------------------------------------

// Choices from a fixed seed (mt19937's output is fixed by the standard; its distributions are
// not, so none is used).
class Dice {
 public:
  explicit Dice(uint32_t seed) : rng_(seed) {}
  size_t Below(size_t n) { return rng_() % n; }
  bool Percent(size_t p) { return Below(100) < p; }

 private:
  std::mt19937 rng_;
};

constexpr const char* kAsOf = "2016-03-31";

// The words the bundled pack's rules compare text columns with, by column name.
const std::map<std::string, std::vector<std::string>>& Vocabulary() {
  static const std::map<std::string, std::vector<std::string>> kWords = {
      {"role", {"officer", "staff", "pcso", "special", "volunteer"}},
      {"department", {"CID", "Response", "Custody", "Public Protection", "Contact Centre"}},
      {"required_level", {"RV", "MV", "MV-SC", "MV-DV"}},
      {"level_held", {"RV", "MV", "MV-SC", "MV-DV"}},
      {"category", {"apsp", "vawg", "sexual_misconduct", "misogyny", "other"}},
      {"outcome",
       {"dismissed", "final_written_warning", "written_warning", "management_action",
        "reflective_practice", "no_case_to_answer", "not_proven"}},
  };
  return kWords;
}

// A cell of `col` for record `row` of `rows`: unique keys; people drawn from as many ids as
// records, so that registers keyed by person meet; donors and suppliers from 60 names, so that
// gifts from suppliers are found; dates within five years of the as-of date, a quarter of them
// on a month's last day.
std::string CellText(const RegisterSpec& spec, const ColumnSpec& col, size_t row, size_t rows,
                     Dice& dice) {
  char buf[32];
  switch (col.type) {
    case ColumnType::kNumber:
      return std::to_string(dice.Below(600)) + (dice.Percent(50) ? ".50" : "");
    case ColumnType::kBool: return dice.Percent(70) ? "true" : "false";
    case ColumnType::kDate: {
      if (dice.Percent(25)) {
        const int y = 2011 + static_cast<int>(dice.Below(6));
        const unsigned m = 1 + static_cast<unsigned>(dice.Below(12));
        return DateFromCivil(y, m, DaysInMonth(y, m)).ToString();
      }
      const Date as_of = *ParseDate(kAsOf);
      return Date{as_of.days - 1826 + static_cast<int32_t>(dice.Below(2 * 1826))}.ToString();
    }
    case ColumnType::kText: break;
  }
  if (col.name == spec.key) {
    std::snprintf(buf, sizeof buf, "%s-%05zu", spec.id.substr(0, 3).c_str(), row);
    return buf;
  }
  if (col.name == "person_id" || col.name == "recipient" || col.name == "approved_by") {
    std::snprintf(buf, sizeof buf, "per-%05zu", dice.Below(rows));
    return buf;
  }
  if (col.name == "donor" || col.name == "supplier") return "Org " + std::to_string(dice.Below(60));
  auto it = Vocabulary().find(col.name);
  if (it != Vocabulary().end()) return it->second[dice.Below(it->second.size())];
  return "text " + std::to_string(dice.Below(5));
}

// Writes a CSV of `rows` records for every register `pack` declares, and an evidence file
// naming them (with no other facts: only register rules are assessed); returns its path.
// Optional cells are blank at `blank_pct` percent.
std::string Generate(const RulePack& pack, size_t rows, size_t blank_pct, uint32_t seed,
                     const testing::TempDir& dir) {
  Dice dice(seed);
  std::string evidence = std::string("force: Generatedshire Police\nas_of: ") + kAsOf +
                         "\nsynthetic: true\nevidence: {}\nregisters:\n";
  for (const RegisterSpec& spec : pack.registers) {
    std::string csv;
    for (size_t c = 0; c < spec.columns.size(); ++c) csv += (c ? "," : "") + spec.columns[c].name;
    csv += "\n";
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < spec.columns.size(); ++c) {
        const ColumnSpec& col = spec.columns[c];
        if (c) csv += ",";
        if (col.required || !dice.Percent(blank_pct)) csv += CellText(spec, col, r, rows, dice);
      }
      csv += "\n";
    }
    dir.Write("registers/" + spec.id + ".csv", csv);
    evidence += "  " + spec.id + ": registers/" + spec.id + ".csv\n";
  }
  return dir.Write("evidence.yaml", evidence);
}

class CompiledAgreementGeneratedTest : public ::testing::TestWithParam<size_t> {};

TEST_P(CompiledAgreementGeneratedTest, GivesTheSameFindings) {
  testing::TempDir dir;
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack((kSource / "rules").string(), diags);
  ASSERT_TRUE(pack) << testing::RenderAll(diags);
  ASSERT_FALSE(pack->registers.empty());
  const std::string evidence = Generate(*pack, 2000, GetParam(), 20160331, dir);
  std::unique_ptr<Inputs> in = Load((kSource / "rules").string(), evidence);
  ASSERT_TRUE(in);
  ASSERT_EQ(in->evidence.registers.size(), in->pack.registers.size());
  Tally tally = ExpectSameFindings(*in);
  // Not vacuous: register rules pass, fail and are partly met (listing records), and with
  // blank cells some cannot be assessed.
  EXPECT_GT(tally.outcomes[Outcome::kFail], 3);
  EXPECT_GT(tally.outcomes[Outcome::kPartial] + tally.outcomes[Outcome::kPass], 0);
  EXPECT_EQ(tally.blank_cells > 0, GetParam() > 0);
}

// Percentages of optional cells left blank.
INSTANTIATE_TEST_SUITE_P(BlankPercent, CompiledAgreementGeneratedTest, ::testing::Values(0, 3, 15));

// ---- rules that ask one condition -----------------------------------------------------------

constexpr const char* kSharedPack = R"(pack:
  id: shared
  title: Rules sharing a condition
  version: 1.0.0
  scales:
    - id: s
      title: S
      bands: [ { grade: good, min: 50 }, { grade: poor, min: 0 } ]
  questions: [ { id: q, title: Q } ]
  areas: [ { id: q/a, title: A } ]
registers:
  - id: claims
    title: Claims
    key: claim_id
    columns:
      - { name: claim_id, type: text, required: true }
      - { name: amount, type: number }
      - { name: approver, type: text }
  - id: approvers
    title: Approvers
    key: person_id
    columns:
      - { name: person_id, type: text, required: true }
rules:
  - id: A-1
    title: No claim over the limit or approved by someone who may not
    area: q/a
    severity: high
    weight: 1
    source: { document: D, section: S, year: 2020 }
    rationale: R
    check: count(registers.claims where exists(limits.waiver) or amount > limits.claim or not (approver in registers.approvers.person_id)) == 0
    records: registers.claims where exists(limits.waiver) or amount > limits.claim or not (approver in registers.approvers.person_id)
    gap: G
    remediation: R
  - id: A-2
    title: Few such claims
    area: q/a
    severity: high
    weight: 1
    source: { document: D, section: S, year: 2020 }
    rationale: R
    check: pct(registers.claims, exists(limits.waiver) or amount > limits.claim or not (approver in registers.approvers.person_id)) < limits.tolerance
    gap: G
    remediation: R
  - id: A-3
    title: No more such claims than the absent fact allows
    area: q/a
    severity: high
    weight: 1
    source: { document: D, section: S, year: 2020 }
    rationale: R
    check: count(registers.claims where exists(limits.waiver) or amount > limits.claim or not (approver in registers.approvers.person_id)) <= limits.allowed
    gap: G
    remediation: R
)";

// The condition's answers, kept after A-1, are replayed for A-2 and A-3; but each rule still
// read limits.waiver (absent), limits.claim and the approvers register, and must list them as
// its evidence, and A-3, not assessed, must name limits.waiver among what is missing.
TEST(CompiledAgreementTest, RulesSharingAConditionEachListTheEvidenceItReads) {
  testing::TempDir dir;
  dir.Write("pack.yaml", kSharedPack);
  dir.Write("ev/registers/claims.csv",
            "claim_id,amount,approver\nC1,50,P1\nC2,150,P2\nC3,20,P9\nC4,80,P1\n");
  dir.Write("ev/registers/approvers.csv", "person_id\nP1\nP2\n");
  dir.Write("ev/evidence.yaml",
            "force: Testshire\nas_of: 2020-03-31\nevidence:\n  limits:\n    claim: 100\n    "
            "tolerance: 50\n"
            "registers:\n  claims: registers/claims.csv\n  approvers: registers/approvers.csv\n");
  std::unique_ptr<Inputs> in = Load(dir.Path("pack.yaml"), dir.Path("ev/evidence.yaml"));
  ASSERT_TRUE(in);
  Tally tally = ExpectSameFindings(*in);
  EXPECT_EQ(tally.outcomes[Outcome::kFail], 2);
  EXPECT_EQ(tally.outcomes[Outcome::kNotAssessed], 1);
}

}  // namespace
}  // namespace forcecheck
