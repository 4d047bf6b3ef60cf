/**
 * Goal records: a table's stitched rows become sections and goals (items). Cells are parsed into
 * blocks; every cell is kept with its column's label and role, and the item-name cell gives the title
 * (and a subtitle).
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Block, Column, ColumnRole, RowCell, Section } from '../../schemas/report.js';
import type { PlacedRun, StitchedRow } from '../types.js';
import { normaliseWhitespace } from '../cells/blocks.js';
import { CellParser } from '../cells/cell-parser.js';
import { goalIdOfKey, goalKeyOfSlug, slugify } from './ids.js';
import type { GoalWithoutFacts } from './facts.js';
import { headerNumbersGoals } from '../vocabulary/headers.js';
import { isLabelOnly, isTotalLabel } from '../vocabulary/totals.js';

/** A subtitle paragraph is introduced by a dash ("<p>- Revision af …</p>"). */
const SUBTITLE_MARKER = /^[-–—]\s*/u;

/**
 * Title and subtitle of a goal cell: a heading is the title and what follows it the subtitle;
 * without a heading, a later paragraph opened by a dash is the subtitle and the rest is the title;
 * without either, the first paragraph is the title and the paragraphs after it (a description:
 * "GERIKOM" + what it is) the subtitle.
 */
export function titleAndSubtitle(blocks: readonly Block[]): { title: string; subtitle: string | null } {
  const text = (b: Block) => (b.type === 'list' ? b.items.join(' ') : b.text);
  const heading = blocks.findIndex((b) => b.type === 'heading');
  let titleBlocks: Block[];
  let subtitleBlocks: Block[];
  if (heading >= 0) {
    titleBlocks = [blocks[heading]!];
    subtitleBlocks = blocks.filter((_, i) => i !== heading);
  } else {
    titleBlocks = blocks.filter((b, i) => i === 0 || !(b.type === 'paragraph' && SUBTITLE_MARKER.test(b.text)));
    subtitleBlocks = blocks.filter((b, i) => i > 0 && b.type === 'paragraph' && SUBTITLE_MARKER.test(b.text));
    if (subtitleBlocks.length === 0 && blocks[0]?.type === 'paragraph' && blocks.length > 1) {
      titleBlocks = [blocks[0]];
      subtitleBlocks = blocks.slice(1);
    }
  }
  const title = normaliseWhitespace(titleBlocks.map(text).join(' '));
  const sub = normaliseWhitespace(subtitleBlocks.map((b) => text(b).replace(SUBTITLE_MARKER, '')).join(' '));
  return { title, subtitle: sub === '' ? null : sub };
}

/** Where a table's records start: ordinals count across the whole report, in document order. */
export interface TablePlace {
  /** Ordinal of the table in the report. */
  table: number;
  /** Goals and sections already built from the tables before this one. */
  goalsBefore: number;
  sectionsBefore: number;
}

/** A row with its cells parsed into blocks (once) and read as cells. */
interface ParsedRow {
  row: StitchedRow;
  blocks: Block[][];
  cells: RowCell[];
}

/** Share of item rows with something beside their name above which a name-only row labels the rows under it. */
const LABEL_ROW_CONTRAST = 0.6;

/** Share of item names opening with a number ("(436) Krogårdskolen", "3. Ny plan") that makes it the table's numbering. */
const NUMBERED_TITLES_SHARE = 0.8;

/**
 * Builds sections and goal records from one table's stitched rows. Every cell of a row is kept, in
 * table order, with its column's label and role; the item-name cell also gives the title (and a
 * subtitle). A row in a grouping column's run gets that group; a totals row ("I alt") is flagged; a
 * row that only labels the rows under it ("Udmøntes:", or a name alone where the other rows have
 * figures or text beside theirs) is a section, not an item.
 */
