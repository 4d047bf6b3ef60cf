/**
 * The review page as HTML (no browser): one card per goal under its table, section and group, every
 * cell with its column label and role, every fact a mark around exactly its text, scaled amounts and
 * totals rows shown, all source text escaped, nothing external, deterministic. The browser test
 * checks behaviour.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseReportJson } from '../../../output/report-file.js';
import { cellSegments, escapeHtml, markText, renderReviewHtml } from '../../../output/review/page.js';
import type { Fact } from '../../../schemas/fact.js';
import { ATTR_PAYLOAD, IMG_PAYLOAD, SCRIPT_PAYLOAD, hostileReport, sampleReport } from './review-fixtures.js';

const sample = sampleReport();
const sampleHtml = renderReviewHtml(sample);

const all = (html: string, test: (e: Element) => boolean) => DomUtils.findAll(test, parseDocument(html).children);
const within = (e: Element, test: (e: Element) => boolean) => DomUtils.findAll(test, e.children);
const text = (e: Element) => DomUtils.textContent(e);

/** The text of each fact on a page, by its `data-fact` key (a fact cut at a line end has several marks). */
function markedText(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of all(html, (e) => e.name === 'mark' && e.attribs['data-fact'] !== undefined)) {
    const key = m.attribs['data-fact']!;
    out.set(key, (out.get(key) ?? '') + text(m));
  }
  return out;
}

const article = (html: string, title: string) => all(html, (e) => e.name === 'article' && text(within(e, (x) => x.name === 'h4')[0]!).includes(title))[0]!;

