#pragma once

// The pieces of rule-pack YAML the unit tests share, so that a pack written in a test reads as
// what is particular to it. Line counts are part of the contract: tests assert the lines and
// columns of errors in the packs they build from these.

#include <string>
#include <string_view>

namespace forcecheck::testing {

// `pack:` with the test pack's id, title and version: 4 lines.
inline constexpr std::string_view kTestPackHead = "pack:\n"
                                                  "  id: test-pack\n"
                                                  "  title: Test pack\n"
                                                  "  version: 0.1.0\n";

// `scales:` holding the scale `four` of the inspectorate's four grades: 7 lines, then with
// `cap` an 8th, `cause_of_concern_cap: requires improvement`.
inline std::string FourStepScales(bool cap = true) {
  return std::string("  scales:\n"
                     "    - id: four\n"
                     "      title: Four steps\n"
                     "      bands:\n"
                     "        - { grade: outstanding, min: 90 }\n"
                     "        - { grade: good, min: 65 }\n"
                     "        - { grade: requires improvement, min: 40 }\n"
                     "        - { grade: inadequate, min: 0 }\n") +
         (cap ? "      cause_of_concern_cap: requires improvement\n" : "");
}

}  // namespace forcecheck::testing
