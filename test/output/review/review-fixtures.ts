/** Reports for the review page tests: the hand-made sample, and a report whose every text field holds markup. */
import { readFileSync } from 'node:fs';
import { parseReport } from '../../../pipeline/index.js';
import { Report } from '../../../schemas/report.js';
import { AMOUNT, GOAL, RESULTS, buildReport, column, money, percent, sampleReport, year } from '../v2-report.js';

/** Text that runs script if a page puts it into HTML unescaped. */
export const SCRIPT_PAYLOAD = '<script>window.__pwned=1</script>';
export const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">';
export const ATTR_PAYLOAD = '"><svg onload="window.__pwned=3">';

/** The sample report (two tables: strategy goals, and a budget in t.kr. with a totals row). */
export { sampleReport };

/** The seed source (the CLI tests run the commands on it, so they parse it: not a hand-made report). */
export const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

/** The seed report, parsed (for the CLI tests; the output tests build on hand-made reports). */
export function seedReport(): Promise<Report> {
  return parseReport({ path: SEED, bytes: readFileSync(SEED) });
}

/**
 * A report with markup as text in its cells, next to facts that are highlighted, and in every other
 * text field: titles, labels, captions, units, ids, paths, messages.
 */
export function hostileReport(): Report {
  const r = buildReport({
    seed: 'hostile',
    path: `x/${ATTR_PAYLOAD}.txt`,
    title: `Rapport ${SCRIPT_PAYLOAD}`,
    intro: `Indledning ${IMG_PAYLOAD}`,
    committee: ATTR_PAYLOAD,
    municipality: SCRIPT_PAYLOAD,
    tables: [
      {
        caption: `Tabel ${IMG_PAYLOAD}`,
        columns: [
          column('goal', `${GOAL} ${SCRIPT_PAYLOAD}`),
          column('results', `${RESULTS} ${IMG_PAYLOAD}`),
          column('amount', `${AMOUNT} ${ATTR_PAYLOAD}`, { scale: { unit: `t.kr.${ATTR_PAYLOAD}`, factor: 1000, from: 'header' } }),
          column('other', ATTR_PAYLOAD),
        ],
        goals: [
          {
            title: `Sikker visning i 2019 ${SCRIPT_PAYLOAD}`,
            subtitle: ATTR_PAYLOAD,
            section: `SIKKERHED ${IMG_PAYLOAD}`,
            group: SCRIPT_PAYLOAD,
            number: ATTR_PAYLOAD,
            cells: {
              [`${RESULTS} ${IMG_PAYLOAD}`]: [
                { type: 'paragraph', text: `${SCRIPT_PAYLOAD} Besparelse på 2 mio. kr. i 2019.` },
                { type: 'list', items: [`${IMG_PAYLOAD} 5,7 pct.`, '2013: 5,7 pct. 2014: 5,9 pct. 2015: 5,3 pct.'] },
              ],
              [`${AMOUNT} ${ATTR_PAYLOAD}`]: '1.500',
              [ATTR_PAYLOAD]: `${IMG_PAYLOAD}`,
            },
            facts: [
              year('title', '2019', 2019),
              money(`${RESULTS} ${IMG_PAYLOAD}`, '2 mio. kr.', 2_000_000),
              percent(`${RESULTS} ${IMG_PAYLOAD}`, '5,7 pct.', 5.7),
              money(`${AMOUNT} ${ATTR_PAYLOAD}`, '1.500', 1_500_000, { scale: { unit: `t.kr.${ATTR_PAYLOAD}`, factor: 1000, from: 'header' } }),
            ],
            series: [
              {
                at: `${RESULTS} ${IMG_PAYLOAD}`,
                from: '2013: 5,7',
                to: '5,3 pct.',
                label: IMG_PAYLOAD,
                unit: 'percent',
                points: [
                  { label: `2013 ${SCRIPT_PAYLOAD}`, start: '2013', end: '2013', value: 5.7 },
                  { label: '2014', start: '2014', end: '2014', value: 5.9 },
                ],
              },
            ],
          },
        ],
      },
    ],
    diagnostics: [
      { severity: 'warning', code: 'extra-cells', message: `besked ${SCRIPT_PAYLOAD} ${IMG_PAYLOAD}`, params: { detail: SCRIPT_PAYLOAD }, page: 1, line: 1, column: 1 },
    ],
  });
  const g = r.goals[0]!;
  g.id = `${g.id}-${ATTR_PAYLOAD}`;
  return Report.parse(r);
}
