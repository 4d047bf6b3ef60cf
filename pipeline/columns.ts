/**
 * Column roles from header wording. The synonym table below is the documented list of header
 * wordings status-ingest knows; anything else falls back to the column's position, with a warning.
 */
import { diagnose, staged, type Staged } from './diagnostics.js';
import type { Diagnostic } from '../schemas/diagnostic.js';
import type { Column, ColumnRole } from '../schemas/report.js';

/**
 * Known header wordings by role, compared after normalising (lower case, no trailing punctuation,
 * no parenthesised notes, single spaces). A header made of several wordings joined by "/" matches
 * when its first part does.
 */
export const COLUMN_SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  goal: [
    'strategisk målsætning', 'strategiske målsætninger', 'målsætning', 'målsætninger', 'mål', 'målet',
    'resultatmål', 'strategisk mål', 'strategiske mål', 'politisk mål', 'politiske mål', 'initiativ',
    'initiativer', 'sag', 'sager', 'emne', 'tema', 'indsatsområde', 'indsatsområder', 'fokusområde',
    'projekt', 'projekter', 'titel', 'overskrift',
  ],
  initiatives: [
    'iværksatte tiltag', 'konkrete indsatser', 'tiltag', 'indsats', 'indsatser', 'beskrivelse',
    'handling', 'handlinger', 'aktivitet', 'aktiviteter', 'iværksatte initiativer', 'indhold',
  ],
  results: [
    'resultater', 'resultat', 'opnåede resultater', 'status', 'vedtaget', 'effekt', 'effekter',
    'fremdrift', 'status og resultater', 'status på indsatsen', 'opfølgning', 'bemærkninger',
    'forventet fremsendt', 'til politisk behandling',
  ],
  other: [
    ...['nr', 'nr.', 'nummer', 'løbenummer', 'løbenr', '#', 'id'],
    // Who is responsible or where it belongs: kept on each goal as an extra cell.
    'afd', 'afd.', 'afdeling', 'ansvarlig', 'ansvar', 'enhed', 'center', 'forvaltning', 'udvalg', 'kontaktperson',
  ],
};

const synonymIndex = new Map<string, ColumnRole>();
for (const [role, words] of Object.entries(COLUMN_SYNONYMS) as [ColumnRole, readonly string[]][]) {
  for (const w of words) synonymIndex.set(normaliseHeader(w), role);
}

/** Lower-cases a header cell, drops tags, parenthesised notes and trailing punctuation, folds spaces. */
export function normaliseHeader(label: string): string {
  return label
    .replace(/<[^>]*>/g, ' ') // header cells are short labels; a stray tag is dropped before comparing
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[\s.:;,]+$/u, '')
    .trim();
}

/** The role a header wording names, or null when it is not in the synonym table. */
export function roleOfHeader(label: string): ColumnRole | null {
  const norm = normaliseHeader(label);
  if (norm === '') return null;
  const exact = synonymIndex.get(norm) ?? synonymIndex.get(`${norm}.`);
  if (exact) return exact;
  for (const part of norm.split('/')) {
    const role = synonymIndex.get(part.trim());
    if (role) return role;
  }
  return null;
}

/** Longest header cell still taken for a label rather than content. */
const MAX_HEADER_LABEL = 60;

/** Longest raw header cell (markup included) worth comparing with the header. */
const MAX_HEADER_CELL = 400;

/**
 * True when a row reads as a header: some cell is a known wording, or every cell is a short label
 * (no markup, no full stop at the end).
 */
export function looksLikeHeaderRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < 2) return false;
  if (filled.some((c) => roleOfHeader(c) !== null)) return true;
  return filled.every((c) => c.length <= MAX_HEADER_LABEL && !c.includes('<') && !/[.!?]$/.test(c));
}

