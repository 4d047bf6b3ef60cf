/**
 * The rule engine: one pass over the text finds the places a rule can start, and each rule is tried only
 * there, with a sticky copy of its pattern. Global patterns would search the whole text once per rule
 * (and guard regexes once more, and a figure regex once more for the figure rules); here the text is read
 * once, and a rule costs nothing on a text without its first characters.
 *
 * Where a rule is tried, from its table entry (see `Rule.anchor` and `Rule.starts`): at each character of
 * its `starts` that follows no letter (and, for a digit, no digit). Every such rule's pattern begins with a
 * lookbehind that excludes a letter there (and a digit before a digit), so these positions are a superset
 * of where its global pattern could match. `anchor: 'line'` rules are tried at the start of the text and
 * after each line or cell break; a rule with neither is searched with its global pattern.
 *
 * The candidates are the ones the global patterns give, in the same order: each rule is tried left to
 * right, and after a match the next try starts after the match's first token (see `firstTokenLength`);
 * figure rules are tried at every start, as they were at every start of the figure scan.
 */
import { FIGURE_AT } from './amounts.js';
import { NO_CONTEXT, sticky, type Candidate, type Rule, type RuleContext } from './rules.js';

/** How a prepared rule is tried. */
type Mode = 'starts' | 'figure' | 'line' | 'search';

/** A rule prepared for the engine: its sticky pattern and which list of starts it is tried at. */
interface PreparedRule {
  readonly rule: Rule;
  /**
   * The pattern as a sticky regex, made on the rule's first try: building a regex parses it (its `\p{L}`
   * classes too), a cost a process that never meets the rule should not pay, and rules with `figure` parts
   * never need it.
   */
  sticky: RegExp | null;
  readonly mode: Mode;
  /** Index of its start class (the rules with the same `starts` share one list of positions); -1 if none. */
  readonly startClass: number;
  /** Its `digitRun`, prepared; null when it has none. */
  readonly digitRun: DigitRun | null;
  /** For a rule with `figure` parts: the names of the groups of `before` (none without one) and of `after`. */
  readonly beforeNames: readonly string[];
  readonly afterNames: readonly string[];
  /** Its place among the figure rules tried together (see `figureCandidates`); -1 when it is not one. */
  together: number;
  /** Its openings, when one is longer than the two characters the pass dispatches on (see `opensAt`); else null. */
  readonly openings: Openings | null;
}

/**
 * A rule's openings as keys (`openingKey`): those of one or two characters, and those of three. The pass
 * finds a place by an opening's first two characters; a rule with openings of three is tried there only
 * when the text goes on with one ("fo" of "for" is no start of "forår").
 */
interface Openings {
  readonly short: ReadonlySet<number>;
  readonly long: ReadonlySet<number>;
}

/** One to three UTF-16 codes as one number: one code stays below 2^16, two below 2^32, three above. */
function openingKey(a: number, b?: number, c?: number): number {
  if (b === undefined) return a;
  return c === undefined ? a * 65536 + b : (a * 65536 + b) * 65536 + c;
}

/** The rule's openings as keys, when one of them has three characters; null otherwise. */
function prepareOpenings(starts: readonly string[]): Openings | null {
  if (!starts.some((o) => o.length === 3)) return null;
  const short = new Set<number>();
  const long = new Set<number>();
  for (const o of starts) {
    const codes = [...Array(o.length).keys()].map((i) => o.charCodeAt(i));
    (o.length === 3 ? long : short).add(openingKey(codes[0]!, codes[1], codes[2]));
  }
  return { short, long };
}

/** True when one of `openings` begins at `p` (a place the pass found by an opening's first two characters). */
function opensAt(openings: Openings, text: string, p: number): boolean {
  const a = text.charCodeAt(p);
  const b = text.charCodeAt(p + 1);
  // Past the end of the text, charCodeAt gives NaN, which is no key.
  return openings.short.has(a) || openings.short.has(openingKey(a, b)) || openings.long.has(openingKey(a, b, text.charCodeAt(p + 2)));
}

