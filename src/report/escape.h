#pragma once

// Making data safe for each output format. Everything a rule pack or an evidence file says is
// data, never markup: these functions are the only way a string from either reaches a report
// other than text and JSON. Input is valid UTF-8 (every file is checked on reading); bytes are
// copied through unchanged except as each function says.

#include <string>
#include <string_view>

namespace forcecheck {

// XML 1.0 and HTML text and attribute values: & < > " ' become character references, and
// characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return, and
// U+FFFE, U+FFFF) and DEL become U+FFFD, so the result is well-formed wherever it lands,
// inside an element or a quoted attribute.
std::string XmlEscape(std::string_view s);

// GitHub-flavoured Markdown inline text, in a paragraph, list item or table cell: the
// characters that start emphasis, code, links, HTML, tables, strikethrough or maths are
// backslash-escaped or written as character references (& < >), a start that would open a
// block at the beginning of a line (heading, list, quote, thematic break) is escaped, and line
// breaks become spaces, so the text shows as written, cannot open a tag and cannot end a table
// cell. Control characters as in XmlEscape.
std::string MarkdownEscape(std::string_view s);

// A CSS string literal, quotes included, for `content:` in a stylesheet: every ASCII character
// other than a letter, a digit, a space, '-' or '_' becomes a hex escape ("\\3c "), so nothing
// in it can end the string, the rule or the <style> element. Control characters become U+FFFD;
// other UTF-8 is copied.
std::string CssString(std::string_view s);

// A link target for Markdown and HTML: `url` when it is an http or https URL, with spaces,
// quotes, angle brackets, parentheses, backslashes, backticks and bytes outside ASCII
// percent-encoded; empty otherwise (no javascript:, data: or relative links from data).
std::string SafeLinkTarget(std::string_view url);

// One RFC 4180 CSV field: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
// A field beginning with = + - @, tab or CR gets a leading apostrophe first, so a spreadsheet
// shows it as text instead of running it as a formula. Control characters other than tab, CR
// and LF become U+FFFD.
std::string CsvField(std::string_view s);

// A file path as a URI reference for SARIF: backslashes become '/', a leading "./" goes, and
// every byte other than an unreserved character (RFC 3986: A-Z a-z 0-9 - . _ ~) or '/' is
// percent-encoded. An absolute path becomes a file:// URI.
std::string PathToUri(std::string_view path);

}  // namespace forcecheck
