// The bundled content: the rule pack checked against the two West Midlands Police examples
// must find what the 2016 inspection found, and every fact in the examples must be traceable
// to the words of its source document.

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "rules/rule_pack_loader.h"
#include "score/score.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = FORCECHECK_SOURCE_DIR;

struct Checked {
  RulePack pack;
  Evidence evidence;
  std::vector<Finding> findings;
  std::map<std::string, Outcome> outcome;  // by rule id
};

Checked CheckExample(const std::string& example) {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack((kSource / "rules").string(), diags);
  std::optional<Evidence> ev =
      LoadEvidence((kSource / "examples" / example / "evidence.yaml").string(), diags);
  std::ostringstream rendered;
  diags.RenderAll(rendered);
  EXPECT_EQ(rendered.str(), "");
  Checked c{std::move(*pack), std::move(*ev), {}, {}};
  c.findings = Evaluate(c.pack, c.evidence, EvalOptions{c.evidence.as_of});
  for (const Finding& f : c.findings) c.outcome[f.rule->id] = f.outcome;
  return c;
}

// What HMIC found missing at West Midlands Police in 2016, and the rule that must flag it.
struct Expected {
  const char* rule;
  Outcome outcome;
  const char* finding;
};

class WestMidlands2016Test : public ::testing::TestWithParam<Expected> {
 protected:
  static void SetUpTestSuite() { checked_ = new Checked(CheckExample("west-midlands-2016")); }
  static void TearDownTestSuite() { delete checked_; }
  static Checked* checked_;
};
Checked* WestMidlands2016Test::checked_ = nullptr;

TEST_P(WestMidlands2016Test, FindsWhatTheInspectionFound) {
  const Expected& e = GetParam();
  auto it = checked_->outcome.find(e.rule);
  ASSERT_NE(it, checked_->outcome.end()) << "no rule " << e.rule;
  EXPECT_EQ(OutcomeName(it->second), std::string(OutcomeName(e.outcome)))
      << e.rule << ": " << e.finding;
}

INSTANTIATE_TEST_SUITE_P(
    SeedReport, WestMidlands2016Test,
    ::testing::Values(
        // Found missing or incomplete.
        Expected{"VET-002", Outcome::kFail, "no vetting aftercare"},
        Expected{"VET-003", Outcome::kFail,
                 "people in sensitive posts without the required vetting"},
        Expected{"REG-002", Outcome::kFail, "no audit of expenses"},
        Expected{"REG-003", Outcome::kPartial, "no annual business-interest compliance check"},
        Expected{"CCU-001", Outcome::kPartial, "CCU covert investigations constrained by capacity"},
        Expected{"CCU-005", Outcome::kFail, "no control strategy for the strategic assessment"},
        Expected{"APSP-004", Outcome::kFail,
                 "no proactive APSP intelligence from external partners"},
        Expected{"APSP-005", Outcome::kFail, "no IT monitoring for APSP patterns"},
        Expected{"PDR-001", Outcome::kPartial,
                 "eDR used routinely in some parts of the force, not in others"},
        Expected{"PDR-009", Outcome::kFail,
                 "many supervisors hold neither an eDR nor the expected conversations"},
        Expected{"PDR-003", Outcome::kFail, "eDR not scrutinised for fairness"},
        // Found in place.
        Expected{"VET-001", Outcome::kPass, "recruit vetting compliant with national policy"},
        Expected{"REG-001", Outcome::kPass,
                 "monthly gifts and hospitality audits against procurement"},
        Expected{"APSP-001", Outcome::kPass, "APSP treated as serious corruption"},
        Expected{"APSP-002", Outcome::kPass, "APSP referred to the IPCC"},
        Expected{"CCU-007", Outcome::kPass, "confidential reporting line"},
        Expected{"MIS-001", Outcome::kPass, "misconduct outcomes published"}),
    [](const ::testing::TestParamInfo<Expected>& p) {
      std::string n = p.param.rule;
      for (char& ch : n) ch = ch == '-' ? '_' : ch;
      return n;
    });

TEST(WestMidlands2022Test, MostRulesAreNotAssessedAndNothingIsGraded) {
  Checked c = CheckExample("west-midlands-2022");
  const Scorecard card = Score(c.pack, c.findings, *c.pack.FindScale(c.pack.grading.scale));
  EXPECT_GT(card.overall.counts.not_assessed, card.overall.counts.total() / 2);
  EXPECT_EQ(card.overall.counts.error, 0);
  EXPECT_FALSE(card.overall.graded()) << card.overall.explanation;
  // The FOI answer does say the force works with partners who support vulnerable people.
  EXPECT_EQ(c.outcome.at("APSP-004"), Outcome::kPass);
}

// ---- provenance -------------------------------------------------------------------------------