/** A rule's `digitRun`: the allowed run lengths as bits, and the characters allowed after the run (null: any). */
interface DigitRun {
  readonly lengths: number;
  readonly next: ReadonlySet<number> | null;
}

function prepareDigitRun(rule: Rule): DigitRun | null {
  const d = rule.digitRun;
  if (!d) return null;
  if (d.lengths.some((n) => !Number.isInteger(n) || n < 1 || n > 30)) throw new Error(`rule ${rule.name}: a digit run is 1–30 digits`);
  const lengths = d.lengths.reduce((bits, n) => bits | (1 << n), 0);
  return { lengths, next: d.next === undefined ? null : new Set([...d.next].map((ch) => ch.charCodeAt(0))) };
}

/** True unless `p` is a digit whose run does not have the shape `run` allows. */
function digitRunFits(text: string, p: number, run: DigitRun): boolean {
  if (!isAsciiDigit(text.charCodeAt(p))) return true;
  let end = p + 1;
  while (end < text.length && isAsciiDigit(text.charCodeAt(end))) end++;
  if (end - p > 30 || (run.lengths & (1 << (end - p))) === 0) return false;
  return run.next === null || run.next.has(text.charCodeAt(end));
}

/** Finds every candidate of `text` under `context`. */
export type RuleEngine = (text: string, context?: RuleContext) => Candidate[];

