/**
 * Which cell of a row a goal's title and subtitle come from (the item-name cell): the one its facts
 * name with field `title` or `subtitle`, else its first cell with the role `goal`. The review page
 * shows that cell as the card's heading, the diff compares the title and subtitle as fields of their
 * own, and the full-text index keeps the cell out of `body` (title and subtitle are indexed apart).
 */
import type { Goal } from '../schemas/report.js';

/** The 0-based index of the cell the title and subtitle come from, or -1 when the row has none. */
export function titleCellIndex(goal: Pick<Goal, 'cells' | 'facts' | 'series'>): number {
  const named = [...(goal.facts ?? []), ...(goal.series ?? [])].find(
    (f) => (f.field === 'title' || f.field === 'subtitle') && f.cell !== undefined,
  );
  if (named?.cell !== undefined) return named.cell;
  return (goal.cells ?? []).findIndex((c) => c.role === 'goal');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What the title cell holds beyond the goal's title and subtitle, whitespace folded (each taken out
 * once, with the dash or bullet that introduces a subtitle): "" when the cell is just its title and
 * subtitle, as nearly always. A goal number opening the cell ("1.Ny ældrelov") is taken out too.
 */
export function titleCellRest(goal: Pick<Goal, 'title' | 'subtitle' | 'number'>, cellText: string): string {
  let rest = squash(cellText);
  // The goal's number written at the start of its cell ("1.Ny ældrelov") is the goal's `number`.
  if (goal.number && rest.startsWith(goal.number)) rest = rest.slice(goal.number.length).replace(/^[.)]/, '');
  for (const part of [goal.title, goal.subtitle]) {
    const own = part === null ? '' : squash(part);
    const at = own ? rest.indexOf(own) : -1;
    if (at >= 0) rest = `${rest.slice(0, at)} ${rest.slice(at + own.length)}`;
  }
  return squash(rest.replace(/(^|\s)[-–—•](?=\s|$)/g, ' '));
}
