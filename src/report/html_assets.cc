#include "report/html_assets.h"

namespace forcecheck {

// Colours are the GOV.UK palette's, chosen for contrast in print as on screen.
const std::string_view kHtmlStyle = R"CSS(
:root {
  --ink: #0b0c0c; --muted: #505a5f; --rule: #b1b4b6; --pale: #f3f2f1; --link: #1d70b8;
  --top: #00703c; --good: #5a9e3a; --mid: #f47738; --low: #d4351c; --none: #b1b4b6;
  --pass: #00703c; --partial: #f47738; --fail: #d4351c; --error: #6f3c97; --na: #626a6e;
  --critical: #942514; --high: #d4351c; --medium: #f47738; --lowsev: #1d70b8; --info: #626a6e;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.marking { background: var(--ink); color: #fff; text-align: center; font-weight: 700;
  letter-spacing: .12em; padding: .35rem 1rem; font-size: 14px; text-transform: uppercase; }
.page { max-width: 1100px; margin: 0 auto; padding: 0 2rem 2rem; }
.masthead { border-bottom: 6px solid var(--link); padding: 1.75rem 0 1.25rem; margin-bottom: 1.5rem; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .08em; }
h1 { margin: .2rem 0 .9rem; font-size: 32px; line-height: 1.15; }
h2 { font-size: 22px; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 18px; margin: 1.6rem 0 .6rem; }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: .6rem 1.5rem; margin: 0; }
.meta div { border-left: 3px solid var(--rule); padding-left: .6rem; }
.meta dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.meta dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.synthetic { display: inline-block; background: var(--pale); border: 1px solid var(--rule);
  font-size: 12px; padding: 0 .4rem; margin-left: .5rem; vertical-align: middle; }
