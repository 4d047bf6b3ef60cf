/**
 * Header rules shared by the formats (finding the header row, dropping repeated headers) and the columns
 * stage (roles from wording). The synonym table below is the documented list of header wordings
 * status-ingest knows (the README's table is written from it); `COMPOUND_HEADS` lists the words that
 * also name a role at the end of a longer word or label ("Projektnavn", "Forventet afvigelse").
 */
import type { ColumnRole } from '../../schemas/report.js';
import { moneyScaleOf, withoutMoneyUnit, yearOfHeader } from './units.js';
import { withoutTrailing } from '../cells/characters.js';

/**
 * Known header wordings by role, compared after normalising (lower case, no trailing punctuation,
 * no parenthesised notes, single spaces). A header made of several wordings joined by "/" matches
 * when one of its parts does; a money unit or a year in the header ("Beløb i t.kr.", "Budget 2025")
 * is left out before comparing, and a header naming only a money unit or a year is an amount.
 */
export const COLUMN_SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  goal: [
    'strategisk målsætning', 'strategiske målsætninger', 'målsætning', 'målsætninger', 'mål', 'målet',
    'resultatmål', 'strategisk mål', 'strategiske mål', 'politisk mål', 'politiske mål', 'initiativ',
    'initiativer', 'sag', 'sager', 'emne', 'tema', 'indsatsområde', 'indsatsområder', 'fokusområde',
    'projekt', 'projekter', 'titel', 'overskrift', 'fokusområder', 'projektnavn', 'anlægsprojekt',
    'anlægsprojekter', 'navn', 'budgetpost', 'budgetposter', 'opgave', 'opgaver',
  ],
  number: ['nr', 'nr.', 'nummer', 'løbenummer', 'løbenr', '#', 'id', 'projektnr', 'projektnummer'],
  group: [
    'type', 'kategori', 'område', 'gruppe', 'art', 'budgetområde', 'politikområde', 'hovedområde',
    'delområde', 'bevillingsområde', 'drift/anlæg',
  ],
  initiatives: [
    'iværksatte tiltag', 'konkrete indsatser', 'tiltag', 'indsats', 'indsatser', 'beskrivelse',
    'handling', 'handlinger', 'aktivitet', 'aktiviteter', 'iværksatte initiativer', 'indhold', 'formål',
    'projektbeskrivelse', 'kort beskrivelse',
  ],
  results: [
    'resultater', 'resultat', 'opnåede resultater', 'status', 'vedtaget', 'effekt', 'effekter',
    'fremdrift', 'status og resultater', 'status på indsatsen', 'opfølgning', 'bemærkninger',
    'forventet fremsendt', 'til politisk behandling', 'bemærkning', 'kommentar', 'kommentarer',
    'beslutning', 'beslutninger', 'forklaring', 'forklaringer', 'årsag', 'begrundelse', 'vurdering',
    'konsekvens', 'konsekvenser', 'budgetopfølgning', 'budget opfølgning', 'statusbeskrivelse',
    'behandling', 'politisk behandling', 'næste skridt',
  ],
  date: [
    'tidsplan', 'deadline', 'frist', 'dato', 'forventet afslutning', 'afslutning', 'afsluttet', 'start',
    'slut', 'opstart', 'startdato', 'slutdato', 'periode', 'tidspunkt', 'tidsramme', 'tidshorisont',
    'forventet færdig', 'hvornår', 'år', 'årstal', 'måned', 'kvartal',
  ],
  amount: [
    'beløb', 'budget', 'opr. budget', 'oprindeligt budget', 'korr. budget', 'korrigeret budget',
    'forventet regnskab', 'forv. regnskab', 'regnskab', 'forbrug', 'afvigelse', 'forventet afvigelse',
    'mer-/mindreforbrug', 'merforbrug', 'mindreforbrug', 'bevilling', 'anlægsbevilling',
    'rådighedsbeløb', 'udgift', 'udgifter', 'indtægt', 'indtægter', 'netto', 'i alt', 'pris',
    'tillægsbevilling', 'tb', 'restbudget', 'besparelse', 'tilskud', 'sum', 'total', 'saldo',
    'omkostninger',
  ],
  responsible: [
    'afd', 'afd.', 'afdeling', 'ansvarlig', 'ansvar', 'enhed', 'center', 'forvaltning', 'udvalg',
    'kontaktperson', 'ansvarlig enhed', 'projektleder', 'tovholder', 'fagudvalg',
  ],
  // Figures that are not money: counts and shares.
  other: ['antal', 'andel', 'procent', 'pct', 'u/i'],
};