// Folds typographic quotes and dashes and runs of white space, as a person reading would.
std::string Fold(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto is = [&](const char* seq) { return s.compare(i, std::strlen(seq), seq) == 0; };
    if (is("\u2018") || is("\u2019")) {
      out += '\'';
      i += 2;
      continue;
    }
    if (is("\u201c") || is("\u201d")) {
      out += '"';
      i += 2;
      continue;
    }
    if (is("\u2013") || is("\u2014")) {
      out += '-';
      i += 2;
      continue;
    }
    if (is("\u00a0")) {
      out += ' ';
      i += 1;
      continue;
    }
    const char c = s[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

// Every fact with a source "<id>, <section>: '<quotation>'" quotes its document word for word.
// Bare values are counted, except the fields of a list item (such as `year: 2020`), which
// identify the record whose facts carry the quotation.
void CollectQuotes(const EvidenceNode& n, const std::string& path, bool in_record,
                   std::vector<std::pair<std::string, std::string>>& quotes, int& bare) {
  if (n.kind == EvidenceNode::Kind::kSection) {
    for (const auto& [k, child] : n.fields)
      CollectQuotes(child, path + "." + k, in_record, quotes, bare);
    return;
  }
  if (n.kind == EvidenceNode::Kind::kList && n.source.empty()) {
    for (size_t i = 0; i < n.items.size(); ++i) {
      CollectQuotes(n.items[i], path + "[" + std::to_string(i) + "]", true, quotes, bare);
    }
    return;
  }
  if (n.source.empty()) {
    if (n.kind != EvidenceNode::Kind::kNull && !in_record) ++bare;
    return;
  }
  const size_t open = n.source.find(": '");
  if (open == std::string::npos || n.source.back() != '\'') {
    quotes.emplace_back(path, "");  // malformed source: reported by the caller
    return;
  }
  quotes.emplace_back(path, n.source.substr(open + 3, n.source.size() - open - 4));
}

// The same for the free `notes:` section, which the loader does not read: every mapping there
// with a `value` and a `source` is a fact whose quotation is checked like the evidence's.
void CollectNoteQuotes(const YAML::Node& n, const std::string& path,
                       std::vector<std::pair<std::string, std::string>>& quotes) {
  if (n.IsSequence()) {
    for (size_t i = 0; i < n.size(); ++i)
      CollectNoteQuotes(n[i], path + "[" + std::to_string(i) + "]", quotes);
    return;
  }
  if (!n.IsMap()) return;
  if (n["value"] && n["source"] && n["source"].IsScalar()) {
    const std::string source = n["source"].Scalar();
    const size_t open = source.find(": '");
    if (open == std::string::npos || source.back() != '\'') {
      quotes.emplace_back(path, "");
    } else {
      quotes.emplace_back(path, source.substr(open + 3, source.size() - open - 4));
    }
    return;
  }
  for (const auto& kv : n) CollectNoteQuotes(kv.second, path + "." + kv.first.Scalar(), quotes);
}

struct Provenance {
  const char* example;
  const char* seed;  // file under ../shared/seeds
};

class ProvenanceTest : public ::testing::TestWithParam<Provenance> {};

TEST_P(ProvenanceTest, EveryFactQuotesItsSourceWordForWord) {
  const fs::path seed = kSource.parent_path() / "shared" / "seeds" / GetParam().seed;
  if (!fs::exists(seed))
    GTEST_SKIP() << "seed document not found at " << seed << " (../shared is absent)";
  std::ifstream in(seed, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string folded = Fold(text.str());

  Diagnostics diags;
  std::optional<Evidence> ev =
      LoadEvidence((kSource / "examples" / GetParam().example / "evidence.yaml").string(), diags);
  ASSERT_TRUE(ev);
  std::vector<std::pair<std::string, std::string>> quotes;
  int bare = 0;
  CollectQuotes(ev->root, "evidence", false, quotes, bare);
  EXPECT_EQ(bare, 0) << "facts without a source";
  const YAML::Node file =
      YAML::LoadFile((kSource / "examples" / GetParam().example / "evidence.yaml").string());
  CollectNoteQuotes(file["notes"], "notes", quotes);
  EXPECT_GT(quotes.size(), 50u);
  for (const auto& [path, quote] : quotes) {
    EXPECT_FALSE(quote.empty()) << path << ": source is not \"<id>, <section>: '<quotation>'\"";
    EXPECT_NE(folded.find(Fold(quote)), std::string::npos)
        << path << ": not in the source: " << quote;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, ProvenanceTest,
    ::testing::Values(Provenance{"west-midlands-2016", "003_68cffe546c2cc3c5.txt"},
                      Provenance{"west-midlands-2022", "000_dd2e439c09e8f088.txt"}),
    [](const ::testing::TestParamInfo<Provenance>& p) {
      std::string n = p.param.example;
      for (char& ch : n) ch = ch == '-' ? '_' : ch;
      return n;
    });

}  // namespace
}  // namespace forcecheck
