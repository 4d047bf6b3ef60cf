/**
 * The one-pass rule engine (`extractors/scanner.ts`) against the engine it replaced, kept here as the oracle:
 * every rule's global pattern searched over the whole text, the figure rules' whole sticky patterns tried at
 * the starts of one figure scan, overlaps resolved with a fresh array. Both must give the same candidates
 * (same rules, facts and order) and the same facts and series, on every cell text of every fixture, the
 * corpus documents read in place, the extractor tests' sentences, and random Danish-like strings.
 *
 * The random run is small here (the unit project stays fast); `SCANNER_RUNS=50000` makes a dedicated run,
 * and `TEST_SEED` replays one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract, extractCandidates, RULES, MAX_FACTS_PER_TEXT, type Candidate, type ExtractOptions, type RuleContext } from '../../extractors/index.js';
import { WORD_NUMBER } from '../../extractors/numbers.js';
import { dateRangePass } from '../../extractors/periods.js';
import { seriesFromFacts } from '../../extractors/series.js';
import { HS } from '../../extractors/spaces.js';
import type { Fact } from '../../schemas/fact.js';
import { CASES, CORPUS_GOLDEN } from './corpus-sentences.js';
import { CORPUS_DIR, corpusPlainText, corpusSkipReason, PROJECT_ROOT, skippedBecause } from '../corpus.js';
import { seededRandom } from '../random.js';

/** The figure scan of the old engine: every place a figure may start. */
const FIGURE = new RegExp(String.raw`(?<![\p{L}])[Mm]ellem${HS}+|(?:[\-\u2212]|÷${HS}?)?\d[\d.,]*|½|${WORD_NUMBER}`, 'gu');

function firstTokenLength(s: string): number {
  const i = s.search(/\s/);
  return i <= 0 ? s.length : i;
}

/** The rules' own patterns, copied once: the engine under test never touches these. */
const PATTERNS = new Map(RULES.map((r) => [r, new RegExp(r.pattern.source, r.pattern.flags)]));

/** The old engine's candidates: each rule's own pattern over the whole text. */
function oracleCandidates(text: string, context: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  let starts: number[] | null = null;
  for (const rule of RULES) {
    if (rule.enabled && !rule.enabled(context)) continue;
    const re = PATTERNS.get(rule)!;
    if (rule.anchor === 'figure') {
      if (!starts) {
        starts = [];
        FIGURE.lastIndex = 0;
        for (let m = FIGURE.exec(text); m !== null; m = FIGURE.exec(text)) {
          starts.push(m.index);
          FIGURE.lastIndex = m.index + Math.max(1, firstTokenLength(m[0]));
        }
      }
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
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const fact = rule.build(m, text, context);
      if (fact) out.push({ rule: rule.name, fact });
      re.lastIndex = m.index + Math.max(1, firstTokenLength(m[0]));
    }
  }
  for (const found of dateRangePass(text, out, context)) out.push(found);
  return out;
}

const KIND_PRIORITY: Readonly<Record<Fact['kind'], number>> = { period: 6, date: 5, money: 4, percent: 3, quantity: 2, year: 1 };

/** The old overlap resolution, with a fresh array per text. */
function oracleResolve(candidates: readonly Candidate[], textLength: number): Candidate[] {
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
    if (taken[s] || taken[e - 1]) continue;
    taken.fill(1, s, e);
    kept.push(c);
  }
  return kept.sort((a, b) => a.fact.span[0] - b.fact.span[0]);
}

/** Options the pipeline passes (valid ones, so the oracle can take them as its context unchanged). */
const OPTIONS: readonly (ExtractOptions & RuleContext)[] = [
  { amountScale: null, referenceYear: null },
  { amountScale: null, referenceYear: 2025 },
  { amountScale: { unit: 't.kr.', factor: 1000, from: 'header' }, referenceYear: 2020, total: true },
];

/** Checks the engine against the oracle on one text; returns how many candidates there were. */
function expectSameAsOracle(text: string, options: ExtractOptions & RuleContext): number {
  const context: RuleContext = { amountScale: options.amountScale, referenceYear: options.referenceYear };
  const expected = oracleCandidates(text, context);
  const resolved = oracleResolve(expected, text.length);
  const facts = resolved
    .slice(0, MAX_FACTS_PER_TEXT)
    .map((c) => (options.total && c.fact.kind === 'money' ? { ...c.fact, total: true } : c.fact));
  const want = { candidates: expected, facts, series: seriesFromFacts(text, facts), truncated: resolved.length > MAX_FACTS_PER_TEXT };
  const found = extract(text, options);
  const got = { candidates: extractCandidates(text, options), facts: found.facts, series: found.series, truncated: found.truncated };
  // Compared as JSON first (fast; key order is the builders' in both), and in detail only when that differs.
  if (JSON.stringify(got) !== JSON.stringify(want)) expect(got, JSON.stringify(text.slice(0, 200))).toEqual(want);
  return expected.length;
}

/** Every text the facts stage reads in a fixture's expected report: titles, subtitles and cells. */
function fixtureTexts(): string[] {
  const dir = join(PROJECT_ROOT, 'fixtures');
  const texts = new Set<string>();
  for (const name of readdirSync(dir)) {
    let report: { goals?: { title?: string | null; subtitle?: string | null; cells?: { text: string }[] }[] };
    try {
      report = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8'));
    } catch {
      continue; // bad/ and cases without a report
    }
    for (const g of report.goals ?? []) {
      for (const t of [g.title, g.subtitle, ...(g.cells ?? []).map((c) => c.text)]) if (t) texts.add(t);
    }
  }
  return [...texts];
}

