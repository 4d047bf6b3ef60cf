/**
 * The review page: one self-contained static HTML page for checking a report against its source by
 * eye. The report head and diagnostics come first; then one card per goal under its section, with
 * the cells as paragraphs and lists, every fact highlighted where it stands (its normalized value on
 * hover, a colour per kind), provenance, and a small SVG chart per time series. A toolbar filters
 * by fact kind and searches the text.
 *
 * No network and no external assets: CSS and JS are inline, and a Content-Security-Policy allows
 * nothing else (the one script is pinned by its hash). Every piece of source text is escaped.
 * `renderReviewHtml` is pure and deterministic; `writeReviewHtml` puts it on disk.
 */
import { factColumnText } from '../../pipeline/stages/facts.js';
import { createHash } from 'node:crypto';
import type { Fact, FactKind, Series } from '../../schemas/fact.js';
import type { Block, Cell, Goal, Report } from '../../schemas/report.js';
import { describeFactValue, seriesUnit } from '../describe-fact.js';
import { writeTextFileAtomic } from '../files.js';
import { escapeHtml } from '../../pipeline/cells/escape-html.js';

/** Fact kinds in the order the page lists them, with their highlight colours (background, underline). */
export const FACT_KIND_COLOURS: Readonly<Record<FactKind, readonly [string, string]>> = {
  money: ['#c9f0c1', '#2e7d32'],
  percent: ['#cfe2ff', '#1565c0'],
  quantity: ['#c7f0ec', '#00796b'],
  date: ['#ffe1b5', '#e65100'],
  period: ['#ead9ff', '#6a1b9a'],
  year: ['#e4e4e4', '#616161'],
};

const KINDS = Object.keys(FACT_KIND_COLOURS) as FactKind[];

/** Re-exported for callers that escape text for this page. */
export { escapeHtml };

// ---------------------------------------------------------------------------------------------
// Facts in place

/** A fact placed on the page: its id there, and its span into the text of its column. */
interface PlacedFact {
  key: string;
  fact: Fact;
}

/** A piece of a fact's span inside one rendered string (a fact may cross a line and be cut in two). */
interface Piece {
  start: number;
  end: number;
  fact: PlacedFact;
}

function factTitle(f: Fact): string {
  const where = f.column ? `${f.column} ${f.span[0]}–${f.span[1]}` : `${f.span[0]}–${f.span[1]}`;
  return `${f.kind}: ${describeFactValue(f)} (${where})`;
}

function openMark(p: PlacedFact): string {
  return `<mark data-kind="${p.fact.kind}" data-fact="${escapeHtml(p.key)}" title="${escapeHtml(factTitle(p.fact))}">`;
}

/**
 * Text with its facts as (possibly nested) `<mark>`s. Pieces are offsets into `text`; one that
 * crosses the end of an enclosing mark is cut there and goes on after it.
 */
export function markText(text: string, pieces: readonly Piece[]): string {
  const sorted = (list: Piece[]) => list.sort((a, b) => a.start - b.start || b.end - a.end);
  let queue = sorted(
    pieces
      .map((p) => ({ ...p, start: Math.max(0, p.start), end: Math.min(text.length, p.end) }))
      .filter((p) => p.start < p.end),
  );
  let out = '';
  let cursor = 0;
  while (queue.length) {
    const first = queue.shift()!;
    const p = first.start < cursor ? { ...first, start: cursor } : first;
    if (p.start >= p.end) continue;
    out += escapeHtml(text.slice(cursor, p.start));
    const inner: Piece[] = [];
    const rest: Piece[] = [];
    for (const q of queue) {
      if (q.start < p.end) {
        inner.push({ ...q, start: q.start - p.start, end: Math.min(q.end, p.end) - p.start });
        if (q.end > p.end) rest.push({ ...q, start: p.end });
      } else rest.push(q);
    }
    out += `${openMark(p.fact)}${markText(text.slice(p.start, p.end), inner)}</mark>`;
    cursor = p.end;
    queue = sorted(rest);
  }
  return out + escapeHtml(text.slice(cursor));
}

/** The pieces of the facts that fall into `[start, end)` of a column's text, relative to `start`. */
function piecesIn(facts: readonly PlacedFact[], start: number, end: number): Piece[] {
  const out: Piece[] = [];
  for (const f of facts) {
    const s = Math.max(start, f.fact.span[0]);
    const e = Math.min(end, f.fact.span[1]);
    if (s < e) out.push({ start: s - start, end: e - start, fact: f });
  }
  return out;
}