const fact = (kind: Fact['kind'], span: [number, number], text: string): Fact =>
  ({ kind: 'year', cell: 2, column: 'RESULTATER', field: 'text', text, span, value: 2000 }) as Fact & { kind: typeof kind };

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
  it('has one card per goal, under its table (caption and columns as a heading) and its section or group', () => {
    const articles = all(sampleHtml, (e) => e.name === 'article');
    expect(articles.map((a) => a.attribs['data-goal-id'])).toEqual(sample.goals.map((g) => g.id));
    expect(articles.map((a) => a.attribs['data-table'])).toEqual(sample.goals.map((g) => String(g.table)));
    expect(text(articles[0]!)).toContain('pages 1–2 · lines');
    expect(articles[1]!.attribs['data-kinds']).toBe([...new Set(sample.goals[1]!.facts.map((f) => f.kind))].sort().join(' '));

    const tables = all(sampleHtml, (e) => e.name === 'section' && e.attribs.class === 'table');
    expect(tables.map((t) => t.attribs['data-table'])).toEqual(['1', '2']);
    expect(text(within(tables[1]!, (e) => e.name === 'h2')[0]!)).toBe('Table 2: Tabel 2 - Anlægs- og driftsprojekter (1.000 kr.)');
    expect(text(within(tables[1]!, (e) => e.attribs?.class === 'columns')[0]!)).toContain('2025 Beløb i t.kr. (amount, t.kr. × 1000 from the header, 2025)');
    const groups = (t: Element) => within(t, (e) => e.name === 'section' && e.attribs.class === 'group').map((g) => [g.attribs['data-section'], g.attribs['data-group']]);
    expect(groups(tables[0]!)).toEqual([
      ['POLITISK ORGANISERING', ''],
      ['BANDE-KRIMINALITET', ''],
      ['LEDELSE OG ORGANISATION', ''],
    ]);
    expect(groups(tables[1]!)).toEqual([
      ['', 'Anlæg'],
      ['', 'Drift'],
      ['', ''],
    ]);
  });

  it('shows every cell of the row under its column label and role; the title cell only when it holds more than the title', () => {
    for (const goal of sample.goals) {
      const card = article(sampleHtml, goal.title);
      const cells = within(card, (e) => e.name === 'section' && e.attribs.class === 'cell');
      const shown = goal.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.role !== 'goal');
      expect(cells.map((c) => Number(c.attribs['data-cell'])), goal.title).toEqual(shown.map(({ i }) => i));
      cells.forEach((c, k) => {
        const own = shown[k]!.c;
        expect(text(within(c, (e) => e.name === 'h5')[0]!)).toBe(`${own.label} ${own.role}`);
        expect(c.attribs['data-role']).toBe(own.role);
      });
      expect(text(within(card, (e) => e.attribs?.class === 'title-cell')[0]!)).toBe(`${goal.cells.find((c) => c.role === 'goal')!.label} goal`);
    }
    const extra = structuredClone(sample);
    extra.goals[0]!.cells[0] = { ...extra.goals[0]!.cells[0]!, text: `${extra.goals[0]!.title}\nEn ekstra linje`, blocks: [{ type: 'paragraph', text: extra.goals[0]!.title }, { type: 'paragraph', text: 'En ekstra linje' }] };
    const html = renderReviewHtml(extra);
    const card = article(html, extra.goals[0]!.title);
    expect(within(card, (e) => e.attribs?.['data-cell'] === '0')).toHaveLength(1);
    // A subtitle written with its dash ("- Revision …") is still only the title and subtitle.
    const dashed = structuredClone(sample);
    const g = dashed.goals.find((x) => x.subtitle !== null)!;
    g.cells[0] = { ...g.cells[0]!, text: `${g.title}\n- ${g.subtitle}`, blocks: [{ type: 'paragraph', text: g.title }, { type: 'paragraph', text: `- ${g.subtitle}` }] };
    expect(within(article(renderReviewHtml(dashed), g.title), (e) => e.attribs?.['data-cell'] === '0')).toHaveLength(0);
  });

  it('marks every fact exactly around its text, with its kind and normalized value', () => {
    const marks = markedText(sampleHtml);
    const facts = sample.goals.flatMap((g, gi) => g.facts.map((f, i) => ({ key: `${gi + 1}.${i + 1}`, f })));
    expect(marks.size).toBe(facts.length);
    for (const { key, f } of facts) expect(marks.get(key), key).toBe(f.text);
    const money = all(sampleHtml, (e) => e.name === 'mark' && e.attribs['data-kind'] === 'money');
    expect(money.length).toBe(facts.filter((x) => x.f.kind === 'money').length);
    expect(sampleHtml).toContain('title="money: 1600000 DKK per year (RESULTATER 84–96)"');
    // A fact of the subtitle is marked in the subtitle; a date without a year says so.
    const subtitle = all(sampleHtml, (e) => e.attribs?.class === 'subtitle')[0]!;
    expect(within(subtitle, (e) => e.name === 'mark').map(text)).toEqual(['foråret 2017']);
    expect(sampleHtml).toContain('title="date: --04-23 (day, year unknown) (Status 16–25)"');
  });

  it('shows the unit and the kroner of a bare amount read with its column scale, and marks totals rows', () => {
    const marks = all(sampleHtml, (e) => e.name === 'mark' && e.attribs['data-scale'] !== undefined);
    expect(marks.map((m) => text(m))).toEqual(['1.500', '750', '250', '2.500']);
    expect(marks[0]!.attribs).toMatchObject({
      'data-scale': 't.kr.',
      'data-scaled': ' (t.kr.) = 1 500 000 kr.',
      title: 'money: 1.500 (t.kr.) = 1 500 000 kr. · 1500 × 1000 = 1500000 DKK (t.kr., header) (2025 Beløb i t.kr. 0–5)',
    });
    expect(marks[3]!.attribs['data-total']).toBe('true');
    expect(marks[3]!.attribs.title).toContain('2500 × 1000 = 2500000 DKK (t.kr., header), totals row');
    const totals = all(sampleHtml, (e) => e.name === 'article' && e.attribs['data-total'] === 'true');
    expect(totals.map((a) => a.attribs['data-goal-id'])).toEqual([sample.goals.find((g) => g.total)!.id]);
    expect(totals[0]!.attribs.class).toBe('goal total');
    expect(text(within(totals[0]!, (e) => e.attribs?.class === 'badge total')[0]!)).toBe('totals row');
    expect(sampleHtml).toContain('mark[data-scaled]::after { content: attr(data-scaled);');
  });

  it('renders lists as lists and each time series as an SVG chart with one point per value', () => {
    const bande = article(sampleHtml, 'Bandepartnerskab');
    expect(within(bande, (e) => e.name === 'li').length).toBe(4);
    const series = sample.goals.flatMap((g) => g.series);
    const charts = all(sampleHtml, (e) => e.name === 'svg');
    expect(charts).toHaveLength(series.length);
    charts.forEach((svg, i) => expect(within(svg, (e) => e.name === 'circle')).toHaveLength(series[i]!.points.length));
  });

  it('shows the report head: municipality, meeting date, tables, contents', () => {
    const head = text(all(sampleHtml, (e) => e.attribs?.id === 'report-head')[0]!);
    expect(head).toContain('MunicipalityBallerup');
    expect(head).toContain('Meeting date2017-11-20');
    expect(head).toContain('TablesTable 1 (3 columns) · Table 2: Tabel 2 - Anlægs- og driftsprojekter (1.000 kr.) (5 columns)');
    expect(head).toContain('9 goals (1 totals row), 20 facts, 1 time series');
  });

  it('is self-contained: no external reference, one script pinned by its hash in the CSP', () => {
    expect(sampleHtml).not.toMatch(/\s(src|href)=/i);
    expect(sampleHtml).not.toMatch(/<link|@import|\burl\(/i); // CSS url(), not the script's createObjectURL(
    const scripts = all(sampleHtml, (e) => e.name === 'script');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(text(scripts[0]!)).digest('base64');
    const csp = all(sampleHtml, (e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy')[0]!;
    expect(csp.attribs.content).toContain(`script-src 'sha256-${hash}'`);
    expect(csp.attribs.content).toContain("default-src 'none'");
  });

  it('is deterministic', () => {
    expect(renderReviewHtml(sampleReport())).toBe(sampleHtml);
  });

  it('escapes every piece of source text: markup shows as text', () => {
    const report = hostileReport();
    const html = renderReviewHtml(report);
    expect(all(html, (e) => e.name === 'script')).toHaveLength(1);
    expect(all(html, (e) => e.name === 'img' || (e.name === 'svg' && 'onload' in e.attribs))).toHaveLength(0);
    expect(all(html, (e) => Object.keys(e.attribs).some((a) => a.startsWith('on')))).toHaveLength(0);
    const body = DomUtils.textContent(parseDocument(html));
    for (const payload of [SCRIPT_PAYLOAD, IMG_PAYLOAD, ATTR_PAYLOAD]) expect(body).toContain(payload);
    // Attribute values keep their quotes escaped.
    const card = all(html, (e) => e.name === 'article')[0]!;
    expect(card.attribs['data-goal-id']).toBe(report.goals[0]!.id);
    expect(markedText(html).size).toBe(report.goals[0]!.facts.length);
    const scaled = all(html, (e) => e.name === 'mark' && e.attribs['data-scale'] !== undefined)[0]!;
    expect(scaled.attribs['data-scale']).toBe(`t.kr.${ATTR_PAYLOAD}`);
    expect(scaled.attribs['data-scaled']).toBe(` (t.kr.${ATTR_PAYLOAD}) = 1 500 000 kr.`);
  });

  it('lists a fact whose span does not match its text instead of marking the wrong words', () => {
    const broken = structuredClone(sample);
    const g = broken.goals.find((x) => x.facts.length)!;
    g.facts[0] = { ...g.facts[0]!, span: [0, g.facts[0]!.text.length + 3] } as Fact;
    const html = renderReviewHtml(broken);
    expect(all(html, (e) => e.attribs.class === 'unplaced')).toHaveLength(1);
    expect(markedText(html).size).toBe(sample.goals.reduce((n, x) => n + x.facts.length, 0));
  });

  it('shows a report upgraded from schema version 1 with its cells and facts in place', () => {
    const loaded = parseReportJson(readFileSync('test/output/fixtures/v1-oekonomiudvalget-excerpt.json', 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const html = renderReviewHtml(loaded.report);
    const facts = loaded.report.goals.flatMap((g, gi) => g.facts.map((f, i) => ({ key: `${gi + 1}.${i + 1}`, f })));
    const marks = markedText(html);
    expect(marks.size).toBe(facts.length);
    for (const { key, f } of facts) expect(marks.get(key), key).toBe(f.text);
    expect(all(html, (e) => e.attribs?.class === 'unplaced')).toHaveLength(0);
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
