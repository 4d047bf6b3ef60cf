/**
 * The review page as HTML (no browser): every goal a card, every fact a mark around exactly its
 * text, all source text escaped, nothing external, deterministic. The browser test checks behaviour.
 */
import { createHash } from 'node:crypto';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellSegments, escapeHtml, markText, renderReviewHtml } from '../../../output/review/page.js';
import type { Fact } from '../../../schemas/fact.js';
import type { Report } from '../../../schemas/report.js';
import { ATTR_PAYLOAD, IMG_PAYLOAD, SCRIPT_PAYLOAD, hostileReport, seedReport } from './review-fixtures.js';

let seed: Report;
let seedHtml: string;
beforeAll(async () => {
  seed = await seedReport();
  seedHtml = renderReviewHtml(seed);
});

const all = (html: string, test: (e: Element) => boolean) => DomUtils.findAll(test, parseDocument(html).children);

/** The text of each fact on a page, by its `data-fact` key (a fact cut at a line end has several marks). */
function markedText(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of all(html, (e) => e.name === 'mark' && e.attribs['data-fact'] !== undefined)) {
    const key = m.attribs['data-fact']!;
    out.set(key, (out.get(key) ?? '') + DomUtils.textContent(m));
  }
  return out;
}

const fact = (kind: Fact['kind'], span: [number, number], text: string): Fact =>
  ({ kind: 'year', column: 'results', text, span, value: 2000 }) as Fact & { kind: typeof kind };

describe('markText', () => {
  const piece = (start: number, end: number, key: string) => ({ start, end, fact: { key, fact: fact('year', [start, end], 'x') } });

  it('escapes text and marks spans, nesting a fact inside another', () => {
    const html = markText('a <b> 2014-2017 c', [piece(6, 15, 'p'), piece(6, 10, 'y')]);
    expect(html).toMatch(/^a &lt;b&gt; <mark data-kind="year" data-fact="p"[^>]*><mark data-kind="year" data-fact="y"[^>]*>2014<\/mark>-2017<\/mark> c$/);
  });

  it('cuts a fact that crosses the end of another and goes on after it', () => {
    const html = markText('abcdefgh', [piece(0, 4, 'a'), piece(2, 7, 'b')]);
    const texts = markedText(html);
    expect(texts.get('a')).toBe('abcd');
    expect(texts.get('b')).toBe('cdefg');
    expect(DomUtils.textContent(parseDocument(html))).toBe('abcdefgh');
  });
});

