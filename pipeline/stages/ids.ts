/**
 * Stable identifiers. A report's id is the sha256 of its source bytes.
 *
 * A goal's key is `<table ordinal>-<slug of the title>`, with `-2`, `-3`, … for a title repeated in
 * the same table: no report hash and no row ordinal in it, so it survives any edit of the source that
 * leaves the goal's table, title and same-titled predecessors alone (a row added or removed above it,
 * a cell reworded, a page break moved). What changes it: a table added or removed before its table
 * (the table ordinal), an edit of its title (the slug), and a goal of the same title (slug) inserted
 * or removed before it in its table (the count). `diff` matches goals on it.
 *
 * A goal's id is `<first 12 hex digits of the report id>-<key>`: unique across reports (it is the
 * database's primary key), and the same source always yields the same ids.
 */

/** Longest slug kept in a goal id. */
const MAX_SLUG = 48;

const DANISH_LETTERS: Readonly<Record<string, string>> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss' };

/** ASCII slug of a title: Danish letters spelled out (æ→ae, ø→oe, å→aa), accents dropped, words joined by "-". */
export function slugify(title: string): string {
  const spelled = title.toLowerCase().replace(/[æøåß]/g, (c) => DANISH_LETTERS[c] ?? c);
  // Decomposing (NFKD) and dropping accents change nothing in ASCII, which most titles are once their
  // Danish letters are spelled out: the decomposition is the costly part of a slug.
  const ascii = /[^\x00-\x7f]/.test(spelled) ? spelled.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : spelled;
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
 * The key of a goal, stable across edits elsewhere in the report (see above): `occurrence` counts
 * goals of the same table with the same slug before this one (0 for the first).
 */
export function goalKey(table: number, title: string, occurrence = 0): string {
  return goalKeyOfSlug(table, slugify(title), occurrence);
}

/** `goalKey` of a title whose slug (`slugify`) is known already. */
export function goalKeyOfSlug(table: number, slug: string, occurrence = 0): string {
  const base = `${table}-${slug}`;
  return occurrence === 0 ? base : `${base}-${occurrence + 1}`;
}

/** The id of a goal, unique across reports: the report id's first 12 hex digits, then the goal's key. */
export function goalId(reportId: string, table: number, title: string, occurrence = 0): string {
  return goalIdOfKey(reportId, goalKey(table, title, occurrence));
}

/** The id of the goal with this key in the report with this id. */
export function goalIdOfKey(reportId: string, key: string): string {
  return `${reportId.slice(0, 12)}-${key}`;
}

/** The key of a goal id (the id without its report prefix); the id itself when it has no such prefix. */
export function keyOfGoalId(id: string, reportId: string): string {
  const prefix = `${reportId.slice(0, 12)}-`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}
