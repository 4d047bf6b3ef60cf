/**
 * Stable identifiers. A report's id is the sha256 of its source bytes. A goal's id is
 * `<first 12 hex digits of the report id>-<table ordinal>-<slug of the title>`, with `-2`, `-3`, … for
 * a title repeated in the same table: the same source always yields the same ids, an id still reads as
 * the goal it names, and it survives rows added or removed elsewhere in the report (no row ordinal in it).
 */

/** Longest slug kept in a goal id. */
const MAX_SLUG = 48;

const DANISH_LETTERS: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss' };

/** ASCII slug of a title: Danish letters spelled out (æ→ae, ø→oe, å→aa), accents dropped, words joined by "-". */
export function slugify(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => DANISH_LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = trimDashes(ascii.replace(/[^a-z0-9]+/g, '-'));
  if (slug.length <= MAX_SLUG) return slug || 'untitled';
  const cut = slug.slice(0, MAX_SLUG);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > MAX_SLUG / 2 ? cut.slice(0, lastDash) : cut;
}

/** The text without dashes at its ends (a scan: `/-+$/` backtracks quadratically on long runs of dashes). */
function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}

/**
 * The stable id of a goal within a report: `occurrence` counts goals of the same table with the same
 * slug before this one (0 for the first).
 */
export function goalId(reportId: string, table: number, title: string, occurrence = 0): string {
  const base = `${reportId.slice(0, 12)}-${table}-${slugify(title)}`;
  return occurrence === 0 ? base : `${base}-${occurrence + 1}`;
}
