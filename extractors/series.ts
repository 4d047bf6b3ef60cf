/**
 * Time series: runs of values over labelled periods, built on top of the facts.
 *
 * Three shapes are recognised:
 * - "label: value" runs — "2013: 5,7 pct. 2014: 5,9 pct. … 2017 (1-3. kv.): 4,6 pct." — where a label is a
 *   year, a period or a month, and the value a percent, money or quantity fact or a bare number;
 * - "value i label" lists — "0,3 mia. kr. i 2024, 0,5 mia. kr. i 2025 og 0,7 mia. kr. i 2026" (value facts only);
 * - a change "fra <value> i <label> til <value> i <label>" — "steget fra 418 i 1. kvartal 2014 til 463 i
 *   1. halvår 2017" — which is a two-point series.
 *
 * All points of a series share one unit; a series has at least two points. The label of the series is the
 * text before the first point when it ends in a colon ("Sygefravær: 2013: …"), else null.
 */
import type { Fact, Series, SeriesPoint } from '../schemas/fact.js';
import { DIGIT_NUMBER, parseDanishNumber } from './numbers.js';
import { HS } from './spaces.js';

type Unit = Series['unit'];

interface Value {
  readonly value: number;
  readonly unit: Unit;
  /** The counted noun for quantities, so "418 ansatte" and "20 boliger" do not form one series. */
  readonly noun: string | null;
  readonly end: number;
}

interface Label {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly span: readonly [number, number];
}

/** A bare number as a value: "2013: 418 2014: 463" (not followed by a letter or "%"). */
const BARE_NUMBER = new RegExp(String.raw`${DIGIT_NUMBER}(?![\p{L}%])`, 'uy');
/**
 * Between a label and its value: a colon ("2013: 5,7 pct.") or a spaced dash ("2016 – 5,2 pct."). A label
 * and its value share a line; the points of a run may stand on lines of their own (see `POINT_GAP`).
 */
const COLON = new RegExp(String.raw`${HS}?:${HS}*|${HS}[-\u2013]${HS}`, 'uy');
/**
 * Between one point and the next: spaces, commas, semicolons, a full stop, brackets, an optional "og"/"i".
 * Line breaks too: a run may list its points one per line ("2013: 5,7 pct.\n2014: 5,9 pct.").
 */
const POINT_GAP = /[\s,;.()]*(?:(?:og|[Ii])\s+)?/uy;
/** "fra" opening a change. */
const FROM = new RegExp(String.raw`(?<![\p{L}])[Ff]ra${HS}+`, 'gu');
/** "i 2014", also "i skoleåret 2018/19", "i perioden 2013-2016". */
const IN = new RegExp(String.raw`${HS}+i${HS}+(?:\p{Ll}*(?:året|perioden)${HS}+)?`, 'uy');
const TO = new RegExp(String.raw`${HS}+til${HS}+`, 'uy');
/** Between a value and its label in a list: "0,3 mia. kr. i 2024", "5 mio. kr. for 2025". */
const IN_OR_FOR = new RegExp(String.raw`${HS}+(?:i|for)${HS}+`, 'uy');
/** Between list items: ", ", " og ", ", og ". */
const LIST_GAP = /[ \t\u00a0]*[,;]?\s*(?:og\s+)?/y;
/** Text before a run that names it: "Sygefravær:" at the start of a line or sentence. */
const RUN_LABEL = /(?:^|[\n\t.!?])\s*([^\n\t.!?:]+?)\s*:\s*$/u;

function labelOf(f: Fact): Label | null {
  switch (f.kind) {
    case 'year':
      return { label: f.text, start: String(f.value), end: String(f.value), span: f.span };
    case 'period':
      return { label: f.text, start: f.start, end: f.end, span: f.span };
    case 'date':
      return f.grain === 'month' ? { label: f.text, start: f.value, end: f.value, span: f.span } : null;
    default:
      return null;
  }
}

function valueOfFact(f: Fact): Value | null {
  switch (f.kind) {
    case 'percent':
      return f.value === null ? null : { value: f.value, unit: 'percent', noun: null, end: f.span[1] };
    case 'money':
      return f.value === null ? null : { value: f.value, unit: 'DKK', noun: null, end: f.span[1] };
    case 'quantity':
      return f.value === null ? null : { value: f.value, unit: 'count', noun: f.unit, end: f.span[1] };
    default:
      return null;
  }
}

function sameUnit(a: Value, b: Value): boolean {
  return a.unit === b.unit && (a.noun === null || b.noun === null || a.noun === b.noun);
}

