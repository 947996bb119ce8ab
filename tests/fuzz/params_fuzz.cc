// The parameters file (--params) against the bundled pack's declared parameters.

#include <cstdint>

#include "fuzz_support.h"
#include "rules/parameters.h"

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::BundledPack();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  const RulePack& pack = fuzz::BundledPack();
  Diagnostics diags;
  auto overrides =
      LoadParameterFile(fuzz::WriteScratch("params.yaml", fuzz::AsText(data, size)), pack, diags);
  if (overrides) (void)ParameterValues(ResolveParameters(pack, *overrides));
  return 0;
}
