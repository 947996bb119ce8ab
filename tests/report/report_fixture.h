#pragma once

// Reports built the way `forcecheck check` builds them, from a small pack and evidence file
// written to a scratch directory, for the writers' unit tests.
//
// kMiniPack against kMiniEvidence reaches every outcome: VET-001 pass, VET-002 fail (critical,
// cause of concern, source URL), REG-001 partial, REG-002 not assessed, PDR-001 error, and
// PDR-002 fail with its only evidence absent (so nothing in the evidence file to point at).
// kHostilePack and kHostileEvidence put markup, formula and control characters everywhere a
// string can go.
//
// Files are loaded by relative name from inside the scratch directory, as a user in a
// repository would run forcecheck, so locations read "evidence.yaml:13:17".

#include <unistd.h>

#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "eval/evaluate.h"
#include "evidence/evidence_loader.h"
#include "report/report.h"
#include "rules/rule_pack_loader.h"
#include "score/score.h"

#include "testing/temp_dir.h"
#include "testing/test_pack.h"

namespace forcecheck::testing {

inline const std::string kMiniPack = R"yaml(pack:
  id: mini
  title: Mini pack
  version: 1.2.3
  grading: { scale: four, partial_credit: 0.5, not_assessed: exclude, min_coverage: 0.5 }
)yaml" + FourStepScales() + R"yaml(  questions:
    - { id: ethical, title: "Does the workforce behave ethically?" }
    - { id: workforce, title: "Is the workforce treated fairly?" }
  areas:
    - { id: ethical/vetting, title: Vetting }
    - { id: ethical/registers, title: Integrity registers }
    - { id: workforce/performance, title: Performance reviews }
rules:
  - id: VET-001
    title: Recruit vetting follows national policy
    area: ethical/vetting
    severity: high
    weight: 2
    source: { document: Test document, section: Vetting, year: 2016 }
    rationale: Vetting keeps unsuitable people out.
    check: vetting.recruit_compliant == true
    gap: Recruit vetting does not follow national policy.
    remediation: Apply national vetting policy to every recruit.
  - id: VET-002
    title: Vetting aftercare is carried out
    area: ethical/vetting
    severity: critical
    weight: 3
    cause_of_concern: force
    source: { document: Test document, section: Aftercare, year: 2016, url: "https://example.invalid/aftercare" }
    rationale: Clearances go stale.
    check: vetting.aftercare.in_place == true and days_between(vetting.aftercare.last_review, as_of()) <= 365
    gap: Vetting aftercare is not carried out.
    remediation: Review every clearance at least once a year.
  - id: REG-001
    title: Integrity registers are audited
    area: ethical/registers
    severity: medium
    weight: 2
    source: { document: Test document, section: Registers, year: 2014 }
    rationale: Audits find corruption.
    check: integrity_registers.gifts_audited and integrity_registers.expenses_audited
    partial: integrity_registers.gifts_audited
    gap: Not every register is audited.
    remediation: Audit expenses as well as gifts and hospitality.
  - id: REG-002
    title: Business interests are checked every year
    area: ethical/registers
    severity: low
    weight: 1
    source: { document: Test document, section: Registers, year: 2016 }
    rationale: Approvals go stale.
    check: integrity_registers.business_interest_checks_per_year >= 1
    gap: No annual compliance check of business interests.
    remediation: Check every approved business interest each year.
  - id: PDR-001
    title: Appraisals are completed
    area: workforce/performance
    severity: medium
    weight: 1
    source: { document: Test document, section: Performance, year: 2016 }
    rationale: Fair development needs reviews.
    check: performance.edr_completion_pct >= 80
    gap: Too few appraisals are completed.
    remediation: Set and monitor a completion target.
  - id: PDR-002
    title: Appraisal fairness is scrutinised
    area: workforce/performance
    severity: info
    weight: 1
    source: { document: Test document, section: Performance, year: 2016 }
    rationale: Scrutiny keeps the process fair.
    check: exists(performance.scrutiny_board)
    gap: Nobody scrutinises appraisals for fairness.
    remediation: Give a board the job of scrutinising appraisals.
)yaml";