describe('the one-pass engine gives what every rule searched alone gave', () => {
  it('on every cell text of every fixture', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(500);
    let candidates = 0;
    for (const text of texts) for (const o of OPTIONS) candidates += expectSameAsOracle(text, o);
    expect(candidates).toBeGreaterThan(1000);
  });

  it('on the extractor tests\' sentences', () => {
    let candidates = 0;
    for (const text of CASES) for (const o of OPTIONS) candidates += expectSameAsOracle(text, o);
    expect(candidates).toBeGreaterThan(CASES.length);
  });

  const skip = corpusSkipReason();
  it.skipIf(skip)(`on the corpus documents, whole and line by line, read in place${skippedBecause(skip)}`, () => {
    const docs = [
      ...new Set([
        ...CORPUS_GOLDEN.map(([doc]) => doc),
        ...readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.html')),
        ...readdirSync(join(CORPUS_DIR, 'greve'))
          .filter((f) => f.endsWith('.html'))
          .map((f) => `greve/${f}`),
      ]),
    ];
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs) {
      const text = corpusPlainText(doc);
      expectSameAsOracle(text, OPTIONS[1]!);
      for (const sentence of text.split(/(?<=[.!?:])\s+/)) for (const o of OPTIONS) expectSameAsOracle(sentence, o);
    }
  });
});

/** Pieces of Danish report text, so that random strings reach every rule, its openings and its edges. */
const PIECES = [
  ' ', ' ', ' ', '\t', '\n', '\r\n', '\u2028', '\u00a0', '\u202f', '\u2009', '.', ',', '-', '–', '—', '−', '/', ':', ';', '(', ')', '%', '½',
  '÷', '§', '*', '+', "'", '’', 'x', 'A', 'é', 'e\u0301', 'æ', '𝐀', 'Ω',
  '0', '1', '2', '3', '4', '5', '9', '12', '31', '45', '100', '2014', '2017', '2100', '1899', '19', '20', '52.000', '5,7', '1.250', '1\u00a0250',
  '1.250.000', '31.12.2019', '19-08-2025', '2019-12-31', '19/8', '27/11', '2/3', '24/7', '1½', '12345678901234567',
  'ca.', 'ca', 'cirka', 'mere end', 'mindst', 'op til', 'over', 'under', 'ikke mere end', 'i omegnen af', 'knap',
  'mellem', 'Mellem', 'og', 'fra', 'Fra', 'fra og med', 'til', 'til og med', 'i', 'I', 'den', 'd.', 'pr.', 'per', 'af', 'siden', 'inden', 'efter', 'før',
  'kr.', 'kr', 'Kr.', 'mio.', 'mio', 'mia.', 'mill.', 'mrd.', 't.kr.', 'tkr.', 'tusind kroner', 'DKK', 'millioner', 'milliard', 'kroner', 'euro',
  'en', 'En', 'én', 'ét', 'et', 'halv', 'årligt', 'om året', 'pr. md.', '/år', 'årlig', ',-',
  'pct.', 'pct', 'procent', 'procentpoint', '%-point', 'pct.-point',
  'januar', 'Januar', 'jan.', 'februar', 'marts', 'mrt.', 'april', 'maj', 'Juni', 'juli', 'august', 'sept.', 'september', 'okt.', 'november', 'december',
  'måned', 'halvår', 'halvåret', 'halvdel', 'kvartal', 'kv.', 'kvt.', 'første', 'Første', 'andet', 'anden', 'tredje', 'fjerde', 'sidste',
  'forår', 'sommeren', 'efteråret', 'vinteren', 'primo', 'Medio', 'ultimo', 'starten af', 'slutningen af', 'H1', '2H', 'Q3',
  'to', 'To', 'tre', 'Tre', 'fem', 'femogtyve', 'halvanden', 'tusinde', 'hundrede', 'ni', 'tolv', 'konto', 'fire', 'seks',
  'borgere', 'boliger', 'år', 'årige', 'nye', 'store', 'Politikadet', 'm²', 'm2', 'km', 'stk.', 'nr.', 'sag', 'Råmosevej', 'vej', 'Mål',
  'afholdt', 'KTMU', 'møde', 'senest', 'pkt.', 'kl.', 'I alt', '-2,2', '(1.200)', '11.154', 'anlæg', 'ledige', 'besøgende',
  // Words sharing a rule word's first two letters, or its first three (the engine checks an opening's third).
  'for', 'For', 'som', 'med', 'de', 'fik', 'fe', 'ti', 'tyve', 'Fr', 'mel', 'febr.', 'mar.', 'Sept.', 'begyndelsen af', 'midten af', 'sommer', 'Vinter',
];

const danishText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(' ')),
  fc.string({ unit: fc.constantFrom(...'0123456789 .,-–/:%½÷()kKrtmio'.split('')), maxLength: 40 }),
);

describe('random Danish-like text', () => {
  const runs = Number(process.env.SCANNER_RUNS ?? 600);
  const { seed } = seededRandom('scanner differential');
  it(`gives the oracle's candidates, facts and series (${runs} strings, seed ${seed})`, () => {
    fc.assert(
      fc.property(danishText, fc.constantFrom(...OPTIONS), (text, options) => {
        expectSameAsOracle(text, options);
      }),
      { numRuns: runs, seed },
    );
  });
});
