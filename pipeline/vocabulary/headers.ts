/**
 * Header rules shared by the formats (finding the header row, dropping repeated headers) and the columns
 * stage (roles from wording). The synonym table below is the documented list of header wordings
 * status-ingest knows (the README's table is written from it).
 */
import type { ColumnRole } from '../../schemas/report.js';

/** Header wordings of a column holding the goals' numbers (part of the "other" wordings). */
const NUMBER_HEADER_WORDINGS: readonly string[] = ['nr', 'nr.', 'nummer', 'løbenummer', 'løbenr', '#', 'id'];

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
    ...NUMBER_HEADER_WORDINGS,
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

const NUMBER_HEADERS: ReadonlySet<string> = new Set(NUMBER_HEADER_WORDINGS.map(normaliseHeader));

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
