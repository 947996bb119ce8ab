#pragma once

// The fixed parts of the HTML report: its stylesheet and its script. Both are constants and
// hold no data from a pack or an evidence file, ever: the page's Content-Security-Policy
// admits exactly these two by their SHA-256, so nothing else can run or style the page even if
// a string were to escape its escaping.
//
// The script's contract with the page (html_report.cc):
//   - form#filters (hidden until the script shows it) holds select#f-area, select#f-severity
//     and select#f-outcome ("" = all; "gap" = fail, partial or error) and output#f-count;
//   - every article.finding carries data-area, data-severity, data-outcome and data-gap
//     ("1" or "0"), and sits in a section.group that is hidden when none of its findings shows;
//   - when it has run it sets data-report-script="ok" on <html>; any uncaught error is appended
//     to data-script-errors on <html> (the browser test reads both).
// With scripts off every finding shows and the filter form stays hidden.

#include <string_view>

namespace forcecheck {

extern const std::string_view kHtmlStyle;
extern const std::string_view kHtmlScript;

}  // namespace forcecheck
