/**
 * Danish fact extractors: pure functions from text to typed facts with spans (no I/O and no state).
 * Every fact satisfies `Fact` from `schemas/fact.ts` and `text === source.slice(...span)`.
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

/** Resolved facts of `text`: every rule's candidates, overlaps resolved longest-first. */
function factsOf(text: string): Fact[] {
  return resolveOverlaps(extractCandidates(text), text.length).map((c) => c.fact);
}

/**
 * All facts in `text` (without `column`), sorted by span start and non-overlapping: when rules overlap,
 * the longest match wins ("1. halvår 2017" is one period, not a date and a year).
 */
export function extractFacts(text: string): Fact[] {
  return factsOf(text);
}

/**
 * Time series in `text` (without `column`): "2013: 5,7 pct. 2014: 5,9 pct. …", at least two points each.
 * Needs the facts too: use {@link extract} when you want both, so the text is scanned once.
 */
export function extractSeries(text: string): Series[] {
  return seriesFromFacts(text, factsOf(text));
}

/** Facts and series of one text in one scan: what the pipeline calls for every cell. */
export function extract(text: string): Extraction {
  const facts = factsOf(text);
  // seriesFromFacts only reads the facts; the caller gets them to keep.
  return { facts, series: seriesFromFacts(text, facts) };
}
