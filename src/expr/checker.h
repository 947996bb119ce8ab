#pragma once

// Checks an expression before any evidence is read, and resolves what each name in it means.
//
// Every function must exist and receive the right number and types of arguments, every
// operator operands it can work on, and the whole must give the type wanted. Names resolve,
// innermost first, to: the alias of an enclosing `as`; a column of the register record in
// scope (`count(registers.vetting where expires < as_of())`); a field of the list item in
// scope; `group` and `key` inside an aggregate over groups; `registers.<id>[.<column>]`;
// `params.<id>`, a parameter of the pack, of its declared type; or else a path into the
// evidence. An unknown register, an unknown column and (when the pack
// names an evidence schema) an unknown evidence path are errors here, at their place.

#include <map>
#include <string>
#include <vector>

#include "evidence/register.h"
#include "expr/ast.h"

namespace forcecheck::expr {

// A parameter of the pack as the checker sees it (the pack's own model is in src/rules).
struct ParameterInfo {
  std::string id;
  Type type = Type::kAny;
  Value default_value;
};

struct CheckContext {
  const std::vector<RegisterSpec>* registers = nullptr;
  // Every path the evidence schema describes, with its type (kAny for sections); when set, a
  // path not in it is an error.
  const std::map<std::string, Type>* evidence_paths = nullptr;
  std::string evidence_schema_name;  // for messages, e.g. "schemas/evidence.schema.json"
  // The pack's parameters in declaration order; `params.<id>` resolves to its index.
  const std::vector<ParameterInfo>* parameters = nullptr;
};

// REQUIRES: `expr` is fresh from Parse. Fills in the resolution fields of `expr`'s nodes.
std::vector<ExprError> Check(Expr& expr, Type want, const CheckContext& context = {});

}  // namespace forcecheck::expr
