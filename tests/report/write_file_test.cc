#include "report/write_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::TempDir;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The names in `dir`, sorted.
std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteFileTest, WritesContentAndLeavesNoTemporaryFile) {
  TempDir dir;
  const std::string path = dir.Path("report.json");
  const std::string content = std::string("{\"a\": 1}\n") + std::string(100000, 'x') + '\0' + "end";
  EXPECT_EQ(WriteFileAtomically(path, content), "");
  EXPECT_EQ(ReadAll(path), content);
  EXPECT_EQ(Entries(dir.path()), (std::vector<std::string>{"report.json"}));
}

TEST(WriteFileTest, GivesReadableMode) {
  TempDir dir;
  const std::string path = dir.Path("report.txt");
  ASSERT_EQ(WriteFileAtomically(path, "x"), "");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(WriteFileTest, ReplacesExistingFile) {
  TempDir dir;
  const std::string path = dir.Write("report.txt", "old content that is longer");
  EXPECT_EQ(WriteFileAtomically(path, "new"), "");
  EXPECT_EQ(ReadAll(path), "new");
  EXPECT_EQ(Entries(dir.path()), (std::vector<std::string>{"report.txt"}));
}

TEST(WriteFileTest, WritesEmptyContent) {
  TempDir dir;
  const std::string path = dir.Path("empty.txt");
  EXPECT_EQ(WriteFileAtomically(path, ""), "");
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(WriteFileTest, CreatesParentDirectories) {
  TempDir dir;
  const std::string path = dir.Path("out/reports/2016/report.txt");
  EXPECT_EQ(WriteFileAtomically(path, "text"), "");
  EXPECT_EQ(ReadAll(path), "text");
  EXPECT_EQ(Entries(dir.Path("out/reports/2016")), (std::vector<std::string>{"report.txt"}));
}

TEST(WriteFileTest, RefusesDirectory) {
  TempDir dir;
  std::filesystem::create_directories(dir.Path("out"));
  EXPECT_EQ(WriteFileAtomically(dir.Path("out"), "text"), "it is a directory");
  EXPECT_TRUE(std::filesystem::is_directory(dir.Path("out")));
  EXPECT_TRUE(Entries(dir.Path("out")).empty());
  EXPECT_EQ(Entries(dir.path()), (std::vector<std::string>{"out"}));
}

TEST(WriteFileTest, ReportsParentThatIsAFile) {
  TempDir dir;
  dir.Write("file", "x");
  EXPECT_EQ(WriteFileAtomically(dir.Path("file/sub/report.txt"), "text"),
            "cannot create directory '" + dir.Path("file/sub") + "': Not a directory");
  EXPECT_EQ(ReadAll(dir.Path("file")), "x");
}

}  // namespace
}  // namespace forcecheck
