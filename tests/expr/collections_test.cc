// The collection language over real registers loaded from CSV: where, by, aggregates,
// cross-register lookups (indexed and not), durations, and the rule that a blank cell is
// never counted as zero.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "evidence/register_loader.h"
#include "expr/checker.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace forcecheck::expr {
namespace {

namespace fs = std::filesystem;

RegisterSpec Spec(std::string id, std::string key, std::vector<ColumnSpec> columns) {
  RegisterSpec s;
  s.id = std::move(id);
  s.title = s.id;
  s.key = std::move(key);
  s.columns = std::move(columns);
  return s;
}

class RegisterEnvironment : public Environment {
 public:
  explicit RegisterEnvironment(const std::vector<Register>& regs) : regs_(regs) {}
  Value Lookup(const std::vector<std::string>& path) override {
    return Value::Unknown(path[0] + " (absent)");
  }
  const Register* FindRegister(const RegisterSpec& spec) override {
    for (const Register& r : regs_) {
      if (r.spec->id == spec.id) return &r;
    }
    return nullptr;
  }
  Date as_of() const override { return *ParseDate("2016-03-31"); }

 private:
  const std::vector<Register>& regs_;
};

class CollectionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    specs_ = new std::vector<RegisterSpec>{
        Spec("vetting", "person_id",
             {{"person_id", ColumnType::kText, true, ""},
              {"department", ColumnType::kText, false, ""},
              {"designated", ColumnType::kBool, false, ""},
              {"required_level", ColumnType::kText, false, ""},
              {"level_held", ColumnType::kText, false, ""},
              {"expires", ColumnType::kDate, false, ""}}),
        Spec("gifts", "gift_id",
             {{"gift_id", ColumnType::kText, true, ""},
              {"donor", ColumnType::kText, false, ""},
              {"received", ColumnType::kDate, false, ""},
              {"value", ColumnType::kNumber, false, ""}}),
        Spec("procurement", "contract_id",
             {{"contract_id", ColumnType::kText, true, ""},
              {"supplier", ColumnType::kText, false, ""},
              {"awarded", ColumnType::kDate, false, ""}}),
    };
    const fs::path dir =
        fs::path(::testing::TempDir()) / ("collections-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "vetting.csv")
        << "person_id,department,designated,required_level,level_held,expires\n"
           "P1,CID,yes,MV,MV,2017-01-01\n"
           "P2,CID,no,RV,RV,2015-06-30\n"
           "P3,Response,yes,MV,RV,2018-01-01\n"
           "P4,Response,no,RV,RV,2020-01-01\n"
           "P5,Custody,no,RV,RV,\n";
    std::ofstream(dir / "gifts.csv") << "gift_id,donor,received,value\n"
                                        "G1,Acme Ltd,2015-06-01,50\n"
                                        "G2,Acme Ltd,2012-01-01,20\n"
                                        "G3,Nobody,2015-01-01,5\n";
    std::ofstream(dir / "procurement.csv") << "contract_id,supplier,awarded\n"
                                              "C1,Acme Ltd,2015-09-01\n"
                                              "C2,Other,2010-01-01\n";
    regs_ = new std::vector<Register>;
    Diagnostics diags;
    for (const RegisterSpec& s : *specs_) {
      std::optional<Register> r = LoadRegister(s, (dir / (s.id + ".csv")).string(), diags);
      ASSERT_TRUE(r) << s.id;
      regs_->push_back(std::move(*r));
    }
    fs::remove_all(dir);
  }
  static void TearDownTestSuite() {
    delete regs_;
    delete specs_;
  }

  // Parses, checks and evaluates `source`; "error@offset: message" for a check error.
  static std::string Run(const std::string& source) {
    ParseResult p = Parse(source);
    if (p.error) return "parse@" + std::to_string(p.error->offset) + ": " + p.error->message;
    CheckContext ctx{specs_, nullptr, ""};
    std::vector<ExprError> errors = Check(*p.expr, Type::kAny, ctx);
    if (!errors.empty())
      return "check@" + std::to_string(errors[0].offset) + ": " + errors[0].message;
    RegisterEnvironment env(*regs_);
    Value v = Evaluate(*p.expr, env);
    if (v.is_unknown()) return "unknown: " + v.text();
    return v.ToString();
  }

  static std::vector<RegisterSpec>* specs_;
  static std::vector<Register>* regs_;
};
std::vector<RegisterSpec>* CollectionsTest::specs_ = nullptr;
std::vector<Register>* CollectionsTest::regs_ = nullptr;

TEST_F(CollectionsTest, CountsAndFilters) {
  EXPECT_EQ(Run("count(registers.vetting)"), "5");
  EXPECT_EQ(Run("count(registers.vetting where designated)"), "2");
  EXPECT_EQ(Run("count(registers.vetting, level_held != required_level)"), "1");
  EXPECT_EQ(Run("registers.vetting where designated and level_held != required_level"), "1 record");
  EXPECT_EQ(Run("count(filter(registers.vetting, department == 'CID'))"), "2");
}

TEST_F(CollectionsTest, ABlankCellIsUnknownNeverZero) {
  EXPECT_EQ(Run("count(registers.vetting where expires < as_of())"),
            "unknown: 'expires' is empty at " + (*regs_)[0].file + ":6");
  EXPECT_EQ(Run("count(registers.vetting where not exists(expires) or expires < as_of())"), "2");
  EXPECT_EQ(Run("count(registers.vetting where exists(expires) and expires < as_of())"), "1");
}

