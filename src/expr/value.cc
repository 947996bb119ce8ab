#include "expr/value.h"

#include <cmath>
#include <cstdio>

namespace forcecheck::expr {

const char* TypeName(Type t) {
  switch (t) {
    case Type::kAny: return "any";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kText: return "text";
    case Type::kDate: return "date";
    case Type::kList: return "list";
  }
  return "any";
}

Value Value::List(std::vector<Value> items) {
  Value v(Kind::kList);
  v.items_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

const std::vector<Value>& Value::items() const {
  static const std::vector<Value> kEmpty;
  return items_ ? *items_ : kEmpty;
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
    case Kind::kList: return "a list";
    case Kind::kSection: return "a section";
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
    case Kind::kList: {
      std::string s = "[";
      for (const Value& v : items()) s += (s.size() > 1 ? ", " : "") + v.ToString();
      return s + "]";
    }
  }
  return "unknown";
}

bool Value::Equals(const Value& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kBool: return bool_ == o.bool_;
    case Kind::kNumber: return number_ == o.number_;
    case Kind::kText: return text_ == o.text_;
    case Kind::kDate: return date_ == o.date_;
    case Kind::kList: {
      const auto& a = items();
      const auto& b = o.items();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].Equals(b[i])) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace forcecheck::expr
