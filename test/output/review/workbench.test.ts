/**
 * The workbench parts of the review page as HTML (no browser; `workbench.e2e.test.ts` checks them in
 * Chromium): page images with their sizes, boxes on cells and facts for the script, each goal's key
 * and content hash, the decision bar, source lines with facts marked and markup escaped, the facts
 * table with Danish values, the export's file name.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { boxesAttribute, renderReviewHtml, reviewFileName } from '../../../output/review/page.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import { danishFactValue } from '../../../output/danish-values.js';
import type { Report } from '../../../schemas/report.js';
import { SCRIPT_PAYLOAD, hostileReport, sampleReport } from './review-fixtures.js';

const all = (html: string, test: (e: Element) => boolean) => DomUtils.findAll(test, parseDocument(html).children);

/** The sample as if read from a PDF: every cell and fact of the first goal gets a box on page 1. */
function withBoxes(report: Report): Report {
  const r = structuredClone(report);
  const g = r.goals[0]!;
  g.cells = g.cells.map((c, i) => ({ ...c, boxes: [{ page: 1, x: 40 + 150 * i, y: 100, width: 140, height: 40 }] }));
  g.facts = g.facts.map((f, i) => ({ ...f, boxes: [{ page: 1, x: 50 + i, y: 110, width: 30.5, height: 10 }] }));
  r.source.format = 'pdf';
  return r;
}

const PAGE = { page: 1, width: 595.3, height: 841.9, src: 'data:image/jpeg;base64,AAAA' };

describe('review workbench HTML', () => {
  it('embeds the page images with their sizes in points, and the boxes for the script', () => {
    const report = withBoxes(sampleReport());
    const html = renderReviewHtml(report, { pages: [PAGE, { page: 2, width: 595.3, height: 841.9, src: null }] });
    const figures = all(html, (e) => e.name === 'figure' && e.attribs.class === 'page');
    expect(figures.map((f) => [f.attribs['data-page'], f.attribs['data-width'], f.attribs['data-height']])).toEqual([['1', '595.3', '841.9'], ['2', '595.3', '841.9']]);
    const images = all(html, (e) => e.name === 'img');
    expect(images.map((i) => i.attribs.src)).toEqual([PAGE.src]);
    // Every src is a data URL: the page stays self-contained.
    expect(html.match(/\ssrc="(?!data:)/g)).toBeNull();
    const g = report.goals[0]!;
    const marks = all(html, (e) => e.name === 'mark' && e.attribs['data-boxes'] !== undefined);
    expect(new Set(marks.map((m) => m.attribs['data-boxes']))).toEqual(new Set(g.facts.map((f) => boxesAttribute(f.boxes!))));
    const cells = all(html, (e) => e.name === 'section' && e.attribs.class === 'cell' && e.attribs['data-boxes'] !== undefined);
    expect(cells.length).toBeGreaterThan(0);
    expect(boxesAttribute([{ page: 3, x: 1.5, y: 2, width: 3, height: 4 }, { page: 4, x: 0, y: 0, width: 1, height: 1 }])).toBe('3 1.5 2 3 4;4 0 0 1 1');
  });

  it('names every card by goal key and content hash, with a decision bar', () => {
    const report = sampleReport();
    const html = renderReviewHtml(report);
    const articles = all(html, (e) => e.name === 'article');
    expect(articles.map((a) => [a.attribs['data-key'], a.attribs['data-content']])).toEqual(report.goals.map((g) => [g.key, goalContentHash(g)]));
    expect(all(html, (e) => e.name === 'button' && e.attribs['data-act'] === 'accept')).toHaveLength(report.goals.length);
    expect(all(html, (e) => e.name === 'meta' && e.attribs.name === 'review-file')[0]!.attribs.content).toBe(reviewFileName(report));
    expect(html).not.toContain('id="source-pages"');
  });

  it('lists each fact with its Danish value next to its normalized one', () => {
    const report = sampleReport();
    const html = renderReviewHtml(report);
    const danish = all(html, (e) => e.name === 'td' && e.attribs.class === 'danish').map((td) => DomUtils.textContent(td));
    expect(danish).toEqual(report.goals.flatMap((g) => g.facts.map(danishFactValue)));
  });

  it('shows the source lines beside a card, facts marked, markup as text', () => {
    const report = hostileReport();
    const g = report.goals[0]!;
    const lines: string[] = [];
    const fact = g.facts[0]!;
    lines[g.provenance.lines[0] - 1] = `${SCRIPT_PAYLOAD} før ${fact.text} efter`;
    const html = renderReviewHtml(report, { lines: Array.from(lines, (l) => l ?? '') });
    expect(html).not.toContain(SCRIPT_PAYLOAD);
    const aside = all(html, (e) => e.name === 'aside' && e.attribs.class === 'source-lines')[0]!;
    expect(DomUtils.textContent(aside)).toContain(SCRIPT_PAYLOAD);
    const marks = DomUtils.findAll((e) => e.name === 'mark', aside.children);
    expect(marks.map((m) => DomUtils.textContent(m))).toContain(fact.text);
    const item = DomUtils.findAll((e) => e.name === 'li', aside.children)[0]!;
    expect(item.attribs.value).toBe(String(g.provenance.lines[0]));
  });

  it('exports under the source file name', () => {
    const name = (path: string) => reviewFileName({ source: { ...sampleReport().source, path } });
    expect([name('reports/punkt-5.pdf'), name('a\\b\\x.txt'), name('.pdf')]).toEqual(['punkt-5.review.json', 'x.review.json', 'report.review.json']);
  });
});
