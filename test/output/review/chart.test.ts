import { describe, expect, it } from 'vitest';
import { placeLabels, renderSeriesSvg } from '../../../output/review/chart.js';
import type { Series } from '../../../schemas/fact.js';

/** A series of `n` yearly points from 2000, in percent. */
function series(n: number, label = (i: number) => String(2000 + i)): Series {
  return {
    cell: 2, column: 'RESULTATER', field: 'text', label: 'Sygefravær', unit: 'percent', span: [0, 10],
    points: Array.from({ length: n }, (_, i) => ({ label: label(i), start: String(2000 + i), end: String(2000 + i), value: 5 + (i % 3) / 10 })),
  };
}

describe('series chart', () => {
  it('places labels that never overlap, the first and last always', () => {
    for (const n of [2, 5, 12, 40, 200]) {
      const labels = Array.from({ length: n }, (_, i) => `${2000 + i} (1-3. kv.)`.slice(0, 12));
      const x = (i: number) => 58 + (i * 268) / Math.max(1, n - 1);
      const shown = [...placeLabels(labels, x, n)].sort((a, b) => a - b);
      expect(shown[0]).toBe(0);
      if (n > 1) expect(shown).toContain(n - 1);
      // Extents as the chart anchors them (first from its start, last to its end, others centred), 6 px a character.
      const extent = (i: number) => {
        const w = labels[i]!.length * 6;
        return i === 0 ? [x(i), x(i) + w] : i === n - 1 ? [x(i) - w, x(i)] : [x(i) - w / 2, x(i) + w / 2];
      };
      const spans = shown.map(extent).sort((a, b) => a[0]! - b[0]!);
      for (let k = 1; k < spans.length; k++) expect(spans[k]![0]).toBeGreaterThanOrEqual(spans[k - 1]![1]!);
    }
  });

  it('names its unit, writes values the Danish way and scales to its box', () => {
    const svg = renderSeriesSvg(series(5));
    expect(svg).toContain('<text class="unit"');
    expect(svg).toContain('>pct.</text>');
    expect(svg).toContain('5,2 pct.');
    expect(svg).not.toMatch(/<svg[^>]* width=/);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  });

  it('escapes point labels', () => {
    expect(renderSeriesSvg(series(3, (i) => `<b>${i}</b>`))).not.toContain('<b>');
  });
});