describe('cellSegments', () => {
  it('maps the cell text onto paragraphs and list items, one line each', () => {
    const cell = { text: 'Intro\nen\nto\nSlut', blocks: [{ type: 'paragraph' as const, text: 'Intro' }, { type: 'list' as const, items: ['en', 'to'] }, { type: 'heading' as const, text: 'Slut' }] };
    const segments = cellSegments(cell)!;
    expect(segments.map((s) => [s.start, s.text, s.block, s.item])).toEqual([
      [0, 'Intro', 0, null],
      [6, 'en', 1, 0],
      [9, 'to', 1, 1],
      [12, 'Slut', 2, null],
    ]);
    for (const s of segments) expect(cell.text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it('gives up when the blocks do not make the text (the page then shows the text lines)', () => {
    expect(cellSegments({ text: 'a\nb', blocks: [{ type: 'paragraph', text: 'a b' }] })).toBeNull();
  });
});

describe('renderReviewHtml', () => {
  it('has one card per goal, in its section, with its id, provenance and kinds', () => {
    const articles = all(seedHtml, (e) => e.name === 'article');
    expect(articles.map((a) => a.attribs['data-goal-id'])).toEqual(seed.goals.map((g) => g.id));
    const second = articles[1]!;
    expect(DomUtils.textContent(second)).toContain('pages 1–2 · lines');
    expect(second.attribs['data-kinds']).toBe([...new Set(seed.goals[1]!.facts.map((f) => f.kind))].sort().join(' '));
    const groups = all(seedHtml, (e) => e.name === 'section' && e.attribs.class === 'group');
    expect(groups.map((g) => g.attribs['data-section'])).toEqual([...new Set(seed.goals.map((g) => g.section ?? ''))]);
  });

  it('marks every fact exactly around its text, with its kind and normalized value', () => {
    const marks = markedText(seedHtml);
    const facts = seed.goals.flatMap((g) => g.facts.map((f, i) => ({ key: `${g.ordinal}.${i + 1}`, f })));
    expect(marks.size).toBe(facts.length);
    for (const { key, f } of facts) expect(marks.get(key), key).toBe(f.text);
    const money = all(seedHtml, (e) => e.name === 'mark' && e.attribs['data-kind'] === 'money');
    expect(money.length).toBe(facts.filter((x) => x.f.kind === 'money').length);
    expect(seedHtml).toContain('title="money: 1600000 DKK per year (results 84–96)"');
  });

  it('renders lists as lists and each time series as an SVG chart with one point per value', () => {
    const bande = all(seedHtml, (e) => e.name === 'article' && e.attribs['data-ordinal'] === String(seed.goals.find((g) => g.title === 'Bandepartnerskab')!.ordinal))[0]!;
    expect(DomUtils.findAll((e) => e.name === 'li', bande.children).length).toBeGreaterThanOrEqual(4);
    const series = seed.goals.flatMap((g) => g.series);
    const charts = all(seedHtml, (e) => e.name === 'svg');
    expect(charts).toHaveLength(series.length);
    charts.forEach((svg, i) => expect(DomUtils.findAll((e) => e.name === 'circle', svg.children)).toHaveLength(series[i]!.points.length));
  });

  it('is self-contained: no external reference, one script pinned by its hash in the CSP', () => {
    expect(seedHtml).not.toMatch(/\s(src|href)=/i);
    expect(seedHtml).not.toMatch(/<link|@import|url\(/i);
    const scripts = all(seedHtml, (e) => e.name === 'script');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(DomUtils.textContent(scripts[0]!)).digest('base64');
    const csp = all(seedHtml, (e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy')[0]!;
    expect(csp.attribs.content).toContain(`script-src 'sha256-${hash}'`);
    expect(csp.attribs.content).toContain("default-src 'none'");
  });

  it('is deterministic', () => {
    expect(renderReviewHtml(seed)).toBe(seedHtml);
  });

  it('escapes every piece of source text: markup shows as text', async () => {
    const report = await hostileReport();
    const html = renderReviewHtml(report);
    expect(all(html, (e) => e.name === 'script')).toHaveLength(1);
    expect(all(html, (e) => e.name === 'img' || (e.name === 'svg' && 'onload' in e.attribs))).toHaveLength(0);
    expect(all(html, (e) => Object.keys(e.attribs).some((a) => a.startsWith('on')))).toHaveLength(0);
    const text = DomUtils.textContent(parseDocument(html));
    for (const payload of [SCRIPT_PAYLOAD, IMG_PAYLOAD, ATTR_PAYLOAD]) expect(text).toContain(payload);
    // Attribute values keep their quotes escaped.
    const article = all(html, (e) => e.name === 'article')[0]!;
    expect(article.attribs['data-goal-id']).toBe(report.goals[0]!.id);
    expect(markedText(html).size).toBe(report.goals[0]!.facts.length);
  });

  it('lists a fact whose span does not match its text instead of marking the wrong words', () => {
    const broken = structuredClone(seed);
    const g = broken.goals.find((x) => x.facts.length)!;
    g.facts[0] = { ...g.facts[0]!, span: [0, g.facts[0]!.text.length + 3] } as Fact;
    const html = renderReviewHtml(broken);
    expect(all(html, (e) => e.attribs.class === 'unplaced')).toHaveLength(1);
    expect(markedText(html).size).toBe(seed.goals.reduce((n, x) => n + x.facts.length, 0));
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
