/**
 * The review page: one self-contained static HTML page for checking a report against its source by
 * eye. The report head and diagnostics come first; then, per table (its caption and columns as a
 * heading), one card per goal under its section and group, with every cell of the row under its
 * column label and role, as paragraphs and lists, every fact highlighted where it stands (its
 * normalized value on hover, a colour per kind; a bare amount read with its column's unit shows the
 * unit and the kroner: "1.500 (t.kr.) = 1 500 000 kr."), totals rows marked, provenance, a facts
 * table (as written, the Danish way, normalized), a small SVG chart per time series in the cell it
 * came from (`chart.ts`), and an accept / flag bar with a note.
 *
 * The source beside the records (`ReviewSource`): for a PDF, its page images in a panel beside the
 * cards, on which the script draws the selected goal's cell and fact boxes; for text and HTML, each
 * card's source lines beside it, facts marked. The script (`script.ts`) filters, moves with the
 * keyboard, keeps decisions in localStorage and exports them as `<report>.review.json`.
 *
 * No network and no external assets: CSS and JS are inline, images are data URLs, and a
 * Content-Security-Policy allows nothing else (the one script is pinned by its hash). Every piece of
 * source text is escaped. `renderReviewHtml` is pure and deterministic; `writeReviewHtml` puts it on
 * disk.
 */
import { factSourceText } from '../../pipeline/stages/facts.js';
import { createHash } from 'node:crypto';
import type { Fact, FactKind, MoneyFact, Series } from '../../schemas/fact.js';
import type { Block, Cell, Column, Goal, Report, Table } from '../../schemas/report.js';
import { describeFactValue, describeScaledAmount } from '../describe-fact.js';
import { danishFactValue } from '../danish-values.js';
import { renderSeriesSvg } from './chart.js';
import { REVIEW_SCRIPT } from './script.js';
import { goalContentHash } from './goal-content.js';
import type { PageImage } from './page-images.js';
import type { Box } from '../../schemas/fact.js';
import { writeTextFileAtomic } from '../files.js';
import { titleCellIndex, titleCellRest } from '../title-cell.js';
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

/** A fact placed on the page: its id there, and its span into the text it was found in. */
interface PlacedFact {
  key: string;
  fact: Fact;
}

/**
 * A piece of a fact's span inside one rendered string (a fact may cross a line and be cut in two).
 * `last`: the piece ends where the fact ends (a scaled amount's unit is shown after it).
 */
interface Piece {
  start: number;
  end: number;
  fact: PlacedFact;
  last?: boolean;
}

/** Where a fact stands, for its hover text: "RESULTATER 84–96", "Mål title 0–4". */
function factWhere(f: Fact): string {
  const span = `${f.span[0]}–${f.span[1]}`;
  const column = f.column ?? (f.cell === undefined ? '' : `cell ${f.cell + 1}`);
  const field = f.field && f.field !== 'text' ? ` ${f.field}` : '';
  return column || field ? `${column}${field} ${span}`.trim() : span;
}

/** The hover text of a fact: kind, normalized value (a scaled amount as "1.500 (t.kr.) = 1 500 000 kr." first), where it stands. */
export function factTitle(f: Fact): string {
  const scaled = f.kind === 'money' ? describeScaledAmount(f) : null;
  return `${f.kind}: ${scaled ? `${scaled} · ` : ''}${describeFactValue(f)} (${factWhere(f)})`;
}

/** What the page shows after a scaled amount: " (t.kr.) = 1 500 000 kr." (CSS content, so the text stays the source's). */
function scaleSuffix(f: Fact): string | null {
  if (f.kind !== 'money' || !f.scale) return null;
  const scaled = describeScaledAmount(f as MoneyFact);
  return scaled === null ? null : scaled.slice(f.text.length);
}

/** Boxes as the page's script reads them: "page x y width height", `;` between boxes (numbers only). */
export function boxesAttribute(boxes: readonly Box[]): string {
  return boxes.map((b) => [b.page, b.x, b.y, b.width, b.height].map((n) => String(Number(n))).join(' ')).join(';');
}

