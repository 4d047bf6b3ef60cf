/** What the seed report must give: the acceptance figures of the core pipeline. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../pipeline/index.js';
import type { Goal, Report } from '../../schemas/report.js';
import { cell } from '../helpers.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
let report: Report;
const goal = (title: string): Goal => {
  const g = report.goals.find((x) => x.title === title);
  if (!g) throw new Error(`no goal "${title}"`);
  return g;
};

beforeAll(async () => {
  report = await parseReport({ path: SEED, bytes: readFileSync(SEED) });
});

describe('the seed report', () => {
  it('gives 40 goals in 13 sections with no errors or warnings', () => {
    expect(report.goals).toHaveLength(40);
    expect(report.sections).toHaveLength(13);
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reads the head: title, committee, period, columns', () => {
    expect(report.title).toBe('Status på Økonomiudvalgets strategiske indsatser og resultater i valgperioden 2014-2017');
    expect(report.committee).toBe('Økonomiudvalget');
    expect(report.period).toEqual({ start: '2014', end: '2017' });
    expect(report.tables[0]!.columns.map((c) => c.role)).toEqual(['goal', 'initiatives', 'results']);
    expect(report.intro).toMatch(/^I nedenstående skema/);
    expect(report.source).toMatchObject({ format: 'text', pages: 15, path: SEED });
  });

  it('rejoins the title and the words split across page breaks', () => {
    const g = goal('Styrelsesvedtægt for Ballerup Kommune');
    expect(g.section).toBe('POLITISK ORGANISERING');
    expect(cell(g, 'results').text).toContain('en ny styrelsesvedtægt, som den nye kommunalbestyrelse');
    expect(cell(g, 'initiatives').text).toBe(
      'I forbindelse med kommunalvalget i 2017 har der været en politisk drøftelse af udvalgsstrukturen og den ressortmæssige fordeling',
    );
    expect(g.provenance).toEqual({ pages: [1, 2], lines: [13, 17] });
    const analyse = goal('Analyse af administration og ledelse');
    expect(cell(analyse, 'initiatives').text + cell(analyse, 'results').text).toContain('administrative opgaver');
    expect(JSON.stringify(report.goals)).not.toMatch(/admini-|styrelses-/);
  });

  it('reads a heading title with its dash subtitle', () => {
    const g = goal('Strategi for socialt ansvar');
    expect(g.subtitle).toBe('Revision af strategi for socialt ansvar i foråret 2017');
    expect(g.section).toBe('LEDELSE OG ORGANISATION');
  });

  it('reads the Bandepartnerskab results as a paragraph and a 4-item list', () => {
    const g = goal('Bandepartnerskab');
    expect(cell(g, 'results').blocks.map((b) => b.type)).toEqual(['paragraph', 'list']);
    const list = cell(g, 'results').blocks[1];
    expect(list?.type === 'list' && list.items).toEqual([
      'Et styrket gadeplansarbejde',
      'To Politikadet Junior forløb',
      'Mentor-Coach uddannelse af medarbejdere til forebyggelse af radikalisering',
      'Fokuseret recidivforebyggelse med 20 borgere over 18 år, der har begået gentagende kriminalitet',
    ]);
  });

  it('keeps real hyphens and leaves no tag or bullet glyph in any text', () => {
    const texts = report.goals.flatMap((g) => [g.title, g.subtitle ?? '', cell(g, 'initiatives').text, cell(g, 'results').text]);
    const all = texts.join('\n');
    expect(all).toContain('Erhvervs- og Beskæftigelsesudvalget');
    expect(all).toContain('§ 60-selskab');
    expect(all).toContain('Mentor-Coach');
    expect(all).not.toMatch(/<\/?[a-z][^>]*>|[•]/i);
  });

  it('records the path its caller gives, as given (parsing reads no working directory)', async () => {
    const elsewhere = await parseReport({ path: 'archive/2017/oekonomi.txt', bytes: readFileSync(SEED) });
    expect(elsewhere.source.path).toBe('archive/2017/oekonomi.txt');
    expect(elsewhere.goals.map((g) => g.id)).toEqual(report.goals.map((g) => g.id));
  });

  it('gives every goal a stable id from the report id, ordinal and title', () => {
    const ids = report.goals.map((g) => g.id);
    expect(new Set(ids).size).toBe(40);
    expect(ids[1]).toBe(`${report.id.slice(0, 12)}-1-styrelsesvedtaegt-for-ballerup-kommune`);
  });
});