/** Builds the series found in `text`, given its (resolved, sorted) facts. */
export function seriesFromFacts(text: string, facts: readonly Fact[]): Series[] {
  if (facts.length < 2) return [];
  const byStart = new Map<number, Fact>();
  for (const f of facts) byStart.set(f.span[0], f);

  /** The value starting exactly at `at`: a value fact, or a bare number. */
  const valueAt = (at: number): Value | null => {
    const f = byStart.get(at);
    if (f) return valueOfFact(f);
    BARE_NUMBER.lastIndex = at;
    const m = BARE_NUMBER.exec(text);
    if (!m) return null;
    const value = parseDanishNumber(m[0]);
    return value === null ? null : { value, unit: 'count', noun: null, end: at + m[0].length };
  };
  const labelAt = (at: number): Label | null => {
    const f = byStart.get(at);
    return f ? labelOf(f) : null;
  };
  const sticky = (re: RegExp, at: number): number | null => {
    re.lastIndex = at;
    return re.test(text) ? re.lastIndex : null;
  };

  const out: Series[] = [];
  const overlapsFound = (start: number, end: number): boolean => out.some((s) => s.span[0] < end && start < s.span[1]);
  let consumedUntil = -1;

  // Shape 1: "label: value label: value …"
  for (const f of facts) {
    if (f.span[0] < consumedUntil) continue;
    const first = labelOf(f);
    if (!first) continue;
    const points: SeriesPoint[] = [];
    let unit: Value | null = null;
    let label: Label | null = first;
    let end = f.span[1];
    while (label) {
      const afterColon = sticky(COLON, label.span[1]);
      if (afterColon === null) break;
      const v = valueAt(afterColon);
      if (!v || (unit && !sameUnit(unit, v))) break;
      // Keep the first counted noun seen, so bare numbers cannot bridge "5 klager" and "3 boliger".
      if (!unit || (unit.noun === null && v.noun !== null)) unit = v;
      points.push({ label: label.label, start: label.start, end: label.end, value: v.value });
      end = v.end;
      const next = sticky(POINT_GAP, v.end);
      label = next === null ? null : labelAt(next);
    }
    if (points.length >= 2 && unit) {
      const before = RUN_LABEL.exec(text.slice(Math.max(0, f.span[0] - 100), f.span[0]));
      const name = before?.[1] && /\p{L}/u.test(before[1]) ? before[1].trim() : null;
      out.push({ label: name, unit: unit.unit, span: [f.span[0], end], points });
      consumedUntil = end;
    }
  }

  // Shape 2: "<value> i <label>, <value> i <label> og <value> i <label>" ("0,3 mia. kr. i 2024, 0,5 mia. kr. i 2025")
  consumedUntil = -1;
  for (const f of facts) {
    if (f.span[0] < consumedUntil) continue;
    const first = valueOfFact(f);
    if (!first) continue;
    const points: SeriesPoint[] = [];
    let v: Value | null = first;
    let end = f.span[1];
    // Value facts carry their noun, so sameUnit against the first point is enough here.
    while (v && sameUnit(first, v)) {
      const labelStart = sticky(IN_OR_FOR, v.end);
      const label = labelStart === null ? null : labelAt(labelStart);
      if (!label) break;
      points.push({ label: label.label, start: label.start, end: label.end, value: v.value });
      end = label.span[1];
      const next = sticky(LIST_GAP, end);
      const nextFact = next === null ? undefined : byStart.get(next);
      v = nextFact ? valueOfFact(nextFact) : null;
    }
    if (points.length >= 2 && !overlapsFound(f.span[0], end)) {
      out.push({ label: null, unit: first.unit, span: [f.span[0], end], points });
      consumedUntil = end;
    }
  }

  // Shape 3: "fra <value> i <label> til <value> i <label>"
  FROM.lastIndex = 0;
  for (let m = FROM.exec(text); m !== null; m = FROM.exec(text)) {
    const start = m.index;
    const v1 = valueAt(FROM.lastIndex);
    if (!v1) continue;
    const l1At = sticky(IN, v1.end);
    const l1 = l1At === null ? null : labelAt(l1At);
    if (!l1) continue;
    const v2At = sticky(TO, l1.span[1]);
    const v2 = v2At === null ? null : valueAt(v2At);
    if (!v2 || !sameUnit(v1, v2)) continue;
    const l2At = sticky(IN, v2.end);
    const l2 = l2At === null ? null : labelAt(l2At);
    if (!l2) continue;
    if (overlapsFound(start, l2.span[1])) continue;
    out.push({
      label: null,
      unit: v1.unit,
      span: [start, l2.span[1]],
      points: [
        { label: l1.label, start: l1.start, end: l1.end, value: v1.value },
        { label: l2.label, start: l2.start, end: l2.end, value: v2.value },
      ],
    });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