function openMark(p: PlacedFact, last = true): string {
  const f = p.fact;
  const suffix = last ? scaleSuffix(f) : null;
  const attrs = [
    `data-kind="${f.kind}"`,
    `data-fact="${escapeHtml(p.key)}"`,
    f.kind === 'money' && f.scale ? `data-scale="${escapeHtml(f.scale.unit)}"` : '',
    suffix ? `data-scaled="${escapeHtml(suffix)}"` : '',
    f.kind === 'money' && f.total ? 'data-total="true"' : '',
    f.boxes?.length ? `data-boxes="${boxesAttribute(f.boxes)}"` : '',
    `title="${escapeHtml(factTitle(f))}"`,
  ].filter(Boolean);
  return `<mark ${attrs.join(' ')}>`;
}

/**
 * Text with its facts as (possibly nested) `<mark>`s. Pieces are offsets into `text`; one that
 * crosses the end of an enclosing mark is cut there and goes on after it.
 */
export function markText(text: string, pieces: readonly Piece[]): string {
  const sorted = (list: Piece[]) => list.sort((a, b) => a.start - b.start || b.end - a.end);
  let queue = sorted(
    pieces
      .map((p) => ({ ...p, start: Math.max(0, p.start), end: Math.min(text.length, p.end), last: (p.last ?? true) && p.end <= text.length }))
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
        inner.push({ ...q, start: q.start - p.start, end: Math.min(q.end, p.end) - p.start, last: q.end <= p.end && q.last });
        if (q.end > p.end) rest.push({ ...q, start: p.end });
      } else rest.push(q);
    }
    out += `${openMark(p.fact, p.last ?? true)}${markText(text.slice(p.start, p.end), inner)}</mark>`;
    cursor = p.end;
    queue = sorted(rest);
  }
  return out + escapeHtml(text.slice(cursor));
}

/** The pieces of the facts that fall into `[start, end)` of a text, relative to `start`. */
function piecesIn(facts: readonly PlacedFact[], start: number, end: number): Piece[] {
  const out: Piece[] = [];
  for (const f of facts) {
    const s = Math.max(start, f.fact.span[0]);
    const e = Math.min(end, f.fact.span[1]);
    if (s < e) out.push({ start: s - start, end: e - start, fact: f, last: e === f.fact.span[1] });
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
      html.push(`<h6>${marked(own[0]!)}</h6>`);
    } else {
      html.push(`<p>${marked(own[0]!)}</p>`);
    }
  });
  return html.join('\n');
}


// ---------------------------------------------------------------------------------------------
// Series (drawn by ./chart.ts)

export { renderSeriesSvg };

// ---------------------------------------------------------------------------------------------
// Page

function range(pair: readonly [number, number]): string {
  return pair[0] === pair[1] ? String(pair[0]) : `${pair[0]}–${pair[1]}`;
}

function roleNote(role: string): string {
  return `<small class="role">${escapeHtml(role)}</small>`;
}

/**
 * What the page shows of the source beside the records: the page images of a PDF (boxes are drawn on
 * them), or the text lines of a text or HTML source (each card shows its own lines).
 */
export interface ReviewSource {
  pages?: readonly PageImage[];
  lines?: readonly string[];
}

/** Source lines shown beside one card at most (a longer goal shows its first ones). */
const MAX_SOURCE_LINES = 120;
/** Characters of a source line shown at most. */
const MAX_SOURCE_LINE = 600;
/** Facts marked in a card's source lines at most (each is looked for in the lines: bounded work). */
const MAX_SOURCE_MARKS = 2000;

/**
 * The source lines of a goal (its provenance lines) with its facts marked where their text stands:
 * each fact is looked for in the lines in order, the n-th fact of a text at the n-th place it occurs.
 */
