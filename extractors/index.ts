/**
 * Danish fact extractors: pure functions from text to typed facts with spans (no I/O and no state).
 * Every fact satisfies `Fact` from `schemas/fact.ts` and `text === source.slice(...span)`.
 *
 * How it works: each module contributes a table of named rules (precompiled regexes plus a builder that
 * checks the context); one pass over the text finds where each rule can start and tries it only there
 * (`scanner.ts`), a combining pass joins date ranges, and overlaps are resolved longest-first
 * ({@link resolveOverlaps}). Series are then read off the resolved facts.
 *
 * A fact never spans two lines or cells: inside a fact only horizontal space is allowed (see `spaces.ts`),
 * so a cell's lines, and the tab-separated cells of a document, are read one by one.
 */
import type { AmountScale, Fact, Series } from '../schemas/fact.js';
import { DATE_RULES } from './dates.js';
import { MONEY_RULES } from './money.js';
import { PERCENT_RULES } from './percent.js';
import { PERIOD_RULES, dateRangePass } from './periods.js';
import { QUANTITY_RULES } from './quantities.js';
import { NO_CONTEXT, resolveOverlaps, type Candidate, type CombiningPass, type Rule, type RuleContext } from './rules.js';
import { ruleEngine } from './scanner.js';
import { seriesFromFacts } from './series.js';
import { YEAR_RULES } from './years.js';

/** The rule table's types (see `rules.ts`). */
export type { Candidate, Rule, RuleContext } from './rules.js';
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

/** The rules prepared once: one pass over a text finds where each can start (see `scanner.ts`). */
const ENGINE = ruleEngine(RULES);

/** Passes that build facts out of other candidates. */
const PASSES: readonly CombiningPass[] = [dateRangePass];

/**
 * At most this many facts are returned for one text; the rest (the facts starting furthest right) are
 * dropped and {@link Extraction.truncated} is set, so the caller can say so. Real cells hold a handful; the
 * cap bounds the output (and the series scan) of hostile or machine-made input.
 */
export const MAX_FACTS_PER_TEXT = 10_000;

/** What the caller knows about a text beyond its characters. Every field is optional. */
export interface ExtractOptions {
  /**
   * The text is a cell of an amount column whose unit stands outside it (the header "2025 Beløb i t.kr.",
   * the caption "(1.000 kr.)"). Then a bare number that is the whole of a line of the cell ("1.500", "-2,2",
   * "(1.200)", "ca. 1.500") is money: value = number × `factor`, with this `scale` on the fact. Numbers with
   * a unit of their own are read as always ("2,5 mio. kr.", "5 %", "12 boliger"). Null or absent: no bare
   * amounts. A scale whose factor is not a positive finite number is ignored.
   */
  amountScale?: AmountScale | null;
  /**
   * The year of the report, for dates written without one ("23. april", "d. 27/11"): they become
   * `YYYY-MM-DD` with `yearFrom: "report"`; without it they are `--MM-DD` with `yearFrom: null`. A month
   * alone ("i april") is a fact only with a reference year. Must be an integer 1000–9999, else ignored.
   */
  referenceYear?: number | null;
  /** The text stands in a totals row ("I alt", "Sum"): every money fact gets `total: true`. */
  total?: boolean;
}

/** Facts and series of one text, computed together. */
export interface Extraction {
  /** Sorted by span start, non-overlapping, at most {@link MAX_FACTS_PER_TEXT}. */
  readonly facts: Fact[];
  readonly series: Series[];
  /** True when the text held more than {@link MAX_FACTS_PER_TEXT} facts and the rest were dropped. */
  readonly truncated: boolean;
}

/** The rules' view of the options: validated, absent fields as null. */
function contextOf(options: ExtractOptions | undefined): RuleContext {
  if (!options) return NO_CONTEXT;
  const s = options.amountScale;
  const y = options.referenceYear;
  const amountScale = s && Number.isFinite(s.factor) && s.factor > 0 ? s : null;
  const referenceYear = typeof y === 'number' && Number.isInteger(y) && y >= 1000 && y <= 9999 ? y : null;
  return amountScale === null && referenceYear === null ? NO_CONTEXT : { amountScale, referenceYear };
}

/** All candidates of `text` under `context`, before overlap resolution. */
function candidatesOf(text: string, context: RuleContext): Candidate[] {
  const candidates = ENGINE(text, context);
  // One by one: a spread of a long list into a call (`push(...list)`) overflows the stack.
  for (const pass of PASSES) for (const found of pass(text, candidates, context)) candidates.push(found);
  return candidates;
}

/**
 * All candidates before overlap resolution, each with the rule that proposed it. For debugging and for
 * tests that check every rule fires; use {@link extractFacts} for the facts themselves.
 */
export function extractCandidates(text: string, options?: ExtractOptions): Candidate[] {
  return candidatesOf(text, contextOf(options));
}

/** Resolved facts of `text`, capped, with the totals flag applied. */
function factsOf(text: string, options: ExtractOptions | undefined): { facts: Fact[]; truncated: boolean } {
  const resolved = resolveOverlaps(candidatesOf(text, contextOf(options)), text.length);
  const truncated = resolved.length > MAX_FACTS_PER_TEXT;
  const kept = truncated ? resolved.slice(0, MAX_FACTS_PER_TEXT) : resolved;
  const total = options?.total === true;
  const facts: Fact[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const fact = kept[i]!.fact;
    // Each candidate's fact is a new object, made for this text: flagged where it is, not copied.
    if (total && fact.kind === 'money') fact.total = true;
    facts[i] = fact;
  }
  return { facts, truncated };
}

/**
 * All facts in `text` (without `cell`, `column`, `field`), sorted by span start and non-overlapping: when
 * rules overlap, the longest match wins ("1. halvår 2017" is one period, not a date and a year). At most
 * {@link MAX_FACTS_PER_TEXT}; use {@link extract} to learn whether facts were dropped.
 */
export function extractFacts(text: string, options?: ExtractOptions): Fact[] {
  return factsOf(text, options).facts;
}

/**
 * Time series in `text` (without `cell`, `column`, `field`): "2013: 5,7 pct. 2014: 5,9 pct. …", at least
 * two points each. Needs the facts too: use {@link extract} when you want both, so the text is scanned once.
 */
export function extractSeries(text: string, options?: ExtractOptions): Series[] {
  return seriesFromFacts(text, factsOf(text, options).facts);
}

/** Facts and series of one text in one scan: what the pipeline calls for every cell. */
export function extract(text: string, options?: ExtractOptions): Extraction {
  const { facts, truncated } = factsOf(text, options);
  // seriesFromFacts only reads the facts; the caller gets them to keep.
  return { facts, series: seriesFromFacts(text, facts), truncated };
}
