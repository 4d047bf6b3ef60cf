/**
 * The semantic diff of two reports (`diffReports` in ./diff.ts) as text for people: CI logs, the
 * terminal, the golden tests' failure messages. The first line sums it up by category (`summaryLine`);
 * word diffs read `[-removed-]{+added+}`, with long unchanged stretches cut to "…"; every field stays
 * on one line. Pure and deterministic.
 */
import { diffArrays } from 'diff';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import {
  hasContentChange,
  type DiagnosticMove,
  type FactChange,
  type FactRef,
  type FieldChange,
  type GoalRef,
  type ReportDiff,
  type SeriesChange,
  type WordPart,
} from './diff.js';

/** Options of the text renderer. */
export interface RenderDiffOptions {
  /** Names of the two sides (default: the source paths). */
  beforeLabel?: string;
  afterLabel?: string;
  /** Words of unchanged text kept on each side of a change (default 8). */
  context?: number;
}

/** Newlines inside a field are shown as "¶" so that each field stays on one line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ¶ ');
}

/** A word diff as text: `[-removed-]{+added+}`, long unchanged stretches shortened to "…". */
export function renderWords(parts: readonly WordPart[], context = 8): string {
  return parts
    .map((p, k) => {
      const t = oneLine(p.text);
      if (p.op === 'add') return `{+${t}+}`;
      if (p.op === 'del') return `[-${t}-]`;
      const tokens = t.split(/(\s+)/);
      const wordsIn = tokens.filter((x) => x.trim()).length;
      const first = k === 0;
      const last = k === parts.length - 1;
      const keepHead = first ? 0 : context;
      const keepTail = last ? 0 : context;
      if (wordsIn <= keepHead + keepTail + 2) return t;
      // Keep `keepHead` words after the change before and `keepTail` before the change after.
      let seen = 0;
      let headEnd = 0;
      for (let x = 0; x < tokens.length && seen < keepHead; x++) {
        if (tokens[x]!.trim()) seen++;
        headEnd = x + 1;
      }
      seen = 0;
      let tailStart = tokens.length;
      for (let x = tokens.length - 1; x >= 0 && seen < keepTail; x--) {
        if (tokens[x]!.trim()) seen++;
        tailStart = x;
      }
      const head = tokens.slice(0, headEnd).join('');
      const tail = tokens.slice(tailStart).join('');
      return `${head}${head && !/\s$/.test(head) ? ' ' : ''}…${tail && !/^\s/.test(tail) ? ' ' : ''}${tail}`;
    })
    .join('');
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (value === null) return '(none)';
  if (typeof value === 'string') return JSON.stringify(oneLine(value));
  return JSON.stringify(value);
}

/** Longest line of a block shown in a blocks diff. */
const BLOCK_LINE = 100;

/** How a field is named in the text: a cell by its column label and role ("RESULTATER (results)"), else its path. */
function fieldName(f: FieldChange): string {
  if (!f.cell) return f.field;
  const label = f.cell.beforeLabel !== undefined ? `${f.cell.beforeLabel} → ${f.cell.label}` : f.cell.label;
  return `${label || `cell ${f.cell.index + 1}`} (${f.cell.role})${f.field.endsWith('.blocks') ? ' blocks' : ''}`;
}

/** A change of block structure (or of a table's columns): the lines that differ, as a line diff. */
function renderBlocks(f: FieldChange, indent: string): string {
  const cut = (line: string) => (line.length > BLOCK_LINE ? `${line.slice(0, BLOCK_LINE - 1)}…` : line);
  const lines = [`${indent}${fieldName(f)}:`];
  for (const part of diffArrays(f.before as string[], f.after as string[])) {
    if (!part.added && !part.removed) continue;
    for (const line of part.value) lines.push(`${indent}  ${part.added ? '+' : '-'} ${cut(oneLine(line))}`);
  }
  return lines.join('\n');
}

function renderField(f: FieldChange, indent: string, context: number): string {
  // Block structure and table columns: a line diff, one block line or column a line.
  if ((f.field.endsWith('.blocks') || f.field.endsWith('.columns')) && Array.isArray(f.before) && Array.isArray(f.after)) return renderBlocks(f, indent);
  const where = f.goals ? ` (in ${f.goals} goals)` : '';
  const name = fieldName(f);
  if (f.words) return `${indent}${name}${where}: ${renderWords(f.words, context)}`;
  if (f.cell && f.before === undefined) return `${indent}${name}: added: ${show(f.after)}`;
  if (f.cell && f.after === undefined) return `${indent}${name}: removed: ${show(f.before)}`;
  return `${indent}${name}${where}: ${show(f.before)} → ${show(f.after)}`;
}

/** A goal's name: `#3 "Title" [SECTION · group]`, with its table (`table 2 #3 …`) when a report has several. */
function goalName(g: GoalRef, tables: boolean): string {
  const under = [g.section, g.group].filter((x): x is string => !!x).join(' · ');
  return `${tables ? `table ${g.table} ` : ''}#${g.ordinal} ${JSON.stringify(g.title)}${under ? ` [${under}]` : ''}`;
}

