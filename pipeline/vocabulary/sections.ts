/**
 * Section rows: the wording rule shared by the formats (a cell spanning the table that reads as a
 * heading) and the classify stage (a row with one filled cell in capitals).
 */
import { visibleText } from '../cells/blocks.js';

/** Longest text still read as a section heading. */
const MAX_SECTION_LENGTH = 100;

/**
 * True when a row is a section heading: exactly one filled cell, in capitals ("ØKONOMI",
 * "<p>LEDELSE OG ORGANISATION</p>"). `textOf` gives a cell's visible text (the parse's `CellParser`
 * has it read already).
 */
export function isSectionRow(cells: readonly string[], textOf: (cell: string) => string = visibleText): boolean {
  let filled: string | null = null;
  for (const c of cells) {
    if (c.trim() === '') continue;
    if (filled !== null) return false;
    filled = c;
  }
  return filled !== null && isSectionText(textOf(filled).replace(/\n/g, ' '));
}

/**
 * True when a text reads as a section heading: short, not a sentence, with letters, and in capitals.
 * With `anyCase`, for a cell the format shows spanning the whole table, any case is accepted.
 */
export function isSectionText(text: string, options: { anyCase?: boolean } = {}): boolean {
  const t = text.trim();
  if (t.length > MAX_SECTION_LENGTH || /[.!?]$/.test(t)) return false;
  const letters = t.match(/\p{L}/gu) ?? [];
  return letters.length >= 2 && (options.anyCase === true || !/\p{Ll}/u.test(t));
}
