#include "eval/evaluate.h"

#include <algorithm>
#include <memory>
#include <set>

#include "base/parallel.h"
#include "expr/evaluator.h"

namespace forcecheck {
namespace {

using expr::Value;

std::string Join(const std::vector<std::string>& path) {
  std::string s;
  for (const std::string& seg : path) s += (s.empty() ? "" : ".") + seg;
  return s;
}

Value ToValue(const EvidenceNode& n) {
  switch (n.kind) {
    case EvidenceNode::Kind::kNull: return Value::Unknown("null");
    case EvidenceNode::Kind::kBool: return Value::Bool(n.boolean);
    case EvidenceNode::Kind::kNumber: return Value::Number(n.number);
    case EvidenceNode::Kind::kText: return Value::Text(n.text);
    case EvidenceNode::Kind::kDate: return Value::DateValue(n.date);
    case EvidenceNode::Kind::kSection: return Value::Section(&n);
    case EvidenceNode::Kind::kList: {
      std::vector<Value> items;
      items.reserve(n.items.size());
      for (const EvidenceNode& item : n.items) items.push_back(ToValue(item));
      return Value::List(std::move(items));
    }
  }
  return Value::Unknown("null");
}

// The evidence as an expression sees it; remembers what each rule looked at.
class EvidenceEnvironment : public expr::Environment {
 public:
  EvidenceEnvironment(const Evidence& ev, const EvalOptions& options)
      : ev_(ev), as_of_(options.as_of), parameters_(options.parameters) {}

  Value Lookup(const std::vector<std::string>& path) override {
    const std::string dotted = Join(path);
    const EvidenceNode* n = ev_.Find(path);
    Value v = n ? ToValue(*n) : Value::Unknown("absent");
    Record(dotted, n, v);
    if (v.is_unknown()) return Value::Unknown(dotted);
    return v;
  }
  Value Field(const Value& section, const std::vector<std::string>& path) override {
    const EvidenceNode* n = static_cast<const EvidenceNode*>(section.handle());
    for (const std::string& seg : path) {
      n = n && n->kind == EvidenceNode::Kind::kSection ? n->Field(seg) : nullptr;
    }
    if (!n) return Value::Unknown("item field '" + Join(path) + "' is absent");
    Value v = ToValue(*n);
    if (v.is_unknown())
      return Value::Unknown("item field '" + Join(path) + "' is null at " + n->where.ToString());
    return v;
  }

  // A register with no records reads as absent (so the rule is not assessed) unless the pack
  // declares that no records is a valid answer for it.
  const Register* FindRegister(const RegisterSpec& spec) override {
    const Register* found = ev_.FindRegister(spec.id);
    const bool empty = found && found->rows() == 0 && !spec.may_be_empty;
    const Register* reg = empty ? nullptr : found;
    // Asked once for every record of an outer where when an inner one names a register: the
    // refs are searched without building the path.
    constexpr std::string_view kPrefix = "registers.";
    for (const EvidenceRef& r : refs_) {
      if (r.path.size() == kPrefix.size() + spec.id.size() && r.path.starts_with(kPrefix) &&
          r.path.ends_with(spec.id)) {
        return reg;
      }
    }
    EvidenceRef ref;
    ref.path = std::string(kPrefix) + spec.id;
    ref.present = reg != nullptr;
    if (found) {
      ref.value = empty ? std::string("no records")
                        : std::to_string(found->rows()) +
                              (found->rows() == 1 ? " record" : " records") +
                              (found->synthetic ? " (synthetic)" : "");
      ref.where = {found->file};
    } else {
      ref.value = "absent";
    }
    refs_.push_back(std::move(ref));
    return reg;
  }

  Date as_of() const override { return as_of_; }

  std::optional<Value> Parameter(int index) const override {
    if (index < 0 || static_cast<size_t>(index) >= parameters_.size()) return std::nullopt;
    return parameters_[static_cast<size_t>(index)];
  }

  std::vector<EvidenceRef> TakeRefs() { return std::move(refs_); }
  void Reset() { refs_.clear(); }

