// The rule-pack loader on a pack folder. The input is split into files at each line that is
// exactly "#### FILE": the first part is pack.yaml, the others rules-1.yaml, rules-2.yaml, ...
// (at most 16), so that what one file declares and another uses (areas, registers,
// parameters, superseded rules, duplicate ids) is exercised across files.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"

namespace {
constexpr std::string_view kSeparator = "\n#### FILE\n";
constexpr int kMaxFiles = 16;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  const std::string dir = fuzz::Scratch() + "/pack";
  std::error_code ec;
  fuzz::fs::remove_all(dir, ec);
  std::string_view rest = fuzz::AsText(data, size);
  for (int i = 0; i < kMaxFiles && (i == 0 || !rest.empty()); ++i) {
    const size_t cut = i + 1 < kMaxFiles ? rest.find(kSeparator) : std::string_view::npos;
    const std::string name =
        i == 0 ? "pack/pack.yaml" : "pack/rules-" + std::to_string(i) + ".yaml";
    fuzz::WriteScratch(name, rest.substr(0, cut));
    rest =
        cut == std::string_view::npos ? std::string_view() : rest.substr(cut + kSeparator.size());
  }
  Diagnostics diags;
  (void)LoadRulePack(dir, diags);
  return 0;
}
