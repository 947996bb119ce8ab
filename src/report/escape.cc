#include "report/escape.h"

#include <cctype>
#include <cstdio>

namespace forcecheck {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// A byte XML 1.0 cannot hold: C0 controls other than tab, LF and CR; and DEL, allowed by XML
// but invisible and never meant in a report.
bool IsForbiddenControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

// The UTF-8 noncharacters U+FFFE and U+FFFF (EF BF BE, EF BF BF), which XML 1.0 forbids.
bool IsNoncharacterAt(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
         static_cast<unsigned char>(s[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE;
}

void AppendPercent(std::string& out, unsigned char c) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%%%02X", c);
  out += buf;
}

// Whether s[i] is followed by the end, a space or a tab: what a list marker, heading marker or
// ordered-list delimiter needs to open a block.
bool EndsMarker(std::string_view s, size_t i) {
  return i + 1 >= s.size() || s[i + 1] == ' ' || s[i + 1] == '\t';
}

// Whether the character at `i` would open a block were `s` to start a line: '>' (quote);
// '#', '-', '+' or '=' before a space, the end, or the same character again (heading, list,
// thematic break, setext underline); the '.' or ')' after leading digits before a space
// (ordered list).
bool OpensBlock(std::string_view s, size_t i) {
  if (i == 0) {
    if (s[0] == '>') return true;
    if (std::string_view("#-+=").find(s[0]) == std::string_view::npos) return false;
    return EndsMarker(s, 0) || s[1] == s[0];
  }
  size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  return i == digits && (s[i] == '.' || s[i] == ')') && EndsMarker(s, i);
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&#39;"; continue;
      default: break;
    }
    if (IsForbiddenControl(c)) {
      out += kReplacement;
    } else if (IsNoncharacterAt(s, i)) {
      out += kReplacement;
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool block = OpensBlock(s, i);
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>' && !block) {
      out += "&gt;";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (IsForbiddenControl(static_cast<unsigned char>(c))) {
      out += kReplacement;
    } else if (block || std::string_view("\\`*_[]|~$").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string CssString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      out += "\\fffd ";
    } else if (c >= 0x80 || std::isalnum(c) || ch == ' ' || ch == '-' || ch == '_') {
      out += ch;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%x ", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::string SafeLinkTarget(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
    }
    return true;
  };
  if (!starts("http://") && !starts("https://")) return {};
  std::string out;
  for (char ch : url) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f ||
        std::string_view("\"'<>()\\`|").find(ch) != std::string_view::npos) {
      AppendPercent(out, c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string CsvField(std::string_view s) {
  std::string cell;
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) cell += '\'';
  bool quote = false;
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '"') {
      cell += "\"\"";
      quote = true;
    } else if ((c < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || c == 0x7f) {
      cell += kReplacement;
    } else {
      quote = quote || ch == ',' || ch == '\r' || ch == '\n';
      cell += ch;
    }
  }
  return quote ? "\"" + cell + "\"" : cell;
}

std::string PathToUri(std::string_view path) {
  std::string p(path);
  for (char& c : p) {
    if (c == '\\') c = '/';
  }
  while (p.compare(0, 2, "./") == 0) p.erase(0, 2);
  std::string out = !p.empty() && p[0] == '/' ? "file://" : "";
  for (char ch : p) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += ch;
    } else {
      AppendPercent(out, c);
    }
  }
  return out;
}

}  // namespace forcecheck
