#include "evidence/evidence_loader.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace forcecheck {
namespace {

using testing::RenderAll;
using testing::TempDir;

class EvidenceLoaderTest : public ::testing::Test {
 protected:
  std::optional<Evidence> Load(const std::string& text) {
    path_ = dir_.Write("evidence.yaml", text);
    return LoadEvidence(path_, diags_);
  }

  std::string Errors() const { return RenderAll(diags_); }

  const EvidenceNode& At(const Evidence& ev, const std::vector<std::string>& path) {
    const EvidenceNode* n = ev.Find(path);
    if (!n) {
      ADD_FAILURE() << "no evidence at " << ::testing::PrintToString(path);
      static const EvidenceNode kNone;
      return kNone;
    }
    return *n;
  }

  TempDir dir_;
  Diagnostics diags_;
  std::string path_;
};

using Kind = EvidenceNode::Kind;

TEST_F(EvidenceLoaderTest, LoadsHeaderAndSources) {
  std::optional<Evidence> ev = Load("force: West Midlands Police\n"
                                    "as_of: 2016-03-31\n"
                                    "synthetic: true\n"
                                    "description: >\n"
                                    "  Made up\n"
                                    "  for tests.\n"
                                    "sources:\n"
                                    "  - id: hmic-2016\n"
                                    "    title: HMIC report\n"
                                    "    url: https://example.org/r\n"
                                    "  - {id: notes, title: Notes}\n"
                                    "evidence: {}\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
  EXPECT_EQ(ev->file, path_);
  EXPECT_EQ(ev->force, "West Midlands Police");
  EXPECT_EQ(ev->as_of, DateFromCivil(2016, 3, 31));
  EXPECT_TRUE(ev->synthetic);
  EXPECT_EQ(ev->description, "Made up for tests.");
  ASSERT_EQ(ev->sources.size(), 2u);
  EXPECT_EQ(ev->sources[0].id, "hmic-2016");
  EXPECT_EQ(ev->sources[0].title, "HMIC report");
  EXPECT_EQ(ev->sources[0].url, "https://example.org/r");
  EXPECT_EQ(ev->sources[1].id, "notes");
  EXPECT_EQ(ev->sources[1].url, "");
  EXPECT_EQ(ev->root.kind, Kind::kSection);
  EXPECT_TRUE(ev->root.fields.empty());
}

TEST_F(EvidenceLoaderTest, LoadsNestedSectionsListsAndScalars) {
  std::optional<Evidence> ev = Load("force: F\n"
                                    "as_of: 2016-03-31\n"
                                    "evidence:\n"
                                    "  vetting:\n"
                                    "    aftercare:\n"
                                    "      in_place: false\n"
                                    "      reviewed: 2015-11-02\n"
                                    "    backlog: 1200\n"
                                    "    share: -0.25\n"
                                    "    big: 1e3\n"
                                    "    unit: Professional Standards\n"
                                    "    hex: 0x10\n"
                                    "    yes_word: yes\n"
                                    "    upper: TRUE\n"
                                    "  registers: [gifts, 'hospitality', 3, 2016-01-01]\n"
                                    "  _private2: 1\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
  ASSERT_EQ(ev->root.fields.size(), 3u);
  EXPECT_EQ(ev->root.fields[0].first, "vetting");  // file order
  EXPECT_EQ(ev->root.fields[1].first, "registers");
  EXPECT_EQ(ev->root.fields[2].first, "_private2");

  const EvidenceNode& vetting = At(*ev, {"vetting"});
  EXPECT_EQ(vetting.kind, Kind::kSection);
  EXPECT_EQ(vetting.where, (SourceLocation{path_, 5, 5}));
  const EvidenceNode& in_place = At(*ev, {"vetting", "aftercare", "in_place"});
  EXPECT_EQ(in_place.kind, Kind::kBool);
  EXPECT_FALSE(in_place.boolean);
  EXPECT_EQ(in_place.where, (SourceLocation{path_, 6, 17}));
  const EvidenceNode& reviewed = At(*ev, {"vetting", "aftercare", "reviewed"});
  EXPECT_EQ(reviewed.kind, Kind::kDate);
  EXPECT_EQ(reviewed.date, DateFromCivil(2015, 11, 2));
  EXPECT_EQ(At(*ev, {"vetting", "backlog"}).kind, Kind::kNumber);
  EXPECT_EQ(At(*ev, {"vetting", "backlog"}).number, 1200);
  EXPECT_EQ(At(*ev, {"vetting", "share"}).number, -0.25);
  EXPECT_EQ(At(*ev, {"vetting", "big"}).number, 1000);
  EXPECT_EQ(At(*ev, {"vetting", "unit"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"vetting", "unit"}).text, "Professional Standards");
  // YAML 1.2 core schema: no hex numbers, and 'yes' is not a boolean.
  EXPECT_EQ(At(*ev, {"vetting", "hex"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"vetting", "yes_word"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"vetting", "upper"}).kind, Kind::kBool);
  EXPECT_TRUE(At(*ev, {"vetting", "upper"}).boolean);

  const EvidenceNode& registers = At(*ev, {"registers"});
  ASSERT_EQ(registers.kind, Kind::kList);
  ASSERT_EQ(registers.items.size(), 4u);
  EXPECT_EQ(registers.items[0].kind, Kind::kText);
  EXPECT_EQ(registers.items[0].text, "gifts");
  EXPECT_EQ(registers.items[1].text, "hospitality");
  EXPECT_EQ(registers.items[2].kind, Kind::kNumber);
  EXPECT_EQ(registers.items[3].kind, Kind::kDate);
  EXPECT_EQ(registers.items[3].where, (SourceLocation{path_, 15, 40}));
}

TEST_F(EvidenceLoaderTest, FindStopsAtAbsentOrNonSection) {
  std::optional<Evidence> ev = Load("force: F\nas_of: 2016-03-31\nevidence:\n  a:\n    b: 1\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_NE(ev->Find({"a", "b"}), nullptr);
  EXPECT_EQ(ev->Find({"a", "c"}), nullptr);
  EXPECT_EQ(ev->Find({"a", "b", "c"}), nullptr);
  EXPECT_EQ(ev->Find({"x"}), nullptr);
  EXPECT_EQ(ev->Find({}), &ev->root);
}

TEST_F(EvidenceLoaderTest, QuotedDateStaysText) {
  std::optional<Evidence> ev = Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                                    "  single: '2016-03-31'\n"
                                    "  double: \"2016-03-31\"\n"
                                    "  plain: 2016-03-31\n"
                                    "  quoted_number: '12'\n"
                                    "  quoted_bool: \"true\"\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(At(*ev, {"single"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"single"}).text, "2016-03-31");
  EXPECT_EQ(At(*ev, {"double"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"plain"}).kind, Kind::kDate);
  EXPECT_EQ(At(*ev, {"quoted_number"}).kind, Kind::kText);
  EXPECT_EQ(At(*ev, {"quoted_bool"}).kind, Kind::kText);
}

TEST_F(EvidenceLoaderTest, ReadsFactWithProvenance) {
  std::optional<Evidence> ev = Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                                    "  vetting:\n"
                                    "    backlog:\n"
                                    "      value: true\n"
                                    "      source: \"hmic-2016: 'there are currently backlogs'\"\n"
                                    "      note: inspectors' words\n"
                                    "    units: {value: [a, b], source: s}\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  const EvidenceNode& backlog = At(*ev, {"vetting", "backlog"});
  EXPECT_EQ(backlog.kind, Kind::kBool);
  EXPECT_TRUE(backlog.boolean);
  EXPECT_EQ(backlog.source, "hmic-2016: 'there are currently backlogs'");
  EXPECT_EQ(backlog.note, "inspectors' words");
  EXPECT_EQ(backlog.where, (SourceLocation{path_, 6, 14}));  // the value, not the mapping
  const EvidenceNode& units = At(*ev, {"vetting", "units"});
  EXPECT_EQ(units.kind, Kind::kList);
  EXPECT_EQ(units.items.size(), 2u);
  EXPECT_EQ(units.source, "s");
  EXPECT_EQ(units.note, "");
}

TEST_F(EvidenceLoaderTest, ReadsNullValues) {
  std::optional<Evidence> ev = Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                                    "  word: null\n"
                                    "  tilde: ~\n"
                                    "  empty:\n"
                                    "  fact:\n"
                                    "    value: null\n"
                                    "    source: not published\n"
                                    "  quoted: 'null'\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(At(*ev, {"word"}).kind, Kind::kNull);
  EXPECT_EQ(At(*ev, {"tilde"}).kind, Kind::kNull);
  EXPECT_EQ(At(*ev, {"empty"}).kind, Kind::kNull);
  EXPECT_EQ(At(*ev, {"fact"}).kind, Kind::kNull);
  EXPECT_EQ(At(*ev, {"fact"}).source, "not published");
  EXPECT_EQ(At(*ev, {"quoted"}).kind, Kind::kText);
}

// ---- errors -----------------------------------------------------------------------------------

TEST_F(EvidenceLoaderTest, ReportsUnknownKeyBesideValue) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                 "  backlog:\n"
                 "    value: 12\n"
                 "    sauce: report\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":6:5: error: unknown key 'sauce' in fact 'evidence.backlog'; "
                              "did you mean 'source'?\n"
                              "      sauce: report\n"
                              "      ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsValueThatIsAMapping) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                 "  vetting:\n"
                 "    backlog:\n"
                 "      value: {open: 3}\n"
                 "      source: s\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":6:14: error: the 'value' of fact 'evidence.vetting.backlog' must "
                              "be a value or a list, not a mapping\n"
                              "        value: {open: 3}\n"
                              "               ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsInvalidKeyName) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                 "  vetting:\n"
                 "    foo-bar: 1\n"
                 "    2nd: 2\n"
                 "    ok_1: 3\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:5: error: 'foo-bar' is not a valid evidence name: use letters, "
                          "digits and underscores, starting with a letter or underscore\n"
                          "      foo-bar: 1\n"
                          "      ^\n" +
                          path_ +
                          ":6:5: error: '2nd' is not a valid evidence name: use letters, "
                          "digits and underscores, starting with a letter or underscore\n"
                          "      2nd: 2\n"
                          "      ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsDuplicateAndNonScalarKeys) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n"
                 "  a: 1\n"
                 "  a: 2\n"
                 "  ? [x]\n"
                 "  : 3\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":5:3: error: duplicate key 'a' in section 'evidence'\n"
                          "    a: 2\n"
                          "    ^\n" +
                          path_ +
                          ":6:5: error: a key in section 'evidence' must be a name, not a "
                          "list\n"
                          "    ? [x]\n"
                          "      ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsMissingRequiredKeys) {
  EXPECT_EQ(Load("synthetic: true\n"), std::nullopt);
  const std::string at = path_ + ":1:1: error: the evidence file is missing required key ";
  const std::string quote = "  synthetic: true\n  ^\n";
  EXPECT_EQ(Errors(),
            at + "'force'\n" + quote + at + "'as_of'\n" + quote + at + "'evidence'\n" + quote);
}

TEST_F(EvidenceLoaderTest, ReportsUnknownTopLevelKey) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence: {}\nforse: G\n"), std::nullopt);
  EXPECT_EQ(Errors(),
            path_ + ":4:1: error: unknown key 'forse' in the evidence file; did you mean 'force'?\n"
                    "  forse: G\n"
                    "  ^\n");
}

// `notes` is the force's own: any YAML at all, never read into the evidence a rule sees.
TEST_F(EvidenceLoaderTest, AcceptsAndIgnoresNotes) {
  std::optional<Evidence> ev =
      Load("force: F\nas_of: 2016-03-31\nevidence: {}\n"
           "notes:\n  '9 not a name': [1, { value: x, sauce: y }]\n  head_count: 14\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(Errors(), "");
  EXPECT_EQ(ev->Find({"notes"}), nullptr);
  EXPECT_EQ(ev->Find({"head_count"}), nullptr);
}

TEST_F(EvidenceLoaderTest, ReportsAsOfThatIsNotARealDate) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-02-30\nevidence: {}\n"), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":2:8: error: 'as_of' must be a date written YYYY-MM-DD, not text\n"
                              "  as_of: 2016-02-30\n"
                              "         ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsQuotedAsOf) {
  EXPECT_EQ(Load("force: F\nas_of: '2016-03-31'\nevidence: {}\n"), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":2:8: error: 'as_of' must be a date written YYYY-MM-DD, not text\n"
                              "  as_of: '2016-03-31'\n"
                              "         ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsWrongShapes) {
  EXPECT_EQ(Load("force: [F]\nas_of: 12\nsynthetic: 1\nsources: {}\nevidence: [a]\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":1:8: error: 'force' must be text, not a list\n"
                          "  force: [F]\n"
                          "         ^\n" +
                          path_ +
                          ":2:8: error: 'as_of' must be a date written YYYY-MM-DD, not a "
                          "number\n"
                          "  as_of: 12\n"
                          "         ^\n" +
                          path_ +
                          ":3:12: error: 'synthetic' must be true or false, not a number\n"
                          "  synthetic: 1\n"
                          "             ^\n" +
                          path_ +
                          ":4:10: error: 'sources' must be a list, not a mapping\n"
                          "  sources: {}\n"
                          "           ^\n" +
                          path_ +
                          ":5:11: error: 'evidence' must be a mapping of sections and "
                          "facts, not a list\n"
                          "  evidence: [a]\n"
                          "            ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsBadSources) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nsources:\n  - {id: s2}\n  - nope\nevidence: {}\n"),
            std::nullopt);
  EXPECT_EQ(Errors(), path_ +
                          ":4:5: error: a source is missing required key 'title'\n"
                          "    - {id: s2}\n"
                          "      ^\n" +
                          path_ +
                          ":5:5: error: a source must be a mapping, not text\n"
                          "    - nope\n"
                          "      ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsFileThatIsNotAMapping) {
  EXPECT_EQ(Load(""), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ": error: the evidence file must be a mapping, not nothing\n");
}

TEST_F(EvidenceLoaderTest, ReportsMissingFile) {
  EXPECT_EQ(LoadEvidence(dir_.Path("none.yaml"), diags_), std::nullopt);
  EXPECT_EQ(Errors(), dir_.Path("none.yaml") + ": error: cannot read file: no such file\n");
}

TEST_F(EvidenceLoaderTest, ReportsMalformedYaml) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n  a: 1\n b: 2\n"), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":5:2: error: invalid YAML: end of map not found\n"
                              "   b: 2\n"
                              "   ^\n");
}

TEST_F(EvidenceLoaderTest, ReportsUndefinedAlias) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n  a: *nope\n"), std::nullopt);
  EXPECT_EQ(Errors(), path_ + ":4:6: error: invalid YAML: the referenced anchor is not defined\n"
                              "    a: *nope\n"
                              "       ^\n");
}

// ---- hostile input ----------------------------------------------------------------------------

// Ten anchored lists, each holding ten aliases of the one before: 10^10 values once expanded.
std::string AliasBomb() {
  std::string s =
      "force: F\nas_of: 2016-03-31\nevidence:\n  l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 10; ++i) {
    s += "  l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  return s;
}

TEST_F(EvidenceLoaderTest, RefusesAliasBomb) {
  EXPECT_EQ(Load(AliasBomb()), std::nullopt);
  // Refused as the file is read (yaml/yaml_limits.h): l0 to l4 and l5's first alias are
  // 123,461 nodes; its second passes the 250,000.
  EXPECT_EQ(Errors(),
            path_ + ":9:17: error: more than 250000 nodes, counting each node an alias repeats "
                    "(the limit is 250000 YAML nodes)\n"
                    "    l5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n"
                    "                  ^\n");
}

TEST_F(EvidenceLoaderTest, RefusesTooDeepNesting) {
  const std::string deep = "force: F\nas_of: 2016-03-31\nevidence:\n  a: " + std::string(70, '[') +
                           "1" + std::string(70, ']') + "\n";
  EXPECT_EQ(Load(deep), std::nullopt);
  // Refused as the file is read (yaml/yaml_limits.h): the file's mapping is level 1 and
  // `evidence` level 2, so the 63rd bracket (column 68) opens level 65.
  EXPECT_EQ(Errors(),
            path_ +
                ":4:68: error: lists and mappings nested more than 64 deep (the limit is 64 "
                "levels of YAML depth)\n"
                "    a: " +
                deep.substr(deep.find('[')) + "  " + std::string(67, ' ') + "^\n");
}

// `evidence:` followed by `depth` nested mappings {k: {k: ... 1}}; the outermost is level 1.
std::string NestedSections(int depth) {
  std::string text = "force: F\nas_of: 2016-03-31\nevidence: ";
  for (int i = 0; i < depth; ++i) text += "{k: ";
  return text + "1" + std::string(static_cast<size_t>(depth), '}') + "\n";
}

TEST_F(EvidenceLoaderTest, RefusesTooDeepSections) {
  EXPECT_EQ(Load(NestedSections(70)), std::nullopt);
  // Refused as the file is read: with the file's mapping level 1, the 64th brace, at column
  // 11 + 4 * 63, opens level 65.
  EXPECT_EQ(Errors(),
            path_ + ":3:263: error: lists and mappings nested more than 64 deep (the limit is 64 "
                    "levels of YAML depth)\n");
}

TEST_F(EvidenceLoaderTest, RefusesValueOneLevelPastTheLimit) {
  EXPECT_EQ(Load(NestedSections(64)), std::nullopt);
  // 64 mappings under the file's are levels 2 to 65 (as the loader counted, 1 to 64 and the
  // value 1 inside the last at 65): refused as the file is read.
  EXPECT_EQ(Errors(),
            path_ + ":3:263: error: lists and mappings nested more than 64 deep (the limit is 64 "
                    "levels of YAML depth)\n");
}

TEST_F(EvidenceLoaderTest, AcceptsNestingAtTheLimit) {
  std::optional<Evidence> ev = Load(NestedSections(63));
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(ev->Find(std::vector<std::string>(63, "k"))->number, 1);
}

TEST_F(EvidenceLoaderTest, RefusesANumberBeyondTheMagnitudeLimit) {
  std::optional<Evidence> ev =
      Load("force: F\nas_of: 2016-03-31\nevidence:\n  a: 1e15\n  b: -1000000000000000\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(At(*ev, {"a"}).number, 1e15);
  EXPECT_EQ(
      Load("force: F\nas_of: 2016-03-31\nevidence:\n  a: 1000000000000001\n  b: {value: -2e15}\n"),
      std::nullopt);
  EXPECT_EQ(Errors(),
            path_ +
                ":4:6: error: 'evidence.a' is 1000000000000001, beyond the number magnitude limit "
                "(numbers from -1e15 to 1e15)\n"
                "    a: 1000000000000001\n"
                "       ^\n" +
                path_ +
                ":5:14: error: 'evidence.b' is -2e15, beyond the number magnitude limit "
                "(numbers from -1e15 to 1e15)\n"
                "    b: {value: -2e15}\n"
                "               ^\n");
}

// An unterminated quote ran on to the next quote in the file, and the facts it swallowed came
// out not assessed (issue 12).
TEST_F(EvidenceLoaderTest, RefusesAQuotedValueThatRunsOverTheNextKeys) {
  EXPECT_EQ(
      Load(
          "force: F\nas_of: 2016-03-31\nevidence:\n  vetting:\n    unit: \"PSD\n    backlog: true\n"
          "    policy: published\"\n"),
      std::nullopt);
  EXPECT_EQ(Errors(),
            path_ + ":5:11: error: this quoted text runs on over line 6, which looks like the key "
                    "'backlog': is its closing quote (\") missing?\n"
                    "      unit: \"PSD\n"
                    "            ^\n");
}

TEST_F(EvidenceLoaderTest, RefusesASingleQuotedValueThatRunsOverAnOuterKey) {
  EXPECT_EQ(Load("force: F\nas_of: 2016-03-31\nevidence:\n  vetting:\n    unit: 'PSD\n  other: "
                 "true\n  x: y'\n"),
            std::nullopt);
  EXPECT_NE(
      Errors().find(
          ":5:11: error: this quoted text runs on over line 6, which looks like the key 'other': "
          "is its closing quote (') missing?"),
      std::string::npos)
      << Errors();
}

TEST_F(EvidenceLoaderTest, AcceptsQuotedTextOverSeveralIndentedLines) {
  // Continuation lines indented under the key are the text's own, even one like a key.
  std::optional<Evidence> ev =
      Load("force: F\nas_of: 2016-03-31\nevidence:\n  vetting:\n    unit: \"PSD, which\n"
           "      note: is the professional standards department\"\n    done: true\n"
           "    other: 'it''s\n      fine'\n");
  ASSERT_TRUE(ev.has_value()) << Errors();
  EXPECT_EQ(At(*ev, {"vetting", "unit"}).text,
            "PSD, which note: is the professional standards department");
  EXPECT_EQ(At(*ev, {"vetting", "other"}).text, "it's fine");
  EXPECT_TRUE(At(*ev, {"vetting", "done"}).boolean);
}

}  // namespace
}  // namespace forcecheck
