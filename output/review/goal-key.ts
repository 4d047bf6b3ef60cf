/**
 * How a review decision names the goal it is about, so that it survives a re-parse: the goal's key
 * (its id without the report prefix, unchanged when other goals change) and a hash of its content
 * (a decision holds only while the goal's cells are what the person saw).
 */
import { createHash } from 'node:crypto';
import type { Goal } from '../../schemas/report.js';

/** Hex digits of the report id (and the dash after them) that open every goal id. */
const REPORT_PREFIX = 13;

/**
 * A goal's key, `<table>-<slug>[-n]`: its id (`<12hex>-<table>-<slug>[-n]`) without the report
 * prefix. This is the value of `Goal.key`.
 */
export function goalKey(goal: Pick<Goal, 'id'>): string {
  return goal.id.slice(REPORT_PREFIX);
}

/** The first 16 hex digits of the sha256 of a goal's cells (label, role and text of each, in table order). */
export function goalContentHash(goal: Pick<Goal, 'cells'>): string {
  const content = JSON.stringify(goal.cells.map((c) => [c.label, c.role, c.text]));
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}