 private:
  void Record(const std::string& path, const EvidenceNode* n, const Value& v) {
    for (const EvidenceRef& r : refs_) {
      if (r.path == path) return;
    }
    EvidenceRef ref;
    ref.path = path;
    ref.present = n && !v.is_unknown();
    ref.value = !n ? "absent" : v.is_unknown() ? "null" : v.ToString();
    if (n) {
      ref.where = n->where;
      ref.source = n->source;
    }
    refs_.push_back(std::move(ref));
  }

  const Evidence& ev_;
  Date as_of_;
  const std::vector<Value>& parameters_;
  std::vector<EvidenceRef> refs_;
};

std::string AbsentList(const std::vector<EvidenceRef>& refs) {
  std::string s;
  for (const EvidenceRef& r : refs) {
    if (!r.present) s += (s.empty() ? "" : ", ") + r.path + " (" + r.value + ")";
  }
  return s;
}

// Sets `f` to error or not-assessed when `v` is not a boolean; returns whether it did.
bool Undecided(const Value& v, const CompiledExpr& e, const char* key, Finding& f) {
  if (v.is_error()) {
    f.outcome = Outcome::kError;
    f.reason = std::string("in '") + key + "': " + v.text();
    f.reason_where = e.At(v.error_offset());
    return true;
  }
  if (v.is_unknown()) {
    // Absent facts are listed by path; a blank register cell is named by the value's reason.
    const std::string absent = AbsentList(f.evidence);
    f.outcome = Outcome::kNotAssessed;
    f.reason = "evidence needed is missing: " + (absent.empty() ? v.text() : absent);
    return true;
  }
  if (v.kind() != Value::Kind::kBool) {
    f.outcome = Outcome::kError;
    f.reason = std::string("'") + key + "' must give true or false, but gave " + v.KindName() +
               (v.kind() == Value::Kind::kSection ? "" : " (" + v.ToString() + ")");
    f.reason_where = e.At(0);
    return true;
  }
  return false;
}

// Evaluates `e`, the part `key` ("check", "partial", "records") of `rule` (null for a bare
// expression), turning a failure of the evaluator into one that names the rule and the place.
Value EvaluatePart(const Rule* rule, const CompiledExpr& e, const char* key, expr::Environment& env,
                   expr::EvalState& state, expr::Trace* trace = nullptr) {
  try {
    return expr::Evaluate(*e.ast, env, state, trace);
  } catch (const expr::EngineFailure& failure) {
    throw RuleEngineFailure(
        (rule ? "rule " + rule->id + ": in '" + key + "'" : std::string("in the expression")) +
        " at " + e.At(failure.offset()).ToString() + ": " + failure.what());
  }
}

void DecidePartial(const Rule& rule, EvidenceEnvironment& env, expr::EvalState& state, Finding& f);

// Lists the records the rule's `records` expression selects (for a rule that is not met).
void CollectRecords(const Rule& rule, EvidenceEnvironment& env, expr::EvalState& state,
                    Finding& f) {
  if (!rule.records || (f.outcome != Outcome::kFail && f.outcome != Outcome::kPartial)) return;
  Value v = EvaluatePart(&rule, *rule.records, "records", env, state);
  if (v.kind() != Value::Kind::kRows) return;
  const expr::RowSet& rows = v.rows();
  const Register& reg = *rows.reg;
  const int key = reg.spec->ColumnIndex(reg.spec->key);
  f.records_total = rows.size();
  for (size_t i = 0; i < rows.size() && i < kMaxRecordsPerFinding; ++i) {
    const uint32_t row = rows.at(i);
    RecordRef r;
    r.where = {reg.file, reg.lines[row], 0};
    if (key >= 0) {
      const Value k = expr::CellValue(reg, key, row);
      r.key = k.kind() == Value::Kind::kText ? k.text() : k.is_decided() ? k.ToString() : "";
    }
    f.records.push_back(std::move(r));
  }
}

Finding EvaluateRule(const Rule& rule, EvidenceEnvironment& env, expr::EvalState& state) {
  Finding f;
  f.rule = &rule;
  env.Reset();
  // See KnownAnswers: answers kept for another rule would hide the evidence this one reads.
  const expr::EvalState::RuleAnswers answers(state);
  Value check = EvaluatePart(&rule, rule.check, "check", env, state);
  f.evidence = env.TakeRefs();
  if (Undecided(check, rule.check, "check", f)) return f;
  if (check.boolean()) {
    f.outcome = Outcome::kPass;
    f.reason = "the check is met";
    return f;
  }
  f.outcome = Outcome::kFail;
  f.reason = "the check is not met";
  DecidePartial(rule, env, state, f);
  CollectRecords(rule, env, state, f);
  return f;
}

void DecidePartial(const Rule& rule, EvidenceEnvironment& env, expr::EvalState& state, Finding& f) {
  if (!rule.partial) return;
  env.Reset();
  Value partial = EvaluatePart(&rule, *rule.partial, "partial", env, state);
  for (EvidenceRef& r : env.TakeRefs()) {
    bool seen = false;
    for (const EvidenceRef& have : f.evidence) seen = seen || have.path == r.path;
    if (!seen) f.evidence.push_back(std::move(r));
  }
  if (partial.kind() == Value::Kind::kBool) {
    if (partial.boolean()) f.outcome = Outcome::kPartial;
    f.reason = partial.boolean() ? "the check is not met, but the rule is partly met"
                                 : "the check is not met, nor partly met";
  } else if (partial.is_unknown()) {
    f.reason =
        "the check is not met; whether it is partly met is unknown: " + AbsentList(f.evidence);
  } else {  // an error, or a value that is no answer
    Undecided(partial, *rule.partial, "partial", f);
  }
}

}  // namespace

Finding EvaluateOne(const Rule& rule, const Evidence& evidence, const EvalOptions& options) {
  EvidenceEnvironment env(evidence, options);
  expr::EvalState state;
  state.set_compiled(options.compiled);
  return EvaluateRule(rule, env, state);
}

void TraceRule(const CompiledExpr& e, const Evidence& evidence, const EvalOptions& options,
               expr::Trace& trace) {
  EvidenceEnvironment env(evidence, options);
  expr::EvalState state;
  EvaluatePart(nullptr, e, "", env, state, &trace);
}

// Rules are independent, so they are shared out among workers (base/parallel.h), each with an
// environment and a state of its own (column indexes, shared by the rules that worker
// evaluates). A finding depends only on its rule and the evidence, so the result
// is the same however the rules were shared out.
namespace {

// The registers an expression names.
void RegistersNamed(const expr::Expr& e, std::set<const RegisterSpec*>& out) {
  if (e.kind == expr::Expr::Kind::kPath && e.reg) out.insert(e.reg);
  for (const auto& a : e.args) RegistersNamed(*a, out);
}

// How many register records a rule may read: a guess at its cost, so that the costliest
// rules are shared out first and the workers finish together.
size_t RecordsRead(const Rule& rule, const Evidence& evidence) {
  std::set<const RegisterSpec*> regs;
  RegistersNamed(*rule.check.ast, regs);
  if (rule.partial) RegistersNamed(*rule.partial->ast, regs);
  if (rule.records) RegistersNamed(*rule.records->ast, regs);
  size_t n = 0;
  for (const RegisterSpec* spec : regs) {
    if (const Register* reg = evidence.FindRegister(spec->id)) n += reg->rows();
  }
  return n;
}

}  // namespace

std::vector<Finding> Evaluate(const RulePack& pack, const Evidence& evidence,
                              const EvalOptions& options) {
  const size_t workers = std::min(WorkerCount(), std::max<size_t>(pack.rules.size(), 1));
  std::vector<uint64_t> cost;
  for (const Rule& rule : pack.rules) cost.push_back(RecordsRead(rule, evidence));
  const std::vector<size_t> costliest_first = LargestFirst(cost);
  std::vector<std::unique_ptr<EvidenceEnvironment>> envs;
  std::vector<std::unique_ptr<expr::EvalState>> states;
  for (size_t w = 0; w < workers; ++w) {
    envs.push_back(std::make_unique<EvidenceEnvironment>(evidence, options));
    states.push_back(std::make_unique<expr::EvalState>());
    states.back()->set_compiled(options.compiled);
  }
  std::vector<Finding> findings(pack.rules.size());
  ParallelFor(pack.rules.size(), [&](size_t k, size_t w) {
    const size_t i = costliest_first[k];
    findings[i] = EvaluateRule(pack.rules[i], *envs[w], *states[w]);
  });
  return findings;
}

}  // namespace forcecheck