/** One rendered line of a cell: where it starts in `cell.text`, and which block (and list item) it is. */
interface Segment {
  start: number;
  text: string;
  block: number;
  item: number | null;
}

/**
 * The lines of a cell as offsets into `cell.text`, following `blocksToText` (blocks joined by "\n",
 * one line per list item). Null when the blocks do not give the cell's text (then the page falls
 * back to the text's own lines).
 */
export function cellSegments(cell: Cell): Segment[] | null {
  const segments: Segment[] = [];
  let pos = 0;
  cell.blocks.forEach((b, bi) => {
    if (bi > 0) pos += 1;
    if (b.type === 'list') {
      b.items.forEach((item, ii) => {
        if (ii > 0) pos += 1;
        segments.push({ start: pos, text: item, block: bi, item: ii });
        pos += item.length;
      });
    } else {
      segments.push({ start: pos, text: b.text, block: bi, item: null });
      pos += b.text.length;
    }
  });
  const joined = cell.blocks.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text)).join('\n');
  if (joined !== cell.text) return null;
  return segments;
}

function lineSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  text.split('\n').forEach((line, i) => {
    out.push({ start: pos, text: line, block: i, item: null });
    pos += line.length + 1;
  });
  return out;
}

function renderCell(cell: Cell, facts: readonly PlacedFact[]): string {
  const segments = cellSegments(cell);
  const marked = (s: Segment) => markText(s.text, piecesIn(facts, s.start, s.start + s.text.length));
  if (!segments) {
    // Blocks that do not add up to the text: show the text's lines, so the spans still land.
    return lineSegments(cell.text)
      .map((s) => `<p class="line">${marked(s)}</p>`)
      .join('\n');
  }
  const html: string[] = [];
  cell.blocks.forEach((b: Block, bi) => {
    const own = segments.filter((s) => s.block === bi);
    if (b.type === 'list') {
      html.push(`<ul>${own.map((s) => `<li>${marked(s)}</li>`).join('')}</ul>`);
    } else if (b.type === 'heading') {
      html.push(`<h5>${marked(own[0]!)}</h5>`);
    } else {
      html.push(`<p>${marked(own[0]!)}</p>`);
    }
  });
  return html.join('\n');
}


// ---------------------------------------------------------------------------------------------
// Series

const CHART = { width: 360, height: 130, left: 46, right: 24, top: 12, bottom: 30 };

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** A small line chart of a time series, as inline SVG (labels escaped). */
export function renderSeriesSvg(series: Series): string {
  const { width, height, left, right, top, bottom } = CHART;
  const unit = seriesUnit(series);
  const values = series.points.map((p) => p.value);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (series.points.length === 1 ? plotW / 2 : (i * plotW) / (series.points.length - 1));
  const y = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  // End labels are anchored inwards so that they stay inside the chart.
  const anchor = (i: number) => (series.points.length > 1 && i === 0 ? 'start' : i === series.points.length - 1 && i > 0 ? 'end' : 'middle');
  const coords = series.points.map((p, i) => `${num(x(i))},${num(y(p.value))}`).join(' ');
  const label = series.label ?? 'time series';
  const summary = series.points.map((p) => `${p.label}: ${p.value}${unit ? ` ${unit}` : ''}`).join('; ');
  const parts = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${label}: ${summary}`)}">`,
    `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}"/>`,
    `<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"/>`,
    `<text class="tick" x="${left - 4}" y="${top + 4}" text-anchor="end">${escapeHtml(String(Math.max(...values)))}</text>`,
    `<text class="tick" x="${left - 4}" y="${top + plotH}" text-anchor="end">${escapeHtml(String(Math.min(...values)))}</text>`,
    `<polyline class="line" points="${coords}"/>`,
    ...series.points.map(
      (p, i) =>
        `<circle class="point" cx="${num(x(i))}" cy="${num(y(p.value))}" r="3.5"><title>${escapeHtml(`${p.label}: ${p.value}${unit ? ` ${unit}` : ''}`)}</title></circle>` +
        `<text class="tick" x="${num(x(i))}" y="${height - bottom + 16}" text-anchor="${anchor(i)}">${escapeHtml(p.label.length > 14 ? `${p.label.slice(0, 13)}…` : p.label)}</text>`,
    ),
    '</svg>',
  ];
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Page

function range(pair: readonly [number, number]): string {
  return pair[0] === pair[1] ? String(pair[0]) : `${pair[0]}–${pair[1]}`;
}