const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Line and cell breaks, as in `BREAK` (spaces.ts): \n \r \t \v \f, U+0085, U+2028, U+2029. */
const isBreak = (c: number) => (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029;

const LETTER = /\p{L}/u;

/** What the pass needs to know of a UTF-16 unit: {@link OTHER}, {@link LETTER_KIND} or {@link DIGIT_KIND}. */
const OTHER = 1;
const LETTER_KIND = 2;
const DIGIT_KIND = 3;

/**
 * The kind of each UTF-16 unit, 0 while not yet asked (a unit above U+00FF is looked up with {@link LETTER}
 * on its first meeting, once per process, not once per occurrence). A lone surrogate counts as no letter, so
 * an astral letter before a position only makes the position a needless try, never a missed one.
 */
const KINDS = new Uint8Array(65536);
for (let c = 0; c < 256; c++) KINDS[c] = isAsciiDigit(c) ? DIGIT_KIND : LETTER.test(String.fromCharCode(c)) ? LETTER_KIND : OTHER;

/** The kind of the UTF-16 unit `c` (see {@link KINDS}). */
function kindOf(c: number): number {
  const known = KINDS[c]!;
  if (known !== 0) return known;
  const kind = LETTER.test(String.fromCharCode(c)) ? LETTER_KIND : OTHER;
  KINDS[c] = kind;
  return kind;
}

/** Length of the first token of a match (up to the first whitespace), at least 1. */
function firstTokenLength(s: string): number {
  const i = s.search(/\s/);
  return i <= 0 ? s.length : i;
}

/** The start of the text and every position after a line or cell break. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (isBreak(text.charCodeAt(i))) starts.push(i + 1);
  return starts;
}

/**
 * Prepares `rules` once (at module load): tables from an opening (one character, or
 * two) to the bits of the start classes it belongs to.
 */
export function ruleEngine(rules: readonly Rule[]): RuleEngine {
  const classes: string[] = [];
  const prepared: PreparedRule[] = rules.map((rule) => {
    const digitRun = prepareDigitRun(rule);
    const beforeNames = rule.figure?.before ? groupNames(rule.figure.before) : [];
    const afterNames = rule.figure ? groupNames(rule.figure.after) : [];
    // One object literal for every rule, its fields always in this order: the engine reads them for
    // every rule at every text, and objects of one shape keep those reads monomorphic (a spread of a
    // shared part made a shape of its own per rule).
    const prepare = (mode: Mode, startClass: number, openings: Openings | null): PreparedRule => ({
      rule, sticky: null, mode, startClass, digitRun, beforeNames, afterNames, together: -1, openings,
    });
    if (rule.anchor === 'line') return prepare('line', -1, null);
    if (rule.starts === undefined) return prepare('search', -1, null);
    for (const o of rule.starts) {
      if (o.length === 0 || o.length > 3 || (o.length > 1 && o.charCodeAt(0) >= 256)) {
        throw new Error(`rule engine: an opening is one character, or two or three beginning below U+0100, not "${o}"`);
      }
    }
    // The pass dispatches on the first two characters of an opening; the rest is checked where the rule is tried.
    const key = JSON.stringify([...new Set(rule.starts.map((o) => o.slice(0, 2)))].sort());
    let startClass = classes.indexOf(key);
    if (startClass < 0) startClass = classes.push(key) - 1;
    return prepare(rule.anchor === 'figure' ? 'figure' : 'starts', startClass, prepareOpenings(rule.starts));
  });
  /** The figure rules without `before`: tried together, one figure reading per place (see `figureCandidates`). */
  const figureRules = prepared.filter((r) => r.mode === 'figure' && r.rule.figure && !r.rule.figure.before);
  figureRules.forEach((r, i) => (r.together = i));
  const figureClass = figureRules[0]?.startClass ?? -1;
  const figureStarts = JSON.stringify([...new Set(figureRules[0]?.rule.starts)].sort());
  if (figureRules.some((r) => JSON.stringify([...new Set(r.rule.starts)].sort()) !== figureStarts)) {
    throw new Error('rule engine: the figure rules must share their `starts`');
  }
  const figureOpenings = figureRules[0]?.openings ?? null;
  if (classes.length > 32) throw new Error('rule engine: more than 32 different `starts`');
  /** One-character openings below U+0100 → class bits. */
  const single = new Uint32Array(256);
  /** One-character openings from U+0100 on → class bits. */
  const singleHigh = new Map<number, number>();
  /** Whether a character below U+0100 opens some two-character opening. */
  const pairFirst = new Uint8Array(256);
  /** Two-character openings (first code × 256 + second, both below U+0100) → class bits. */
  const pairs = new Uint32Array(256 * 256);
  /** Two-character openings whose second character is from U+0100 on (first code × 65536 + second) → class bits. */
  const pairsHigh = new Map<number, number>();
  classes.forEach((key, k) => {
    for (const opening of JSON.parse(key) as string[]) {
      const c = opening.charCodeAt(0);
      if (opening.length === 1) {
        if (c < 256) single[c]! |= 1 << k;
        else singleHigh.set(c, (singleHigh.get(c) ?? 0) | (1 << k));
      } else if (opening.length === 2 && c < 256) {
        pairFirst[c] = 1;
        const d = opening.charCodeAt(1);
        if (d < 256) pairs[c * 256 + d]! |= 1 << k;
        else pairsHigh.set(c * 65536 + d, (pairsHigh.get(c * 65536 + d) ?? 0) | (1 << k));
      } else {
        throw new Error(`rule engine: an opening's first two characters begin below U+0100, not "${opening}"`);
      }
    }
  });

  /**
   * For each start class, the positions of the current text its rules may start at: the first `counts[k]`
   * of `lists[k]`. Both are reused from text to text (the engine never runs inside itself: builds call no
   * extractor), so a short text allocates nothing here.
   */
  const lists: number[][] = classes.map(() => []);
  const counts = new Int32Array(classes.length);

  return (text, context = NO_CONTEXT) => {
    // The one pass: for each start class, the positions its rules may start at.
    counts.fill(0);
    // No rule starts right after a letter, nor a digit right after a digit.
    let before = OTHER;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const kind = kindOf(c);
      const skip = before === LETTER_KIND || (before === DIGIT_KIND && kind === DIGIT_KIND);
      before = kind;
      if (skip) continue;
      let b: number;
      if (c < 256) {
        b = single[c]!;
        if (pairFirst[c] === 1) {
          const d = text.charCodeAt(i + 1);
          b |= d < 256 ? pairs[c * 256 + d]! : (pairsHigh.get(c * 65536 + d) ?? 0);
        }
      } else {
        b = singleHigh.get(c) ?? 0;
      }
      while (b !== 0) {
        const k = 31 - Math.clz32(b & -b);
        lists[k]![counts[k]!++] = i;
        b &= b - 1;
      }
    }
    const out: Candidate[] = [];
    // The figure rules first, together (one figure reading per place); their candidates join `out` in
    // table order below.
    const byFigure = figureRules.length > 0 && counts[figureClass]! > 0 ? figureCandidates(figureRules, figureOpenings, lists[figureClass]!, counts[figureClass]!, text, context) : null;
    let lines: number[] | null = null;
    for (const r of prepared) {
      if (r.rule.enabled && !r.rule.enabled(context)) continue;
      if (r.together >= 0) {
        if (byFigure) for (const c of byFigure[r.together]!) out.push(c);
      } else if (r.mode === 'search') search(r.rule, text, context, out);
      else if (r.mode === 'line') {
        lines ??= lineStarts(text);
        tryAt(r, lines, lines.length, text, context, out);
      } else if (counts[r.startClass]! > 0) tryAt(r, lists[r.startClass]!, counts[r.startClass]!, text, context, out);
    }
    return out;
  };
}

