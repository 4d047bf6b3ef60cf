/**
 * Percentages ("5,7 pct.", "11,5%", "12,5 %", "31,5 procent") and percentage points, which are not a
 * percentage of anything but a difference between two: "4,6 procentpoint" is a quantity with unit
 * "procentpoint", so a consumer summing or comparing percentages does not mix the two up.
 */
import type { PercentFact, QuantityFact } from '../schemas/fact.js';
import { FIGURE_STARTS, figureSource, rangeFields, readFigure } from './amounts.js';
import { qualifiersBefore } from './context.js';
import { toNumber } from './numbers.js';
import { defineRules, sticky, type Rule } from './rules.js';
import { HS } from './spaces.js';

/**
 * The percent unit. "%" must not run into a word or number ("a%20b", "20%b" are no percentages);
 * "procent" must not be the start of "procentpoint"/"procentdel".
 */
const PERCENT_UNIT = String.raw`(?:pct\.?|procent)(?![\p{L}])|%(?![\p{L}\p{N}])`;

/** Percentage-point units as written: "procentpoint", "procent-point", "pct.-point", "%-point", "pct. point". */
const POINT_UNIT = String.raw`(?:procentpoint(?:s|et|ene)?|procent-point|procentenhed(?:er)?|(?:pct\.?|%)${HS}?-?${HS}?point(?:s)?)(?![\p{L}])`;

/** After the figure of a percentage: the unit. */
const PERCENT_AFTER = String.raw`${HS}?(?:${PERCENT_UNIT})`;

/** After the figure of percentage points: the unit, as written. */
const POINT_AFTER = String.raw`${HS}?(?<unit>${POINT_UNIT})`;

/** Percent rules. */
export const PERCENT_RULES: readonly Rule[] = defineRules([
  {
    // "5,7 pct.", "ca. 10-15 %", "Minimum 20 procent"
    name: 'percent.amount-unit',
    kind: 'percent',
    anchor: 'figure',
    starts: FIGURE_STARTS,
    source: `${figureSource()}${PERCENT_AFTER}`,
    figure: { after: sticky(PERCENT_AFTER) },
    build: (m, text): PercentFact | null => {
      const figure = readFigure(m);
      if (!figure) return null;
      const q = qualifiersBefore(text, m.index);
      const end = m.index + m[0].length;
      return {
        kind: 'percent',
        text: text.slice(q.start, end),
        span: [q.start, end],
        ...rangeFields(figure, toNumber),
        approx: q.approx,
        qualifier: q.qualifier,
      };
    },
  },
  {
    // "4,6 procentpoint", "2 %-point": a quantity, never a percent
    name: 'percent.points',
    kind: 'quantity',
    anchor: 'figure',
    starts: FIGURE_STARTS,
    source: `${figureSource()}${POINT_AFTER}`,
    figure: { after: sticky(POINT_AFTER) },
    build: (m, text): QuantityFact | null => {
      const figure = readFigure(m);
      if (!figure) return null;
      const q = qualifiersBefore(text, m.index);
      const end = m.index + m[0].length;
      return {
        kind: 'quantity',
        text: text.slice(q.start, end),
        span: [q.start, end],
        ...rangeFields(figure, toNumber),
        unit: m.groups!.unit!,
        approx: q.approx,
        qualifier: q.qualifier,
      };
    },
  },
]);
