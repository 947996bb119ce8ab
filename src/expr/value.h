#pragma once

// Values of the rule language. Besides the ordinary kinds there are two that carry no data:
// *unknown* (the evidence needed is absent: the rule cannot be assessed) and *error* (the
// evidence has the wrong shape for the rule: the finding says why). Both propagate through
// operators so that neither can ever be mistaken for a pass. A failure of the evaluator itself
// is no value at all but an EngineFailure (evaluator.h). The operators on values are in
// operators.h.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "evidence/register.h"

namespace forcecheck::expr {

// Static types, as far as the checker can know them before evidence is read. kRows are
// records of a register, kGroups the result of `by`.
enum class Type { kAny, kBool, kNumber, kText, kDate, kDuration, kList, kRows, kGroups };
const char* TypeName(Type t);

class Value;

// Records of one register: all of them, or those a `where` kept (in file order).
struct RowSet {
  const Register* reg = nullptr;
  bool all = false;
  std::vector<uint32_t> rows;  // when !all

  size_t size() const { return all ? reg->rows() : rows.size(); }
  uint32_t at(size_t i) const { return all ? static_cast<uint32_t>(i) : rows[i]; }
};

struct Group;

class Value {
 public:
  enum class Kind {
    kUnknown,
    kError,
    kBool,
    kNumber,
    kText,
    kDate,
    kDuration,
    kList,
    kSection,
    kRows,
    kGroups,
  };

  static Value Unknown(std::string why) { return Value(Kind::kUnknown, std::move(why)); }
  static Value Error(std::string message, uint32_t offset) {
    Value v(Kind::kError, std::move(message));
    v.offset_ = offset;
    return v;
  }
  static Value Bool(bool b) {
    Value v(Kind::kBool);
    v.bool_ = b;
    return v;
  }
  static Value Number(double n) {
    Value v(Kind::kNumber);
    v.number_ = n;
    return v;
  }
  static Value Text(std::string s) { return Value(Kind::kText, std::move(s)); }
  static Value Text(std::string_view s) { return Text(std::string(s)); }
  static Value Text(const char* s) { return Text(std::string(s)); }
  static Value DateValue(Date d) {
    Value v(Kind::kDate);
    v.date_ = d;
    return v;
  }
  static Value List(std::vector<Value> items);
  // A mapping in the evidence; `handle` lets the environment look up its fields.
  static Value Section(const void* handle = nullptr) {
    Value v(Kind::kSection);
    v.handle_ = handle;
    return v;
  }
  static Value Duration(int amount, char unit) {
    Value v(Kind::kDuration);
    v.number_ = amount;
    v.unit_ = unit;
    return v;
  }
  static Value Rows(std::shared_ptr<const RowSet> rows) {
    Value v(Kind::kRows);
    v.payload_ = std::move(rows);
    return v;
  }
  static Value Groups(std::shared_ptr<const std::vector<Group>> groups);

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
  const void* handle() const { return handle_; }
  char unit() const { return unit_; }
  int amount() const { return static_cast<int>(number_); }  // a duration's, in its unit
  const RowSet& rows() const { return *static_cast<const RowSet*>(payload_.get()); }
  const std::vector<Group>& groups() const {
    return *static_cast<const std::vector<Group>*>(payload_.get());
  }
  // Items of a list, records of a register, or groups: how many.
  size_t CollectionSize() const;
  bool is_collection() const {
    return kind_ == Kind::kList || kind_ == Kind::kRows || kind_ == Kind::kGroups;
  }

  // The value as a user should read it: 12, 0.5, true, 2016-03-31, 'text', [1, 2].
  std::string ToString() const;
  // "a number", "text", ... for messages.
  const char* KindName() const;

  // Whether `other` is of this value's kind and equal to it, as the operator == says
  // (operators.h); lists item by item. REQUIRES: both decided.
  bool Equals(const Value& other) const;

 private:
  explicit Value(Kind k, std::string s = {}) : kind_(k), text_(std::move(s)) {}

  Kind kind_ = Kind::kUnknown;
  bool bool_ = false;
  double number_ = 0;
  Date date_;
  uint32_t offset_ = 0;
  char unit_ = 0;
  const void* handle_ = nullptr;
  std::string text_;
  // kList: std::vector<Value>; kRows: RowSet; kGroups: std::vector<Group>. One pointer for
  // all three keeps a Value small, and values are made and moved once a record a rule.
  std::shared_ptr<const void> payload_;
};

// One group of `C by key`: its key and its members (records or list items).
struct Group {
  Value key;
  Value members;
};

// The date `amount` units after (or before, for a negative amount) `d`. Months and years keep
// the day of the month, clamped to the month's length (2016-01-31 + 1mo = 2016-02-29).
// nullopt when the date would fall outside kFirstDate..kLastDate.
std::optional<Date> AddDuration(Date d, int amount, char unit);
// The part of AddDuration for days and weeks, inline for the block engine's loops: `d` moved by
// `days` days (DurationDays gives them for an amount of days or weeks).
inline std::optional<Date> AddDays(Date d, int64_t days) {
  const int64_t moved = int64_t{d.days} + days;
  if (moved < kFirstDate.days || moved > kLastDate.days) return std::nullopt;
  return Date{static_cast<int32_t>(moved)};
}
constexpr int64_t DurationDays(int amount, char unit) {
  return (unit == 'w' ? 7 : 1) * int64_t{amount};
}

// Numbers print without a trailing ".0" when whole, and with up to 6 significant decimals.
std::string FormatNumber(double n);

}  // namespace forcecheck::expr
