#include "io/text_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/limits.h"
#include "io/inputs_read.h"

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

TEST(TextFileTest, ReadsFileWhole) {
  TempDir dir;
  const std::string path = dir.Write("a.yaml", "one\ntwo\r\nthree");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), "one\ntwo\r\nthree");
  EXPECT_EQ(RenderAll(diags), "");
}

TEST(TextFileTest, ReadsEmptyFile) {
  TempDir dir;
  const std::string path = dir.Write("empty.yaml", "");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), "");
  EXPECT_FALSE(diags.HasErrors());
}

TEST(TextFileTest, ReportsMissingFile) {
  TempDir dir;
  const std::string path = dir.Path("absent.yaml");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags), path + ": error: cannot read file: no such file\n");
}

TEST(TextFileTest, ReportsDirectory) {
  TempDir dir;
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(dir.path(), diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            dir.path() + ": error: cannot read file: it is a directory, not a regular file\n");
}

TEST(TextFileTest, RefusesFileLargerThanLimit) {
  TempDir dir;
  const std::string path = dir.Write("big.yaml", "0123456789a");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags, 10), std::nullopt);
  EXPECT_EQ(
      RenderAll(diags),
      path + ": error: cannot read file: it is too large (11 bytes; the limit is 10 bytes)\n");
}

TEST(TextFileTest, NamesTheLimitOfTheFilesRole) {
  TempDir dir;
  const std::string path = dir.Write("big.yaml", std::string(limits::kYamlFileBytes + 1, 'a'));
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags, limits::kYamlFileBytes), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            path + ": error: cannot read file: it is too large (4194305 bytes; the YAML "
                   "file limit is 4194304 bytes)\n");
}

// A character device (here one that never ends) is refused before a byte is read.
TEST(TextFileTest, RefusesCharacterDevice) {
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile("/dev/zero", diags, 100), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            "/dev/zero: error: cannot read file: it is a character device, not a regular file\n");
}

// Opening a FIFO with no writer would wait for one for ever; it is refused at once.
TEST(TextFileTest, RefusesFifoWithoutWaiting) {
  TempDir dir;
  const std::string path = dir.Path("pipe.yaml");
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            path + ": error: cannot read file: it is a FIFO (named pipe), not a regular file\n");
}

TEST(TextFileTest, RefusesBrokenSymbolicLinks) {
  TempDir dir;
  const std::string dangling = dir.Path("dangling.yaml"), loop = dir.Path("loop.yaml");
  std::filesystem::create_symlink("absent.yaml", dangling);
  std::filesystem::create_symlink("loop.yaml", loop);
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(dangling, diags), std::nullopt);
  EXPECT_EQ(ReadTextFile(loop, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            dangling + ": error: cannot read file: it is a symbolic link to a missing file\n" +
                loop +
                ": error: cannot read file: it is a symbolic link that leads round in a loop\n");
}

TEST(TextFileTest, RefusesUnreadableFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their permissions";
  TempDir dir;
  const std::string path = dir.Write("secret.yaml", "a: 1\n");
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags), path + ": error: cannot read file: permission denied\n");
}

// A file that grows while it is read (a kernel file of size 0 with content reads as one) is
// refused rather than read half old, half new.
TEST(TextFileTest, RefusesFileThatChangesWhileRead) {
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile("/proc/self/status", diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            "/proc/self/status: error: cannot read file: it changed while it was being read "
            "(is something still writing it?)\n");
}

TEST(TextFileTest, NotesWhatARunReads) {
  TempDir dir;
  const std::string path = dir.Write("a.yaml", "a: 1\n");
  const std::string link = dir.Path("link.yaml");
  std::filesystem::create_hard_link(path, link);
  struct stat st {};
  ASSERT_EQ(stat(link.c_str(), &st), 0);
  Diagnostics diags;
  ReadTextFile(path, diags);  // no run recording: nothing noted, nothing fails
  const InputsRead run;
  EXPECT_EQ(run.Find(st), std::nullopt);
  ReadTextFile(path, diags);
  EXPECT_EQ(run.Find(st), path);  // the same file by identity, whatever its name
}

TEST(TextFileTest, AcceptsFileExactlyAtLimit) {
  TempDir dir;
  const std::string path = dir.Write("ten.yaml", "0123456789");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags, 10), "0123456789");
  EXPECT_FALSE(diags.HasErrors());
}

TEST(TextFileTest, StripsByteOrderMark) {
  TempDir dir;
  const std::string path = dir.Write("bom.yaml", "\xEF\xBB\xBFkey: value\n");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), "key: value\n");
  EXPECT_FALSE(diags.HasErrors());
}

TEST(TextFileTest, KeepsByteOrderMarkBytesAfterTheStart) {
  TempDir dir;
  const std::string path = dir.Write("mid.yaml", "a\xEF\xBB\xBF");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), "a\xEF\xBB\xBF");
}

TEST(TextFileTest, ReportsInvalidUtf8AtLineAndColumn) {
  TempDir dir;
  const std::string path = dir.Write("latin1.yaml", "force: ok\nname: caf\xE9 bar\n");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags), path + ":2:10: error: file is not valid UTF-8\n");
}