function renderSourceLines(goal: Goal, position: number, lines: readonly string[]): string {
  const [first, last] = goal.provenance.lines;
  const end = Math.min(last, first + MAX_SOURCE_LINES - 1, lines.length);
  if (first > lines.length) return '';
  const shown = lines.slice(first - 1, end).map((l) => (l.length > MAX_SOURCE_LINE ? `${l.slice(0, MAX_SOURCE_LINE)}…` : l));
  const joined = shown.join('\n');
  const placed: PlacedFact[] = [];
  const from = new Map<string, number>();
  goal.facts.slice(0, MAX_SOURCE_MARKS).forEach((fact, i) => {
    const at = joined.indexOf(fact.text, from.get(fact.text) ?? 0);
    if (at < 0) return;
    from.set(fact.text, at + fact.text.length);
    placed.push({ key: `${position}.${i + 1}`, fact: { ...fact, span: [at, at + fact.text.length] } });
  });
  let pos = 0;
  const items = shown.map((line, i) => {
    const html = markText(line, piecesIn(placed, pos, pos + line.length));
    pos += line.length + 1;
    return `<li value="${first + i}">${html || ' '}</li>`;
  });
  const more = last > end ? `<p class="more">… lines ${end + 1}–${last} not shown</p>` : '';
  return `<aside class="source-lines" aria-label="Source lines"><h5>Source, lines ${range([first, end])}</h5><ol>${items.join('')}</ol>${more}</aside>`;
}

/** The facts of a goal as a table: as written, the Danish way, normalized, and where it stands. */
function renderFactTable(goal: Goal, position: number): string {
  if (goal.facts.length === 0) return '';
  const rows = goal.facts.map((f, i) => {
    const key = `${position}.${i + 1}`;
    return (
      `<tr data-fact-ref="${escapeHtml(key)}" data-kind="${f.kind}"${f.boxes?.length ? ' data-on-page="true"' : ''}>` +
      `<td><span class="swatch" data-swatch="${f.kind}">${f.kind}</span></td><td class="as-written">${escapeHtml(f.text)}</td>` +
      `<td class="danish">${escapeHtml(danishFactValue(f))}</td><td class="normalized">${escapeHtml(describeFactValue(f))}</td>` +
      `<td class="where">${escapeHtml(f.column ?? '')}${f.boxes?.length ? ` · p. ${[...new Set(f.boxes.map((b) => b.page))].join(', ')}` : ''}</td></tr>`
    );
  });
  return (
    `<details class="facts"><summary>${goal.facts.length} ${goal.facts.length === 1 ? 'fact' : 'facts'}</summary>` +
    `<table><thead><tr><th>kind</th><th>as written</th><th>Danish</th><th>normalized</th><th>where</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`
  );
}

/** The accept / flag bar of a card. */
function renderDecisionBar(): string {
  return (
    '<div class="decision" role="group" aria-label="Decision">' +
    '<button type="button" data-act="accept" title="Accept (a)">Accept</button>' +
    '<button type="button" data-act="flag" title="Flag (f)">Flag</button>' +
    '<input class="note" type="text" placeholder="Note: what is wrong" aria-label="Note">' +
    '<button type="button" data-act="clear" title="Clear the decision (u)">Clear</button>' +
    '<output class="decision-state">open</output></div>'
  );
}

function renderSeriesFigure(s: Series): string {
  return `<figure class="series">${renderSeriesSvg(s)}<figcaption>${escapeHtml(s.label ?? 'Time series')} (${escapeHtml(s.unit)}, ${escapeHtml(s.column ?? '?')}${s.field && s.field !== 'text' ? ` ${s.field}` : ''} ${s.span[0]}–${s.span[1]})</figcaption></figure>`;
}

