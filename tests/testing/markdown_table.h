#pragma once

// The tables that documentation keeps in step with a table in the code (report formats in the
// README, functions in docs/formats.md): read the document's table, so that a test can compare
// it with the one the code gives and print that one for pasting when they differ.

#include <fstream>
#include <string>

namespace forcecheck::testing {

// The first table (its lines from the header row down, each ending in '\n') under the heading
// line `heading` (e.g. "### Functions") of the file at `path`, up to the next heading (code
// blocks skipped); "" when there is none.
inline std::string MarkdownTable(const std::string& path, const std::string& heading) {
  std::ifstream in(path);
  std::string table;
  bool in_section = false, in_code = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (in_code) continue;
    if (line.rfind('#', 0) == 0) {
      if (!table.empty()) break;
      in_section = line == heading;
      continue;
    }
    if (!in_section) continue;
    if (line.rfind('|', 0) == 0) {
      table += line + "\n";
    } else if (!table.empty()) {
      break;
    }
  }
  return table;
}

}  // namespace forcecheck::testing
