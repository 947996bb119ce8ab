#include "report/write_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "io/inputs_read.h"
#include "io/text_file.h"

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

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

// Sets the umask for the life of the object.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(umask(mask)) {}
  ~Umask() { umask(old_); }

 private:
  mode_t old_;
};

TEST(WriteFileTest, GivesANewFileTheModeTheUmaskAllows) {
  TempDir dir;
  for (const mode_t mask : {mode_t{022}, mode_t{077}, mode_t{002}}) {
    const Umask set(mask);
    const std::string path = dir.Path("report-" + std::to_string(mask) + ".txt");
    ASSERT_EQ(WriteFileAtomically(path, "x"), "");
    EXPECT_EQ(ModeOf(path), 0666u & ~mask) << "umask " << mask;
  }
}

TEST(WriteFileTest, KeepsAnExistingFilesMode) {
  TempDir dir;
  const std::string path = dir.Write("report.txt", "old");
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  const Umask set(022);
  ASSERT_EQ(WriteFileAtomically(path, "new"), "");
  EXPECT_EQ(ReadAll(path), "new");
  EXPECT_EQ(ModeOf(path), 0600u);
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

TEST(WriteFilesTest, WritesNoneWhenOneCannotBeWritten) {
  TempDir dir;
  std::filesystem::create_directories(dir.Path("out"));
  Diagnostics diags;
  EXPECT_FALSE(WriteFiles({{dir.Path("a.json"), "a"}, {dir.Path("out"), "b"}}, "report", diags));
  EXPECT_EQ(testing::RenderAll(diags),
            dir.Path("out") + ": error: cannot write the report: it is a directory\n");
  EXPECT_EQ(Entries(dir.path()),
            (std::vector<std::string>{"out"}));  // no a.json, no temporary file
}

TEST(WriteFilesTest, WritesThemAll) {
  TempDir dir;
  Diagnostics diags;
  EXPECT_TRUE(WriteFiles({{dir.Path("a.json"), "a"}, {dir.Path("b/c.txt"), "c"}}, "report", diags));
  EXPECT_EQ(ReadAll(dir.Path("a.json")), "a");
  EXPECT_EQ(ReadAll(dir.Path("b/c.txt")), "c");
  EXPECT_FALSE(diags.HasErrors());
}

// Each destination a run may not write, by kind; every one reported, at its path.
TEST(CheckDestinationsTest, RefusesWhatIsNotARegularFileAnInputOrNamedOnce) {
  TempDir dir;
  const std::string input = dir.Write("evidence.yaml", "a: 1\n");
  const std::string hard_link = dir.Path("hard.yaml");
  std::filesystem::create_hard_link(input, hard_link);
  const std::string fifo = dir.Path("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  dir.Write("pack/pack.yaml", "pack: {}\n");
  dir.Write("file", "x");
  const InputsRead run;
  Diagnostics read;
  ASSERT_TRUE(ReadTextFile(input, read));
  Diagnostics diags;
  CheckDestinations({dir.Path("ok.json"), dir.path(), fifo, "/dev/null", hard_link,
                     dir.path() + "/./evidence.yaml", dir.Path("pack/report.json"),
                     dir.Path("file/report.json"), dir.Path("sub/../ok.json")},
                    {dir.Path("pack")}, "report", diags);
  const std::string e = ": error: cannot write the report: ";
  EXPECT_EQ(testing::RenderAll(diags),
            dir.path() + e + "it is a directory, not a regular file\n" + fifo + e +
                "it is a FIFO (named pipe), not a regular file\n" + "/dev/null" + e +
                "it is a character device, not a regular file\n" + hard_link + e +
                "it is an input of this run (read as '" + input + "')\n" + dir.path() +
                "/./evidence.yaml" + e + "it is an input of this run (read as '" + input + "')\n" +
                dir.Path("pack/report.json") + e + "it is inside the rule pack folder '" +
                dir.Path("pack") + "', where it would be read as a rule file\n" +
                dir.Path("file/report.json") + e + "a folder on its path is a file\n" +
                dir.Path("sub/../ok.json") + e + "it is named twice (also as '" +
                dir.Path("ok.json") + "')\n");
}

TEST(CheckDestinationsTest, FindsAnExistingFileNamedTwiceByIdentity) {
  TempDir dir;
  const std::string report = dir.Write("report.json", "old");
  const std::string link = dir.Path("link.json");
  std::filesystem::create_symlink("report.json", link);
  Diagnostics diags;
  CheckDestinations({report, link}, {}, "report", diags);
  EXPECT_EQ(
      testing::RenderAll(diags),
      link + ": error: cannot write the report: it is named twice (also as '" + report + "')\n");
}

}  // namespace
}  // namespace forcecheck