/** A goal's card. `position` is its 1-based place in the report: the key of its card and facts. */
function renderGoal(report: Report, goal: Goal, position: number, source: ReviewSource): string {
  const title: PlacedFact[] = [];
  const subtitle: PlacedFact[] = [];
  const inCell = new Map<number, PlacedFact[]>();
  const unplaced: PlacedFact[] = [];
  goal.facts.forEach((fact, i) => {
    const p = { key: `${position}.${i + 1}`, fact };
    const text = factSourceText(goal, fact);
    // A span that does not give the fact's text cannot be shown in place; it is listed instead.
    if (text === null || text.slice(fact.span[0], fact.span[1]) !== fact.text) unplaced.push(p);
    else if (fact.field === 'title') title.push(p);
    else if (fact.field === 'subtitle') subtitle.push(p);
    else inCell.set(fact.cell!, [...(inCell.get(fact.cell!) ?? []), p]);
  });
  const kinds = [...new Set(goal.facts.map((f) => f.kind))].sort();
  // The goal's own number in the source, where the table numbers its rows.
  const sourceNumber = goal.number ? `no. ${escapeHtml(goal.number)} · ` : '';
  const titleHtml = markText(goal.title, piecesIn(title, 0, goal.title.length));
  const subtitleHtml = goal.subtitle === null ? '' : `<p class="subtitle">${markText(goal.subtitle, piecesIn(subtitle, 0, goal.subtitle.length))}</p>`;
  const titleCell = titleCellIndex(goal);
  const titleLabel = titleCell >= 0 ? `<p class="title-cell">${escapeHtml(goal.cells[titleCell]!.label)} ${roleNote(goal.cells[titleCell]!.role)}</p>` : '';
  // A series is drawn with the cell it was read from; one whose cell is not shown goes after the cells.
  const seriesIn = new Map<number, Series[]>();
  const seriesAfter: Series[] = [];
  // Every cell of the row under its column label; the title's own cell only when it holds more than the heading shows.
  const shownCells = goal.cells.map((c, i) => ({ c, i })).filter(({ c, i }) => i !== titleCell || titleCellRest(goal, c.text) !== '');
  const shownIndex = new Set(shownCells.map(({ i }) => i));
  for (const s of goal.series) {
    if (s.cell !== undefined && shownIndex.has(s.cell) && s.field === 'text') seriesIn.set(s.cell, [...(seriesIn.get(s.cell) ?? []), s]);
    else seriesAfter.push(s);
  }
  const cells = shownCells
    .map(
      ({ c, i }) =>
        `<section class="cell" data-cell="${i}" data-role="${escapeHtml(c.role)}"${c.boxes?.length ? ` data-boxes="${boxesAttribute(c.boxes)}"` : ''}><h5>${escapeHtml(c.label) || '<span class="empty">(no label)</span>'} ${roleNote(c.role)}</h5>` +
        `${c.text === '' ? '<p class="empty">(empty)</p>' : renderCell(c, inCell.get(i) ?? [])}${(seriesIn.get(i) ?? []).map(renderSeriesFigure).join('')}</section>`,
    )
    .join('');
  // The title's cell is drawn on the page with the header when the card shows no section for it.
  const titleBoxes = titleCell >= 0 && !shownIndex.has(titleCell) ? goal.cells[titleCell]?.boxes : undefined;
  const unplacedHtml = unplaced.length
    ? `<p class="unplaced">Facts whose span does not match their text: ${unplaced.map((p) => `${openMark(p)}${escapeHtml(p.fact.text)}</mark>`).join(' ')}</p>`
    : '';
  const total = goal.total ? ' <span class="badge total">totals row</span>' : '';
  const lines = source.lines ? renderSourceLines(goal, position, source.lines) : '';
  return [
    `<article class="goal${goal.total ? ' total' : ''}" id="goal-${position}" data-goal-id="${escapeHtml(goal.id)}" data-key="${escapeHtml(goal.key)}" data-content="${goalContentHash(goal)}" data-table="${goal.table}" data-ordinal="${goal.ordinal}" data-kinds="${kinds.join(' ')}"${goal.total ? ' data-total="true"' : ''}>`,
    `<div class="card-text${lines ? ' with-source' : ''}"><div class="card-record">`,
    `<header${titleBoxes?.length ? ` data-boxes="${boxesAttribute(titleBoxes)}"` : ''}><h4><span class="ordinal">${goal.ordinal}</span> ${titleHtml || '<span class="empty">(no title)</span>'}${total}</h4>${subtitleHtml}${titleLabel}`,
    `<p class="provenance">${sourceNumber}pages ${range(goal.provenance.pages)} · lines ${range(goal.provenance.lines)} of <span class="path">${escapeHtml(report.source.path)}</span> · ${goal.facts.length} ${goal.facts.length === 1 ? 'fact' : 'facts'} · id <code>${escapeHtml(goal.id)}</code></p></header>`,
    cells ? `<div class="cells">${cells}</div>` : '',
    seriesAfter.map(renderSeriesFigure).join(''),
    unplacedHtml,
    renderFactTable(goal, position),
    '</div>',
    lines,
    '</div>',
    renderDecisionBar(),
    '</article>',
  ].join('\n');
}

