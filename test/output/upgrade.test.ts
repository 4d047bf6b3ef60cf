/** Reading a version-1 report JSON as version 2: one table, cells rebuilt in column order, facts pointed at their cells. */
import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../output/json.js';
import { ReportV1, upgradeReportV1 } from '../../output/upgrade.js';
import { factSourceText } from '../../pipeline/stages/facts.js';
import { slugify } from '../../pipeline/stages/ids.js';
import { Report } from '../../schemas/report.js';
import { V1_NUMBERED, V1_SEED_EXCERPT, v1Json } from './diff/diff-fixtures.js';

const seedV1 = ReportV1.parse(JSON.parse(v1Json(V1_SEED_EXCERPT)));
const numberedV1 = ReportV1.parse(JSON.parse(v1Json(V1_NUMBERED)));

describe('upgradeReportV1', () => {
  it('gives a valid version-2 report with one table of the version-1 columns', () => {
    const r = upgradeReportV1(seedV1);
    expect(Report.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ schemaVersion: 2, id: seedV1.id, title: seedV1.title, committee: 'Økonomiudvalget', meetingDate: null, municipality: null, period: seedV1.period });
    expect(r.tables).toEqual([
      {
        ordinal: 1,
        caption: null,
        columns: seedV1.columns.map((c) => ({ role: c.role, label: c.label, roleFrom: 'header', scale: null, year: null })),
        provenance: { pages: [1, 7], lines: [expect.any(Number), expect.any(Number)] },
      },
    ]);
    expect(r.sections).toEqual(seedV1.sections.map((s) => ({ ...s, table: 1 })));
    expect(r.diagnostics).toEqual(seedV1.diagnostics.map((d) => ({ ...d, params: {} })));
    // The upgrade writes as canonical JSON, and reads back as the same report.
    expect(Report.parse(JSON.parse(toCanonicalJson(r)))).toEqual(r);
  });

  it('rebuilds every cell in column order: title and subtitle, initiatives, results', () => {
    const r = upgradeReportV1(seedV1);
    seedV1.goals.forEach((g, i) => {
      const up = r.goals[i]!;
      expect(up).toMatchObject({ id: `${seedV1.id.slice(0, 12)}-1-${slugify(g.title)}`, ordinal: g.ordinal, table: 1, section: g.section, group: null, number: null, title: g.title, subtitle: g.subtitle, total: false, provenance: g.provenance });
      expect(up.cells.map((c) => [c.label, c.role])).toEqual(seedV1.columns.map((c) => [c.label, c.role]));
      expect(up.cells[0]!.text).toBe([g.title, ...(g.subtitle ? [g.subtitle] : [])].join('\n'));
      expect(up.cells[1]).toMatchObject(g.initiatives);
      expect(up.cells[2]).toMatchObject(g.results);
    });
  });

  it('points every fact and series at its cell and field, so its span still gives its text', () => {
    const r = upgradeReportV1(seedV1);
    const where = { title: [0, 'title'], subtitle: [0, 'subtitle'], initiatives: [1, 'text'], results: [2, 'text'] } as const;
    seedV1.goals.forEach((g, i) => {
      const up = r.goals[i]!;
      expect(up.facts).toHaveLength(g.facts.length);
      g.facts.forEach((f, k) => {
        const u = up.facts[k]!;
        const [cell, field] = where[f.column!];
        expect(u).toMatchObject({ kind: f.kind, cell, field, column: seedV1.columns[cell]!.label, text: f.text, span: f.span });
        expect(factSourceText(up, u)!.slice(u.span[0], u.span[1])).toBe(u.text);
        if (u.kind === 'money') expect(u).toMatchObject({ scale: null, total: false });
        if (u.kind === 'date') expect(u.yearFrom).toBe('text');
      });
      g.series.forEach((s, k) => expect(up.series[k]).toMatchObject({ cell: where[s.column!][0], field: 'text', points: s.points, span: s.span }));
    });
    expect(r.goals.flatMap((g) => g.facts).filter((f) => f.field === 'subtitle').map((f) => f.text)).toEqual(['foråret 2017']);
  });

  it('finds the number column (its cells were the goal numbers) and keeps extra columns in table order', () => {
    const r = upgradeReportV1(numberedV1);
    expect(r.tables[0]!.columns.map((c) => `${c.role}:${c.label}`)).toEqual(['number:Nr.', 'goal:Målsætning', 'initiatives:Indsats', 'results:Status', 'other:Afd.']);
    const g = r.goals[1]!;
    expect(g.number).toBe('2');
    expect(g.cells.map((c) => c.text)).toEqual(['2', 'Sprogscreening af alle 3-årige\nogså i private institutioner', 'Nyt screeningsværktøj\nKursus for 40 medarbejdere', 'I gang. Forventes afsluttet i 2026.', 'Dagtilbud og Sundhed']);
    expect(g.facts.map((f) => [f.cell, f.column, f.field])).toEqual([
      [2, 'Indsats', 'text'],
      [3, 'Status', 'text'],
    ]);
  });

  it('adds a column for cells version 1 held without one, and takes a report without a table as one without tables', () => {
    const noResults = structuredClone(numberedV1);
    noResults.columns = noResults.columns.filter((c) => c.role !== 'results');
    const r = upgradeReportV1(noResults);
    expect(r.tables[0]!.columns.map((c) => `${c.role}:${c.label}:${c.roleFrom}`)).toEqual([
      'number:Nr.:header',
      'goal:Målsætning:header',
      'initiatives:Indsats:header',
      'other:Afd.:header',
      'results::position',
    ]);
    expect(r.goals[0]!.facts.find((f) => f.kind === 'percent')).toMatchObject({ cell: 4, field: 'text' });
    const empty = upgradeReportV1({ ...numberedV1, columns: [], sections: [], goals: [] });
    expect(empty.tables).toEqual([]);
    const override = upgradeReportV1({ ...numberedV1, diagnostics: [{ severity: 'info', code: 'columns-override', message: 'x', page: null, line: null, column: null }] });
    expect(new Set(override.tables[0]!.columns.map((c) => c.roleFrom))).toEqual(new Set(['override']));
  });

  it('keeps a number that came from the goal cell ("Initiativ (nr.)") as the goal number, with no number column', () => {
    const fromTitle = structuredClone(numberedV1);
    fromTitle.columns = fromTitle.columns.filter((c) => c.label !== 'Nr.');
    const r = upgradeReportV1(fromTitle);
    expect(r.tables[0]!.columns.map((c) => c.role)).toEqual(['goal', 'initiatives', 'results', 'other']);
    expect(r.goals.map((g) => g.number)).toEqual(['1', '2', '3']);
    expect(r.goals[0]!.facts.map((f) => f.cell)).toEqual([1, 1, 2]);
  });

  it('writes goal ids in the version-2 form: table, slug, and a count for a repeated title', () => {
    const twice = structuredClone(numberedV1);
    twice.goals[2] = { ...twice.goals[2]!, title: twice.goals[0]!.title };
    const ids = upgradeReportV1(twice).goals.map((g) => g.id);
    expect(numberedV1.goals.map((g) => g.id)).toEqual(['336da3f36b79-001-flere-paedagoger-i-dagtilbud', '336da3f36b79-002-sprogscreening-af-alle-3-aarige', '336da3f36b79-003-mindre-fravaer-i-udskolingen']);
    expect(ids).toEqual(['336da3f36b79-1-flere-paedagoger-i-dagtilbud', '336da3f36b79-1-sprogscreening-af-alle-3-aarige', '336da3f36b79-1-flere-paedagoger-i-dagtilbud-2']);
  });

  it('refuses data that is not a version-1 report', () => {
    expect(() => upgradeReportV1({ schemaVersion: 2 })).toThrow();
    const broken = structuredClone(numberedV1) as unknown as { goals: { facts: { column: string }[] }[] };
    broken.goals[0]!.facts[0]!.column = 'extra';
    expect(() => upgradeReportV1(broken)).toThrow();
  });
});
