/**
 * The small line chart of a time series on the review page, as inline SVG: values on a y axis with
 * the series' unit ("pct.", "kr."), Danish numbers, point labels thinned so that no two overlap, and
 * a width that scales down to a 390 px phone screen (a viewBox, drawn at 100 % of its box up to its
 * natural width). Every label is escaped.
 */
import type { Series } from '../../schemas/fact.js';
import { escapeHtml } from '../../pipeline/cells/escape-html.js';
import { danishSeriesUnit, danishSeriesValue } from '../danish-values.js';

/** The chart's natural size and margins (CSS pixels; the SVG scales down to narrower boxes). */
const CHART = { width: 340, height: 150, left: 58, right: 14, top: 20, bottom: 30 };
/** Approximate width of a character of a 10 px label, for spacing labels apart. */
const CHAR_WIDTH = 6;
/** Longest point label shown; longer ones are cut with "…" (the full label is in the point's tooltip). */
const MAX_LABEL = 12;
/** Least space between two point labels. */
const LABEL_GAP = 4;

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Every how-many-th point label fits beside its neighbours without touching them. */
export function labelStep(labels: readonly string[], spacing: number): number {
  const widest = labels.reduce((w, l) => Math.max(w, Math.min(l.length, MAX_LABEL)), 1) * CHAR_WIDTH + 6;
  return spacing <= 0 ? labels.length : Math.max(1, Math.ceil(widest / spacing));
}

const cut = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/**
 * Which point labels are drawn: the first and the last, then the others in even steps, each only
 * when its extent (the first drawn from its start, the last up to its end, the rest centred) keeps
 * a gap to every label already placed. So no two labels overlap, however many points there are.
 */
export function placeLabels(labels: readonly string[], x: (i: number) => number, n: number): Set<number> {
  const extent = (i: number): [number, number] => {
    const w = labels[i]!.length * CHAR_WIDTH;
    if (n > 1 && i === 0) return [x(i), x(i) + w];
    if (i === n - 1 && i > 0) return [x(i) - w, x(i)];
    return [x(i) - w / 2, x(i) + w / 2];
  };
  const placed: [number, number][] = [];
  const shown = new Set<number>();
  const step = labelStep(labels, n > 1 ? x(1) - x(0) : 0);
  const order = [0, n - 1, ...Array.from({ length: n }, (_, i) => i).filter((i) => i % step === 0)];
  for (const i of order) {
    if (shown.has(i) || i < 0) continue;
    const [a, z] = extent(i);
    if (placed.some(([p, q]) => a < q + LABEL_GAP && z > p - LABEL_GAP)) continue;
    placed.push([a, z]);
    shown.add(i);
  }
  return shown;
}

/** A small line chart of a time series, as inline SVG (labels escaped). */
export function renderSeriesSvg(series: Series): string {
  const { width, height, left, right, top, bottom } = CHART;
  const unit = danishSeriesUnit(series);
  const values = series.points.map((p) => p.value);
  const hi = Math.max(...values);
  const lo = Math.min(...values);
  let min = lo;
  let max = hi;
  if (min === max) {
    min -= Math.abs(min) * 0.1 || 1;
    max += Math.abs(max) * 0.1 || 1;
  }
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = series.points.length;
  const x = (i: number) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - ((v - min) / (max - min)) * plotH;
  const shown = placeLabels(series.points.map((p) => cut(p.label)), x, n);
  const anchor = (i: number) => (n > 1 && i === 0 ? 'start' : i === n - 1 && i > 0 ? 'end' : 'middle');
  const coords = series.points.map((p, i) => `${num(x(i))},${num(y(p.value))}`).join(' ');
  const label = series.label ?? 'time series';
  const summary = series.points.map((p) => `${p.label}: ${danishSeriesValue(series, p.value)}`).join('; ');
  const parts = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${escapeHtml(`${label} (${unit}): ${summary}`)}">`,
    `<text class="unit" x="${left - 6}" y="${top - 8}" text-anchor="end">${escapeHtml(unit)}</text>`,
    `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}"/>`,
    `<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}"/>`,
    `<text class="tick" x="${left - 4}" y="${num(y(hi) + 4)}" text-anchor="end">${escapeHtml(danishSeriesValue({ unit: series.unit === 'DKK' ? 'DKK' : 'count' }, hi))}</text>`,
    hi === lo ? '' : `<text class="tick" x="${left - 4}" y="${num(y(lo) + 4)}" text-anchor="end">${escapeHtml(danishSeriesValue({ unit: series.unit === 'DKK' ? 'DKK' : 'count' }, lo))}</text>`,
    `<polyline class="line" points="${coords}"/>`,
    ...series.points.map(
      (p, i) =>
        `<circle class="point" cx="${num(x(i))}" cy="${num(y(p.value))}" r="3.5"><title>${escapeHtml(`${p.label}: ${danishSeriesValue(series, p.value)}`)}</title></circle>` +
        (shown.has(i) ? `<text class="tick label" x="${num(x(i))}" y="${height - bottom + 16}" text-anchor="${anchor(i)}">${escapeHtml(cut(p.label))}</text>` : ''),
    ),
    '</svg>',
  ];
  return parts.join('');
}