/** The page images of a PDF source, with an overlay each for the boxes the script draws. */
function renderPagePanel(pages: readonly PageImage[]): string {
  if (pages.length === 0) return '';
  const figures = pages.map((p) => {
    const img = p.src
      ? `<img src="${escapeHtml(p.src)}" alt="Page ${p.page} of the source" decoding="async">`
      : '<p class="empty">(this page is not rendered)</p>';
    return `<figure class="page" id="page-${p.page}" data-page="${p.page}" data-width="${p.width}" data-height="${p.height}" style="aspect-ratio: ${p.width} / ${p.height}">${img}<div class="overlay"></div><figcaption>page ${p.page}</figcaption></figure>`;
  });
  return `<aside id="source-pages" aria-label="Source pages">${figures.join('\n')}</aside>`;
}

/** A column as the page names it: label, role, and the unit and year its header names. */
function describeColumnHtml(c: Column): string {
  const scale = c.scale ? `, ${escapeHtml(c.scale.unit)} × ${c.scale.factor} from the ${escapeHtml(c.scale.from)}` : '';
  const year = c.year !== null ? `, ${c.year}` : '';
  const from = c.roleFrom !== 'header' ? `, role from ${escapeHtml(c.roleFrom)}` : '';
  return `${escapeHtml(c.label) || '<span class="empty">(no label)</span>'} <small>(${escapeHtml(c.role)}${scale}${year}${from})</small>`;
}

function tableName(t: Pick<Table, 'ordinal' | 'caption'>): string {
  return `Table ${t.ordinal}${t.caption ? `: ${escapeHtml(t.caption)}` : ''}`;
}

