#include "evidence/csv.h"

#include <cstring>

namespace forcecheck {

bool CsvReader::Fail(std::string message, size_t at) {
  error_ = std::move(message);
  error_line_ = line_;
  error_column_ = ColumnAt(at);
  return false;
}

bool CsvReader::Next(std::vector<CsvField>& fields) {
  fields.clear();
  const size_t n = data_.size();
  if (pos_ >= n || !error_.empty()) return false;
  record_line_ = line_;
  const char* d = data_.data();
  while (true) {
    CsvField f;
    f.line = line_;
    f.column = ColumnAt(pos_);
    if (pos_ < n && d[pos_] == '"') {
      const size_t open = pos_++;
      size_t start = pos_;
      while (true) {
        const void* q = pos_ < n ? std::memchr(d + pos_, '"', n - pos_) : nullptr;
        // Count the line breaks inside the quotes, to keep positions right.
        const size_t end = q ? static_cast<size_t>(static_cast<const char*>(q) - d) : n;
        for (const char* p = d + pos_; (p = static_cast<const char*>(std::memchr(p, '\n', (d + end) - p)));) {
          ++line_;
          line_start_ = static_cast<size_t>(++p - d);
        }
        if (!q) {
          line_ = f.line;
          line_start_ = open - (f.column - 1);
          return Fail("unterminated quoted field: no closing quote before the end of the file", open);
        }
        pos_ = end + 1;
        if (pos_ < n && d[pos_] == '"') {  // a doubled quote inside the field
          f.has_escapes = true;
          ++pos_;
          continue;
        }
        break;
      }
      f.quoted = true;
      f.raw = data_.substr(start, pos_ - 1 - start);
      if (pos_ < n && d[pos_] != ',' && d[pos_] != '\n' && d[pos_] != '\r') {
        return Fail("unexpected character after a closing quote (a quote inside a quoted field "
                    "must be doubled)", pos_);
      }
    } else {
      const size_t start = pos_;
      while (pos_ < n) {
        const char c = d[pos_];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') return Fail("unexpected quote in an unquoted field (quote the whole field)", pos_);
        ++pos_;
      }
      f.raw = data_.substr(start, pos_ - start);
    }
    fields.push_back(f);
    if (pos_ >= n) return true;
    const char c = d[pos_++];
    if (c == ',') continue;
    if (c == '\r') {
      if (pos_ < n && d[pos_] == '\n') ++pos_;
      else return Fail("a carriage return must be followed by a line feed", pos_ - 1);
    }
    ++line_;
    line_start_ = pos_;
    return true;
  }
}

std::string CsvUnescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw[i] == '"' && i + 1 < raw.size() && raw[i + 1] == '"') ++i;
  }
  return out;
}

}  // namespace forcecheck
