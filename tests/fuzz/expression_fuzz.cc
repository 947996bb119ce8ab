// The expression language: lexed, parsed and checked as a rule's `check` is, against the
// bundled pack's registers, parameters and evidence schema. Any input must end in a tree or
// in located errors; a crash, a leak or undefined behaviour is a finding.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "expr/lexer.h"
#include "fuzz_support.h"
#include "rules/evidence_schema.h"

namespace forcecheck::fuzz {
namespace {

const std::map<std::string, expr::Type>* SchemaPaths() {
  static const auto* paths = [] {
    const RulePack& pack = BundledPack();
    Diagnostics diags;
    auto p = LoadEvidenceSchemaPaths(pack.evidence_schema, diags);
    if (!p) std::abort();
    return new std::map<std::string, expr::Type>(std::move(*p));
  }();
  return paths;
}

}  // namespace
}  // namespace forcecheck::fuzz

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::SchemaPaths();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  const std::string_view source = fuzz::AsText(data, size);
  expr::LexResult lexed = expr::Lex(source);
  for (const expr::Token& t : lexed.tokens) (void)expr::Describe(t, source);

  // The same path a rule's expression takes through the loader: parse, then check.
  CompiledExpr c;
  c.text = std::string(source);
  c.file = "fuzz.yaml";
  Diagnostics diags;
  CompileRuleExpression(c, size % 2 ? "check" : "records", fuzz::BundledPack(), fuzz::SchemaPaths(),
                        diags);
  return 0;
}
