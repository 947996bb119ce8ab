#pragma once

// Checks an expression before any evidence is read: every function exists and receives the
// right number and types of arguments, every operator receives operands it can work on, and
// the whole gives the type wanted. Paths are of type `any` here; a finding about a path's
// actual type is made when the evidence is evaluated.

#include <vector>

#include "expr/ast.h"

namespace forcecheck::expr {

std::vector<ExprError> Check(const Expr& expr, Type want);

}  // namespace forcecheck::expr