function renderGoal(report: Report, goal: Goal, labels: { initiatives: string; results: string }): string {
  const placed: Record<string, PlacedFact[]> = { title: [], subtitle: [], initiatives: [], results: [] };
  const unplaced: PlacedFact[] = [];
  goal.facts.forEach((fact, i) => {
    const p = { key: `${goal.ordinal}.${i + 1}`, fact };
    const text = factColumnText(goal, fact.column);
    // A span that does not give the fact's text cannot be shown in place; it is listed instead.
    if (text !== null && fact.column && text.slice(fact.span[0], fact.span[1]) === fact.text) placed[fact.column]!.push(p);
    else unplaced.push(p);
  });
  const kinds = [...new Set(goal.facts.map((f) => f.kind))].sort();
  // The goal's own number in the source, where the table numbers its rows.
  const own = 'number' in goal && goal.number ? String(goal.number) : '';
  const sourceNumber = own ? `no. ${escapeHtml(own)} · ` : '';
  const title = markText(goal.title, piecesIn(placed.title!, 0, goal.title.length));
  const subtitle = goal.subtitle === null ? '' : `<p class="subtitle">${markText(goal.subtitle, piecesIn(placed.subtitle!, 0, goal.subtitle.length))}</p>`;
  const cell = (name: 'initiatives' | 'results', label: string) =>
    `<section class="cell ${name}"><h4>${escapeHtml(label)}</h4>${goal[name].text === '' ? '<p class="empty">(empty)</p>' : renderCell(goal[name], placed[name]!)}</section>`;
  const series = goal.series
    .map(
      (s) =>
        `<figure class="series">${renderSeriesSvg(s)}<figcaption>${escapeHtml(s.label ?? 'Time series')} (${escapeHtml(s.unit)}, ${escapeHtml(s.column ?? '?')} ${s.span[0]}–${s.span[1]})</figcaption></figure>`,
    )
    .join('');
  const unplacedHtml = unplaced.length
    ? `<p class="unplaced">Facts whose span does not match their text: ${unplaced.map((p) => `${openMark(p)}${escapeHtml(p.fact.text)}</mark>`).join(' ')}</p>`
    : '';
  return [
    `<article class="goal" id="goal-${goal.ordinal}" data-goal-id="${escapeHtml(goal.id)}" data-ordinal="${goal.ordinal}" data-kinds="${kinds.join(' ')}">`,
    `<header><h3><span class="ordinal">${goal.ordinal}</span> ${title || '<span class="empty">(no title)</span>'}</h3>${subtitle}`,
    `<p class="provenance">${sourceNumber}pages ${range(goal.provenance.pages)} · lines ${range(goal.provenance.lines)} of <span class="path">${escapeHtml(report.source.path)}</span> · ${goal.facts.length} ${goal.facts.length === 1 ? 'fact' : 'facts'} · id <code>${escapeHtml(goal.id)}</code></p></header>`,
    `<div class="cells">${cell('initiatives', labels.initiatives)}${cell('results', labels.results)}</div>`,
    // Cells of the table's other columns carry no facts; they are shown as they are.
    goal.extra.length
      ? `<div class="cells extra">${goal.extra.map((c) => `<section class="cell extra"><h4>${escapeHtml(c.label)}</h4>${c.text === '' ? '<p class="empty">(empty)</p>' : renderCell(c, [])}</section>`).join('')}</div>`
      : '',
    series,
    unplacedHtml,
    '</article>',
  ].join('\n');
}

