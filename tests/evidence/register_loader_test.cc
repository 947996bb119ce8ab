#include "evidence/register_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "base/limits.h"
#include "evidence/evidence_loader.h"

namespace forcecheck {
namespace {

namespace fs = std::filesystem;

RegisterSpec VettingSpec() {
  RegisterSpec s;
  s.id = "vetting";
  s.title = "Vetting";
  s.key = "person_id";
  s.columns = {{"person_id", ColumnType::kText, true, ""},
               {"designated", ColumnType::kBool, false, ""},
               {"expires", ColumnType::kDate, false, ""},
               {"score", ColumnType::kNumber, false, ""}};
  return s;
}

class RegisterLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("register-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

  // Loads `text` as the vetting register; returns the rendered diagnostics with the temp
  // folder replaced by "DIR".
  std::string Errors(const std::string& text, std::optional<Register>* out = nullptr) {
    const std::string path = Write("vetting.csv", text);
    Diagnostics diags;
    std::optional<Register> reg = LoadRegister(spec_, path, diags);
    std::ostringstream s;
    for (const Diagnostic& d : diags.all()) s << d.where.ToString() << ": " << d.message << "\n";
    std::string r = s.str();
    for (size_t p; (p = r.find(path)) != std::string::npos;)
      r.replace(p, path.size(), "vetting.csv");
    if (out) *out = std::move(reg);
    return r;
  }

  RegisterSpec spec_ = VettingSpec();
  fs::path dir_;
};

TEST_F(RegisterLoaderTest, LoadsTypedColumnsWithRecordLines) {
  std::optional<Register> reg;
  EXPECT_EQ(Errors("\xEF\xBB\xBFscore,person_id,expires,designated\r\n"
                   "1.5,P1,2016-03-31,yes\r\n"
                   ",\"P,2\",,n\r\n"
                   "\r\n"
                   "3,\"P\"\"3\",2020-01-01,TRUE\r\n",
                   &reg),
            "");
  ASSERT_TRUE(reg);
  ASSERT_EQ(reg->rows(), 3u);
  EXPECT_EQ(reg->lines, (std::vector<uint32_t>{2, 3, 5}));
  EXPECT_EQ(reg->Text(0, 0), "P1");
  EXPECT_EQ(reg->Text(0, 1), "P,2");
  EXPECT_EQ(reg->Text(0, 2), "P\"3");
  EXPECT_EQ(reg->columns[1].flags, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(reg->columns[2].present, (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(reg->columns[2].dates[0], ParseDate("2016-03-31")->days);
  EXPECT_EQ(reg->columns[3].numbers[0], 1.5);
  EXPECT_EQ(reg->columns[3].present[1], 0);
}

TEST_F(RegisterLoaderTest, ReportsHeaderProblems) {
  EXPECT_EQ(
      Errors("person_id,designated,expires,expires,grade\n"),
      "vetting.csv:1:30: column 'expires' appears twice in the header\n"
      "vetting.csv:1:38: unknown column 'grade' in register 'vetting' (its columns are: person_id, "
      "designated, expires, score)\n"
      "vetting.csv:1:1: the header of register 'vetting' lacks column 'score'\n");
}

TEST_F(RegisterLoaderTest, ReportsEveryBadCellAtItsPlace) {
  EXPECT_EQ(
      Errors("person_id,designated,expires,score\n"
             "P1,maybe,2016-02-30,12x\n"
             ",yes,2016-01-01,1\n"
             "P3,yes\n"),
      "vetting.csv:2:4: column 'designated' must hold true or false (or yes/no), not 'maybe'\n"
      "vetting.csv:2:10: column 'expires' must hold a date written YYYY-MM-DD, not '2016-02-30'\n"
      "vetting.csv:2:21: column 'score' must hold a number, not '12x'\n"
      "vetting.csv:3:1: column 'person_id' is required but this record leaves it empty\n"
      "vetting.csv:4:1: record has 2 fields but the header has 4\n");
}

TEST_F(RegisterLoaderTest, UndoublesQuotesInPlaceInEveryCellThatHasThem) {
  std::optional<Register> reg;
  EXPECT_EQ(Errors("person_id,designated,expires,score\n"
                   "\"A\"\"1\"\"\",yes,,\n"
                   "\"\"\"\"\"\",no,2016-01-01,2\n"
                   "\"P,3\",,,\n",
                   &reg),
            "");
  ASSERT_TRUE(reg);
  ASSERT_EQ(reg->rows(), 3u);
  EXPECT_EQ(reg->Text(0, 0), "A\"1\"");
  EXPECT_EQ(reg->Text(0, 1), "\"\"");
  EXPECT_EQ(reg->Text(0, 2), "P,3");
  EXPECT_EQ(reg->columns[1].present, (std::vector<uint8_t>{1, 1, 0}));
  EXPECT_EQ(reg->columns[3].numbers, (std::vector<double>{0, 2, 0}));
}

TEST_F(RegisterLoaderTest, ReadsTheKnownColumnsUnderABadHeader) {
  EXPECT_EQ(
      Errors("person_id,grade,designated,expires,score\n"
             "P1,x,maybe,2016-01-01,1\n"),
      "vetting.csv:1:11: unknown column 'grade' in register 'vetting' (its columns are: person_id, "
      "designated, expires, score)\n"
      "vetting.csv:2:6: column 'designated' must hold true or false (or yes/no), not 'maybe'\n");
}

TEST_F(RegisterLoaderTest, StopsAfterTooManyErrors) {
  std::string text = "person_id,designated,expires,score\n";
  for (int i = 0; i < 50; ++i) text += "P,x,2016-01-01,1\n";
  const std::string errors = Errors(text);
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), kMaxRegisterErrors + 1);
  EXPECT_NE(errors.find("too many errors in register 'vetting'; the rest of the file was not read"),
            std::string::npos);
}

TEST_F(RegisterLoaderTest, ReportsUnterminatedQuoteAndEmptyFile) {
  EXPECT_EQ(
      Errors("person_id,designated,expires,score\n\"P1,yes,2016-01-01,1\n"),
      "vetting.csv:2:1: unterminated quoted field: no closing quote before the end of the file\n");
  EXPECT_EQ(Errors(""),
            "vetting.csv: register 'vetting' is empty: the first line must name the columns\n");
}

TEST_F(RegisterLoaderTest, ReportsTextThatIsNotUtf8) {
  EXPECT_EQ(Errors("person_id,designated,expires,score\nP\xff,yes,2016-01-01,1\n"),
            "vetting.csv:2:2: file is not valid UTF-8\n");
}

// from_chars reads these as numbers; a rule comparing one could pass.
TEST_F(RegisterLoaderTest, RefusesNotANumberAndInfinityInANumberColumn) {
  const char* const kWords[] = {"NaN",  "nan", "-nan",     "NAN",       "inf",
                                "-inf", "INF", "Infinity", "-Infinity", "infinity"};
  for (const char* word : kWords) {
    EXPECT_EQ(
        Errors(std::string("person_id,designated,expires,score\nP1,yes,2016-01-01,") + word + "\n"),
        std::string("vetting.csv:2:19: column 'score' must hold a number, not '") + word +
            "' (not-a-number and infinity are not values a rule can compare)\n")
        << word;
  }
  // A sign from_chars does not read is refused as before.
  EXPECT_EQ(Errors("person_id,designated,expires,score\nP1,yes,2016-01-01,+inf\n"),
            "vetting.csv:2:19: column 'score' must hold a number, not '+inf'\n");
}

TEST_F(RegisterLoaderTest, RefusesANumberBeyondTheMagnitudeLimit) {
  std::optional<Register> reg;
  EXPECT_EQ(Errors("person_id,designated,expires,score\nP1,yes,2016-01-01,1e15\nP2,yes,2016-01-01,-"
                   "1000000000000000\n",
                   &reg),
            "");
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->columns[3].numbers, (std::vector<double>{1e15, -1e15}));
  EXPECT_EQ(Errors("person_id,designated,expires,score\nP1,yes,2016-01-01,1000000000000001\nP2,yes,"
                   "2016-01-01,-1e300\n"),
            "vetting.csv:2:19: column 'score' holds '1000000000000001', beyond the number "
            "magnitude limit "
            "(numbers from -1e15 to 1e15)\n"
            "vetting.csv:3:19: column 'score' holds '-1e300', beyond the number magnitude limit "
            "(numbers from -1e15 to 1e15)\n");
}

// A header of unknown columns is reported like bad records: the first kMaxRegisterErrors.
TEST_F(RegisterLoaderTest, CapsTheErrorsOfAHeader) {
  std::string header = "person_id,designated,expires,score";
  for (size_t i = 4; i < limits::kRegisterColumns; ++i) header += ",extra" + std::to_string(i);
  const std::string errors = Errors(header + "\n");
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), kMaxRegisterErrors + 1) << errors;
  EXPECT_NE(errors.find("too many errors in register 'vetting'; the rest of the file was not read"),
            std::string::npos);
}

