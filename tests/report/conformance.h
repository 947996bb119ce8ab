#pragma once

// Where the conformance files every developer and CI has at ../shared/conformance live, and
// running a command for a test.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace forcecheck::testing {

// The path of ../shared/conformance/<name> beside the repository, or empty when it is absent.
inline std::string ConformanceFile(const std::string& name) {
  const std::filesystem::path p =
      std::filesystem::path(FORCECHECK_SOURCE_DIR) / ".." / "shared" / "conformance" / name;
  return std::filesystem::exists(p) ? p.lexically_normal().string() : std::string();
}

// Whether `program` is on PATH.
inline bool HaveProgram(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

struct CommandResult {
  int exit = -1;
  std::string output;
};

// Runs `command` with /bin/sh, capturing its standard output, and its standard error too unless
// the command redirects it.
inline CommandResult RunCommand(const std::string& command, bool with_stderr = true) {
  CommandResult r;
  FILE* pipe = popen((command + (with_stderr ? " 2>&1" : "")).c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace forcecheck::testing