inline constexpr std::string_view kMiniEvidence = R"yaml(force: Testshire Constabulary
as_of: 2016-03-31
synthetic: true
evidence:
  vetting:
    recruit_compliant:
      value: true
      source: "test: 'recruit vetting complies with national policy'"
    aftercare:
      in_place: true
      last_review: 2014-06-30
  integrity_registers:
    gifts_audited: true
    expenses_audited: false
  performance:
    edr_completion_pct: 'about half'
)yaml";

// The two values the browser test looks for: each would mark <html> with data-pwned if it ran.
inline constexpr std::string_view kImgPayload =
    R"js(<img src=x onerror="document.documentElement.setAttribute('data-pwned','1')">)js";
inline constexpr std::string_view kScriptPayload =
    R"js(</script><script>document.documentElement.setAttribute('data-pwned','2')</script>)js";

inline constexpr std::string_view kHostilePack = R"yaml(pack:
  id: hostile
  title: "</style><script>alert('pack')</script>"
  version: "1.0.0"
  scales:
    - id: s
      title: "Scale & <b>bold</b>"
      bands: [ { grade: "<i>good</i>", min: 50 }, { grade: "=poor", min: 0 } ]
  questions: [ { id: q, title: "Q | with | pipes" } ]
  areas: [ { id: q/a, title: "<svg onload=alert('area')>" } ]
rules:
  - id: H-001
    title: "[click](javascript:alert(1)) *bold* `code` \e]0;pwned\a"
    area: q/a
    severity: high
    weight: 1
    source: { document: "</script><script>alert('doc')</script>", section: "S|T", year: 2020, url: "javascript:alert(1)" }
    rationale: "Rationale with \x01 control and \"quotes\" & 'apostrophes'"
    check: text.img == 'expected'
    gap: "=HYPERLINK(\"http://evil\",\"x\")"
    remediation: "@SUM(1+1)*cmd|' /C calc'!A0"
  - id: H-002
    title: "- # heading? 1. list?"
    area: q/a
    severity: low
    weight: 1
    source: { document: Doc, section: S, year: 2020, url: "https://example.invalid/a b(c)<d>\"e" }
    rationale: R.
    check: text.script == 'expected'
    gap: "+1 | -1 | \tTab"
    remediation: "-2+3"
)yaml";

inline constexpr std::string_view kHostileEvidence =
    R"yaml(force: "Force <b>&</b> \"Co\" | =1+1 \e[31mRED"
as_of: 2020-01-01
evidence:
  text:
    img:
      value: "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\">"
      source: "line1\nline2\rcr | \x7f"
    script: "</script><script>document.documentElement.setAttribute('data-pwned','2')</script>"
)yaml";

// Owns the pack and the evidence a Report points into.
struct BuiltReport {
  RulePack pack;
  Evidence evidence;
  Report report;
};

// Runs the pipeline on `pack_yaml` and `evidence_yaml` written into `dir`, as `forcecheck
// check -r pack.yaml -e evidence.yaml` run in `dir` would; fails the test on any diagnostic.
inline std::unique_ptr<BuiltReport> BuildReport(const TempDir& dir, std::string_view pack_yaml,
                                                std::string_view evidence_yaml) {
  dir.Write("pack.yaml", pack_yaml);
  dir.Write("evidence.yaml", evidence_yaml);
  char old_cwd[4096];
  if (!getcwd(old_cwd, sizeof old_cwd) || chdir(dir.path().c_str()) != 0) {
    ADD_FAILURE() << "cannot enter " << dir.path();
    return nullptr;
  }
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack("pack.yaml", diags);
  std::optional<Evidence> evidence = LoadEvidence("evidence.yaml", diags);
  if (chdir(old_cwd) != 0) ADD_FAILURE() << "cannot go back to " << old_cwd;
  EXPECT_EQ(RenderAll(diags), "");
  if (!pack || !evidence) return nullptr;
  auto built =
      std::make_unique<BuiltReport>(BuiltReport{std::move(*pack), std::move(*evidence), {}});
  Report& r = built->report;
  r.pack = &built->pack;
  r.evidence = &built->evidence;
  r.as_of = built->evidence.as_of;
  r.tool_version = "9.8.7";
  r.findings = Evaluate(built->pack, built->evidence, EvalOptions{r.as_of});
  r.scorecard = Score(built->pack, r.findings, *built->pack.FindScale(built->pack.grading.scale));
  return built;
}

// The number of times `needle` occurs in `haystack`.
inline int Occurrences(std::string_view haystack, std::string_view needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

}  // namespace forcecheck::testing
