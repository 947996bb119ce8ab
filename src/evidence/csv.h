#pragma once

// A CSV tokenizer for RFC 4180 files: quoted fields with embedded commas, line breaks and
// doubled quotes; LF or CRLF line ends; a final line with or without a line end. (A leading
// UTF-8 byte order mark is removed when the file is read.) Every field carries its line and
// column so that a bad value is reported where it stands.
//
// Written here rather than taken from a library because the CSV libraries Debian packages
// either report no positions (libcsv) or fix the column count at compile time and reject line
// breaks inside quotes (fast-cpp-csv-parser); both are needed, and so is speed.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace forcecheck {

struct CsvField {
  std::string_view raw;  // between the delimiters; for a quoted field, inside the quotes
  bool quoted = false;
  bool has_escapes = false;  // a quoted field holding "" (decode with CsvUnescape)
  uint32_t line = 0;
  uint32_t column = 0;
};

// Where the bytes that end an unquoted field (and quotes) are in the 64-byte block of the data
// at `start` (a multiple of 64), one bit a byte, less those the reader has passed: it
// classifies the data once, a block at a time, rather than searching it for every field.
struct CsvStopBlock {
  size_t start = 0;
  uint64_t stops = 0;
};

class CsvReader {
 public:
  // REQUIRES: `data` outlives the reader and the fields it returns. Bytes of a record already
  // returned may be rewritten (a register undoubles quotes in place); later ones may not.
  explicit CsvReader(std::string_view data);

  // Reads the next record into `fields`. Returns false at the end of the data or on an error
  // (then error() is non-empty and error_line()/error_column() say where).
  bool Next(std::vector<CsvField>& fields);

  const std::string& error() const { return error_; }
  uint32_t error_line() const { return error_line_; }
  uint32_t error_column() const { return error_column_; }
  uint32_t record_line() const { return record_line_; }  // line where the last record began

 private:
  bool Fail(std::string message, size_t at);
  uint32_t ColumnAt(size_t at) const { return static_cast<uint32_t>(at - line_start_) + 1; }
  bool ReadQuoted(CsvField& f);  // at pos_, which is the opening quote

  std::string_view data_;
  size_t pos_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
  uint32_t record_line_ = 0;
  std::string error_;
  uint32_t error_line_ = 0, error_column_ = 0;
  CsvStopBlock block_;
};

// The text of a quoted field with each "" turned into ".
std::string CsvUnescape(std::string_view raw);

// The number of line feeds in `data`; one more bounds the number of records in it.
size_t CountLineFeeds(std::string_view data);

}  // namespace forcecheck