TEST_F(RegisterLoaderTest, RefusesAHeaderOfMoreColumnsThanTheLimit) {
  std::string header = "person_id,designated,expires,score";
  for (size_t i = 4; i <= limits::kRegisterColumns; ++i) header += ",extra" + std::to_string(i);
  EXPECT_EQ(Errors(header + "\n"),
            "vetting.csv:1:1: the header of register 'vetting' has 1001 columns, more "
            "than the register columns limit of 1000\n");
}

TEST_F(RegisterLoaderTest, RefusesAFieldLongerThanTheLimit) {
  const std::string at_limit(limits::kRegisterFieldBytes, 'x');
  std::optional<Register> reg;
  EXPECT_EQ(Errors("person_id,designated,expires,score\n" + at_limit + ",yes,,\n\"" + at_limit +
                       "\",yes,,\n",
                   &reg),
            "");
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->Text(0, 1).size(), limits::kRegisterFieldBytes);
  EXPECT_EQ(Errors("person_id,designated,expires,score\nP1,yes,,\n" + at_limit + "x,yes,,\n"),
            "vetting.csv:3:1: this field is 65537 bytes long, more than the register field limit "
            "of 65536 bytes\n");
  EXPECT_EQ(Errors("person_id" + at_limit + ",designated,expires,score\n"),
            "vetting.csv:1:1: this field is 65545 bytes long, more than the register field limit "
            "of 65536 bytes\n"
            "vetting.csv:1:1: the header of register 'vetting' lacks column 'person_id'\n");
}