TEST(TextFileTest, CountsColumnsAfterByteOrderMarkFromTheFirstCharacter) {
  TempDir dir;
  const std::string path = dir.Write("bom-bad.yaml", "\xEF\xBB\xBF"
                                                     "ab\xFF");
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags), path + ":1:3: error: file is not valid UTF-8\n");
}

TEST(TextFileTest, ReportsNulByte) {
  TempDir dir;
  const std::string path = dir.Write("nul.yaml", std::string("a: 1\nb: \0\n", 10));
  Diagnostics diags;
  EXPECT_EQ(ReadTextFile(path, diags), std::nullopt);
  EXPECT_EQ(RenderAll(diags),
            path + ":2:4: error: file contains a NUL byte: it is not a text file\n");
}

struct Utf8Case {
  const char* name;
  std::string text;
  size_t bad;  // expected offset, npos when valid
};

class FindInvalidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(FindInvalidUtf8Test, FindsFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8(GetParam().text), GetParam().bad);
}

constexpr size_t kValid = std::string_view::npos;

INSTANTIATE_TEST_SUITE_P(
    Cases, FindInvalidUtf8Test,
    ::testing::Values(
        Utf8Case{"Empty", "", kValid}, Utf8Case{"Ascii", "plain text\n", kValid},
        Utf8Case{"TwoByte", "caf\xC3\xA9", kValid}, Utf8Case{"ThreeByte", "\xE2\x82\xAC 5", kValid},
        Utf8Case{"FourByte", "x\xF0\x9F\x98\x80", kValid},
        Utf8Case{"HighestCodePoint", "\xF4\x8F\xBF\xBF", kValid},
        Utf8Case{"Nul", std::string("ab\0c", 4), 2}, Utf8Case{"LoneContinuation", "ab\x80", 2},
        Utf8Case{"Latin1", "caf\xE9", 3}, Utf8Case{"Truncated", "ok\xE2\x82", 2},
        Utf8Case{"BadContinuation", "\xC3(", 0}, Utf8Case{"OverlongTwoByte", "\xC0\xAF", 0},
        Utf8Case{"OverlongThreeByte", "a\xE0\x80\xAF", 1},
        Utf8Case{"OverlongFourByte", "\xF0\x80\x80\xAF", 0},
        Utf8Case{"Surrogate", "\xED\xA0\x80", 0}, Utf8Case{"AboveMaximum", "\xF4\x90\x80\x80", 0},
        Utf8Case{"FiveByteLead", "\xF8\x88\x80\x80\x80", 0}),
    [](const ::testing::TestParamInfo<Utf8Case>& p) { return p.param.name; });

// FindInvalidUtf8 skips plain ASCII 64 bytes at a time (then 8 at a time, then byte by byte):
// whatever the offending byte's place in a block, and whatever the text's length, the first
// one is found.
TEST(FindInvalidUtf8BlocksTest, FindsAnOffendingByteAtEveryPlace) {
  for (size_t length = 1; length <= 200; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (const char bad : {'\0', '\x80', '\xFF', '\xC3'}) {  // \xC3 lacks its continuation
        std::string text(length, 'a');
        text[at] = bad;
        ASSERT_EQ(FindInvalidUtf8(text), at)
            << "length " << length << ", byte " << int(bad) << " at " << at;
      }
    }
  }
}

TEST(FindInvalidUtf8BlocksTest, AcceptsMultibyteCharactersAtEveryPlace) {
  for (size_t length = 0; length <= 200; ++length) {
    for (size_t at = 0; at <= length; ++at) {
      for (const char* valid : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
        std::string text(length, 'z');
        text.insert(at, valid);
        ASSERT_EQ(FindInvalidUtf8(text), kValid) << "length " << length << ", at " << at;
      }
    }
  }
}

TEST(FindInvalidUtf8BlocksTest, FindsTheFirstOfSeveral) {
  std::string text(300, 'q');
  text[70] = '\xC3';
  text[71] = '\xA9';  // valid
  text[130] = '\0';
  text[250] = '\xFF';
  EXPECT_EQ(FindInvalidUtf8(text), 130u);
  text[130] = 'q';
  EXPECT_EQ(FindInvalidUtf8(text), 250u);
  text[250] = 'q';
  EXPECT_EQ(FindInvalidUtf8(text), kValid);
}

TEST(LocationAtOffsetTest, CountsLinesAndByteColumnsFromOne) {
  const std::string text = "ab\ncd\n\nef";
  EXPECT_EQ(LocationAtOffset("f", text, 0), (SourceLocation{"f", 1, 1}));
  EXPECT_EQ(LocationAtOffset("f", text, 2), (SourceLocation{"f", 1, 3}));
  EXPECT_EQ(LocationAtOffset("f", text, 3), (SourceLocation{"f", 2, 1}));
  EXPECT_EQ(LocationAtOffset("f", text, 6), (SourceLocation{"f", 3, 1}));
  EXPECT_EQ(LocationAtOffset("f", text, 8), (SourceLocation{"f", 4, 2}));
}

TEST(LocationAtOffsetTest, StopsAtEndOfText) {
  EXPECT_EQ(LocationAtOffset("f", "ab", 99), (SourceLocation{"f", 1, 3}));
}

}  // namespace
}  // namespace forcecheck
