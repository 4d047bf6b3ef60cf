/**
 * What a review decision holds of the goal it is about, besides the goal's key (`Goal.key`, unchanged
 * when other goals change): a hash of its content, since a decision holds only while the goal's cells
 * are what the person saw.
 */
import { createHash } from 'node:crypto';
import type { Goal } from '../../schemas/report.js';

/** The first 16 hex digits of the sha256 of a goal's cells (label, role and text of each, in table order). */
export function goalContentHash(goal: Pick<Goal, 'cells'>): string {
  const content = JSON.stringify(goal.cells.map((c) => [c.label, c.role, c.text]));
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}