/**
 * The candidates of the figure rules that read a figure right at their start, each rule's in a list of its
 * own (in the order it would find them alone): at each start the figure is read once (with
 * {@link FIGURE_AT}), and each rule matches only what follows it.
 */
function figureCandidates(
  rules: readonly PreparedRule[],
  openings: Openings | null,
  starts: readonly number[],
  count: number,
  text: string,
  context: RuleContext,
): Candidate[][] {
  const found: Candidate[][] = rules.map(() => []);
  const active = rules.map((r) => !r.rule.enabled || r.rule.enabled(context));
  for (let j = 0; j < count; j++) {
    const p = starts[j]!;
    if (openings !== null && !opensAt(openings, text, p)) continue;
    FIGURE_AT.lastIndex = p;
    const f = FIGURE_AT.exec(text);
    if (!f) continue;
    // The figure's groups, read once for all the rules (a match's groups object is slow to read).
    const figure = groupValues(f, FIGURE_NAMES);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      const { rule, digitRun } = r;
      if (!active[i] || (digitRun !== null && !digitRunFits(text, p, digitRun))) continue;
      const m = afterFigure(text, p, null, r, f, figure, rule.figure!.after);
      if (!m) continue;
      const fact = rule.build(m, text, context);
      if (fact) found[i]!.push({ rule: rule.name, fact });
    }
  }
  return found;
}

/**
 * Tries a rule at each of `starts` (that fits its `digitRun`): its sticky pattern, or its `figure` parts.
 * The next try after a match starts after the match's first token, as a global search resumes: right after
 * the matched number, not after everything the match consumed (a rejected "2014 …" must not hide a fact
 * that starts inside it); a figure rule tries every start.
 */
