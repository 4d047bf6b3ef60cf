/**
 * The rule machinery: a rule is a named, precompiled pattern plus a function that turns one match into a
 * fact (or rejects it after looking at the context). All rules run over the text; their candidates may
 * overlap, and {@link resolveOverlaps} keeps the longest (most specific) ones.
 */
import type { AmountScale, Fact, FactKind } from '../schemas/fact.js';

/**
 * What a rule may know beyond the text, from the caller's options (see `ExtractOptions` in `index.ts`),
 * already checked: a scale with a positive finite factor, a four-digit integer year.
 */
export interface RuleContext {
  /** The unit of a bare number, when the text is a cell of an amount column. */
  readonly amountScale: AmountScale | null;
  /** The year a date written without one belongs to. */
  readonly referenceYear: number | null;
}

/** No options: the context of a text read on its own. */
export const NO_CONTEXT: RuleContext = Object.freeze({ amountScale: null, referenceYear: null });

/** One named extraction rule. */
export interface Rule {
  /** Unique, readable name ("money.amount-unit"); reported with candidates for debugging and tests. */
  readonly name: string;
  /** What kind of fact it yields. */
  readonly kind: FactKind;
  /**
   * A regex compiled once at module load. Global (`g`) rules scan the whole text; sticky (`y`) rules with
   * `anchor: 'figure'` are only tried where a figure starts (see `figureStarts`).
   */
  readonly pattern: RegExp;
  /**
   * `'figure'`: the pattern starts with a figure and is tried only at figure starts. Money, percent and
   * quantity rules share one scan for figures instead of each scanning the whole text.
   */
  readonly anchor?: 'figure';
  /** A cheap literal test; when it fails on the text, the rule cannot match and is skipped. */
  readonly guard?: RegExp;
  /** When given, the rule runs only where it returns true (e.g. bare amounts only with an `amountScale`). */
  readonly enabled?: (context: RuleContext) => boolean;
  /** Builds the fact for one match, or returns null to reject it (wrong context, impossible value). */
  readonly build: (match: RegExpExecArray, text: string, context: RuleContext) => Fact | null;
}

/** A fact proposed by a rule, before overlaps are resolved. */
export interface Candidate {
  /** The rule (or combining pass) that proposed it. */
  readonly rule: string;
  readonly fact: Fact;
}

/** A pass that proposes facts built from other candidates (e.g. "fra <date> til <date>" → period). */
export type CombiningPass = (text: string, candidates: readonly Candidate[], context: RuleContext) => Candidate[];

/**
 * When two overlapping candidates are equally long, the more specific kind wins: a period over a date
 * over an amount over a bare year.
 */
const KIND_PRIORITY: Readonly<Record<FactKind, number>> = {
  period: 6,
  date: 5,
  money: 4,
  percent: 3,
  quantity: 2,
  year: 1,
};

/** Positions where a figure starts, found with one scan of `figure` (a global regex). */
function figureStarts(figure: RegExp, text: string): number[] {
  const starts: number[] = [];
  figure.lastIndex = 0;
  for (let m = figure.exec(text); m !== null; m = figure.exec(text)) {
    starts.push(m.index);
    // Resume after the first token, so "2" in "mellem 2 og 3" and "3" in "2-3" are starts too.
    figure.lastIndex = m.index + Math.max(1, firstTokenLength(m[0]));
  }
  return starts;
}

/**
 * Runs every rule over the text and collects their candidates. `figure` is the global regex whose
 * matches are the anchor points of `anchor: 'figure'` rules.
 */
export function applyRules(rules: readonly Rule[], text: string, figure: RegExp, context: RuleContext = NO_CONTEXT): Candidate[] {
  const out: Candidate[] = [];
  let starts: number[] | null = null;
  for (const rule of rules) {
    if (rule.enabled && !rule.enabled(context)) continue;
    if (rule.guard && !rule.guard.test(text)) continue;
    const re = rule.pattern;
    if (rule.anchor === 'figure') {
      starts ??= figureStarts(figure, text);
      for (const at of starts) {
        re.lastIndex = at;
        const m = re.exec(text);
        if (!m || m[0].length === 0) continue;
        const fact = rule.build(m, text, context);
        if (fact) out.push({ rule: rule.name, fact });
      }
      continue;
    }
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      // A zero-length match would loop forever; no rule should produce one, but never hang on it.
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const fact = rule.build(m, text, context);
      if (fact) out.push({ rule: rule.name, fact });
      // Let the next search start right after the matched number, not after everything the match
      // consumed: a rejected "2014 …" must not hide a fact that starts inside it.
      re.lastIndex = m.index + Math.max(1, firstTokenLength(m[0]));
    }
  }
  return out;
}

/** Length of the first token of a match (up to the first whitespace), at least 1. */
function firstTokenLength(s: string): number {
  const i = s.search(/\s/);
  return i <= 0 ? s.length : i;
}

/**
 * Keeps a non-overlapping subset: longest first, then by kind priority, then leftmost. A date's year is
 * therefore never also a year fact, and "1. halvår 2017" is one period rather than a quantity and a year.
 * Runs in O(n log n + covered characters).
 */
export function resolveOverlaps(candidates: readonly Candidate[], textLength: number): Candidate[] {
  const order = [...candidates].sort((a, b) => {
    const la = a.fact.span[1] - a.fact.span[0];
    const lb = b.fact.span[1] - b.fact.span[0];
    if (la !== lb) return lb - la;
    const pa = KIND_PRIORITY[a.fact.kind];
    const pb = KIND_PRIORITY[b.fact.kind];
    if (pa !== pb) return pb - pa;
    return a.fact.span[0] - b.fact.span[0];
  });
  const taken = new Uint8Array(textLength + 1);
  const kept: Candidate[] = [];
  for (const c of order) {
    const [s, e] = c.fact.span;
    // Every kept candidate is at least as long as this one, so any overlap covers one of its ends
    // (or is the very same span, which also covers both ends).
    if (taken[s] || taken[e - 1]) continue;
    taken.fill(1, s, e);
    kept.push(c);
  }
  return kept.sort((a, b) => a.fact.span[0] - b.fact.span[0]);
}

/** Builds a global Unicode regex from a source string, once. */
export function rx(source: string): RegExp {
  return new RegExp(source, 'gu');
}

/** Builds a sticky Unicode regex (for `anchor: 'figure'` rules), once. */
export function sticky(source: string): RegExp {
  return new RegExp(source, 'uy');
}
