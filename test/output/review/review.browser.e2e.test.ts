/**
 * The review page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; one
 * launch for the file): it loads with no console errors and no network, shows one card per goal
 * and one highlight per fact, a scaled amount's unit and kroner next to it, its filters hide what
 * they should (goals, groups and tables), injected markup does not run, and a screenshot is written
 * to out/review/ (git-ignored) for a person to look at. The report is the hand-made two-table sample.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReviewHtml } from '../../../output/review/page.js';
import type { Report } from '../../../schemas/report.js';
import { SCRIPT_PAYLOAD, IMG_PAYLOAD, hostileReport, sampleReport } from './review-fixtures.js';

// Browser globals used inside page callbacks (the project compiles without the DOM library).
declare const window: { __pwned?: number };
declare function getComputedStyle(element: unknown, pseudo?: string): { backgroundColor: string; content: string };

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve('out/review');
/** Where the screenshot of the sample's review page is written (the name the README gives). */
export const SCREENSHOT = join(OUT, 'review-seed.png');

let browser: Browser;
let seed: Report;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the review page is tested in Debian's Chromium. Install it with "apt-get install -y chromium" (.ci/run does).`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  seed = sampleReport();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a review page from a file, recording console errors, page errors and any request that leaves the file. */
async function open(report: Report, name: string): Promise<{ page: Page; problems: string[] }> {
  mkdirSync(OUT, { recursive: true });
  const file = writeReviewHtml(join(OUT, name), report);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const url = pathToFileURL(file).href;
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

describe('review page in Chromium', () => {
  it('shows every goal and fact, filters by kind and text, draws the series, and is screenshot', async () => {
    const { page, problems } = await open(seed, 'review-seed.html');
    const facts = seed.goals.flatMap((g) => g.facts);

    expect(await page.locator('article[data-goal-id]').count()).toBe(seed.goals.length);
    const keys = await page.locator('article mark[data-fact]').evaluateAll((ms) => new Set(ms.map((m) => m.getAttribute('data-fact'))).size);
    expect(keys).toBe(facts.length);
    for (const kind of ['money', 'percent', 'year'] as const) {
      const n = await page.locator(`article mark[data-kind="${kind}"]`).evaluateAll((ms) => new Set(ms.map((m) => m.getAttribute('data-fact'))).size);
      expect(n, kind).toBe(facts.filter((f) => f.kind === kind).length);
    }
    expect(await page.locator('figure.series svg circle').count()).toBe(seed.goals.flatMap((g) => g.series.flatMap((s) => s.points)).length);
    expect(await page.locator('#shown').textContent()).toBe(`${seed.goals.length} of ${seed.goals.length} goals`);

    // Hover text: the normalized value.
    const money = page.locator('article mark[data-kind="money"]').first();
    expect(await money.getAttribute('title')).toMatch(/^money: .*DKK/);
    const highlighted = await money.evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(highlighted).not.toBe('rgba(0, 0, 0, 0)');

    await page.screenshot({ path: SCREENSHOT });

    // Kinds: only money checked, and only goals with such facts.
    for (const kind of ['percent', 'quantity', 'date', 'period', 'year']) await page.locator(`input[data-kind-toggle="${kind}"]`).uncheck();
    await page.locator('#only-with-facts').check();
    const withMoney = seed.goals.filter((g) => g.facts.some((f) => f.kind === 'money')).length;
    expect(await page.locator('article.goal:visible').count()).toBe(withMoney);
    expect(await page.locator('#shown').textContent()).toBe(`${withMoney} of ${seed.goals.length} goals`);
    const offYear = await page.locator('article mark[data-kind="year"]').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(offYear).toBe('rgba(0, 0, 0, 0)');
    expect(await money.evaluate((m) => getComputedStyle(m).backgroundColor)).toBe(highlighted);

    // A bare amount under "2025 Beløb i t.kr." shows its unit and kroner after it (CSS, not text).
    const scaled = page.locator('article mark[data-scaled]').first();
    expect(await scaled.textContent()).toBe('1.500');
    expect(await scaled.evaluate((m) => getComputedStyle(m, '::after').content)).toBe('" (t.kr.) = 1 500 000 kr."');
    expect(await page.locator('article.goal.total .badge.total').count()).toBe(seed.goals.filter((g) => g.total).length);

    // Text search, on top of the kind filter and then alone; groups and tables without a shown goal are hidden.
    const matching = (q: string) =>
      seed.goals.filter((g) => [g.title, g.subtitle ?? '', ...g.cells.map((c) => c.text)].join(' ').toLowerCase().includes(q));
    await page.locator('#only-with-facts').uncheck();
    await page.locator('#search').fill('Sygefravær');
    const sick = matching('sygefravær');
    expect(sick.length).toBeGreaterThan(0);
    expect(await page.locator('article.goal:visible').count()).toBe(sick.length);
    expect(await page.locator('section.group:visible').count()).toBe(new Set(sick.map((g) => `${g.table} ${g.section} ${g.group}`)).size);
    expect(await page.locator('section.table:visible').count()).toBe(new Set(sick.map((g) => g.table)).size);
    await page.locator('#search').fill('svømmehallen');
    expect(await page.locator('article.goal:visible').count()).toBe(1);
    expect(await page.locator('section.table:visible').getAttribute('data-table')).toBe('2');
    expect(await page.locator('section.group:visible').getAttribute('data-group')).toBe('Drift');
    await page.locator('#search').fill('');
    expect(await page.locator('article.goal:visible').count()).toBe(seed.goals.length);

    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows injected markup as text and runs none of it', async () => {
    const report = hostileReport();
    const { page, problems } = await open(report, 'review-hostile.html');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const body = await page.locator('body').innerText();
    expect(body).toContain(SCRIPT_PAYLOAD);
    expect(body).toContain(IMG_PAYLOAD);
    expect(await page.locator('article mark[data-fact]').count()).toBeGreaterThanOrEqual(report.goals[0]!.facts.length);
    // The page's own script still works (the CSP lets it run, and only it).
    await page.locator('#search').fill('ingen sådan tekst');
    expect(await page.locator('article.goal:visible').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
