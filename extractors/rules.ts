/**
 * The rule machinery: a rule is a named, precompiled pattern plus a function that turns one match into a
 * fact (or rejects it after looking at the context), and where a match can start (the engine in
 * `scanner.ts` tries it only there). Their candidates may overlap, and {@link resolveOverlaps} keeps the
 * longest (most specific) ones.
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
  /** The source of {@link Rule.pattern}: what the engine builds its sticky copy from, without `pattern`. */
  readonly source: string;
  /**
   * The rule's regex (Unicode): sticky (`y`) for `anchor: 'figure'` rules, else global (`g`). Built from
   * `source` on first read (see {@link defineRules}): the engine (`scanner.ts`) tries a sticky copy only
   * where the rule can start, and never reads the whole of a rule with `figure` parts, so most patterns
   * are never built at all (building one parses it, and ICU expands each of its `\p{…}` classes).
   */
  readonly pattern: RegExp;
  /**
   * `'figure'`: the pattern starts with a figure (`figureSource`) and is tried at every one of its `starts`,
   * also inside an earlier match ("2" and "3" of "2-3"). `'line'`: the pattern only matches at the start of a
   * line or cell (its lookbehind says so), and is tried only there. Absent: tried at its `starts` from left
   * to right, resuming after a match's first token, as a global search would.
   */
  readonly anchor?: 'figure' | 'line';
  /**
   * How a match can begin: openings of one to three characters ("1", "For", "for"; both cases where the
   * pattern allows both, see `wordOpenings`), the first two below U+0100 in an opening of more than one. The
   * pattern must begin with a lookbehind that excludes a letter before its first character (and a digit
   * before a digit): the engine tries the rule only where one of these openings follows no letter (found by
   * its first two characters in the one pass, the third checked where the rule is tried). A rule with neither `starts` nor `anchor: 'line'` is searched with its
   * global pattern over the whole text.
   */
  readonly starts?: readonly string[];
  /**
   * For a rule whose `pattern` is `before` + a figure (`figureSource`) + `after`: those two parts as sticky
   * regexes. The engine then reads the figure at a place once for all such rules (`FIGURE_AT`) and matches
   * only the parts around it; `pattern` stays the whole, to read and to test against. The figure must be
   * the only way the whole can match there: every other way to match a figure that `FIGURE_AT` does not
   * take (a range without its end, "1" of "1½") must be followed by something `after` cannot begin with.
   */
  readonly figure?: { readonly before?: RegExp; readonly after: RegExp };
  /**
   * For a rule whose match may begin with digits: at a start that is a digit, how many digits the run there
   * may have, and which characters may follow the run (absent: any). A check in code that spares the regex
   * at most digits ("2.391 borgere" is no date); it must allow every way the pattern can begin.
   */
  readonly digitRun?: { readonly lengths: readonly number[]; readonly next?: string };
  /**
   * A cheap literal test for a rule searched globally (no `anchor`, no `starts`); when it fails on the
   * text, the rule cannot match and is skipped.
   */
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

/**
 * Keeps a non-overlapping subset: longest first, then by kind priority, then leftmost. A date's year is
 * therefore never also a year fact, and "1. halvår 2017" is one period rather than a quantity and a year.
 * Runs in O(n log n + covered characters).
 */
export function resolveOverlaps(candidates: readonly Candidate[], textLength: number): Candidate[] {
  if (candidates.length <= 1) return [...candidates];
  const order = [...candidates].sort((a, b) => {
    const la = a.fact.span[1] - a.fact.span[0];
    const lb = b.fact.span[1] - b.fact.span[0];
    if (la !== lb) return lb - la;
    const pa = KIND_PRIORITY[a.fact.kind];
    const pb = KIND_PRIORITY[b.fact.kind];
    if (pa !== pb) return pb - pa;
    return a.fact.span[0] - b.fact.span[0];
  });
  // A long text gets an array of its own, so the shared one stays small.
  const taken = textLength < SHARED_TAKEN.length ? SHARED_TAKEN : new Uint8Array(textLength + 1);
  const kept: Candidate[] = [];
  for (const c of order) {
    const [s, e] = c.fact.span;
    // Every kept candidate is at least as long as this one, so any overlap covers one of its ends
    // (or is the very same span, which also covers both ends).
    if (taken[s] || taken[e - 1]) continue;
    taken.fill(1, s, e);
    kept.push(c);
  }
  // Leave the buffer clear for the next text: only the kept spans were marked.
  for (const c of kept) taken.fill(0, c.fact.span[0], c.fact.span[1]);
  return kept.sort((a, b) => a.fact.span[0] - b.fact.span[0]);
}

/**
 * The characters {@link resolveOverlaps} marks as taken, reused from text to text (cleared after each use)
 * instead of a new array per text: cells are far shorter than this.
 */
const SHARED_TAKEN = new Uint8Array(64 * 1024);

/** A rule as a table writes it: everything but its `pattern`, which {@link defineRules} derives from `source`. */
export type RuleSpec = Omit<Rule, 'pattern'>;

/**
 * The rules of a table, each with its `pattern` built from its `source` on first read and kept: sticky
 * (`uy`) for an `anchor: 'figure'` rule, else global (`gu`), as {@link sticky} and {@link rx} build them.
 */
export function defineRules(specs: readonly RuleSpec[]): readonly Rule[] {
  return specs.map((spec) => {
    let pattern: RegExp | null = null;
    return Object.defineProperty({ ...spec }, 'pattern', {
      enumerable: true,
      get: () => (pattern ??= spec.anchor === 'figure' ? sticky(spec.source) : rx(spec.source)),
    }) as Rule;
  });
}

/** Builds a global Unicode regex from a source string (a rule's own is built on its first use, see `defineRules`). */
export function rx(source: string): RegExp {
  return new RegExp(source, 'gu');
}

/** Builds a sticky Unicode regex from a source string (for `anchor: 'figure'` rules). */
export function sticky(source: string): RegExp {
  return new RegExp(source, 'uy');
}