function tryAt(prepared: PreparedRule, starts: readonly number[], count: number, text: string, context: RuleContext, out: Candidate[]): void {
  const { rule, digitRun } = prepared;
  const resume = prepared.mode !== 'figure';
  const parts = rule.figure;
  let next = 0;
  for (let j = 0; j < count; j++) {
    const p = starts[j]!;
    if (p < next) continue;
    if (prepared.openings !== null && !opensAt(prepared.openings, text, p)) continue;
    if (digitRun !== null && !digitRunFits(text, p, digitRun)) continue;
    let m: RegExpExecArray | null;
    if (parts) {
      m = withFigure(text, p, prepared, parts.before, parts.after);
    } else {
      // A figure rule's own pattern is sticky; any other rule's is global and never built here.
      const re = (prepared.sticky ??= rule.anchor === 'figure' ? rule.pattern : sticky(rule.source));
      re.lastIndex = p;
      m = re.exec(text);
    }
    if (!m || m[0].length === 0) continue;
    const fact = rule.build(m, text, context);
    if (fact) out.push({ rule: rule.name, fact });
    if (resume) next = m.index + Math.max(1, firstTokenLength(m[0]));
  }
}

/** The match of `before` + a figure + `after` at `p`, or null. */
function withFigure(text: string, p: number, prepared: PreparedRule, before: RegExp | undefined, after: RegExp): RegExpExecArray | null {
  let b: RegExpExecArray | null = null;
  let at = p;
  if (before) {
    before.lastIndex = p;
    b = before.exec(text);
    if (!b) return null;
    at += b[0].length;
  }
  FIGURE_AT.lastIndex = at;
  const f = FIGURE_AT.exec(text);
  return f ? afterFigure(text, p, b, prepared, f, groupValues(f, FIGURE_NAMES), after) : null;
}

/**
 * The match of `after` following figure `f` (whose groups are `figure`, in {@link FIGURE_NAMES} order), put
 * together as the whole pattern would give it: the text from `p` (where the rule's `before` matched as `b`,
 * if it did) to the end of `after`, at index `p`, with the named groups of all parts. Null when `after` does
 * not match.
 */
function afterFigure(
  text: string,
  p: number,
  b: RegExpExecArray | null,
  prepared: PreparedRule,
  f: RegExpExecArray,
  figure: readonly (string | undefined)[],
  after: RegExp,
): RegExpExecArray | null {
  after.lastIndex = f.index + f[0].length;
  const a = after.exec(text);
  if (!a) return null;
  const m = [text.slice(p, a.index + a[0].length)] as unknown as RegExpExecArray;
  m.index = p;
  m.input = text;
  // Copied name by name: spreading a match's groups object (`{ ...a.groups }`) takes microseconds.
  const groups: Record<string, string | undefined> = {};
  if (b) copyGroups(b, prepared.beforeNames, groups);
  for (let i = 0; i < FIGURE_NAMES.length; i++) groups[FIGURE_NAMES[i]!] = figure[i];
  copyGroups(a, prepared.afterNames, groups);
  m.groups = groups as Record<string, string>;
  return m;
}

/** The names of a regex's named groups, in the order its source opens them. */
function groupNames(re: RegExp): readonly string[] {
  return [...re.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((n) => n[1]!);
}

/** The names of {@link FIGURE_AT}'s groups. */
const FIGURE_NAMES = groupNames(FIGURE_AT);

/** The named groups of `match` listed in `names`, as values in that order. */
function groupValues(match: RegExpExecArray, names: readonly string[]): (string | undefined)[] {
  const groups = match.groups;
  return names.map((name) => groups?.[name]);
}

/** Copies the named groups of `match` listed in `names` (the names of its regex's groups) into `into`. */
function copyGroups(match: RegExpExecArray, names: readonly string[], into: Record<string, string | undefined>): void {
  const groups = match.groups;
  if (!groups) return;
  for (const name of names) into[name] = groups[name];
}

/** A rule without a dispatch: its global pattern searched over the whole text. */
function search(rule: Rule, text: string, context: RuleContext, out: Candidate[]): void {
  const re = rule.pattern;
  if (rule.guard && !rule.guard.test(text)) return;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // A zero-length match would loop forever; no rule should produce one, but never hang on it.
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const fact = rule.build(m, text, context);
    if (fact) out.push({ rule: rule.name, fact });
    re.lastIndex = m.index + Math.max(1, firstTokenLength(m[0]));
  }
}
