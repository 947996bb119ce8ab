#pragma once

// Running forcecheck's command line in the test process, as main() does, with its standard
// output and error captured.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace forcecheck::testing {

struct CliRun {
  int exit = -1;
  std::string out, err;
};

// Runs `forcecheck ARGS...`.
inline CliRun RunCommand(const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"forcecheck"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliRun r;
  r.exit = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// The whole of the file at `path` ("" when it cannot be read).
inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace forcecheck::testing
