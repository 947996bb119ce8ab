// The rule-pack loader on a single-file pack (`pack:` and `rules:` in one file), rules'
// expressions compiled and checked, as `forcecheck check --rules FILE` loads it.

#include <cstdint>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  Diagnostics diags;
  (void)LoadRulePack(fuzz::WriteScratch("pack.yaml", fuzz::AsText(data, size)), diags);
  return 0;
}
