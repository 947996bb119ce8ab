#pragma once

// Test helpers shared by the test programs: a scratch directory per test, and diagnostics
// rendered as the user would see them.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "diag/diagnostic.h"

namespace forcecheck::testing {

// A fresh directory under ::testing::TempDir(), named after the running test and the process
// (so that two builds running their tests at once cannot collide), removed on destruction.
class TempDir {
 public:
  TempDir() {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "forcecheck-" + std::to_string(getpid());
    if (info) name += std::string("-") + info->test_suite_name() + "-" + info->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    path_ = (std::filesystem::path(::testing::TempDir()) / name).generic_string();
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // The full path of `relative` inside the directory.
  std::string Path(const std::string& relative) const { return path_ + "/" + relative; }

  // Writes `content` byte for byte to `relative` (parent folders created); returns its path.
  std::string Write(const std::string& relative, std::string_view content) const {
    const std::string full = Path(relative);
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream out(full, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return full;
  }

 private:
  std::string path_;
};

// Every diagnostic, rendered as the command line prints them.
inline std::string RenderAll(const Diagnostics& diags) {
  std::ostringstream out;
  diags.RenderAll(out);
  return out.str();
}

}  // namespace forcecheck::testing
