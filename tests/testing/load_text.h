#pragma once

// Loading rule packs and evidence from YAML text, for tests of the later stages: the text is
// written to a file in a TempDir and read by the real loaders, so locations are real too.

#include <string>

#include <gtest/gtest.h>

#include "evidence/evidence_loader.h"
#include "rules/rule_pack_loader.h"

#include "testing/temp_dir.h"

namespace forcecheck::testing {

// Loads `yaml` as the single-file pack `name` in `dir`; a load error fails the test and
// gives an empty pack.
inline RulePack LoadPackText(const TempDir& dir, const std::string& yaml,
                             const std::string& name = "pack.yaml") {
  Diagnostics diags;
  std::optional<RulePack> pack = LoadRulePack(dir.Write(name, yaml), diags);
  EXPECT_TRUE(pack.has_value()) << RenderAll(diags);
  return pack ? std::move(*pack) : RulePack{};
}

// Loads `yaml` as the evidence file `name` in `dir`; a load error fails the test.
inline Evidence LoadEvidenceText(const TempDir& dir, const std::string& yaml,
                                 const std::string& name = "evidence.yaml") {
  Diagnostics diags;
  std::optional<Evidence> ev = LoadEvidence(dir.Write(name, yaml), diags);
  EXPECT_TRUE(ev.has_value()) << RenderAll(diags);
  return ev ? std::move(*ev) : Evidence{};
}

}  // namespace forcecheck::testing
