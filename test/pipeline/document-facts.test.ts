import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocumentFacts } from '../../pipeline/document-facts.js';
import { parseReport } from '../../pipeline/index.js';
import { loadPages } from '../../pipeline/formats/pdf.js';
import { lineText, groupLines } from '../../pipeline/formats/pdf-page.js';

const SEED_TXT = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';
const encode = (s: string) => new TextEncoder().encode(s);

describe('facts of any document', () => {
  it('give each fact of a text the page of its line, by the text format page rule', async () => {
    const text = 'Budget 1,6 mio. kr.\n\fI 2019 steg det med 5 %.\n\n\nDen 1. maj 2020 var 12 %.';
    const { value, diagnostics } = await extractDocumentFacts(encode(text));
    expect(diagnostics).toEqual([]);
    expect(value!.map((f) => [f.text, f.page])).toEqual([
      ['1,6 mio. kr.', 1],
      ['2019', 2],
      ['5 %', 2],
      ['1. maj 2020', 3],
      ['12 %', 3],
    ]);
    // Spans index the decoded text.
    for (const f of value!) expect(text.slice(...f.span)).toBe(f.text);
  });

  it('agree with parse on the pages of the seed: every goal fact stands on a page its goal spans', async () => {
    const bytes = readFileSync(SEED_TXT);
    const [report, { value }] = await Promise.all([parseReport({ path: SEED_TXT, bytes }), extractDocumentFacts(bytes)]);
    const pagesOf = new Map<string, Set<number>>();
    for (const goal of report.goals) {
      for (const fact of goal.facts) {
        const [first, last] = goal.provenance.pages;
        const set = pagesOf.get(fact.text) ?? new Set();
        for (let p = first; p <= last; p++) set.add(p);
        pagesOf.set(fact.text, set);
      }
    }
    const compared = value!.filter((f) => pagesOf.has(f.text));
    expect(compared.length).toBeGreaterThan(100);
    for (const f of compared) expect(pagesOf.get(f.text), f.text).toContain(f.page);
  });

  it("read a PDF's text page by page, not its bytes", async () => {
    const bytes = readFileSync(SEED_PDF);
    const [{ value, diagnostics }, pages, fromText] = await Promise.all([
      extractDocumentFacts(bytes),
      loadPages(bytes),
      extractDocumentFacts(readFileSync(SEED_TXT)),
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pageTexts = new Map(pages.value!.map((p) => [p.number, groupLines(p.pieces).map(lineText).join('\n')]));
    for (const f of value!) expect(pageTexts.get(f.page!), f.text).toContain(f.text);
    expect(new Set(value!.map((f) => f.page)).size).toBe(pages.value!.length);
    // The same report as text gives mostly the same amounts: no "0 obj" or stream lengths. (Not all:
    // a PDF's lines are its printed lines, and a fact never spans two, so "4,75 | mio. kr." is lost.)
    const amounts = (facts: typeof value) => new Set(facts!.flatMap((f) => (f.kind === 'money' ? [f.value] : [])));
    const fromPdf = amounts(value);
    const shared = [...amounts(fromText.value)].filter((v) => fromPdf.has(v));
    expect(shared.length).toBeGreaterThanOrEqual(0.8 * amounts(fromText.value).size);
    expect(fromPdf.size).toBeLessThanOrEqual(amounts(fromText.value).size + 2);
  });

  it('give HTML facts no page, from its visible text only', async () => {
    const html = '<html><head><style>.x { width: 50% }</style></head><body><p>Udgift 2,5 mio. kr.</p><script>var a = "10 %";</script></body></html>';
    const { value } = await extractDocumentFacts(encode(html));
    expect(value!.map((f) => [f.kind, f.text, f.page])).toEqual([['money', '2,5 mio. kr.', null]]);
  });

  it('fail bad input with the error parse gives it', async () => {
    const inputs = [
      new Uint8Array(0),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      readFileSync('fixtures/bad/encrypted.pdf'),
      readFileSync('fixtures/bad/truncated.pdf'),
      readFileSync('fixtures/bad/image-only.pdf'),
    ];
    for (const bytes of inputs) {
      const [{ value, diagnostics }, report] = await Promise.all([extractDocumentFacts(bytes), parseReport({ path: 'x', bytes })]);
      expect(value).toBeNull();
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(report.diagnostics).toContainEqual(errors[0]);
    }
  });
});