/** Where a fact stands: its column label, and the field when it is not the cell's text ("Mål title"). */
function place(f: { column: string | null; cell: number | null; field: string | null }): string {
  const column = f.column ?? (f.cell === null ? '?' : `cell ${f.cell + 1}`);
  return f.field && f.field !== 'text' ? `${column} ${f.field}` : column;
}

function factLine(f: FactRef): string {
  return `${f.kind} ${JSON.stringify(oneLine(f.text))} (${place(f)} ${f.span[0]}–${f.span[1]}) = ${f.value}`;
}

function renderFact(c: FactChange): string {
  if (c.change === 'added') return `+ ${factLine(c.after!)}`;
  if (c.change === 'removed') return `- ${factLine(c.before!)}`;
  const b = c.before!;
  const a = c.after!;
  const text = b.text === a.text ? JSON.stringify(oneLine(a.text)) : `${JSON.stringify(oneLine(b.text))} → ${JSON.stringify(oneLine(a.text))}`;
  const value = b.value === a.value ? a.value : `${b.value} → ${a.value}`;
  const span = c.fields.includes('span') ? ` span ${b.span[0]}–${b.span[1]} → ${a.span[0]}–${a.span[1]}` : '';
  return `~ ${a.kind} ${text} (${place(a)}) = ${value}${span} [${c.fields.join(', ')}]`;
}

function renderSeries(c: SeriesChange): string {
  const s = c.after ?? c.before!;
  const name = `${s.label ?? 'series'} (${place(s)}, ${s.unit})`;
  if (c.change === 'added') return `+ ${name}: ${s.points}`;
  if (c.change === 'removed') return `- ${name}: ${s.points}`;
  return `~ ${name}: ${c.before!.points} → ${c.after!.points}`;
}

function diagnosticPlace(d: Diagnostic): string {
  const at = d.line !== null ? `line ${d.line}${d.column !== null ? `:${d.column}` : ''}` : 'no line';
  return `${at}${d.page !== null ? `, page ${d.page}` : ''}`;
}

function diagnosticLine(d: Diagnostic): string {
  return `${d.severity} ${d.code} (${diagnosticPlace(d)}): ${oneLine(d.message)}`;
}

function diagnosticMoveLine({ before, after }: DiagnosticMove): string {
  return `${after.severity} ${after.code} (${diagnosticPlace(before)} → ${diagnosticPlace(after)}): ${oneLine(after.message)}`;
}

/** "1 goal", "2 goals". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Non-zero parts, in parentheses: ` (1 goal removed, 2 sections added)`, and what the parts leave of `total` as `rest`; empty when none. */
function detail(parts: [number, string][], total: number, rest: (n: number) => string): string {
  const shown = parts.filter(([n]) => n > 0);
  const left = total - shown.reduce((sum, [n]) => sum + n, 0);
  const words = [...shown.map(([n, what]) => `${n} ${what}`), ...(left > 0 ? [rest(left)] : [])];
  return words.length ? ` (${words.join(', ')})` : '';
}

/**
 * The first line of a diff: its changes by category, with what they are, e.g. `1 structure change (1
 * goal removed), 1 fact change (1 removed), 0 text changes, 0 diagnostic changes` (and the
 * provenance changes when they were compared).
 */
export function summaryLine(diff: ReportDiff): string {
  const s = diff.summary;
  const c = s.changes;
  const structure = detail(
    [
      [s.goalsAdded, s.goalsAdded === 1 ? 'goal added' : 'goals added'],
      [s.goalsRemoved, s.goalsRemoved === 1 ? 'goal removed' : 'goals removed'],
      [s.goalsMoved, s.goalsMoved === 1 ? 'goal moved' : 'goals moved'],
      [s.tablesAdded, s.tablesAdded === 1 ? 'table added' : 'tables added'],
      [s.tablesRemoved, s.tablesRemoved === 1 ? 'table removed' : 'tables removed'],
      [s.tablesChanged, s.tablesChanged === 1 ? 'table changed' : 'tables changed'],
      [s.sectionsAdded, s.sectionsAdded === 1 ? 'section added' : 'sections added'],
      [s.sectionsRemoved, s.sectionsRemoved === 1 ? 'section removed' : 'sections removed'],
    ],
    c.structure,
    (n) => `${n} other`,
  );
  const facts = detail(
    [
      [s.factsAdded, 'added'],
      [s.factsRemoved, 'removed'],
      [s.factsChanged, 'changed'],
    ],
    c.facts,
    (n) => count(n, 'report date'),
  );
  const parts = [
    `${count(c.structure, 'structure change')}${structure}`,
    `${count(c.facts, 'fact change')}${facts}`,
    count(c.text, 'text change'),
    count(c.diagnostics, 'diagnostic change'),
    ...(diff.provenance ? [count(c.provenance, 'provenance change')] : []),
  ];
  return parts.join(', ');
}