/**
 * Words that name a role also as the last part of a compound ("Projektnavn", "Anlægsbevilling",
 * "Slutdato") or as the head of a longer label ("Forventet afvigelse efter tiltag", "Navn på model").
 * Left out on purpose: endings that are also ordinary words' ("handling" in "Sagsbehandling", "art" in
 * "Start", "enhed" in "Måleenhed", "center" in "Plejecenter").
 */
export const COMPOUND_HEADS: Readonly<Partial<Record<ColumnRole, readonly string[]>>> = {
  goal: ['mål', 'målsætning', 'projekt', 'navn', 'titel', 'initiativ', 'opgave', 'emne', 'tema'],
  number: ['nr', 'nummer'],
  group: ['område', 'type', 'kategori', 'gruppe'],
  initiatives: ['beskrivelse', 'tiltag', 'indsats', 'aktivitet', 'indhold'],
  results: ['status', 'resultat', 'resultater', 'bemærkning', 'bemærkninger', 'kommentar', 'kommentarer', 'opfølgning', 'fremdrift', 'vurdering', 'effekt', 'konsekvens', 'beslutning'],
  date: ['dato', 'frist', 'tidsplan', 'tidspunkt', 'periode', 'deadline'],
  amount: ['beløb', 'budget', 'bevilling', 'udgift', 'udgifter', 'indtægt', 'indtægter', 'forbrug', 'regnskab', 'afvigelse', 'besparelse', 'pris', 'tilskud', 'ramme', 'omkostninger'],
  responsible: ['ansvarlig', 'afdeling', 'forvaltning', 'udvalg', 'leder', 'kontaktperson', 'tovholder'],
  other: ['antal', 'andel'],
};

/** How a header gave its role: a whole wording, a word of it, the money unit it names, or a lone year. */
export type HeaderEvidence = 'wording' | 'word' | 'unit' | 'year';

/** A role read from a header label, and what in the label gave it. */
export interface HeaderRole {
  role: ColumnRole;
  by: HeaderEvidence;
}

/** Lower-cases a header cell, drops tags, parenthesised notes and trailing punctuation, folds spaces. */
export function normaliseHeader(label: string): string {
  // Header cells are short labels; a stray tag is dropped before comparing.
  const folded = withoutParenthesised(label.replace(/<[^<>]*>/g, ' '))
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/');
  return withoutTrailing(folded, /[\s.:;,]/u).trim();
}

/**
 * The text with its parenthesised notes ("(i 1.000 kr.)") blanked. Only the text up to the last ")"
 * is searched: a "(" after it would look for its ")" to the end of the text, for every such "(".
 */
function withoutParenthesised(text: string): string {
  const last = text.lastIndexOf(')');
  return last < 0 ? text : text.slice(0, last + 1).replace(/\([^)]*\)/g, ' ') + text.slice(last + 1);
}

const synonymIndex = new Map<string, ColumnRole>();
for (const [role, words] of Object.entries(COLUMN_SYNONYMS) as [ColumnRole, readonly string[]][]) {
  for (const w of words) synonymIndex.set(normaliseHeader(w), role);
}

