// The evidence loader with the schema check, as `forcecheck check` runs it: the bundled
// pack's register declarations and its evidence schema. Registers named in the input are
// looked for beside it, in the scratch folder, where the fuzzer cannot put any: their
// absence must be reported like any other problem.

#include <cstdint>

#include "evidence/evidence_loader.h"
#include "fuzz_support.h"

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::BundledPack();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  const RulePack& pack = fuzz::BundledPack();
  EvidenceOptions options;
  options.registers = &pack.registers;
  options.schema = pack.evidence_schema;
  Diagnostics diags;
  (void)LoadEvidence(fuzz::WriteScratch("evidence.yaml", fuzz::AsText(data, size)), options, diags);
  return 0;
}