.overall { display: grid; grid-template-columns: 260px 1fr; gap: 1.5rem; align-items: start; }
.grade-card { color: #fff; padding: 1rem 1.2rem; border-radius: 3px; }
.grade-card .label { display: block; font-size: 13px; text-transform: uppercase; letter-spacing: .08em; opacity: .9; }
.grade-card .grade { display: block; font-size: 26px; font-weight: 700; line-height: 1.15; margin: .2rem 0; }
.grade-card .score { font-size: 15px; }
.tone-top { background: var(--top); } .tone-good { background: var(--good); }
.tone-mid { background: var(--mid); } .tone-low { background: var(--low); }
.tone-none { background: var(--none); color: var(--ink); }
.explanation { margin: 0 0 .8rem; color: var(--muted); }
svg.stack { width: 100%; height: 28px; display: block; border-radius: 3px; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; margin: .5rem 0 0; padding: 0; list-style: none; font-size: 13px; }
.legend li::before { content: ""; display: inline-block; width: .8em; height: .8em; margin-right: .35em;
  vertical-align: -.05em; background: var(--swatch); }
.o-pass { --swatch: var(--pass); fill: var(--pass); } .o-partial { --swatch: var(--partial); fill: var(--partial); }
.o-fail { --swatch: var(--fail); fill: var(--fail); } .o-error { --swatch: var(--error); fill: var(--error); }
.o-not_assessed { --swatch: var(--na); fill: var(--na); }
table { border-collapse: collapse; width: 100%; }
table.grades th, table.grades td { border-bottom: 1px solid var(--rule); padding: .45rem .5rem; text-align: left; vertical-align: middle; }
table.grades thead th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
table.grades tr.question th, table.grades tr.question td { background: var(--pale); font-weight: 700; }
table.grades tr.area th { font-weight: 400; padding-left: 1.6rem; }
table.grades td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.grades td.barcell { width: 28%; }
svg.bar { width: 100%; height: 14px; display: block; }
svg.bar .track { fill: var(--pale); } svg.bar .band { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 2 2; }
svg.bar .tone-top { fill: var(--top); } svg.bar .tone-good { fill: var(--good); }
svg.bar .tone-mid { fill: var(--mid); } svg.bar .tone-low { fill: var(--low); } svg.bar .tone-none { fill: var(--none); }
.pill { display: inline-block; padding: .05rem .5rem; border-radius: 999px; color: #fff; font-size: 13px; font-weight: 600; white-space: nowrap; }
.counts { font-size: 13px; color: var(--muted); white-space: nowrap; }
.note { font-size: 13px; color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: end; background: var(--pale);
  padding: .8rem 1rem; border-left: 4px solid var(--link); margin-bottom: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: 13px; font-weight: 600; }
.filters select { font: inherit; font-weight: 400; padding: .25rem; min-width: 10rem; max-width: 22rem; }
.filters button { font: inherit; padding: .3rem .8rem; }
.filters output { font-size: 13px; color: var(--muted); margin-left: auto; }
.finding { border: 1px solid var(--rule); border-left: 6px solid var(--rule); margin: 0 0 .9rem; padding: .7rem 1rem .4rem;
  break-inside: avoid; page-break-inside: avoid; }
.finding.outcome-pass { border-left-color: var(--pass); } .finding.outcome-partial { border-left-color: var(--partial); }
.finding.outcome-fail { border-left-color: var(--fail); } .finding.outcome-error { border-left-color: var(--error); }
.finding.outcome-not_assessed { border-left-color: var(--na); }
.finding > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .4rem .6rem; }
.finding h4 { margin: 0; font-size: 16px; flex: 1 1 20rem; }
.rule-id { font: 600 14px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  padding: .05rem .45rem; color: #fff; border-radius: 2px; background: var(--muted); }
.badge.o-pass { background: var(--pass); } .badge.o-partial { background: var(--partial); }
.badge.o-fail { background: var(--fail); } .badge.o-error { background: var(--error); }
.badge.o-not_assessed { background: var(--na); }
.badge.s-critical { background: var(--critical); } .badge.s-high { background: var(--high); }
.badge.s-medium { background: var(--medium); } .badge.s-low { background: var(--lowsev); }
.badge.s-info { background: var(--info); }
.badge.coc { background: #fff; color: var(--critical); border: 1px solid var(--critical); }
.finding dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .25rem .8rem; margin: .6rem 0 .3rem; font-size: 14px; }
.finding dt { color: var(--muted); font-weight: 600; }
.finding dd { margin: 0; overflow-wrap: anywhere; }
ul.evidence { list-style: none; margin: 0; padding: 0; }
ul.evidence li { margin: 0 0 .35rem; }
ul.evidence code, .path { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
ul.evidence .where { color: var(--muted); font-size: 12px; margin-left: .4rem; white-space: nowrap; }
ul.evidence .provenance { display: block; color: var(--muted); font-style: italic; border-left: 3px solid var(--pale);
  padding-left: .6rem; margin-top: .1rem; }
.finding dd.rationale { color: var(--muted); }
a { color: var(--link); }
footer { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: .8rem; font-size: 13px; color: var(--muted); }
@media (max-width: 720px) { .overall { grid-template-columns: 1fr; } .finding dl { grid-template-columns: 1fr; } }
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  .filters { display: none !important; }
  /* With --marking, html_report.cc adds page margin boxes that print it on every page; the
     banners print once, at the start and the end. */
  .marking { font-size: 9pt; padding: 1mm; }
  .masthead { padding-top: 4mm; }
  .overall { grid-template-columns: 60mm 1fr; }
  .grade-card .grade { font-size: 18pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; }
  table.grades th:first-child { width: 42%; }
  table.grades td.barcell { width: 20%; }
  table.grades .pill { white-space: normal; }
  /* A finding may run on to the next page, but not between a heading and what it heads. */
  .finding { padding: 2mm 3mm 1mm; margin-bottom: 3mm; break-inside: auto; page-break-inside: auto; }
  .finding > header { break-after: avoid; page-break-after: avoid; }
  .finding h4 { font-size: 11pt; }
  .finding dl { display: block; font-size: 9pt; margin: 2mm 0 1mm; }
  .finding dt { float: left; clear: left; width: 26mm; }
  .finding dd { margin: 0 0 1mm 29mm; break-inside: avoid; page-break-inside: avoid; }
  .finding dd a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: var(--muted); }
}
)CSS";

// No data, only behaviour; see html_assets.h for what it expects of the page.
const std::string_view kHtmlScript = R"JS(
(function () {
  'use strict';
  var root = document.documentElement;
  window.onerror = function (message) {
    root.setAttribute('data-script-errors', (root.getAttribute('data-script-errors') || '') + String(message) + '\n');
  };
  var form = document.getElementById('filters');
  if (!form) { root.setAttribute('data-report-script', 'ok'); return; }
  var selects = ['f-area', 'f-severity', 'f-outcome'].map(function (id) { return document.getElementById(id); });
  var count = document.getElementById('f-count');
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.group'));
  function matches(f) {
    var area = selects[0].value, severity = selects[1].value, outcome = selects[2].value;
    if (area && f.getAttribute('data-area') !== area) return false;
    if (severity && f.getAttribute('data-severity') !== severity) return false;
    if (outcome === 'gap') return f.getAttribute('data-gap') === '1';
    return !outcome || f.getAttribute('data-outcome') === outcome;
  }
  function apply() {
    var shown = 0;
    findings.forEach(function (f) {
      var ok = matches(f);
      f.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('article.finding:not([hidden])'); });
    count.textContent = shown + ' of ' + findings.length + ' findings shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
  root.setAttribute('data-report-script', 'ok');
})();
)JS";

}  // namespace forcecheck
