/**
 * The review page as a workbench, in headless Chromium (Debian's /usr/bin/chromium, playwright-core):
 * the seed PDF's page images load; the box drawn for a known fact holds that fact's text, checked
 * against pdfjs's own text positions (read here, not through the pipeline); decisions made with the
 * keyboard survive a reload and export to `<report>.review.json`, which the zod schema accepts; the
 * page makes no request and logs no error; injected markup in a text source's lines does not run;
 * and at 390 px the page fits and the chart's labels do not overlap.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import { writeReviewHtml, type ReviewSource } from '../../../output/review/page.js';
import { reviewSourceOf } from '../../../output/review/source.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import { ReviewFile } from '../../../schemas/review.js';
import type { Report } from '../../../schemas/report.js';
import { SCRIPT_PAYLOAD, IMG_PAYLOAD, hostileReport } from './review-fixtures.js';

// Browser globals used inside page callbacks (the project compiles without the DOM library).
declare const window: { __pwned?: number };
declare const document: {
  activeElement: { id: string } | null;
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<{ complete: boolean }>;
};

const CHROMIUM = '/usr/bin/chromium';
const SEED_PDF = '../shared/seed/oekonomiudvalget-2014-2017.pdf';
const SEED_TEXT = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const OUT = resolve('out/review');
/** The fact whose box is checked: the saving on the fire service, on page 1 of the seed. */
const KNOWN_FACT = '1,6 mio. kr.';

let browser: Browser;
let pdfReport: Report;
let pdfPage: string;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(OUT, { recursive: true });
  const bytes = readFileSync(SEED_PDF);
  pdfReport = await parseReport({ path: SEED_PDF, bytes });
  pdfPage = writeReviewHtml(join(OUT, 'review-seed-pdf.html'), pdfReport, await reviewSourceOf(pdfReport, bytes));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page file, recording console errors and warnings, page errors and every request but the file itself. */
