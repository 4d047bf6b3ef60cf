import { describe, expect, it } from 'vitest';
import { MIN_COVERED_SHARE, reportChars, reportMuchSmaller, type ReportText } from '../../../pipeline/stages/coverage.js';

/** A report of `goals` goals, each one cell of `cellChars` letters. */
function report(goals: number, cellChars: number): ReportText {
  const cell = { label: 'Mål', role: 'goal' as const, text: 'x'.repeat(cellChars), blocks: [] };
  return { title: 'Titel', intro: '', tables: [], sections: [], goals: Array.from({ length: goals }, () => ({ cells: [cell] })) };
}

describe('coverage', () => {
  it('counts the characters of text a report holds, white space and soft hyphens left out', () => {
    expect(reportChars({ ...report(2, 10), intro: 'a b\u00ad\u200bc\n' })).toBe(5 + 3 + 20);
  });

  it('stops counting once the count reaches enough, never before', () => {
    const r = report(100, 10);
    expect(reportChars(r)).toBe(1005);
    const partial = reportChars(r, 500);
    expect(partial).toBeGreaterThanOrEqual(500);
    expect(partial).toBeLessThan(1005);
  });

  it('warns at the share boundary exactly as the whole count says', () => {
    const sourceChars = 2000;
    // 5 (title) + 10 × goals: below, at and above half of the source.
    for (const goals of [99, 100, 150]) {
      const chars = reportChars(report(goals, 10));
      const warning = reportMuchSmaller(report(goals, 10), sourceChars);
      expect(warning !== null).toBe(chars / sourceChars < MIN_COVERED_SHARE);
      if (warning) expect(warning.params).toEqual({ share: Math.round((chars / sourceChars) * 1000) / 1000, sourceChars });
    }
  });
});
