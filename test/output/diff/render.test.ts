/** The diff as text: word diffs with unchanged stretches shortened, block and column changes as a line diff, places of facts. */
import { describe, expect, it } from 'vitest';
import { diffReports, wordDiff } from '../../../output/diff/diff.js';
import { renderReportDiff, renderWords } from '../../../output/diff/render.js';
import { GOAL } from '../v2-report.js';
import { clone, sampleReport } from './diff-fixtures.js';

const sample = sampleReport();

describe('renderReportDiff', () => {
  it('shows a list item that became a paragraph as a line diff of the blocks, under the cell label', () => {
    const next = clone(sample);
    const goal = next.goals.find((g) => g.title === 'Bandepartnerskab')!;
    const cell = goal.cells[2]!;
    const list = cell.blocks.findIndex((b) => b.type === 'list');
    const block = cell.blocks[list]!;
    if (block.type !== 'list') throw new Error('unreachable');
    const last = block.items.pop()!;
    cell.blocks.splice(list + 1, 0, { type: 'paragraph', text: last });
    const text = renderReportDiff(diffReports(sample, next));
    expect(text).toContain(`      RESULTATER (results) blocks:\n        - • ${last}\n        + ¶ ${last}`);
  });

  it('names the place of a fact of a title or subtitle by the column and the field', () => {
    const next = clone(sample);
    const goal = next.goals.find((g) => g.subtitle !== null)!;
    goal.facts = goal.facts.filter((f) => f.field !== 'subtitle');
    const text = renderReportDiff(diffReports(sample, next));
    expect(text).toContain(`- period "foråret 2017" (${GOAL} subtitle 42–54) = 2017-03 – 2017-05 (season)`);
  });

  it('shows a cell that is gone, and one whose column is new', () => {
    const next = clone(sample);
    const goal = next.goals.find((g) => g.title === 'Drift af svømmehallen')!;
    const [status] = goal.cells.splice(4, 1);
    goal.cells.push({ label: 'Note', role: 'other', text: 'Ny note', blocks: [{ type: 'paragraph', text: 'Ny note' }] });
    const text = renderReportDiff(diffReports(sample, next));
    // Paired by position, the leftover cells read as a renamed column.
    expect(text).toContain(`Status → Note (other): [-${status!.text}-]{+Ny note+}`);
    goal.cells.push({ label: 'Ekstra', role: 'other', text: 'x', blocks: [{ type: 'paragraph', text: 'x' }] });
    expect(renderReportDiff(diffReports(sample, next))).toContain('Ekstra (other): added: "x"');
    expect(renderReportDiff(diffReports(next, sample))).toContain('Ekstra (other): removed: "x"');
  });

  it('shortens long unchanged text around a change', () => {
    const before = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(' ');
    const after = before.replace('ord30', 'ORD30');
    const text = renderWords(wordDiff(before, after), 3);
    expect(text).toBe('… ord27 ord28 ord29 [-ord30-]{+ORD30+} ord31 ord32 ord33 …');
  });
});