function renderHead(report: Report): string {
  const facts = report.goals.reduce((n, g) => n + g.facts.length, 0);
  const rows: [string, string][] = [
    ['Source', `<span class="path">${escapeHtml(report.source.path)}</span> (${escapeHtml(report.source.format)}, ${report.source.pages} pages, ${report.source.bytes} bytes)`],
    ['sha256', `<code>${escapeHtml(report.source.sha256)}</code>`],
    ['Committee', report.committee === null ? '—' : escapeHtml(report.committee)],
    ['Period', report.period === null ? '—' : `${escapeHtml(report.period.start)} – ${escapeHtml(report.period.end)}`],
    ['Columns', report.columns.map((c) => `${escapeHtml(c.label)} <small>(${escapeHtml(c.role)})</small>`).join(' · ') || '—'],
    ['Contents', `${report.sections.length} sections, ${report.goals.length} goals, ${facts} facts, ${report.goals.reduce((n, g) => n + g.series.length, 0)} time series`],
  ];
  const used = new Set(report.goals.map((g) => g.section));
  const empty = report.sections.filter((s) => !used.has(s.title));
  if (empty.length) rows.push(['Sections without goals', empty.map((s) => escapeHtml(s.title)).join(' · ')]);
  const intro = report.intro
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
  return [
    '<header id="report-head">',
    `<h1>${report.title ? escapeHtml(report.title) : '<span class="empty">(no title)</span>'}</h1>`,
    intro ? `<div class="intro">${intro}</div>` : '',
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function renderDiagnostics(report: Report): string {
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, report.diagnostics.filter((d) => d.severity === s).length] as const);
  const summary = counts.map(([s, n]) => `<span class="sev sev-${s}">${n} ${s}${n === 1 ? '' : 's'}</span>`).join(' ');
  if (!report.diagnostics.length) return '<section id="diagnostics"><h2>Diagnostics</h2><p>None.</p></section>';
  const rows = report.diagnostics.map(
    (d) =>
      `<tr class="sev-${d.severity}"><td>${d.severity}</td><td><code>${escapeHtml(d.code)}</code></td>` +
      `<td>${d.line ?? '—'}${d.column !== null ? `:${d.column}` : ''}</td><td>${d.page ?? '—'}</td><td>${escapeHtml(d.message)}</td></tr>`,
  );
  const open = report.diagnostics.some((d) => d.severity !== 'info') ? ' open' : '';
  return [
    '<section id="diagnostics">',
    `<details${open}><summary><h2>Diagnostics</h2> ${summary}</summary>`,
    '<table><thead><tr><th>severity</th><th>code</th><th>line</th><th>page</th><th>message</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></details>`,
    '</section>',
  ].join('\n');
}

