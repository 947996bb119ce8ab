// The rule-test file loader (a pack's tests/*.yaml) against the bundled pack. The input is
// the one test file of a pack laid out as the repository's is, so that the bundled tests'
// `base:` paths (../../examples/..., fixtures/...) resolve to the real evidence.

#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "rules/rule_tests.h"

namespace forcecheck::fuzz {
namespace {

// scratch/rt/rules/tests/cases.yaml beside links to the repository's examples and fixtures.
const std::string& PackFile() {
  static const std::string pack = [] {
    const fs::path rt = fs::path(Scratch()) / "rt";
    fs::create_directories(rt / "rules" / "tests");
    fs::create_directory_symlink(kSource + "/examples", rt / "examples");
    fs::create_directory_symlink(kSource + "/rules/tests/fixtures",
                                 rt / "rules" / "tests" / "fixtures");
    return (rt / "rules" / "pack.yaml").string();
  }();
  return pack;
}

}  // namespace
}  // namespace forcecheck::fuzz

// What every input shares is made before the first, so that its time is not counted
// against that input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forcecheck::fuzz::BundledPack();
  forcecheck::fuzz::PackFile();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace forcecheck;
  const std::string& pack_file = fuzz::PackFile();
  fuzz::WriteScratch("rt/rules/tests/cases.yaml", fuzz::AsText(data, size));
  Diagnostics diags;
  (void)LoadRuleTests(pack_file, fuzz::BundledPack(), diags);
  return 0;
}