async function open(file: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const url = pathToFileURL(file).href;
  // Embedded images (data:) and the export (blob:) are no requests to anywhere.
  page.on('request', (r) => {
    if (r.url() !== url && !/^(?:data|blob):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Where pdfjs itself puts a string on a page: its text item, cut at the string by character offset (PDF points, top-left origin). */
async function pdfjsTextBox(file: string, pageNumber: number, text: string): Promise<{ x0: number; x1: number; top: number; bottom: number; width: number; height: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const at = item.str.indexOf(text);
      if (at < 0) continue;
      const [, , , d = 0, e = 0, f = 0] = item.transform as number[];
      const per = item.width / item.str.length;
      const baseline = viewport.height - f;
      return { x0: e + per * at, x1: e + per * (at + text.length), top: baseline - d, bottom: baseline, width: viewport.width, height: viewport.height };
    }
    throw new Error(`${text} is not on page ${pageNumber}`);
  } finally {
    await doc.destroy();
  }
}

describe('review workbench in Chromium', () => {
  it('shows the PDF page images and draws a fact box around the fact text pdfjs places there', async () => {
    const size = statSync(pdfPage).size;
    console.log(`review page of the seed PDF: ${(size / 1024).toFixed(0)} kB, ${pdfReport.source.pages} pages`);
    expect(size).toBeLessThan(3 * 1024 * 1024);
    const { page, problems } = await open(pdfPage);
    const images = page.locator('#source-pages figure.page img');
    expect(await images.count()).toBe(pdfReport.source.pages);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#source-pages img')).every((i) => i.complete));
    const sizes = await images.evaluateAll((list) => list.map((i) => (i as unknown as { naturalWidth: number }).naturalWidth));
    for (const w of sizes) expect(w).toBeGreaterThan(400);

    const goal = pdfReport.goals.find((g) => g.facts.some((f) => f.text === KNOWN_FACT))!;
    const fact = goal.facts.find((f) => f.text === KNOWN_FACT)!;
    const pageNumber = fact.boxes![0]!.page;
    const mark = page.locator(`article[data-key="${goal.key}"] mark[data-kind="money"]`, { hasText: KNOWN_FACT }).first();
    await page.locator('#source-pages').evaluate((p) => p.scrollTo({ top: 99_999 }));
    await mark.click();
    const box = page.locator('#source-pages .box.fact.active').first();
    await expect.poll(() => box.count()).toBe(1);
    // Clicking the fact scrolled its page into view: the box is on the screen.
    const drawn = (await box.boundingBox())!;
    expect(drawn.y).toBeGreaterThanOrEqual(0);
    expect(drawn.y + drawn.height).toBeLessThanOrEqual(900);
    const figure = (await page.locator(`#page-${pageNumber}`).boundingBox())!;
    const truth = await pdfjsTextBox(SEED_PDF, pageNumber, KNOWN_FACT);
    const scale = figure.width / truth.width;
    const inPoints = { x0: (drawn.x - figure.x) / scale, x1: (drawn.x + drawn.width - figure.x) / scale, top: (drawn.y - figure.y) / scale, bottom: (drawn.y + drawn.height - figure.y) / scale };
    // The drawn box holds pdfjs's text (2 points of slack for borders and rounding) and is not much wider.
    expect(inPoints.x0).toBeLessThanOrEqual(truth.x0 + 2);
    expect(inPoints.x1).toBeGreaterThanOrEqual(truth.x1 - 2);
    expect(inPoints.top).toBeLessThanOrEqual(truth.top + 2);
    expect(inPoints.bottom).toBeGreaterThanOrEqual(truth.bottom - 2);
    expect(inPoints.x1 - inPoints.x0).toBeLessThan((truth.x1 - truth.x0) * 1.5 + 4);
    // The goal's cells are drawn too.
    expect(await page.locator('#source-pages .box.cell').count()).toBeGreaterThanOrEqual(goal.cells.filter((c) => c.boxes?.length).length);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('moves with j/k, decides with a/f, keeps the decisions over a reload and exports them', async () => {
    const { page, problems } = await open(pdfPage);
    const articles = page.locator('article.goal');
    const selectedKey = () => page.locator('article.goal.selected').getAttribute('data-key');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selectedKey()).toBe(await articles.nth(2).getAttribute('data-key'));
    await page.keyboard.press('k');
    const first = await selectedKey();
    expect(first).toBe(await articles.nth(1).getAttribute('data-key'));
    await page.keyboard.press('a');
    await page.keyboard.press('j');
    const second = await selectedKey();
    await page.keyboard.press('f');
    // f puts the cursor in the note; what is typed there is the note, not commands.
    await page.keyboard.type('Beløbet står på side 2 jf');
    await page.keyboard.press('Enter');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.press('Escape');
    expect(await page.locator('#progress').textContent()).toBe(`1 accepted · 1 flagged · ${pdfReport.goals.length - 2} open`);

    await page.reload();
    const byKey = (key: string | null) => page.locator(`article.goal[data-key="${key}"]`);
    expect(await byKey(first).getAttribute('data-decision')).toBe('accepted');
    expect(await byKey(second).getAttribute('data-decision')).toBe('flagged');
    expect(await byKey(second).locator('input.note').inputValue()).toBe('Beløbet står på side 2 jf');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
    expect(download.suggestedFilename()).toBe('oekonomiudvalget-2014-2017.review.json');
    const saved = join(OUT, download.suggestedFilename());
    await download.saveAs(saved);
    const file = ReviewFile.parse(JSON.parse(readFileSync(saved, 'utf8')));
    expect(file.reportId).toBe(pdfReport.id);
    const goals = new Map(pdfReport.goals.map((g) => [g.key, g]));
    expect(file.goals.map((g) => [g.key, g.decision]).sort()).toEqual([[first, 'accepted'], [second, 'flagged']].sort());
    for (const g of file.goals) expect(g.content).toBe(goalContentHash(goals.get(g.key)!));
    expect(file.goals.find((g) => g.key === second)!.note).toBe('Beløbet står på side 2 jf');

    // The decision filter shows the flagged goal alone.
    await page.locator('#decision-filter').selectOption('flagged');
    expect(await page.locator('article.goal:visible').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();

    // A fresh browser (nothing kept) imports the file: the same decisions, except where a goal's
    // content differs from what was decided on (here: one hash altered, as after an edit).
    const altered = { ...file, goals: file.goals.map((g) => (g.key === second ? { ...g, content: '0'.repeat(16) } : g)) };
    const importFile = join(OUT, 'altered.review.json');
    writeFileSync(importFile, JSON.stringify(altered));
    const fresh = await open(pdfPage);
    expect(await fresh.page.locator('#progress').textContent()).toBe(`0 accepted · 0 flagged · ${pdfReport.goals.length} open`);
    await fresh.page.locator('#import').setInputFiles(importFile);
    await expect.poll(() => fresh.page.locator('#progress').textContent()).toBe(`1 accepted · 0 flagged · ${pdfReport.goals.length - 1} open`);
    expect(await fresh.page.locator('#review-status').textContent()).toBe('Imported 1 decision; 1 left out: their goal changed.');
    expect(fresh.problems).toEqual([]);
    await fresh.page.context().close();
  });

  it('shows a text source beside its cards with injected markup as text, and fits a 390 px screen', async () => {
    const report = hostileReport();
    const lines: string[] = [];
    for (const g of report.goals) for (let l = g.provenance.lines[0]; l <= g.provenance.lines[1]; l++) lines[l - 1] = `${SCRIPT_PAYLOAD} ${IMG_PAYLOAD} ${g.cells.map((c) => c.text).join(' ')}`;
    const source: ReviewSource = { lines: Array.from(lines, (l) => l ?? '') };
    const hostile = writeReviewHtml(join(OUT, 'review-hostile-source.html'), report, source);
    const { page, problems } = await open(hostile, { width: 390, height: 800 });
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('.source-lines').count()).toBe(report.goals.length);
    expect(await page.locator('.source-lines').first().innerText()).toContain(SCRIPT_PAYLOAD);
    expect(await page.locator('.source-lines mark[data-fact]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();

    // The seed as text: its series chart fits the phone, with a unit and labels apart.
    const seed = await parseReport({ path: SEED_TEXT, bytes: readFileSync(SEED_TEXT) });
    const file = writeReviewHtml(join(OUT, 'review-seed-text.html'), seed, await reviewSourceOf(seed, readFileSync(SEED_TEXT)));
    const phone = await open(file, { width: 390, height: 800 });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const charts = phone.page.locator('figure.series svg.chart');
    expect(await charts.count()).toBe(seed.goals.reduce((n, g) => n + g.series.length, 0));
    for (const chart of await charts.all()) {
      const rect = (await chart.boundingBox())!;
      expect(rect.x + rect.width).toBeLessThanOrEqual(390);
      expect((await chart.locator('text.unit').textContent())?.length).toBeGreaterThan(0);
      const labels = await chart.locator('text.label').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.right]));
      labels.sort((a, b) => a[0]! - b[0]!);
      for (let i = 1; i < labels.length; i++) expect(labels[i]![0]).toBeGreaterThanOrEqual(labels[i - 1]![1]!);
    }
    // A series stands in the cell it was read from.
    const withSeries = seed.goals.find((g) => g.series.length > 0)!;
    expect(await phone.page.locator(`article[data-key="${withSeries.key}"] section.cell[data-cell="${withSeries.series[0]!.cell}"] figure.series`).count()).toBeGreaterThan(0);
    expect(phone.problems).toEqual([]);
    await phone.page.context().close();
  });
});
