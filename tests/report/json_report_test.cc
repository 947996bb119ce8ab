#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/report_fixture.h"
#include "report/schema_validation.h"

namespace forcecheck {
namespace {

using ::forcecheck::testing::BuildReport;
using ::forcecheck::testing::TempDir;

const std::string kSchema = std::string(FORCECHECK_SOURCE_DIR) + "/schemas/report.schema.json";

std::string Violations(const std::string& json) {
  return testing::SchemaViolations(json, kSchema, valijson::SchemaParser::kDraft7);
}

TEST(JsonReportTest, ValidatesAgainstItsSchema) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  EXPECT_EQ(Violations(RenderJson(built->report)), "");
}

TEST(JsonReportTest, HostileStringsStillValidate) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  EXPECT_EQ(Violations(RenderJson(built->report)), "");
}

// The findings are printed apart, in parallel, and spliced in: the result must be exactly what
// printing the whole document at once gives, with findings, hostile strings, and none.
TEST(JsonReportTest, PrintsExactlyAsTheWholeDocumentWould) {
  auto reprinted = [](const std::string& text) {
    return nlohmann::ordered_json::parse(text).dump(
               2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
  };
  TempDir dir;
  using Texts = std::pair<std::string_view, std::string_view>;
  for (auto [pack, evidence] : {Texts{testing::kMiniPack, testing::kMiniEvidence},
                                Texts{testing::kHostilePack, testing::kHostileEvidence}}) {
    auto built = BuildReport(dir, pack, evidence);
    ASSERT_TRUE(built);
    ASSERT_FALSE(built->report.findings.empty());
    const std::string text = RenderJson(built->report);
    EXPECT_EQ(text, reprinted(text));
    built->report.findings.resize(1);
    EXPECT_EQ(RenderJson(built->report), reprinted(RenderJson(built->report)));
    built->report.findings.clear();
    const std::string none = RenderJson(built->report);
    EXPECT_EQ(none, reprinted(none));
    EXPECT_NE(none.find("\"findings\": []\n}"), std::string::npos) << none;
  }
}

// Records are printed apart from the library's document, string by string: with hostile
// files and keys, one record and many, a file shared by records and a file changing, in
// the first finding and the last, the text is still exactly the library's own print.
TEST(JsonReportTest, PrintsRecordsExactlyAsTheLibraryWould) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kHostilePack, testing::kHostileEvidence);
  ASSERT_TRUE(built);
  std::vector<Finding>& findings = built->report.findings;
  ASSERT_GE(findings.size(), 2u);
  const std::vector<std::string> hostile = {"registers/vetting.csv",
                                            "a \"quoted\" \\ path\n\t\x01.csv",
                                            "caf\xC3\xA9 \xE2\x80\xA8 <b>&amp;</b>", "", "=1+1"};
  auto record = [](const std::string& file, uint32_t line, const std::string& key) {
    RecordRef r;
    r.where.file = file;
    r.where.line = line;
    r.key = key;
    return r;
  };
  findings.front().records.push_back(record(hostile[1], 7, hostile[2]));
  for (size_t i = 0; i < 12; ++i) {
    findings.back().records.push_back(record(hostile[i % 5 < 3 ? 0 : i % hostile.size()],
                                             static_cast<uint32_t>(i),
                                             hostile[(i * 3) % hostile.size()]));
  }
  const std::string text = RenderJson(built->report);
  EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2, ' ', false) + "\n");
  const auto doc = nlohmann::ordered_json::parse(text);
  const auto& last = doc["findings"].back()["records"];
  ASSERT_EQ(last.size(), 12u);
  for (size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(last[i]["file"], findings.back().records[i].where.file);
    EXPECT_EQ(last[i]["line"], i);
    EXPECT_EQ(last[i]["key"], findings.back().records[i].key);
  }
  EXPECT_EQ(doc["findings"].front()["records"][0]["key"], hostile[2]);
  EXPECT_EQ(Violations(text), "");
}

// Every example report kept in reports/ is what a user's program would read.
TEST(JsonReportTest, ExampleReportsValidate) {
  int seen = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(FORCECHECK_SOURCE_DIR) + "/reports")) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(Violations(text.str()), "") << e.path();
    ++seen;
  }
  EXPECT_GT(seen, 0);
}

// The schema describes the report exactly: a missing key, an unknown key or a wrong type
// is caught, so the schema cannot drift from the writer unnoticed.
TEST(JsonReportTest, TheSchemaRejectsWhatTheWriterNeverWrites) {
  TempDir dir;
  auto built = BuildReport(dir, testing::kMiniPack, testing::kMiniEvidence);
  ASSERT_TRUE(built);
  const nlohmann::json good = nlohmann::json::parse(RenderJson(built->report));
  nlohmann::json missing = good;
  missing.erase("findings");
  EXPECT_NE(Violations(missing.dump()).find("findings"), std::string::npos)
      << Violations(missing.dump());
  nlohmann::json extra = good;
  extra["findings"][0]["colour"] = "red";
  EXPECT_NE(Violations(extra.dump()), "");
  nlohmann::json wrong = good;
  wrong["findings"][0]["outcome"] = "not assessed";
  EXPECT_NE(Violations(wrong.dump()), "");
}

}  // namespace
}  // namespace forcecheck