export function buildGoalRecords(
  rows: readonly StitchedRow[],
  columns: readonly Column[],
  reportId: string,
  place: TablePlace,
  cells = new CellParser(),
): Staged<{ sections: Section[]; goals: GoalWithoutFacts[]; runs: (PlacedRun[][] | null)[] }> {
  const diagnostics: DiagnosticRecord[] = [];
  const sections: Section[] = [];
  const goals: GoalWithoutFacts[] = [];
  // PDF rows' text runs, one entry per goal (null for text and HTML), for the boxes stage.
  const runs: (PlacedRun[][] | null)[] = [];
  const goalCol = columns.findIndex((c) => c.role === 'goal');
  const numberCol = columns.findIndex((c) => c.role === 'number');
  const groupCol = columns.findIndex((c) => c.role === 'group');
  const slugCounts = new Map<string, number>();

  // Each cell is read into blocks once (by `cells`, for the whole parse); title, number, group and
  // cells all read these blocks.
  const parsed: ParsedRow[] = rows.map((row) => {
    const at = { page: row.pages[0], line: row.lines[0] };
    const blocks: Block[][] = [];
    const rowCells: RowCell[] = [];
    columns.forEach((column, i) => {
      const source = row.cells[i] ?? '';
      // What reading the cell left out (hidden markup's text, nesting past the cap) is said, at the row.
      const cell = cells.parse(source);
      if (cell.dropped) diagnostics.push(diagnose('markup-dropped', cell.dropped, at));
      if (cell.deep) diagnostics.push(diagnose('markup-too-deep', cell.deep, at));
      blocks.push(cell.blocks);
      rowCells.push({ label: column.label, role: column.role, text: cells.text(source), blocks: cell.blocks });
    });
    return { row, blocks, cells: rowCells };
  });
  const items = parsed.filter((p) => p.row.kind === 'goal' && p.cells.some(isFilled));
  const besideName = (p: ParsedRow) => p.cells.some((c, i) => i !== goalCol && i !== numberCol && isFilled(c));
  const labelRowsPossible = goalCol >= 0 && columns.length > 1 && items.filter(besideName).length >= LABEL_ROW_CONTRAST * items.length;
  const heads = items.map((p) => (goalCol < 0 ? { title: '', subtitle: null } : titleAndSubtitle(p.blocks[goalCol]!)));
  const titles = heads.map((h) => h.title);
  // A first paragraph that several rows share ("Resultatmål under voksenliv" over each goal of that
  // area) labels a group of items, not one item: the group, and the paragraph after it is the title.
  const sharedLabels = new Set(
    [...countBy(heads.filter((h) => h.subtitle !== null).map((h) => h.title))].filter(([, n]) => n >= 2).map(([t]) => t),
  );
  const numberedTitles =
    goalCol >= 0 &&
    numberCol < 0 &&
    (headerNumbersGoals(columns[goalCol]!.label) ||
      (titles.length >= 3 && titles.filter((t) => NUMBER_PREFIX.test(t)).length >= NUMBERED_TITLES_SHARE * titles.length));

  let section: string | null = null;
  let group: string | null = null;
  const addSection = (title: string) => {
    sections.push({ ordinal: place.sectionsBefore + sections.length + 1, table: place.table, title });
    section = title;
    group = null;
  };
  // The next filled item row after each row, found in one backward pass (a forward search per row
  // would be quadratic on a 100 000-row table).
  const nextItem: (ParsedRow | undefined)[] = new Array(parsed.length);
  for (let i = parsed.length - 2, after: ParsedRow | undefined; i >= 0; i--) {
    const p = parsed[i + 1]!;
    if (p.row.kind === 'goal' && p.cells.some(isFilled)) after = p;
    nextItem[i] = after;
  }
  parsed.forEach(({ row, blocks, cells }, index) => {
    if (row.kind === 'section') {
      addSection(normaliseWhitespace(cells.map((c) => c.text).join(' ')));
      return;
    }
    const filled = cells.filter(isFilled);
    if (filled.length === 0) return;
    const head = titleAndSubtitle(goalCol < 0 ? [] : blocks[goalCol]!);
    let { title, subtitle } = head;
    let labelGroup: string | null = null;
    // Where rows share such labels, every row opening with a short label paragraph has one (the last
    // area may have a single goal: "Resultatmål under ungeliv").
    if (groupCol < 0 && subtitle !== null && sharedLabels.size > 0 && (sharedLabels.has(title) || isShortLabel(title))) {
      labelGroup = title;
      title = subtitle;
      subtitle = null;
    }
    const nameOnly = filled.length === 1 && goalCol >= 0 && filled[0] === cells[goalCol] && subtitle === null;
    const next = nextItem[index];
    if (nameOnly && (isLabelOnly(title) || (labelRowsPossible && next !== undefined && besideName(next)))) {
      addSection(title.replace(/:\s*$/u, ''));
      return;
    }
    if (title === '' && goalCol >= 0) {
      // No item name in its column: the name stands in another text column ("I alt" under "Bygning",
      // a fund's name beside an empty group cell). Taken from there, and said.
      const from = cells.findIndex((c, i) => i !== goalCol && isFilled(c) && TEXT_ROLES.has(c.role));
      if (from >= 0) {
        title = normaliseWhitespace(cells[from]!.text.split('\n')[0]!);
        diagnostics.push(diagnose('title-from-column', { index: from, label: columns[from]!.label }, { page: row.pages[0], line: row.lines[0] }));
      } else {
        diagnostics.push(diagnose('untitled-row', undefined, { page: row.pages[0], line: row.lines[0] }));
      }
    }
    if (groupCol >= 0) {
      const value = normaliseWhitespace(cells[groupCol]!.text);
      if (value !== '') group = value;
    }
    if (sharedLabels.size > 0 && groupCol < 0) group = labelGroup;
    let number = numberCol < 0 ? null : goalNumber(cells[numberCol]!.text);
    if (number === null && numberedTitles) {
      const m = LEADING_NUMBER.exec(title) ?? NUMBER_PREFIX.exec(title);
      if (m) {
        number = (m[1] ?? m[2])!;
        title = title.slice(m[0].length);
      }
    }
    const ordinal = place.goalsBefore + goals.length + 1;
    const slug = slugify(title);
    const occurrence = slugCounts.get(slug) ?? 0;
    slugCounts.set(slug, occurrence + 1);
    const key = goalKeyOfSlug(place.table, slug, occurrence);
    goals.push({
      id: goalIdOfKey(reportId, key),
      key,
      ordinal,
      table: place.table,
      section,
      group,
      number,
      title,
      subtitle,
      total: isTotalLabel(title || filled[0]!.text),
      cells,
      provenance: { pages: row.pages, lines: row.lines },
    });
    runs.push(row.runs ?? null);
  });
  return staged({ sections, goals, runs }, diagnostics);
}