/** The diff as text for a person (CI logs, the terminal). Empty string when the reports are equal. */
export function renderReportDiff(diff: ReportDiff, options: RenderDiffOptions = {}): string {
  if (diff.equal) return '';
  const context = options.context ?? 8;
  const out: string[] = [summaryLine(diff)];
  const side = (s: ReportDiff['before'], label: string | undefined) =>
    `${label ?? s.path} (report ${s.id.slice(0, 12)}, ${s.tables > 1 ? `${s.tables} tables, ` : ''}${s.goals} goals)`;
  const tables = diff.before.tables > 1 || diff.after.tables > 1;
  out.push(`--- ${side(diff.before, options.beforeLabel)}`);
  out.push(`+++ ${side(diff.after, options.afterLabel)}`);
  if (diff.report.length) {
    out.push('report:');
    for (const f of diff.report) out.push(renderField(f, '  ', context));
  }
  if (diff.sections.added.length || diff.sections.removed.length) {
    out.push('sections:');
    const name = (s: ReportDiff['sections']['added'][number]) => `${tables ? `table ${s.table} ` : ''}${s.ordinal} ${s.title}`;
    for (const s of diff.sections.removed) out.push(`  - ${name(s)}`);
    for (const s of diff.sections.added) out.push(`  + ${name(s)}`);
  }
  if (diff.diagnostics.added.length || diff.diagnostics.removed.length || diff.diagnostics.moved.length) {
    out.push('diagnostics:');
    for (const d of diff.diagnostics.removed) out.push(`  - ${diagnosticLine(d)}`);
    for (const d of diff.diagnostics.added) out.push(`  + ${diagnosticLine(d)}`);
    for (const m of diff.diagnostics.moved) out.push(`  ~ moved ${diagnosticMoveLine(m)}`);
  }
  // (Only with provenance: goals that differ in ordinal or key alone.)
  const renumberedOnly = diff.goals.filter(
    (g) => !hasContentChange(g) && g.fields.every((f) => f.field === 'ordinal' || f.field === 'key') && !g.facts.length && !g.series.length,
  );
  const detailed = diff.goals.filter((g) => !renumberedOnly.includes(g));
  if (detailed.length || renumberedOnly.length) out.push('goals:');
  for (const g of detailed) {
    if (g.change === 'added') out.push(`  + added ${goalName(g.after!, tables)}`);
    else if (g.change === 'removed') out.push(`  - removed ${goalName(g.before!, tables)}`);
    else {
      const how = g.matchedBy === 'key' ? 'same key' : g.matchedBy === 'title' ? 'matched by title' : 'matched by similar title';
      const num = g.renumbered ? `, was #${g.before!.ordinal}` : '';
      out.push(`  ~ changed ${goalName(g.after!, tables)} (${how}${num})`);
      if (g.moved) {
        const b = g.before!;
        const a = g.after!;
        const where = [
          b.table !== a.table ? `table ${b.table} → ${a.table}` : null,
          b.section !== a.section ? `section ${show(b.section)} → ${show(a.section)}` : null,
          b.group !== a.group ? `group ${show(b.group)} → ${show(a.group)}` : null,
        ].filter((x): x is string => x !== null);
        out.push(where.length ? `      moved: ${where.join(', ')}` : `      moved: out of its former order (was #${b.ordinal}, now #${a.ordinal})`);
      }
      const explained = g.renumbered || g.fields.some((f) => f.field === 'title' || f.field === 'table');
      for (const f of g.fields) {
        if (['ordinal', 'table', 'section', 'group'].includes(f.field) || (f.field === 'key' && explained)) continue;
        out.push(renderField(f, '      ', context));
      }
    }
    if (g.facts.length) {
      out.push('      facts:');
      for (const f of g.facts) out.push(`        ${renderFact(f)}`);
    }
    if (g.series.length) {
      out.push('      series:');
      for (const s of g.series) out.push(`        ${renderSeries(s)}`);
    }
  }
  if (renumberedOnly.length) {
    const list = renumberedOnly.map((g) => {
      const at = `${tables ? `table ${g.after!.table} ` : ''}#${g.before!.ordinal}`;
      return g.before!.ordinal !== g.after!.ordinal ? `${at}→#${g.after!.ordinal}` : `${at} (key)`;
    });
    const shown = list.length > 12 ? [...list.slice(0, 12), `… ${list.length - 12} more`] : list;
    out.push(`  renumbered only (ordinal or key changed, nothing else): ${renumberedOnly.length}: ${shown.join(', ')}`);
  }
  if (diff.other.length) {
    out.push('other:');
    for (const f of diff.other) out.push(renderField(f, '  ', context));
  }
  return `${out.join('\n')}\n`;
}