function renderToolbar(report: Report): string {
  const count = (k: FactKind) => report.goals.reduce((n, g) => n + g.facts.filter((f) => f.kind === k).length, 0);
  const toggles = KINDS.map(
    (k) => `<label class="kind"><input type="checkbox" data-kind-toggle="${k}" checked> <span class="swatch" data-swatch="${k}">${k}</span> <small>${count(k)}</small></label>`,
  ).join('');
  return [
    '<nav id="toolbar" aria-label="Filters">',
    '<input type="search" id="search" placeholder="Search goals…" aria-label="Search goals">',
    `<span class="kinds">${toggles}</span>`,
    '<label><input type="checkbox" id="only-with-facts"> only goals with facts of the checked kinds</label>',
    `<output id="shown">${report.goals.length} of ${report.goals.length} goals</output>`,
    '</nav>',
  ].join('\n');
}

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #f4f4f2; }
body { margin: 0; line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 0 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #555; margin: 0 0 .3rem; }
h5 { font-size: .95rem; margin: .4rem 0 .2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .9rem; }
dt { font-weight: 600; color: #555; } dd { margin: 0; }
code { font-size: .8rem; word-break: break-all; }
.intro { color: #333; }
#toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; padding: .5rem 1rem; background: #fff; border-bottom: 1px solid #ccc; font-size: .9rem; }
#search { min-width: 16rem; padding: .25rem .4rem; }
#shown { margin-left: auto; color: #555; }
.kind { white-space: nowrap; }
.swatch { border-radius: 3px; padding: 0 3px; }
#diagnostics table { border-collapse: collapse; font-size: .85rem; background: #fff; width: 100%; }
#diagnostics td, #diagnostics th { border: 1px solid #ddd; padding: .2rem .4rem; text-align: left; vertical-align: top; }
#diagnostics summary h2 { display: inline; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem; background: #eee; }
.sev-error { background: #fde2e1; } .sev-warning { background: #fff3cd; }
.group > h2 .count { color: #777; font-weight: normal; font-size: .9rem; }
article.goal { scroll-margin-top: 5rem; background: #fff; border: 1px solid #d8d8d8; border-radius: 6px; padding: .8rem 1rem; margin: .7rem 0; }
article.goal .ordinal { display: inline-block; min-width: 1.8rem; color: #777; font-weight: normal; }
.subtitle { margin: .2rem 0 0; color: #444; font-style: italic; }
.provenance { margin: .3rem 0 .6rem; font-size: .8rem; color: #666; }
.cells { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.cell p, .cell ul { margin: .2rem 0 .45rem; }
.cell ul { padding-left: 1.3rem; }
.empty { color: #999; font-style: italic; }
.series { margin: .6rem 0 0; }
.series figcaption { font-size: .8rem; color: #555; }
.chart .axis { stroke: #999; stroke-width: 1; }
.chart .line { fill: none; stroke: #1565c0; stroke-width: 2; }
.chart .point { fill: #1565c0; }
.chart .tick { font-size: 10px; fill: #555; }
.unplaced { font-size: .85rem; color: #8a1c1c; }
mark { border-radius: 3px; padding: 0 1px; color: inherit; cursor: help; }
mark mark { padding: 0; }
[hidden] { display: none !important; }
@media (max-width: 760px) { .cells { grid-template-columns: 1fr; } }
@media print { #toolbar { display: none; } article.goal { break-inside: avoid; } }
${KINDS.map((k) => {
  const [bg, line] = FACT_KIND_COLOURS[k];
  return `mark[data-kind="${k}"], .swatch[data-swatch="${k}"] { background: ${bg}; box-shadow: inset 0 -2px 0 ${line}; }\nbody.off-${k} mark[data-kind="${k}"] { background: none; box-shadow: none; cursor: auto; }`;
}).join('\n')}
`;

/** The page's one script: filters by fact kind and a search box. Static code: it reads the DOM only. */
const SCRIPT = `
(() => {
  const search = document.getElementById('search');
  const only = document.getElementById('only-with-facts');
  const shown = document.getElementById('shown');
  const toggles = Array.from(document.querySelectorAll('input[data-kind-toggle]'));
  const goals = Array.from(document.querySelectorAll('article.goal'));
  const groups = Array.from(document.querySelectorAll('section.group'));
  const fold = (s) => s.toLocaleLowerCase('da').replace(/\\s+/g, ' ');
  const texts = new Map(goals.map((g) => [g, fold(g.textContent || '')]));
  function apply() {
    const on = new Set(toggles.filter((t) => t.checked).map((t) => t.dataset.kindToggle));
    for (const t of toggles) document.body.classList.toggle('off-' + t.dataset.kindToggle, !t.checked);
    const q = fold(search.value.trim());
    let visible = 0;
    for (const g of goals) {
      const kinds = (g.dataset.kinds || '').split(' ').filter(Boolean);
      const byKind = !only.checked || kinds.some((k) => on.has(k));
      const bySearch = q === '' || texts.get(g).includes(q);
      g.hidden = !(byKind && bySearch);
      if (!g.hidden) visible++;
    }
    for (const s of groups) s.hidden = !s.querySelector('article.goal:not([hidden])');
    shown.textContent = visible + ' of ' + goals.length + ' goals';
  }
  search.addEventListener('input', apply);
  only.addEventListener('change', apply);
  for (const t of toggles) t.addEventListener('change', apply);
  apply();
})();
`;

/** Goals grouped as the table groups them: a new group wherever the section changes. */
function groupBySection(goals: readonly Goal[]): { section: string | null; goals: Goal[] }[] {
  const groups: { section: string | null; goals: Goal[] }[] = [];
  for (const g of goals) {
    const last = groups[groups.length - 1];
    if (last && last.section === g.section) last.goals.push(g);
    else groups.push({ section: g.section, goals: [g] });
  }
  return groups;
}

/** The review page of a report: a complete, self-contained HTML document. Pure. */
export function renderReviewHtml(report: Report): string {
  const label = (role: 'initiatives' | 'results', fallback: string) => report.columns.find((c) => c.role === role)?.label || fallback;
  const labels = { initiatives: label('initiatives', 'Initiatives'), results: label('results', 'Results') };
  const body = groupBySection(report.goals)
    .map(
      (grp) =>
        `<section class="group" data-section="${escapeHtml(grp.section ?? '')}"><h2>${grp.section === null ? 'Goals without a section' : escapeHtml(grp.section)} <span class="count">(${grp.goals.length})</span></h2>\n` +
        grp.goals.map((g) => renderGoal(report, g, labels)).join('\n') +
        '\n</section>',
    )
    .join('\n');
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="da">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="status-ingest review">',
    `<meta name="report-id" content="${escapeHtml(report.id)}">`,
    `<title>Review: ${escapeHtml(report.title || report.source.path)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    renderToolbar(report),
    '<main>',
    renderHead(report),
    renderDiagnostics(report),
    body || '<p class="empty">The report has no goals.</p>',
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes the review page of a report to a file (atomically); returns the path. */
export function writeReviewHtml(path: string, report: Report): string {
  writeTextFileAtomic(path, renderReviewHtml(report));
  return path;
}