/** True when a row repeats the header (as tables do at the top of every page). */
export function sameHeader(cells: readonly string[], header: readonly string[]): boolean {
  // Most rows are content: a cell longer than any label rules the row out before normalising it.
  if (cells.some((c) => c.length > MAX_HEADER_CELL)) return false;
  const a = cells.map(normaliseHeader).filter((c) => c !== '');
  const b = header.map(normaliseHeader).filter((c) => c !== '');
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * True when a row repeats the header, exactly or as a sub-header under a section row that renames some
 * columns ("Sag | Afd. | Vedtaget" after "Sag | Afd. | Forventet fremsendt"): a row of short labels
 * whose first filled label and at least half of its labels are the header's, in the same columns.
 */
export function repeatsHeader(cells: readonly string[], header: readonly string[]): boolean {
  if (cells.some((c) => c.length > MAX_HEADER_CELL)) return false;
  if (sameHeader(cells, header)) return true;
  const a = cells.map(normaliseHeader);
  const b = header.map(normaliseHeader);
  const filled = a.map((c, i) => [c, i] as const).filter(([c]) => c !== '');
  if (filled.length < 2 || !looksLikeHeaderRow(cells.map((c) => c.trim()))) return false;
  const [firstLabel, firstIndex] = filled[0]!;
  if (b[firstIndex] !== firstLabel) return false;
  const same = filled.filter(([c, i]) => b[i] === c).length;
  return same * 2 >= filled.length;
}

/** Header wordings of a column holding the goals' numbers (a subset of the "other" wordings). */
const NUMBER_HEADERS: ReadonlySet<string> = new Set(['nr', 'nr.', 'nummer', 'løbenummer', 'løbenr', '#', 'id'].map(normaliseHeader));

/** True when a header names a column of the goals' numbers ("Nr.", "Løbenummer"). */
export function isNumberHeader(label: string): boolean {
  return NUMBER_HEADERS.has(normaliseHeader(label));
}

/**
 * True when a goal column's header says its cells start with the goal's number, as in
 * "Initiativ (nr.)" ("1. Ny ældrelov").
 */
export function headerNumbersGoals(label: string): boolean {
  return /\(\s*(?:nr|nummer|no|#)\.?\s*\)/iu.test(label);
}

/** The order in which roles are given to columns whose wording is unknown. */
const POSITIONAL_ROLES: readonly ColumnRole[] = ['goal', 'initiatives', 'results'];

/**
 * Gives every column a role: from its header wording where known, else by position (the first
 * unassigned column is the goal, then initiatives, then results). `override` (from `--columns`)
 * replaces the header wording entirely.
 */
export function resolveColumns(
  header: readonly string[] | null,
  width: number,
  options: { override?: readonly ColumnRole[]; line?: number | null; page?: number | null } = {},
): Staged<Column[]> {
  const { override } = options;
  const at = { line: options.line ?? null, page: options.page ?? null };
  const diagnostics: Diagnostic[] = [];
  const labels = Array.from({ length: width }, (_, i) => header?.[i]?.trim() ?? '');
  if (override) {
    if (override.length !== width) {
      diagnostics.push(
        diagnose('columns-override', { detail: `${override.length} roles given for ${width} columns` }, at),
      );
    }
    return staged(labels.map((label, i) => ({ role: override[i] ?? 'other', label })), diagnostics);
  }
  if (!header) diagnostics.push(diagnose('no-header-row', undefined, at));

  const roles: (ColumnRole | null)[] = labels.map((l) => roleOfHeader(l));
  // A role named twice keeps its first column; later ones are extra content columns.
  const seen = new Set<ColumnRole>();
  roles.forEach((r, i) => {
    if (r && r !== 'other') {
      if (seen.has(r)) roles[i] = 'other';
      seen.add(r);
    }
  });
  const free = POSITIONAL_ROLES.filter((r) => !seen.has(r));
  const columns = labels.map((label, i): Column => {
    let role = roles[i];
    if (!role) {
      role = free.shift() ?? 'other';
      if (header) diagnostics.push(diagnose('unknown-column', { label, role, index: i }, at));
    }
    return { role, label };
  });
  for (const role of POSITIONAL_ROLES) {
    if (role !== 'initiatives' && !columns.some((c) => c.role === role)) {
      diagnostics.push(diagnose('missing-column', { role }, at));
    }
  }
  return staged(columns, diagnostics);
}