/** Compound heads, longest first, so that "statusbeskrivelse" is not read by a shorter ending first. */
const compoundHeads: readonly [string, ColumnRole][] = (Object.entries(COMPOUND_HEADS) as [ColumnRole, readonly string[]][])
  .flatMap(([role, heads]) => heads.map((h): [string, ColumnRole] => [h, role]))
  .sort((a, b) => b[0].length - a[0].length);

/** The role of a normalised label that is one wording, or made of wordings joined by "/". */
function wordingRole(norm: string): ColumnRole | null {
  const exact = synonymIndex.get(norm) ?? synonymIndex.get(`${norm}.`);
  if (exact) return exact;
  for (const part of norm.split('/')) {
    const role = synonymIndex.get(part.trim()) ?? synonymIndex.get(`${part.trim()}.`);
    if (role) return role;
  }
  return null;
}

/** Function words a label's head stops before ("Navn på model", "Forventet afvigelse efter tiltag"). */
const PREPOSITIONS: ReadonlySet<string> = new Set([
  'i', 'på', 'til', 'for', 'fra', 'efter', 'pr', 'per', 'af', 'med', 'uden', 'inkl', 'ekskl', 'ved', 'mod',
  'om', 'hos', 'ift', 'ifm', 'vedr', 'jf', 'under', 'over', 'siden', 'indtil', 'og', 'eller',
]);

/** A word that is a figure: no letters ("2025", "8.11.22", "1"), or a year with a budget letter ("B2025"). */
function isFigureWord(word: string): boolean {
  return /^[^\p{L}]*$/u.test(word) || yearOfHeader(word) !== null;
}

/**
 * The label with its money unit and its figures (years, dates, numbers) left out, normalised, and
 * without the function words the unit or year stood after: "Anlægsbevilling i 2022 i 1.000 kr." →
 * "anlægsbevilling".
 */
function bareLabel(label: string): string {
  const words = normaliseHeader(withoutMoneyUnit(label))
    .split(' ')
    .filter((w) => !isFigureWord(w));
  while (words.length > 0 && PREPOSITIONS.has(words[words.length - 1]!.replace(/\.$/, ''))) words.pop();
  return words.join(' ');
}

/** Longest label whose words are read one by one; longer cells are prose, not labels. */
const MAX_LABEL_WORDS = 8;

/** The role one word names, as a wording or as the head of a compound ("anlægsbevilling"). */
function wordRole(word: string): ColumnRole | null {
  const w = withoutTrailing(word, /[.:]/u);
  if (w === '') return null;
  const exact = synonymIndex.get(w) ?? synonymIndex.get(`${w}.`);
  if (exact) return exact;
  for (const [head, role] of compoundHeads) if (w.endsWith(head)) return role;
  return null;
}

/**
 * The role the head of a label names: the words up to the first comma, colon or function word, read from the
 * last (Danish puts the head noun last: "Forventet regnskab", "Opr. budget") to the first ("Status
 * august" → "status").
 */
function headRole(bare: string): ColumnRole | null {
  for (const part of bare.split('/')) {
    const words = part.split(/[,:]/u)[0]!.trim().split(' ').filter(Boolean);
    if (words.length === 0 || words.length > MAX_LABEL_WORDS) continue;
    const stop = words.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w.replace(/\.$/, '')));
    const head = stop < 0 ? words : words.slice(0, stop);
    for (let i = head.length - 1; i >= 0; i--) {
      const role = wordRole(head[i]!);
      if (role) return role;
    }
  }
  return null;
}

/** A label that names a percentage ("Afvigelse (%)", "Andel i pct."): a share, never money. */
const PERCENT_LABEL = /%|(?<![\p{L}])(?:pct|procent)(?![\p{L}])/iu;

