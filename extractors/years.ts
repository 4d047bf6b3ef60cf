/**
 * Bare years: "i 2015", "budget 2018", "frem mod 2029", "Vision 2029". Only 1900–2100, only four plain
 * digits, and never when the year is part of a date or period (those rules produce longer matches and
 * win the overlap). A number after "sag", "nr.", "§" … is an identifier, not a year.
 */
import type { YearFact } from '../schemas/fact.js';
import { isIdentifierNumber } from './context.js';
import { YEAR, YEAR_STARTS } from './dates.js';
import { defineRules, type Rule } from './rules.js';
import { HS } from './spaces.js';

/** A house number and comma right before the number: it is a postal code ("Vej 7, 2750 Ballerup"). */
const POSTCODE_BEFORE = new RegExp(String.raw`(?<![\p{N}.,])\d{1,3}[A-Za-z]?,${HS}?$`, 'u');

/** Year rules. */
export const YEAR_RULES: readonly Rule[] = defineRules([
  {
    name: 'year.bare',
    starts: YEAR_STARTS,
    digitRun: { lengths: [4] },
    kind: 'year',
    // Not glued to letters, digits, separators or dashes ("24-2015", "2.015", "CO2015"), and not followed by
    // more digits, a decimal or a dash plus digit (a range or case number the period rule judges).
    // "1990'erne" is a decade, not a year.
    source: String.raw`(?<![\p{L}\p{N}.,/§\-\u2013\u2212])(?<y>${YEAR})(?![\p{L}\p{N}]|[.,]\d|[\-\u2013]\d|['’]\p{L})`,
    build: (m, text): YearFact | null => {
      if (isIdentifierNumber(text, m.index)) return null;
      // "Smallegade 1, 2000 Frederiksberg": a postal code after a house number.
      if (POSTCODE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
      return { kind: 'year', text: m[0], span: [m.index, m.index + m[0].length], value: Number(m.groups!.y) };
    },
  },
]);