class EvidenceRegistersTest : public RegisterLoaderTest {
 protected:
  std::string Load(const std::string& registers_yaml, bool allow_outside = false) {
    fs::create_directories(dir_ / "force");
    std::ofstream(dir_ / "force" / "vetting.csv")
        << "person_id,designated,expires,score\nP1,yes,2016-01-01,1\n";
    std::ofstream(dir_ / "outside.csv") << "person_id,designated,expires,score\n";
    const fs::path ev = dir_ / "force" / "evidence.yaml";
    std::ofstream(ev) << "force: F\nas_of: 2016-03-31\nevidence: {}\nregisters:\n"
                      << registers_yaml;
    std::vector<RegisterSpec> specs = {spec_};
    EvidenceOptions options;
    options.registers = &specs;
    options.allow_outside_folder = allow_outside;
    Diagnostics diags;
    std::optional<Evidence> e = LoadEvidence(ev.string(), options, diags);
    std::ostringstream s;
    for (const Diagnostic& d : diags.all())
      s << d.where.line << ":" << d.where.column << ": " << d.message << "\n";
    if (e)
      s << "loaded " << e->registers.size() << " register(s), "
        << (e->registers.empty() ? 0 : e->registers[0].rows()) << " row(s)\n";
    return s.str();
  }
};

TEST_F(EvidenceRegistersTest, LoadsARegisterBesideTheEvidence) {
  EXPECT_EQ(Load("  vetting: vetting.csv\n"), "loaded 1 register(s), 1 row(s)\n");
  EXPECT_EQ(Load("  vetting: { file: vetting.csv, synthetic: true }\n"),
            "loaded 1 register(s), 1 row(s)\n");
}

TEST_F(EvidenceRegistersTest, RefusesAPathOutsideTheEvidenceFolder) {
  EXPECT_EQ(Load("  vetting: ../outside.csv\n"),
            "5:12: register file '../outside.csv' is outside the evidence file's folder (pass "
            "--allow-outside-registers to allow it)\n");
  EXPECT_EQ(Load("  vetting: /etc/passwd\n"),
            "5:12: register file '/etc/passwd' is outside the evidence file's folder (pass "
            "--allow-outside-registers to allow it)\n");
  EXPECT_EQ(Load("  vetting: ../outside.csv\n", true), "loaded 1 register(s), 0 row(s)\n");
}

TEST_F(EvidenceRegistersTest, RefusesASymbolicLinkOutOfTheFolder) {
  fs::create_directories(dir_ / "force");
  fs::create_symlink(dir_ / "outside.csv", dir_ / "force" / "link.csv");
  EXPECT_EQ(Load("  vetting: link.csv\n"),
            "5:12: register file 'link.csv' is outside the evidence file's folder (pass "
            "--allow-outside-registers to allow it)\n");
}

// An empty path was dropped without a word when the schema check gave up (issue 12).
TEST_F(EvidenceRegistersTest, RefusesARegisterThatNamesNoFile) {
  EXPECT_EQ(Load("  vetting: { file: \"\" }\n"),
            "5:20: register 'vetting' names no file: give the path of its CSV file\n");
  EXPECT_EQ(Load("  vetting: ''\n"),
            "5:12: register 'vetting' names no file: give the path of its CSV file\n");
}

TEST_F(EvidenceRegistersTest, ReportsUnknownAndMissingRegisters) {
  EXPECT_EQ(Load("  gifts: gifts.csv\n  vetting: missing.csv\n"),
            "5:3: unknown register 'gifts'; the rule pack declares 'vetting'\n"
            "0:0: cannot read file: no such file\n");
}

}  // namespace
}  // namespace forcecheck