/** Roles of columns that hold words, where an item's name may stand when its own column is empty. */
const TEXT_ROLES: ReadonlySet<ColumnRole> = new Set(['other', 'responsible', 'group', 'initiatives', 'results']);

/** Longest paragraph still read as a label over an item rather than the item's own words. */
const MAX_LABEL_LENGTH = 60;

function isShortLabel(text: string): boolean {
  return text.length <= MAX_LABEL_LENGTH && !/[.!?”"]$/u.test(text);
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function isFilled(cell: RowCell): boolean {
  return cell.text.trim() !== '';
}

/** A number opening an item's name as its numbering: "(436) Krogårdskolen", "3. Ny plan", "12) Vej". */
const NUMBER_PREFIX = /^(?:\((\d{1,6}[a-z]?)\)|(\d{1,4}[a-z]?)[.):])\s+(?=\S)/u;

/**
 * A goal's number at the start of its title, under a header such as "Initiativ (nr.)": "1.Ny ældrelov".
 * The space after the punctuation belongs to it (`\s*(?:[.):]\s*)?`): two `\s*` side by side would
 * share a long run of spaces every way, quadratic in it.
 */
const LEADING_NUMBER = /^(\d{1,4}[a-z]?)\s*(?:[.):]\s*)?(?=\S)/u;

/** The number a cell holds, without trailing punctuation ("2." → "2"); null when it is empty. */
function goalNumber(text: string): string | null {
  const t = normaliseWhitespace(text).replace(/[.)]$/u, '');
  return t === '' ? null : t;
}
