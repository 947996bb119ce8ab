#pragma once

// Values of the rule language. Besides the ordinary kinds there are two that carry no data:
// *unknown* (the evidence needed is absent: the rule cannot be assessed) and *error* (the
// evidence has the wrong shape for the rule: the finding says why). Both propagate through
// operators so that neither can ever be mistaken for a pass.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/date.h"

namespace forcecheck::expr {

// Static types, as far as the checker can know them before evidence is read.
enum class Type { kAny, kBool, kNumber, kText, kDate, kList };
const char* TypeName(Type t);

class Value {
 public:
  enum class Kind { kUnknown, kError, kBool, kNumber, kText, kDate, kList, kSection };

  static Value Unknown(std::string why) { return Value(Kind::kUnknown, std::move(why)); }
  static Value Error(std::string message, uint32_t offset) {
    Value v(Kind::kError, std::move(message));
    v.offset_ = offset;
    return v;
  }
  static Value Bool(bool b) { Value v(Kind::kBool); v.bool_ = b; return v; }
  static Value Number(double n) { Value v(Kind::kNumber); v.number_ = n; return v; }
  static Value Text(std::string s) { return Value(Kind::kText, std::move(s)); }
  static Value DateValue(Date d) { Value v(Kind::kDate); v.date_ = d; return v; }
  static Value List(std::vector<Value> items);
  static Value Section() { return Value(Kind::kSection); }

  Value() = default;  // unknown, with no reason

  Kind kind() const { return kind_; }
  bool is_unknown() const { return kind_ == Kind::kUnknown; }
  bool is_error() const { return kind_ == Kind::kError; }
  bool is_decided() const { return !is_unknown() && !is_error(); }

  // REQUIRES: the matching kind.
  bool boolean() const { return bool_; }
  double number() const { return number_; }
  const std::string& text() const { return text_; }  // also the reason or error message
  Date date() const { return date_; }
  const std::vector<Value>& items() const;
  uint32_t error_offset() const { return offset_; }

  // The value as a user should read it: 12, 0.5, true, 2016-03-31, 'text', [1, 2].
  std::string ToString() const;
  // "a number", "text", ... for messages.
  const char* KindName() const;

  bool Equals(const Value& other) const;  // REQUIRES: both decided and of one kind

 private:
  explicit Value(Kind k, std::string s = {}) : kind_(k), text_(std::move(s)) {}

  Kind kind_ = Kind::kUnknown;
  bool bool_ = false;
  double number_ = 0;
  Date date_;
  uint32_t offset_ = 0;
  std::string text_;
  std::shared_ptr<const std::vector<Value>> items_;
};

// Numbers print without a trailing ".0" when whole, and with up to 6 significant decimals.
std::string FormatNumber(double n);

}  // namespace forcecheck::expr
