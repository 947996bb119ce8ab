#include "rules/rule_pack.h"

namespace forcecheck {

namespace {

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  for (const T& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}
}  // namespace

std::string Citation::ToString() const {
  std::string s = document;
  if (!section.empty()) s += ", " + section;
  if (year > 0) s += " (" + std::to_string(year) + ")";
  return s;
}

SourceLocation CompiledExpr::At(uint32_t offset) const {
  if (positions.empty()) return {file};
  const auto& p = positions[std::min<size_t>(offset, positions.size() - 1)];
  return {file, p.first, p.second};
}

bool CompiledExpr::operator==(const CompiledExpr& o) const {
  return text == o.text && file == o.file && positions == o.positions && !ast == !o.ast;
}

bool Parameter::operator==(const Parameter& o) const {
  // Every field; a default is a decided scalar, so Equals applies (and checks the kind).
  return id == o.id && type == o.type && default_value.Equals(o.default_value) && unit == o.unit &&
         description == o.description && local_choice == o.local_choice && source == o.source &&
         where == o.where;
}

const std::string& Scale::GradeFor(double score) const {
  for (const GradeBand& b : bands) {
    if (score >= b.min) return b.grade;
  }
  return bands.back().grade;
}

int Scale::Rank(const std::string& grade) const {
  for (size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].grade == grade) return static_cast<int>(i);
  }
  return -1;
}

const Scale* RulePack::FindScale(std::string_view wanted) const { return FindById(scales, wanted); }
const Area* RulePack::FindArea(std::string_view wanted) const { return FindById(areas, wanted); }
const Question* RulePack::FindQuestion(std::string_view wanted) const {
  return FindById(questions, wanted);
}
const Rule* RulePack::FindRule(std::string_view wanted) const { return FindById(rules, wanted); }
const RegisterSpec* RulePack::FindRegister(std::string_view wanted) const {
  return FindById(registers, wanted);
}

const Parameter* RulePack::FindParameter(std::string_view wanted) const {
  return FindById(parameters, wanted);
}

}  // namespace forcecheck
