/**
 * Goal records: a table's stitched rows become sections and goals (items). Cells are parsed into
 * blocks; every cell is kept with its column's label and role, and the item-name cell gives the title
 * (and a subtitle).
 */
import { staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Block, Column, RowCell, Section } from '../../schemas/report.js';
import type { StitchedRow } from '../types.js';
import { cellFromBlocks, cellToBlocks, normaliseWhitespace } from '../cells/blocks.js';
import { goalId, slugify } from './ids.js';
import type { GoalWithoutFacts } from './facts.js';
import { headerNumbersGoals } from '../vocabulary/headers.js';
import { isLabelOnly, isTotalLabel } from '../vocabulary/totals.js';

/** A subtitle paragraph is introduced by a dash ("<p>- Revision af …</p>"). */
const SUBTITLE_MARKER = /^[-–—]\s*/u;

/** Longest first paragraph still read as a name ("GERIKOM") rather than a sentence. */
const MAX_NAME_LENGTH = 60;

/** True when a paragraph reads as a short name: no sentence end, a few words. */
function isShortName(text: string): boolean {
  return text.length <= MAX_NAME_LENGTH && !/[.!?]$/u.test(text) && text.split(/\s+/u).length <= 8;
}

/**
 * Title and subtitle of a goal cell: a heading is the title and what follows it the subtitle;
 * without a heading, a later paragraph opened by a dash is the subtitle and the rest is the title;
 * without either, a short name paragraph followed by a describing paragraph ("GERIKOM" + what it
 * is) is the title and the description the subtitle.
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
    const [first, second] = blocks;
    if (subtitleBlocks.length === 0 && first?.type === 'paragraph' && second && isShortName(first.text) && text(second).length > first.text.length) {
      titleBlocks = [first];
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

/**
 * Builds sections and goal records from one table's stitched rows. Every cell of a row is kept, in
 * table order, with its column's label and role; the item-name cell also gives the title (and a
 * subtitle). A row in a grouping column's run gets that group; a totals row ("I alt") is flagged; a
 * row that only labels the rows under it ("Udmøntes:") is a section, not an item.
 */
export function buildGoalRecords(
  rows: readonly StitchedRow[],
  columns: readonly Column[],
  reportId: string,
  place: TablePlace,
): Staged<{ sections: Section[]; goals: GoalWithoutFacts[] }> {
  const diagnostics: DiagnosticRecord[] = [];
  const sections: Section[] = [];
  const goals: GoalWithoutFacts[] = [];
  const goalCol = columns.findIndex((c) => c.role === 'goal');
  const numberCol = columns.findIndex((c) => c.role === 'number');
  const groupCol = columns.findIndex((c) => c.role === 'group');
  const numberedTitles = goalCol >= 0 && headerNumbersGoals(columns[goalCol]!.label);
  const slugCounts = new Map<string, number>();

  let section: string | null = null;
  let group: string | null = null;
  const addSection = (title: string) => {
    sections.push({ ordinal: place.sectionsBefore + sections.length + 1, table: place.table, title });
    section = title;
    group = null;
  };
  for (const row of rows) {
    // Each cell is parsed into blocks once; title, number, group and cells all read these blocks.
    const blocks = columns.map((_, i) => cellToBlocks(row.cells[i] ?? ''));
    const cells: RowCell[] = blocks.map((b, i) => ({ label: columns[i]!.label, role: columns[i]!.role, ...cellFromBlocks(b) }));
    if (row.kind === 'section') {
      addSection(normaliseWhitespace(cells.map((c) => c.text).join(' ')));
      continue;
    }
    const filled = cells.filter((c) => c.text.trim() !== '');
    if (filled.length === 0) continue;
    const head = titleAndSubtitle(goalCol < 0 ? [] : blocks[goalCol]!);
    const { subtitle } = head;
    let { title } = head;
    if (filled.length === 1 && goalCol >= 0 && filled[0] === cells[goalCol] && subtitle === null && isLabelOnly(title)) {
      addSection(title.replace(/:\s*$/u, ''));
      continue;
    }
    if (groupCol >= 0) {
      const value = normaliseWhitespace(cells[groupCol]!.text);
      if (value !== '') group = value;
    }
    let number = numberCol < 0 ? null : goalNumber(cells[numberCol]!.text);
    if (number === null && numberedTitles) {
      const m = LEADING_NUMBER.exec(title);
      if (m) {
        number = m[1]!;
        title = title.slice(m[0].length);
      }
    }
    const ordinal = place.goalsBefore + goals.length + 1;
    const slug = slugify(title);
    const occurrence = slugCounts.get(slug) ?? 0;
    slugCounts.set(slug, occurrence + 1);
    const firstFilled = filled[0]!.text;
    goals.push({
      id: goalId(reportId, place.table, title, occurrence),
      ordinal,
      table: place.table,
      section,
      group,
      number,
      title,
      subtitle,
      total: isTotalLabel(title || firstFilled),
      cells,
      provenance: { pages: row.pages, lines: row.lines },
    });
  }
  return staged({ sections, goals }, diagnostics);
}

/** A goal's number at the start of its title, under a header such as "Initiativ (nr.)": "1.Ny ældrelov". */
const LEADING_NUMBER = /^(\d{1,4}[a-z]?)\s*[.):]?\s*(?=\S)/u;

/** The number a cell holds, without trailing punctuation ("2." → "2"); null when it is empty. */
function goalNumber(text: string): string | null {
  const t = normaliseWhitespace(text).replace(/[.)]$/u, '');
  return t === '' ? null : t;
}