function renderHead(report: Report): string {
  const facts = report.goals.reduce((n, g) => n + g.facts.length, 0);
  const totals = report.goals.filter((g) => g.total).length;
  const rows: [string, string][] = [
    ['Source', `<span class="path">${escapeHtml(report.source.path)}</span> (${escapeHtml(report.source.format)}, ${report.source.pages} pages, ${report.source.bytes} bytes)`],
    ['sha256', `<code>${escapeHtml(report.source.sha256)}</code>`],
    ['Municipality', report.municipality === null ? '—' : escapeHtml(report.municipality)],
    ['Committee', report.committee === null ? '—' : escapeHtml(report.committee)],
    ['Meeting date', report.meetingDate === null ? '—' : escapeHtml(report.meetingDate)],
    ['Period', report.period === null ? '—' : `${escapeHtml(report.period.start)} – ${escapeHtml(report.period.end)}`],
    ['Tables', report.tables.map((t) => `${tableName(t)} <small>(${t.columns.length} columns)</small>`).join(' · ') || '—'],
    [
      'Contents',
      `${report.sections.length} sections, ${report.goals.length} goals${totals ? ` (${totals} totals ${totals === 1 ? 'row' : 'rows'})` : ''}, ${facts} facts, ${report.goals.reduce((n, g) => n + g.series.length, 0)} time series`,
    ],
  ];
  const used = new Set(report.goals.map((g) => `${g.table}\u0000${g.section}`));
  const empty = report.sections.filter((s) => !used.has(`${s.table}\u0000${s.title}`));
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
    '<label>show <select id="decision-filter" aria-label="Show goals by decision"><option value="all">all</option><option value="open">open</option><option value="accepted">accepted</option><option value="flagged">flagged</option></select></label>',
    `<output id="progress">0 accepted · 0 flagged · ${report.goals.length} open</output>`,
    '<button type="button" id="export" title="Download the decisions as a .review.json file">Export</button>',
    '<label class="import">Import <input type="file" id="import" accept=".json,application/json"></label>',
    '<span class="keys" title="j / k next and previous goal · a accept · f flag · u clear · / search"><kbd>j</kbd>/<kbd>k</kbd> goal · <kbd>a</kbd> accept · <kbd>f</kbd> flag · <kbd>/</kbd> search</span>',
    `<output id="shown">${report.goals.length} of ${report.goals.length} goals</output>`,
    '<output id="review-status" aria-live="polite"></output>',
    '</nav>',
  ].join('\n');
}

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #f4f4f2; }
body { margin: 0; line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 0 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 1.2rem 0 .5rem; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .3rem; }
h3 { font-size: 1.1rem; margin: 1.3rem 0 .4rem; }
h4 { font-size: 1.05rem; margin: 0; }
h5 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #555; margin: 0 0 .3rem; }
h6 { font-size: .95rem; margin: .4rem 0 .2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .9rem; }
dt { font-weight: 600; color: #555; } dd { margin: 0; }
code { font-size: .8rem; word-break: break-all; }
.intro { color: #333; }
#toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; padding: .5rem 1rem; background: #fff; border-bottom: 1px solid #ccc; font-size: .9rem; }
#search { min-width: 12rem; padding: .25rem .4rem; }
#shown { margin-left: auto; color: #555; }
.kind { white-space: nowrap; }
.swatch { border-radius: 3px; padding: 0 3px; }
#diagnostics table { border-collapse: collapse; font-size: .85rem; background: #fff; width: 100%; }
#diagnostics td, #diagnostics th { border: 1px solid #ddd; padding: .2rem .4rem; text-align: left; vertical-align: top; }
#diagnostics summary h2 { display: inline; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem; background: #eee; }
.sev-error { background: #fde2e1; } .sev-warning { background: #fff3cd; }
.group > h3 .count { color: #777; font-weight: normal; font-size: .9rem; }
.table-head .columns { font-size: .85rem; color: #444; margin: 0 0 .5rem; }
h5 .role, .title-cell .role { text-transform: none; letter-spacing: 0; font-weight: normal; color: #888; }
.title-cell { margin: .15rem 0 0; font-size: .75rem; color: #777; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .75rem; font-weight: 600; vertical-align: middle; }
.badge.total { background: #fde7c8; color: #8a4b00; }
article.goal.total { border-left: 4px solid #e0a040; background: #fffaf2; }
mark[data-scaled]::after { content: attr(data-scaled); font-size: .85em; color: #2e5e31; }
article.goal { scroll-margin-top: 5rem; background: #fff; border: 1px solid #d8d8d8; border-radius: 6px; padding: .8rem 1rem; margin: .7rem 0; }
article.goal .ordinal { display: inline-block; min-width: 1.8rem; color: #777; font-weight: normal; }
.subtitle { margin: .2rem 0 0; color: #444; font-style: italic; }
.provenance { margin: .3rem 0 .6rem; font-size: .8rem; color: #666; }
.cells { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
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
main.with-pages { max-width: none; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 46%); gap: 1rem; }
#source-pages { position: sticky; top: 5rem; align-self: start; max-height: calc(100vh - 5.4rem); overflow-y: auto; padding: .5rem 0; }
figure.page { position: relative; margin: 0 0 .8rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
figure.page img { display: block; width: 100%; height: 100%; }
figure.page figcaption { position: absolute; right: .3rem; bottom: .2rem; font-size: .75rem; color: #777; }
figure.page .overlay { position: absolute; inset: 0; pointer-events: none; }
.box { position: absolute; box-sizing: border-box; }
.box.cell { border: 2px solid rgba(21,101,192,.55); background: rgba(21,101,192,.05); }
.box.fact { border: 2px solid #c62828; background: rgba(255,235,59,.35); }
.box.fact.active { outline: 3px solid #c62828; outline-offset: 2px; background: rgba(255,193,7,.55); }
article.goal.selected { outline: 3px solid #1565c0; outline-offset: 1px; }
article.goal[data-decision="accepted"] { border-left: 5px solid #2e7d32; }
article.goal[data-decision="flagged"] { border-left: 5px solid #c62828; }
article.goal[data-decision="outdated"] { border-left: 5px dashed #b26a00; }
.decision { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .6rem; padding-top: .5rem; border-top: 1px solid #eee; font-size: .9rem; }
.decision input.note { flex: 1 1 12rem; min-width: 0; padding: .2rem .4rem; }
.decision-state { color: #555; font-size: .8rem; }
article.goal[data-decision="accepted"] .decision-state { color: #2e7d32; font-weight: 600; }
article.goal[data-decision="flagged"] .decision-state { color: #c62828; font-weight: 600; }
.card-text.with-source { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 40%); gap: 1rem; }
.source-lines { background: #fafaf7; border: 1px solid #e2e2dc; border-radius: 4px; padding: .3rem .5rem; font-size: .78rem; overflow-x: auto; }
.source-lines ol { margin: 0; padding-left: 3.2em; font-family: ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
.source-lines .more { color: #777; margin: .2rem 0 0; }
details.facts { margin-top: .5rem; font-size: .85rem; }
details.facts table { border-collapse: collapse; width: 100%; }
details.facts td, details.facts th { border-bottom: 1px solid #eee; padding: .15rem .3rem; text-align: left; vertical-align: top; }
details.facts tr[data-on-page] { cursor: pointer; }
details.facts td.danish { font-weight: 600; white-space: nowrap; }
mark.active { outline: 2px solid #c62828; }
mark[data-boxes] { cursor: pointer; }
.series svg.chart { display: block; width: 100%; max-width: 340px; height: auto; }
.chart .unit { font-size: 10px; fill: #333; font-weight: 600; }
kbd { border: 1px solid #bbb; border-bottom-width: 2px; border-radius: 3px; padding: 0 .25rem; font-size: .75rem; background: #fafafa; }
.import input { max-width: 11rem; }
#review-status { color: #2e5e31; }
@media (max-width: 900px) { main.with-pages { display: block; } #source-pages { position: static; max-height: 60vh; } .card-text.with-source { display: block; } }
@media (max-width: 480px) { #toolbar { position: static; } main { padding: 0 .4rem 2rem; } article.goal { padding: .6rem .6rem; } #search { min-width: 0; flex: 1 1 10rem; } .keys { display: none; } }
@media (max-width: 760px) { .cells { grid-template-columns: 1fr; } }
@media print { #toolbar { display: none; } article.goal { break-inside: avoid; } }
${KINDS.map((k) => {
  const [bg, line] = FACT_KIND_COLOURS[k];
  return `mark[data-kind="${k}"], .swatch[data-swatch="${k}"] { background: ${bg}; box-shadow: inset 0 -2px 0 ${line}; }\nbody.off-${k} mark[data-kind="${k}"] { background: none; box-shadow: none; cursor: auto; }`;
}).join('\n')}
`;

/** Goals grouped as the table groups them: a new group wherever the section or the group changes. */
function groupBySection(goals: readonly { goal: Goal; position: number }[]): { section: string | null; group: string | null; goals: { goal: Goal; position: number }[] }[] {
  const groups: { section: string | null; group: string | null; goals: { goal: Goal; position: number }[] }[] = [];
  for (const g of goals) {
    const last = groups[groups.length - 1];
    if (last && last.section === g.goal.section && last.group === g.goal.group) last.goals.push(g);
    else groups.push({ section: g.goal.section, group: g.goal.group, goals: [g] });
  }
  return groups;
}

/** One table: its caption and columns as a heading, then its goals by section and group. */
function renderTable(report: Report, table: Pick<Table, 'ordinal' | 'caption' | 'columns'>, goals: { goal: Goal; position: number }[], source: ReviewSource): string {
  const columns = table.columns.map(describeColumnHtml).join(' · ');
  const groups = groupBySection(goals)
    .map((grp) => {
      const name = [grp.section, grp.group].filter((x): x is string => x !== null).map(escapeHtml).join(' · ');
      return (
        `<section class="group" data-section="${escapeHtml(grp.section ?? '')}" data-group="${escapeHtml(grp.group ?? '')}"><h3>${name || 'Goals without a section'} <span class="count">(${grp.goals.length})</span></h3>\n` +
        grp.goals.map(({ goal, position }) => renderGoal(report, goal, position, source)).join('\n') +
        '\n</section>'
      );
    })
    .join('\n');
  return [
    `<section class="table" id="table-${table.ordinal}" data-table="${table.ordinal}">`,
    `<header class="table-head"><h2>${tableName(table)}</h2>${columns ? `<p class="columns">Columns: ${columns}</p>` : ''}</header>`,
    groups || '<p class="empty">The table has no goals.</p>',
    '</section>',
  ].join('\n');
}

/**
 * The name the page exports its decisions under: the source file's name with `.review.json`
 * ("punkt-5.pdf" → "punkt-5.review.json").
 */
export function reviewFileName(report: Pick<Report, 'source'>): string {
  const base = report.source.path.split(/[\\/]/).pop() || 'report';
  return `${base.replace(/\.(?:txt|html?|pdf|json)$/i, '') || 'report'}.review.json`;
}

/**
 * The review page of a report: a complete, self-contained HTML document. Pure. With `source`, the
 * page shows the source beside the records: the page images of a PDF, or each goal's source lines.
 */
export function renderReviewHtml(report: Report, source: ReviewSource = {}): string {
  const placed = report.goals.map((goal, i) => ({ goal, position: i + 1 }));
  // Tables in report order; goals of a table the report does not list (a malformed report) still get a card.
  const known = new Set(report.tables.map((t) => t.ordinal));
  const extra = [...new Set(report.goals.map((g) => g.table).filter((t) => !known.has(t)))].map((ordinal) => ({ ordinal, caption: null, columns: [] }));
  const body = [...report.tables, ...extra]
    .map((t) => renderTable(report, t, placed.filter((p) => p.goal.table === t.ordinal), source))
    .join('\n');
  const pagePanel = renderPagePanel(source.pages ?? []);
  const scriptHash = createHash('sha256').update(REVIEW_SCRIPT).digest('base64');
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
    `<meta name="review-file" content="${escapeHtml(reviewFileName(report))}">`,
    `<title>Review: ${escapeHtml(report.title || report.source.path)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    renderToolbar(report),
    `<main${pagePanel ? ' class="with-pages"' : ''}>`,
    '<div id="records">',
    renderHead(report),
    renderDiagnostics(report),
    report.goals.length ? body : `${body}\n<p class="empty">The report has no goals.</p>`,
    '</div>',
    pagePanel,
    '</main>',
    `<script>${REVIEW_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes the review page of a report to a file (atomically); returns the path. */
export function writeReviewHtml(path: string, report: Report, source: ReviewSource = {}): string {
  writeTextFileAtomic(path, renderReviewHtml(report, source));
  return path;
}