/** The role of a label: whole wordings, then (with `words`) its words, then a money unit or a lone year. */
function readHeader(label: string, words: boolean): HeaderRole | null {
  const norm = normaliseHeader(label);
  if (norm === '') return null;
  const found = ((): HeaderRole | null => {
    const whole = wordingRole(norm);
    if (whole) return { role: whole, by: 'wording' };
    const bare = bareLabel(label);
    const stripped = bare === '' ? null : wordingRole(bare);
    if (stripped) return { role: stripped, by: 'wording' };
    const head = words && bare !== '' ? headRole(bare) : null;
    if (head) return { role: head, by: 'word' };
    if (moneyScaleOf(label)) return { role: 'amount', by: 'unit' };
    if (bare === '' && yearOfHeader(label) !== null) return { role: 'amount', by: 'year' };
    return null;
  })();
  if (PERCENT_LABEL.test(label) && (found === null || found.role === 'amount')) return { role: 'other', by: 'wording' };
  return found;
}

/**
 * The role a header label names and what gave it: the documented wordings (whole label, a "/" part, or
 * the label without its unit and year), a word of it (`COMPOUND_HEADS`, the head of a longer label), the
 * money unit it names, or a lone year ("2025"). A label naming a percentage is `other`, never an amount.
 */
export function matchHeader(label: string): HeaderRole | null {
  return readHeader(label, true);
}

/**
 * The role a header wording names, or null when it is not known: `matchHeader` without reading single
 * words, which would also take content cells ("Anlægsudgifter inden for rammen") for header labels.
 * This is what the formats ask when they look for the header row.
 */
export function roleOfHeader(label: string): ColumnRole | null {
  return readHeader(label, false)?.role ?? null;
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

/**
 * Each header's labels normalised, computed once per header: every row of a table is compared with
 * it, and a header of 20 000 labels normalised again for each of 20 000 rows took minutes.
 */
const normalisedHeaders = new WeakMap<readonly string[], { labels: string[]; filled: string[] }>();

/** A header's labels normalised (`labels`, one per column) and its non-empty ones (`filled`). */
function normalisedHeader(header: readonly string[]): { labels: string[]; filled: string[] } {
  let normalised = normalisedHeaders.get(header);
  if (!normalised) {
    const labels = header.map(normaliseHeader);
    normalised = { labels, filled: labels.filter((c) => c !== '') };
    normalisedHeaders.set(header, normalised);
  }
  return normalised;
}

/** True when a row repeats the header (as tables do at the top of every page). */
export function sameHeader(cells: readonly string[], header: readonly string[]): boolean {
  // Most rows are content: a cell longer than any label rules the row out before normalising it.
  if (cells.some((c) => c.length > MAX_HEADER_CELL)) return false;
  const labels = normalisedHeader(header).filled;
  // The filled cells, normalised, must be the header's filled labels in order. They are compared one
  // by one, so a row of content is ruled out by its first filled cell, the rest never normalised.
  let matched = 0;
  for (const cell of cells) {
    const label = normaliseHeader(cell);
    if (label === '') continue;
    if (label !== labels[matched]) return false;
    matched++;
  }
  return matched === labels.length;
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
  const b = normalisedHeader(header).labels;
  const filled = a.map((c, i) => [c, i] as const).filter(([c]) => c !== '');
  if (filled.length < 2) return false;
  // The cheap test first: most rows of content do not open with the header's label.
  const [firstLabel, firstIndex] = filled[0]!;
  if (b[firstIndex] !== firstLabel || !looksLikeHeaderRow(cells.map((c) => c.trim()))) return false;
  const same = filled.filter(([c, i]) => b[i] === c).length;
  return same * 2 >= filled.length;
}

/** True when a header names a column of the goals' numbers ("Nr.", "Løbenummer"). */
export function isNumberHeader(label: string): boolean {
  return matchHeader(label)?.role === 'number';
}

/**
 * True when a goal column's header says its cells start with the goal's number, as in
 * "Initiativ (nr.)" ("1. Ny ældrelov").
 */
export function headerNumbersGoals(label: string): boolean {
  return /\(\s*(?:nr|nummer|no|#)\.?\s*\)/iu.test(label);
}
