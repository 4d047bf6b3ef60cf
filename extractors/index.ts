/**
 * Danish fact extractors: pure functions from text to typed facts with spans (no I/O, no state besides a
 * one-entry memo). Every fact satisfies `Fact` from `schemas/fact.ts` and `text === source.slice(...span)`.
 *
 * How it works: each module contributes a table of named rules (precompiled regexes plus a builder that
 * checks the context); all rules run over the text, a combining pass joins date ranges, and overlaps are
 * resolved longest-first ({@link resolveOverlaps}). Series are then read off the resolved facts.
 */
import type { Fact, Series } from '../schemas/fact.js';
import { FIGURE } from './amounts.js';
import { DATE_RULES } from './dates.js';
import { MONEY_RULES } from './money.js';
import { PERCENT_RULES } from './percent.js';
import { PERIOD_RULES, dateRangePass } from './periods.js';
import { QUANTITY_RULES } from './quantities.js';
import { applyRules, resolveOverlaps, type Candidate, type CombiningPass, type Rule } from './rules.js';
import { seriesFromFacts } from './series.js';
import { YEAR_RULES } from './years.js';

/** The rule table's types (see `rules.ts`). */
export type { Candidate, Rule } from './rules.js';
/** Danish numeral parsing, for callers that meet a bare number (see `numbers.ts`). */
export { parseDanishNumber, parseDecimal } from './numbers.js';
/** The Danish month table and calendar check (see `dates.ts`). */
export { isValidDate, monthNumber, MONTHS } from './dates.js';

/** Every rule, by module. Names are unique ("money.amount-unit", "period.half", …). */
export const RULES: readonly Rule[] = [
  ...MONEY_RULES,
  ...PERCENT_RULES,
  ...DATE_RULES,
  ...PERIOD_RULES,
  ...YEAR_RULES,
  ...QUANTITY_RULES,
];

/** Passes that build facts out of other candidates. */
const PASSES: readonly CombiningPass[] = [dateRangePass];

/**
 * All candidates before overlap resolution, each with the rule that proposed it. For debugging and for
 * tests that check every rule fires; use {@link extractFacts} for the facts themselves.
 */
export function extractCandidates(text: string): Candidate[] {
  const candidates = applyRules(RULES, text, FIGURE);
  for (const pass of PASSES) candidates.push(...pass(text, candidates));
  return candidates;
}

/** Facts and series of one text, computed together. */
export interface Extraction {
  readonly facts: Fact[];
  readonly series: Series[];
}

// The pipeline calls extractFacts(text) and then extractSeries(text) on the same text; remembering the
// last text's facts saves the second extraction. Facts are returned as fresh copies, so a caller that
// mutates its facts cannot change what extractSeries sees.
let memoText: string | null = null;
let memoFacts: readonly Fact[] = [];

function factsOf(text: string): readonly Fact[] {
  if (text !== memoText) {
    memoFacts = resolveOverlaps(extractCandidates(text), text.length).map((c) => c.fact);
    memoText = text;
  }
  return memoFacts;
}

/**
 * All facts in `text` (without `column`), sorted by span start and non-overlapping: when rules overlap,
 * the longest match wins ("1. halvår 2017" is one period, not a date and a year).
 */
export function extractFacts(text: string): Fact[] {
  return factsOf(text).map((f) => ({ ...f, span: [f.span[0], f.span[1]] }) as Fact);
}

/** Time series in `text` (without `column`): "2013: 5,7 pct. 2014: 5,9 pct. …", at least two points each. */
export function extractSeries(text: string): Series[] {
  return seriesFromFacts(text, factsOf(text));
}

/** Facts and series in one call. */
export function extract(text: string): Extraction {
  const facts = factsOf(text);
  return { facts: facts.map((f) => ({ ...f, span: [f.span[0], f.span[1]] }) as Fact), series: seriesFromFacts(text, facts) };
}
