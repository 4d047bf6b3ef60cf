/** Reports for the diff tests: the hand-made two-table sample, the version-1 fixtures upgraded, and copies to edit. */
import { readFileSync } from 'node:fs';
import { upgradeReportV1 } from '../../../output/upgrade.js';
import { parseReport } from '../../../pipeline/index.js';
import { goalKey } from '../../../pipeline/stages/ids.js';
import type { Goal, Report } from '../../../schemas/report.js';
import { clone, sampleReport, v2GoalId } from '../v2-report.js';

export { clone, sampleReport };

/** The seed source (the CLI tests run the commands on it, so they parse it: not a hand-made report). */
export const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

/** The seed report, parsed (for the CLI tests; the output tests build on hand-made reports). */
export function seedReport(): Promise<Report> {
  return parseReport({ path: SEED, bytes: readFileSync(SEED) });
}

/** A report JSON of schema version 1: an excerpt of the Økonomiudvalget seed as status-ingest 0.1 wrote it. */
export const V1_SEED_EXCERPT = 'test/output/fixtures/v1-oekonomiudvalget-excerpt.json';
/** A version-1 report with a number column and an extra column ("Afd."). */
export const V1_NUMBERED = 'test/output/fixtures/v1-numbered-with-extra.json';

/** The text of a version-1 fixture. */
export const v1Json = (path: string): string => readFileSync(path, 'utf8');

/** A version-1 fixture, upgraded. */
export const upgraded = (path: string): Report => upgradeReportV1(JSON.parse(v1Json(path)));

/** Renumbers a table's goals as the pipeline would: ordinal = position in the table (ids carry no ordinal in version 2). */
export function renumber(r: Report): Report {
  const next = new Map<number, number>();
  for (const g of r.goals) {
    const n = (next.get(g.table) ?? 0) + 1;
    next.set(g.table, n);
    g.ordinal = n;
  }
  return r;
}

/** The goal with this title. */
export const byTitle = (r: Report, title: string): Goal => {
  const g = r.goals.find((x) => x.title === title);
  if (!g) throw new Error(`no goal ${title}`);
  return g;
};

/** Gives a goal the id the pipeline gives its title. */
export function retitle(r: Report, g: Goal, title: string): void {
  g.title = title;
  const cell = g.cells.find((c) => c.role === 'goal')!;
  cell.text = [title, ...(g.subtitle === null ? [] : [g.subtitle])].join('\n');
  cell.blocks = cell.text.split('\n').map((text) => ({ type: 'paragraph' as const, text }));
  g.id = v2GoalId(r.id, g.table, title);
  g.key = goalKey(g.table, title);
}
