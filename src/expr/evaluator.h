#pragma once

// Evaluates a checked expression against an environment. Never throws on bad data: a value of
// the wrong kind gives an error value, absent evidence an unknown value, and `and`/`or` follow
// three-valued (Kleene) logic so that an unknown operand decides nothing the other operand
// does not already decide.

#include <string>
#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

// What an expression can see.
class Environment {
 public:
  virtual ~Environment() = default;
  // The value at a dotted path: unknown when absent or null, a section marker for a mapping.
  // An implementation may record the access (findings list the evidence they looked at).
  virtual Value Lookup(const std::vector<std::string>& path) = 0;
  virtual Date as_of() const = 0;
};

Value Evaluate(const Expr& expr, Environment& env);

}  // namespace forcecheck::expr
