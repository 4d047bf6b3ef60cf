/** Reports for the review page tests: the seed, and a report whose every text field holds markup. */
import { readFileSync } from 'node:fs';
import { parseReport } from '../../../pipeline/index.js';
import { Report } from '../../../schemas/report.js';
import { parseText, syntheticReport } from '../../helpers.js';

export const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

/** Text that runs script if a page puts it into HTML unescaped. */
export const SCRIPT_PAYLOAD = '<script>window.__pwned=1</script>';
export const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">';
export const ATTR_PAYLOAD = '"><svg onload="window.__pwned=3">';

/** The seed report. */
export function seedReport(): Promise<Report> {
  return parseReport({ path: SEED, bytes: readFileSync(SEED) });
}

/**
 * A report with markup as text in its cells (entity-escaped in the source, so the pipeline decodes
 * it into literal text) and in every other text field, next to facts that are highlighted.
 */
export async function hostileReport(): Promise<Report> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parsed = await parseText(
    syntheticReport([
      ['\tSIKKERHED\t'],
      [
        'Sikker visning',
        `<p>${esc(SCRIPT_PAYLOAD)} Besparelse på 2 mio. kr. i 2019.</p>`,
        `<ul><li>${esc(IMG_PAYLOAD)} 5,7 pct.</li><li>2013: 5,7 pct. 2014: 5,9 pct. 2015: 5,3 pct.</li></ul>`,
      ],
    ]),
    'hostile.txt',
  );
  const goal = parsed.goals[0];
  if (!goal || !goal.initiatives.text.includes(SCRIPT_PAYLOAD) || !goal.results.text.includes(IMG_PAYLOAD)) {
    throw new Error(`the pipeline no longer decodes entities in cells as expected: ${JSON.stringify(goal?.initiatives.text)}`);
  }
  const r = structuredClone(parsed);
  r.title = `Rapport ${SCRIPT_PAYLOAD}`;
  r.intro = `Indledning ${IMG_PAYLOAD}`;
  r.committee = ATTR_PAYLOAD;
  r.columns = r.columns.map((c) => ({ ...c, label: `${c.label} ${SCRIPT_PAYLOAD}` }));
  r.sections = r.sections.map((s) => ({ ...s, title: `${s.title} ${IMG_PAYLOAD}` }));
  r.source = { ...r.source, path: `x/${ATTR_PAYLOAD}.txt` };
  const g = r.goals[0]!;
  const oldTitle = g.title;
  g.section = r.sections[0]?.title ?? null;
  g.title = `${oldTitle} ${SCRIPT_PAYLOAD}`;
  g.subtitle = ATTR_PAYLOAD;
  g.id = `${g.id}-${ATTR_PAYLOAD}`;
  // Title facts keep their spans: the payload was appended after them.
  for (const s of g.series) s.label = IMG_PAYLOAD;
  r.diagnostics.push({ severity: 'warning', code: 'extra-cells', message: `besked ${SCRIPT_PAYLOAD} ${IMG_PAYLOAD}`, page: 1, line: 1, column: 1 });
  return Report.parse(r);
}