TEST_F(CollectionsTest, AnyAndAllFollowThreeValuedLogic) {
  EXPECT_EQ(Run("any(registers.vetting, expires < 2016-01-01)"), "true");  // P2 decides
  EXPECT_EQ(Run("all(registers.vetting, expires > 2000-01-01)"),
            "unknown: 'expires' is empty at " + (*regs_)[0].file + ":6");
  EXPECT_EQ(Run("all(registers.vetting, expires > 2016-01-01)"), "false");  // P2 decides
  EXPECT_EQ(Run("any(registers.vetting where department == 'Nowhere')"), "false");
}

TEST_F(CollectionsTest, AggregatesValues) {
  EXPECT_EQ(Run("sum(registers.gifts, value)"), "75");
  EXPECT_EQ(Run("avg(registers.gifts, value)"), "25");
  EXPECT_EQ(Run("max(registers.gifts, received)"), "2015-06-01");
  EXPECT_EQ(Run("min(registers.gifts where donor == 'Acme Ltd', value)"), "20");
  EXPECT_EQ(Run("pct(registers.vetting, designated)"), "40");
  EXPECT_EQ(Run("pct(registers.vetting where department == 'Nowhere', designated)"),
            "unknown: pct() of an empty collection");
  EXPECT_EQ(Run("distinct(registers.gifts, donor)"), "['Acme Ltd', 'Nobody']");
  EXPECT_EQ(Run("min(3, 1, 2)"), "1");
}

TEST_F(CollectionsTest, GroupsByAColumn) {
  EXPECT_EQ(Run("registers.vetting by department"), "3 groups");
  EXPECT_EQ(Run("min(registers.vetting by department, pct(group, designated))"), "0");
  EXPECT_EQ(Run("count(registers.vetting by department, key == 'CID' and count(group) == 2)"), "1");
}

// Keys of each kind form one group per distinct value: text, booleans, dates, numbers, and
// computed keys; a blank key leaves the grouping unknown.
TEST_F(CollectionsTest, GroupsByKeysOfEveryKind) {
  EXPECT_EQ(Run("registers.vetting by required_level"), "2 groups");
  EXPECT_EQ(Run("registers.vetting by designated"), "2 groups");
  EXPECT_EQ(Run("count(registers.vetting by designated, key == false and count(group) == 3)"), "1");
  EXPECT_EQ(Run("registers.gifts by received"), "3 groups");
  EXPECT_EQ(Run("registers.gifts by received >= 2015-01-01"), "2 groups");
  EXPECT_EQ(Run("max(registers.gifts by received - 1y, count(group))"), "1");
  EXPECT_EQ(Run("registers.gifts by value"), "3 groups");
  EXPECT_EQ(Run("registers.gifts by value > 10"), "2 groups");
  EXPECT_EQ(Run("registers.gifts by donor"), "2 groups");
  EXPECT_EQ(Run("min(registers.gifts by donor, sum(group, value))"), "5");
  EXPECT_EQ(Run("registers.vetting by expires").rfind("unknown", 0), 0u)
      << Run("registers.vetting by expires");
}

TEST_F(CollectionsTest, LooksAcrossRegistersWithAndWithoutAnIndex) {
  // `p.supplier == g.donor` is indexed; the reversed, or-ed form is not: both must agree.
  const std::string window =
      " and p.awarded >= g.received - 12mo and p.awarded <= g.received + 12mo";
  EXPECT_EQ(Run("count(registers.gifts as g where any(registers.procurement as p where p.supplier "
                "== g.donor" +
                window + "))"),
            "1");
  EXPECT_EQ(Run("count(registers.gifts as g where any(registers.procurement as p where (g.donor == "
                "p.supplier or false)" +
                window + "))"),
            "1");
  EXPECT_EQ(Run("count(registers.gifts where donor in registers.procurement.supplier)"), "2");
}

TEST_F(CollectionsTest, ComputesWithDatesAndDurations) {
  EXPECT_EQ(Run("2016-01-31 + 1mo"), "2016-02-29");
  EXPECT_EQ(Run("2016-02-29 + 1y"), "2017-02-28");
  EXPECT_EQ(Run("as_of() - 6w"), "2016-02-18");
  EXPECT_EQ(Run("as_of() - 2016-03-01"), "30");
  EXPECT_EQ(Run("count(registers.vetting where exists(expires) and expires < as_of() + 10mo)"),
            "2");
}

TEST_F(CollectionsTest, ChecksNamesAgainstTheRegisters) {
  EXPECT_EQ(Run("count(registers.vettin)"),
            "check@6: unknown register 'vettin'; did you mean 'vetting'?");
  EXPECT_EQ(Run("count(registers.vetting where levl == 'MV')"),
            "check@30: unknown column 'levl' in register 'vetting' (its columns are: person_id, "
            "department, designated, required_level, level_held, expires)");
  EXPECT_EQ(Run("count(registers.gifts as g where g.amount > 3)"),
            "check@33: unknown column 'amount' in register 'gifts' (its columns are: gift_id, "
            "donor, received, value)");
  EXPECT_EQ(Run("count(3)"), "check@6: count() needs a collection (register records, a list or "
                             "groups), but this is a number");
  EXPECT_EQ(Run("sum(registers.gifts, donor)"), "check@21: sum() needs a number, but this is text");
  EXPECT_EQ(
      Run("as_of() + 3"),
      "check@10: '+' on a date needs a duration such as 42d, 6mo or 10y, but this is a number");
  EXPECT_EQ(Run("count(registers.vetting where 3mx > 1)"),
            "parse@30: unknown duration unit 'mx' (use d, w, mo or y, as in 42d or 6mo)");
}

}  // namespace
}  // namespace forcecheck::expr
