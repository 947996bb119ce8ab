#pragma once

// The table of built-in functions: the one place that the checker (arity, argument types) and
// the evaluator (behaviour) both read, so the two cannot disagree.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "expr/value.h"

namespace forcecheck::expr {

// What the evaluator offers a function besides its arguments.
struct CallContext {
  Date as_of;
  uint32_t offset = 0;  // where the call is, for error values
};

// Functions over a collection (register records, a list, or groups), evaluated by the
// evaluator itself because their second argument is evaluated once per element.
enum class Aggregate {
  kNone,
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kPct,
  kAny,
  kAll,
  kDistinct,
  kFilter
};

struct Function {
  std::string_view name;
  size_t min_args = 0;
  size_t max_args = 0;       // kVariadic for no upper bound
  std::vector<Type> params;  // a type per argument; the last repeats for variadic
  Type result = Type::kAny;
  bool takes_path = false;  // exists(): the argument is a path, looked up, not evaluated
  // REQUIRES: args decided (neither unknown nor error) unless takes_path.
  Value (*call)(std::span<const Value> args, const CallContext& ctx) = nullptr;
  // How it is called and what it gives, for `forcecheck functions` and docs/formats.md's table
  // of functions (tests/expr/functions_test.cc keeps the two in step).
  std::vector<std::string_view> signatures;  // e.g. {"count(C)", "count(C, condition)"}
  std::string_view summary;                  // one line, plain text
  Aggregate aggregate = Aggregate::kNone;
  bool numeric_too = false;  // min, max: also smallest/largest of plain numbers
};

inline constexpr size_t kVariadic = static_cast<size_t>(-1);

const Function* FindFunction(std::string_view name);
const std::vector<Function>& AllFunctions();  // by name

// The function's signatures joined: "count(C), count(C, condition)".
std::string SignatureText(const Function& f);

}  // namespace forcecheck::expr
