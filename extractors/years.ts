/**
 * Bare years: "i 2015", "budget 2018", "frem mod 2029", "Vision 2029". Only 1900–2100, only four plain
 * digits, and never when the year is part of a date or period (those rules produce longer matches and
 * win the overlap). A number after "sag", "nr.", "§" … is an identifier, not a year.
 */
import type { YearFact } from '../schemas/fact.js';
import { isLabelledNumber } from './context.js';
import { YEAR } from './dates.js';
import { rx, type Rule } from './rules.js';

/** Year rules. */
export const YEAR_RULES: readonly Rule[] = [
  {
    name: 'year.bare',
    kind: 'year',
    // Not glued to letters, digits, separators or dashes ("24-2015", "2.015", "CO2015"), and not followed by
    // more digits, a decimal or a dash plus digit (a range or case number the period rule judges).
    pattern: rx(String.raw`(?<![\p{L}\p{N}.,/§\-\u2013\u2212])(?<y>${YEAR})(?![\p{L}\p{N}]|[.,]\d|[\-\u2013]\d)`),
    build: (m, text): YearFact | null => {
      if (isLabelledNumber(text, m.index)) return null;
      return { kind: 'year', text: m[0], span: [m.index, m.index + m[0].length], value: Number(m.groups!.y) };
    },
  },
];
