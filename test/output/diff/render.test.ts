/** The diff as text: word diffs with unchanged stretches shortened, block changes as a line diff. */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffReports, wordDiff } from '../../../output/diff/diff.js';
import { renderReportDiff, renderWords } from '../../../output/diff/render.js';
import type { Report } from '../../../schemas/report.js';
import { clone, seedReport } from './diff-fixtures.js';

let seed: Report;

beforeAll(async () => {
  seed = await seedReport();
});

describe('renderReportDiff', () => {
  it('shows a list item that became a paragraph as a line diff of the blocks', () => {
    const next = clone(seed);
    const goal = next.goals.find((g) => g.results.blocks.some((b) => b.type === 'list'))!;
    const list = goal.results.blocks.findIndex((b) => b.type === 'list');
    const block = goal.results.blocks[list]!;
    if (block.type !== 'list') throw new Error('unreachable');
    const last = block.items.pop()!;
    goal.results.blocks.splice(list + 1, 0, { type: 'paragraph', text: last });
    const text = renderReportDiff(diffReports(seed, next));
    expect(text).toContain(`results.blocks:\n        - • ${last.slice(0, 60)}`);
    expect(text).toContain(`        + ¶ ${last.slice(0, 60)}`);
  });

  it('shortens long unchanged text around a change', () => {
    const before = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(' ');
    const after = before.replace('ord30', 'ORD30');
    const text = renderWords(wordDiff(before, after), 3);
    expect(text).toBe('… ord27 ord28 ord29 [-ord30-]{+ORD30+} ord31 ord32 ord33 …');
  });
});
