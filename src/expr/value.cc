#include "expr/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "base/limits.h"
#include "expr/operators.h"

namespace forcecheck::expr {

const char* TypeName(Type t) {
  switch (t) {
    case Type::kAny: return "any";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kText: return "text";
    case Type::kDate: return "date";
    case Type::kDuration: return "duration";
    case Type::kList: return "list";
    case Type::kRows: return "register records";
    case Type::kGroups: return "groups";
  }
  return "any";
}

Value Value::Groups(std::shared_ptr<const std::vector<Group>> groups) {
  Value v(Kind::kGroups);
  v.payload_ = std::move(groups);
  return v;
}

size_t Value::CollectionSize() const {
  switch (kind_) {
    case Kind::kList: return items().size();
    case Kind::kRows: return rows().size();
    case Kind::kGroups: return groups().size();
    default: return 0;
  }
}

std::optional<Date> AddDuration(Date d, int amount, char unit) {
  if (unit == 'd' || unit == 'w') return AddDays(d, DurationDays(amount, unit));
  // More months than the range of dates holds always leaves it; fewer cannot overflow.
  const int64_t months = (unit == 'y' ? 12 : 1) * int64_t{amount};
  constexpr int64_t kMonthsInRange = (int64_t{limits::kLastYear} - limits::kFirstYear + 1) * 12;
  if (months < -kMonthsInRange || months > kMonthsInRange) return std::nullopt;
  const Date moved = AddMonths(d, static_cast<int>(months));
  return AddDays(moved, 0);  // nullopt when the months took it out of the range of dates
}

Value Value::List(std::vector<Value> items) {
  Value v(Kind::kList);
  v.payload_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

const std::vector<Value>& Value::items() const {
  static const std::vector<Value> kEmpty;
  if (kind_ != Kind::kList || !payload_) return kEmpty;
  return *static_cast<const std::vector<Value>*>(payload_.get());
}

std::string FormatNumber(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", n);
    return buf;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", n);
  return buf;
}

const char* Value::KindName() const {
  switch (kind_) {
    case Kind::kUnknown: return "unknown";
    case Kind::kError: return "an error";
    case Kind::kBool: return "a boolean";
    case Kind::kNumber: return "a number";
    case Kind::kText: return "text";
    case Kind::kDate: return "a date";
    case Kind::kDuration: return "a duration";
    case Kind::kList: return "a list";
    case Kind::kSection: return "a section";
    case Kind::kRows: return "register records";
    case Kind::kGroups: return "groups";
  }
  return "unknown";
}

std::string Value::ToString() const {
  switch (kind_) {
    case Kind::kUnknown: return "unknown";
    case Kind::kError: return "error: " + text_;
    case Kind::kBool: return bool_ ? "true" : "false";
    case Kind::kNumber: return FormatNumber(number_);
    case Kind::kText: return "'" + text_ + "'";
    case Kind::kDate: return date_.ToString();
    case Kind::kSection: return "(section)";
    case Kind::kDuration: {
      const char* unit = unit_ == 'd' ? "d" : unit_ == 'w' ? "w" : unit_ == 'm' ? "mo" : "y";
      return FormatNumber(number_) + unit;
    }
    case Kind::kRows: {
      const size_t n = rows().size();
      return std::to_string(n) + (n == 1 ? " record" : " records");
    }
    case Kind::kGroups: return std::to_string(groups().size()) + " groups";
    case Kind::kList: {
      std::string s = "[";
      for (const Value& v : items()) s += (s.size() > 1 ? ", " : "") + v.ToString();
      return s + "]";
    }
  }
  return "unknown";
}

bool Value::Equals(const Value& o) const {
  if (kind_ != o.kind_ || !Equatable(kind_)) return false;
  if (kind_ != Kind::kList) return Equal(*this, o);
  const auto& a = items();
  const auto& b = o.items();
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].Equals(b[i])) return false;
  }
  return true;
}

}  // namespace forcecheck::expr
