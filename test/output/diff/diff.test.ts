/**
 * The semantic diff of version-2 reports: goals matched by id then title, word diffs per cell label,
 * facts by cell and field with their values (scales, totals), tables and columns, report-level
 * fields, and reports upgraded from schema version 1. Each change is also checked as it reads in
 * text; the renderer's own rules are in render.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { diffFails, diffReports, matchCells, wordDiff, type GoalChange } from '../../../output/diff/diff.js';
import { renderReportDiff } from '../../../output/diff/render.js';
import { parseReportJson } from '../../../output/report-file.js';
import { toCanonicalJson } from '../../../output/json.js';
import { Report } from '../../../schemas/report.js';
import { AMOUNT, GROUP, INITIATIVES, RESULTS, column, strategyReport } from '../v2-report.js';
import { V1_NUMBERED, V1_SEED_EXCERPT, byTitle, clone, renumber, retitle, sampleReport, upgraded, v1Json } from './diff-fixtures.js';

const sample = sampleReport();
const REDNING = 'Samle redningsberedskaberne i nyt § 60-selskab efter styrelsesloven';

/** Sets a cell's text (one paragraph) in a goal. */
function setCellOf(goal: Report['goals'][number], label: string, text: string): void {
  const cell = goal.cells.find((c) => c.label === label)!;
  cell.text = text;
  cell.blocks = text === '' ? [] : [{ type: 'paragraph', text }];
}

/** Sets a cell's text (one paragraph) in the goal of this title. */
function setCell(r: Report, title: string, label: string, text: string): void {
  setCellOf(byTitle(r, title), label, text);
}

describe('diffReports', () => {
  it('finds nothing between a report and itself, or its JSON round trip', () => {
    expect(diffReports(sample, clone(sample)).equal).toBe(true);
    const roundTrip = Report.parse(JSON.parse(toCanonicalJson(sample)));
    const d = diffReports(sample, roundTrip);
    expect(d.equal).toBe(true);
    expect(renderReportDiff(d)).toBe('');
  });

  it('shows a changed word in a cell as a word diff under its column label, and the changed fact value', () => {
    const next = clone(sample);
    const goal = byTitle(next, REDNING);
    const results = goal.cells[2]!;
    setCell(next, REDNING, RESULTS, results.text.replace('årlig besparelse', 'samlet besparelse'));
    const money = goal.facts.find((f) => f.kind === 'money')!;
    if (money.kind !== 'money') throw new Error('unreachable');
    money.value = 1_700_000;
    const d = diffReports(sample, next);
    expect(d.equal).toBe(false);
    expect(d.goals).toHaveLength(1);
    const change = d.goals[0]!;
    expect(change).toMatchObject({ change: 'changed', matchedBy: 'key', moved: false, renumbered: false });
    expect(change.fields.map((f) => f.field)).toEqual([`cells[${RESULTS}]`]);
    expect(change.fields[0]!.cell).toEqual({ label: RESULTS, role: 'results', index: 2 });
    expect(change.fields[0]!.words).toEqual(expect.arrayContaining([{ op: 'del', text: 'årlig' }, { op: 'add', text: 'samlet' }]));
    expect(change.facts).toEqual([
      expect.objectContaining({
        change: 'changed',
        fields: ['value'],
        before: expect.objectContaining({ value: '1600000 DKK per year', cell: 2, column: RESULTS, field: 'text' }),
        after: expect.objectContaining({ value: '1700000 DKK per year' }),
      }),
    ]);
    const text = renderReportDiff(d);
    expect(text).toContain('RESULTATER (results): Med oprettelsen af Beredskab Øst har Ballerup Kommune opnået en [-årlig-]{+samlet+} besparelse');
    expect(text).toContain('~ money "1,6 mio. kr." (RESULTATER) = 1600000 DKK per year → 1700000 DKK per year [value]');
    expect(text.split('\n')[0]).toBe('0 structure changes, 1 fact change (1 changed), 1 text change, 0 diagnostic changes');
    expect(d.summary.changes).toEqual({ structure: 0, facts: 1, text: 1, diagnostics: 0, provenance: 0 });
  });

  it('reads an inserted goal as one addition: the goals below keep their keys; their new ordinals and lines are provenance, shown only when asked for', () => {
    const next = clone(sample);
    const extra = { ...clone(sample).goals[0]!, facts: [], series: [] };
    retitle(next, extra, 'Helt ny målsætning om cykelstier');
    next.goals.splice(2, 0, extra);
    renumber(next);
    // The rows below moved down one line each.
    for (const g of next.goals.slice(3).filter((g) => g.table === 1)) g.provenance.lines = [g.provenance.lines[0] + 1, g.provenance.lines[1] + 1];
    const quiet = diffReports(sample, next);
    expect(quiet.summary).toMatchObject({ goalsAdded: 1, goalsRemoved: 0, goalsChanged: 0, goalsMoved: 0, goalsRenumbered: 0 });
    expect(quiet.goals.map((g) => g.change)).toEqual(['added']);
    expect(quiet.goals[0]!.after).toMatchObject({ table: 1, ordinal: 3, title: 'Helt ny målsætning om cykelstier', key: '1-helt-ny-maalsaetning-om-cykelstier' });
    const text = renderReportDiff(quiet);
    expect(text).toBe(
      [
        '1 structure change (1 goal added), 0 fact changes, 0 text changes, 0 diagnostic changes',
        '--- reports/sample.txt (report af2bdbe1aa9b, 2 tables, 9 goals)',
        '+++ reports/sample.txt (report af2bdbe1aa9b, 2 tables, 10 goals)',
        'goals:',
        '  + added table 1 #3 "Helt ny målsætning om cykelstier" [POLITISK ORGANISERING]',
        '',
      ].join('\n'),
    );

    const full = diffReports(sample, next, { provenance: true });
    expect(full.summary).toMatchObject({ goalsAdded: 1, goalsChanged: 0, goalsRenumbered: 3 });
    expect(full.summary.changes).toEqual({ structure: 1, facts: 0, text: 0, diagnostics: 0, provenance: 3 });
    expect(full.goals.filter((g) => g.change === 'changed').every((g) => g.matchedBy === 'key' && g.renumbered)).toBe(true);
    const shown = renderReportDiff(full);
    expect(shown.split('\n')[0]).toBe('1 structure change (1 goal added), 0 fact changes, 0 text changes, 0 diagnostic changes, 3 provenance changes');
    expect(shown).toContain('~ changed table 1 #4 "Bandepartnerskab" [BANDE-KRIMINALITET] (same key, was #3)\n      provenance.lines: [12,15] → [13,16]');
    expect(shown).toMatch(/provenance\.lines: \[\d+,\d+\] → \[\d+,\d+\]/);
  });

  it('reads a goal inserted above another of the same title as one addition, though it takes the other\'s key', () => {
    const next = clone(sample);
    const at = next.goals.findIndex((g) => g.title === 'Bandepartnerskab');
    const original = next.goals[at]!;
    const twin = { ...clone(sample).goals[at]!, facts: [], series: [] };
    setCellOf(twin, RESULTS, 'Et nyt partnerskab om tryghed i boligområderne.');
    setCellOf(twin, INITIATIVES, 'Aftale med politiet.');
    // As the pipeline keys them: the first of a title keeps the plain key, the next one counts.
    original.key = `${original.key}-2`;
    next.goals.splice(at, 0, twin);
    renumber(next);
    const d = diffReports(sample, next);
    expect(d.goals.map((g) => [g.change, g.after?.key ?? g.before?.key])).toEqual([['added', '1-bandepartnerskab']]);
    expect(d.goals[0]!.after!.ordinal).toBe(at + 1);
    const full = diffReports(sample, next, { provenance: true });
    const kept = full.goals.find((g) => g.change === 'changed' && g.after!.key === '1-bandepartnerskab-2')!;
    expect(kept).toMatchObject({ matchedBy: 'title', moved: false });
    expect(kept.fields.every((f) => f.category === 'provenance')).toBe(true);
  });

  it('reads a removed goal with its facts', () => {
    const next = clone(sample);
    const [gone] = next.goals.splice(2, 1);
    renumber(next);
    const d = diffReports(sample, next);
    const removed = d.goals.filter((g) => g.change === 'removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.before!.title).toBe(gone!.title);
    expect(d.summary.factsRemoved).toBe(gone!.facts.length);
    expect(renderReportDiff(d)).toContain(`- removed table 1 #3 ${JSON.stringify(gone!.title)} [BANDE-KRIMINALITET]`);
  });

  it('reads a goal moved to another place and section, or to another group, as a move', () => {
    const next = clone(sample);
    const [moving] = next.goals.splice(0, 1);
    moving!.section = 'LEDELSE OG ORGANISATION';
    next.goals.splice(4, 0, moving!);
    renumber(next);
    const cykel = byTitle(next, 'Ny cykelsti langs Ballerup Byvej');
    cykel.group = 'Drift';
    setCell(next, cykel.title, GROUP, 'Drift');
    const d = diffReports(sample, next);
    const moved = d.goals.filter((g) => g.moved);
    expect(moved.map((g) => g.after!.title)).toEqual([moving!.title, cykel.title]);
    expect(moved[0]).toMatchObject({ before: { ordinal: 1, section: 'POLITISK ORGANISERING' }, after: { ordinal: 5, section: 'LEDELSE OG ORGANISATION' } });
    expect(d.summary.goalsAdded + d.summary.goalsRemoved).toBe(0);
    const text = renderReportDiff(d);
    expect(text).toContain('moved: section "POLITISK ORGANISERING" → "LEDELSE OG ORGANISATION"');
    expect(text).toContain('moved: group "Anlæg" → "Drift"');
    expect(text).toContain('Område (group): [-Anlæg-]{+Drift+}');
  });

  it('pairs a retitled goal by a similar title and shows the title as a word diff (its new id is no news)', () => {
    const next = clone(sample);
    retitle(next, byTitle(next, 'Styrelsesvedtægt for Ballerup Kommune'), 'Ny styrelsesvedtægt for Ballerup Kommune');
    const d = diffReports(sample, next);
    expect(d.goals).toHaveLength(1);
    const c = d.goals[0] as GoalChange;
    expect(c.matchedBy).toBe('similar-title');
    expect(c.fields.map((f) => [f.field, f.category])).toEqual([['title', 'text']]);
    const text = renderReportDiff(d);
    expect(text).toContain('title: [-Styrelsesvedtægt-]{+Ny styrelsesvedtægt+} for Ballerup Kommune');
    expect(text).not.toContain('key:');
    // Its new key is provenance: listed (with its cause, the title) only when asked for.
    const full = diffReports(sample, next, { provenance: true });
    expect(full.goals[0]!.fields.map((f) => [f.field, f.category])).toEqual([['key', 'provenance'], ['title', 'text']]);
    expect(full.goals[0]!.fields[0]).toMatchObject({ before: '1-styrelsesvedtaegt-for-ballerup-kommune', after: '1-ny-styrelsesvedtaegt-for-ballerup-kommune' });
    expect(text).not.toContain('STRATEGISK MÅLSÆTNING (goal)');
  });

  it('compares number, totals flag, and the facts of a bare amount with their scale and totals flag', () => {
    const next = clone(sample);
    const hede = byTitle(next, 'Renovering af Hedegårdsskolen');
    hede.number = '1a';
    setCell(next, hede.title, 'Nr.', '1a');
    const fact = hede.facts[0]!;
    if (fact.kind !== 'money') throw new Error('unreachable');
    fact.scale = { unit: 'mio. kr.', factor: 1_000_000, from: 'caption' };
    fact.value = 1_500_000_000;
    const total = byTitle(next, 'I alt');
    total.total = false;
    const t = total.facts[0]!;
    if (t.kind !== 'money') throw new Error('unreachable');
    t.total = false;
    const d = diffReports(sample, next);
    expect(d.goals.map((g) => g.after!.title)).toEqual([hede.title, 'I alt']);
    expect(d.goals[0]!.fields.map((f) => f.field)).toEqual(['number', 'cells[Nr.]']);
    expect(d.goals[0]!.facts[0]!.fields).toEqual(['value', 'scale']);
    expect(d.goals[1]!.fields.map((f) => f.field)).toEqual(['total']);
    expect(d.goals[1]!.facts[0]!.fields).toEqual(['total']);
    const text = renderReportDiff(d);
    expect(text).toContain('number: [-1-]{+1a+}');
    expect(text).toContain(`~ money "1.500" (${AMOUNT}) = 1500 × 1000 = 1500000 DKK (t.kr., header) → 1500 × 1000000 = 1500000000 DKK (mio. kr., caption) [value, scale]`);
    expect(text).toContain('total: true → false');
    expect(text).toContain('2500 × 1000 = 2500000 DKK (t.kr., header), totals row → 2500 × 1000 = 2500000 DKK (t.kr., header) [total]');
  });

  it('compares tables: caption and columns; a column added gives every goal of the table a new cell', () => {
    const next = clone(sample);
    const budget = next.tables[1]!;
    budget.caption = 'Tabel 2 - Anlægs- og driftsprojekter (mio. kr.)';
    budget.columns.push(column('responsible', 'Ansvarlig'));
    for (const g of next.goals.filter((x) => x.table === 2)) g.cells.push({ label: 'Ansvarlig', role: 'responsible', text: 'By, Plan og Miljø', blocks: [{ type: 'paragraph', text: 'By, Plan og Miljø' }] });
    const d = diffReports(sample, next);
    expect(d.report.map((f) => f.field)).toEqual(['tables[2].caption', 'tables[2].columns']);
    expect(d.goals).toHaveLength(4);
    expect(d.goals.every((g) => g.fields.length === 1 && g.fields[0]!.field === 'cells[Ansvarlig]')).toBe(true);
    const text = renderReportDiff(d);
    expect(text).toContain('tables[2].caption: Tabel 2 - Anlægs- og driftsprojekter ([-1-]{+mio+}.[-000-] kr.)');
    // Columns as a line diff, one column a line.
    expect(text).toContain('  tables[2].columns:\n    + responsible: Ansvarlig from header\n');
    expect(text).toContain('Ansvarlig (responsible): added: "By, Plan og Miljø"');
  });

  it('pairs the cells of a renamed column by position, so its facts do not read as removed and added', () => {
    const next = clone(sample);
    next.tables[0]!.columns[1]!.label = 'TILTAG';
    for (const g of next.goals.filter((x) => x.table === 1)) {
      g.cells[1]!.label = 'TILTAG';
      for (const f of [...g.facts, ...g.series]) if (f.column === INITIATIVES) f.column = 'TILTAG';
    }
    setCell(next, REDNING, 'TILTAG', 'Pr. 1. januar 2016 blev Beredskab Øst oprettet.');
    const d = diffReports(sample, next);
    expect(d.report.map((f) => f.field)).toEqual(['tables[1].columns']);
    expect(d.goals).toHaveLength(1);
    expect(d.goals[0]!.facts).toEqual([]);
    expect(d.goals[0]!.fields[0]!.cell).toMatchObject({ label: 'TILTAG', beforeLabel: INITIATIVES });
    expect(renderReportDiff(d)).toContain(`${INITIATIVES} → TILTAG (initiatives): Pr. 1. januar 2016 blev Beredskab Øst oprettet[- på grundlag af en samordningsaftale-].`);
    expect(matchCells(sample.goals[0]!.cells, next.goals[0]!.cells)).toEqual({ pairs: [[0, 0], [1, 1], [2, 2]], removed: [], added: [] });
  });

  it('matches goals across an edited source (another report id) without listing every goal', () => {
    const a = strategyReport([['Mål A', 'Tiltag A.', 'Besparelse på 2 mio. kr.'], ['Mål B', 'Tiltag B.', 'Resultat B.']], { seed: 'a' });
    const b = strategyReport([['Mål A', 'Tiltag A.', 'Besparelse på 3 mio. kr.'], ['Mål B', 'Tiltag B.', 'Resultat B.']], { seed: 'b' });
    const money = (r: Report, text: string, value: number) =>
      r.goals[0]!.facts.push({ kind: 'money', cell: 2, column: RESULTS, field: 'text', text, span: [14, 14 + text.length], value, min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false });
    money(a, '2 mio. kr.', 2_000_000);
    money(b, '3 mio. kr.', 3_000_000);
    const d = diffReports(a, b);
    // The report id and hash are provenance, shown only when asked for.
    expect(d.report).toEqual([]);
    expect(diffReports(a, b, { provenance: true }).report.map((f) => f.field)).toEqual(['id', 'source.sha256']);
    expect(d.goals).toHaveLength(1);
    expect(d.goals[0]!.after!.title).toBe('Mål A');
    expect(d.goals[0]!.matchedBy).toBe('key');
    expect(d.goals[0]!.facts).toEqual([
      expect.objectContaining({ change: 'changed', fields: ['text', 'value'], before: expect.objectContaining({ text: '2 mio. kr.' }), after: expect.objectContaining({ text: '3 mio. kr.' }) }),
    ]);
  });

  it('lists facts added and removed, sections, diagnostics and report fields', () => {
    const next = clone(sample);
    const goal = next.goals[0]!;
    const dropped = goal.facts.shift()!;
    goal.facts.push({ kind: 'percent', cell: 2, column: RESULTS, field: 'text', text: 'De', span: [0, 2], value: 5, min: null, max: null, approx: false, qualifier: null });
    next.sections.push({ ordinal: 4, table: 2, title: 'NYT AFSNIT' });
    next.diagnostics.push({ severity: 'warning', code: 'extra-cells', message: 'the row has 6 cells', params: { cells: 6 }, page: 2, line: 30, column: 1 });
    next.intro = next.intro.replace('væsentligste', 'vigtigste');
    next.committee = null;
    next.municipality = 'Ballerup Kommune';
    next.meetingDate = null;
    const d = diffReports(sample, next);
    expect(d.goals[0]!.facts.map((f) => f.change).sort()).toEqual(['added', 'removed']);
    expect(d.goals[0]!.facts.find((f) => f.change === 'removed')!.before!.text).toBe(dropped.text);
    expect(d.sections.added).toEqual([{ ordinal: 4, table: 2, title: 'NYT AFSNIT' }]);
    expect(d.diagnostics.added).toHaveLength(1);
    expect(d.report.map((f) => f.field)).toEqual(['intro', 'committee', 'meetingDate', 'municipality']);
    const text = renderReportDiff(d);
    expect(text).toContain('+ table 2 4 NYT AFSNIT');
    expect(text).toContain('+ warning extra-cells (line 30:1, page 2): the row has 6 cells');
    expect(text).toContain('[-væsentligste-]{+vigtigste+}');
    expect(text).toContain('committee: "Økonomiudvalget" → (none)');
    expect(text).toContain('meetingDate: "2017-11-20" → (none)');
    expect(text).toContain('municipality: Ballerup {+Kommune+}');
    expect(text).toContain('+ percent "De" (RESULTATER 0–2) = 5 %');
    expect(text).toContain(`- year "2017" (${INITIATIVES} 35–39) = 2017`);
  });

  it('notices block structure changes that keep the text, and fields it does not model', () => {
    const next = clone(sample) as Report & { extra?: string };
    const goal = next.goals.find((g) => g.cells.some((c) => c.blocks.some((b) => b.type === 'list')))!;
    const cell = goal.cells.find((c) => c.blocks.some((b) => b.type === 'list'))!;
    cell.blocks = cell.text.split('\n').map((text) => ({ type: 'paragraph' as const, text }));
    next.extra = 'x';
    const d = diffReports(sample, next);
    expect(d.goals[0]!.fields.map((f) => f.field)).toEqual([`cells[${cell.label}].blocks`]);
    expect(d.other.map((f) => f.field)).toEqual(['extra']);
    expect(d.equal).toBe(false);
  });

  it('shows a field that every goal gained once, not once per goal', () => {
    const next = clone(sample);
    for (const g of next.goals) Object.assign(g, { confidence: 'high' });
    Object.assign(next.goals[3]!, { confidence: 'low' });
    const d = diffReports(sample, next);
    expect(d.other).toEqual([expect.objectContaining({ field: 'goals[*].confidence', before: undefined, after: 'high', goals: 8 })]);
    expect(d.goals.map((g) => g.after!.ordinal)).toEqual([4]);
    const text = renderReportDiff(d);
    expect(text).toContain('goals[*].confidence (in 8 goals): (absent) → "high"');
    expect(text).toContain('confidence: (absent) → "low"');
  });

  it('compares a report JSON that fails the schema as it is, with a warning (lenient mode only)', () => {
    const old = JSON.parse(toCanonicalJson(sample));
    delete old.committee;
    const text = JSON.stringify(old);
    expect(parseReportJson(text)).toMatchObject({ ok: false, error: { code: 'invalid-report', params: { read: true } } });
    const lenient = parseReportJson(text, true);
    expect(lenient).toMatchObject({ ok: true, warning: { code: 'schema-mismatch', params: { detail: expect.stringMatching(/^committee: /) } } });
    if (!lenient.ok) throw new Error('unreachable');
    expect(lenient.upgraded).toBeUndefined();
    const d = diffReports(lenient.report, sample);
    expect(d.report).toEqual([expect.objectContaining({ field: 'committee', before: undefined, after: 'Økonomiudvalget' })]);
    // Not every JSON passes: the shape the diff reads must be there.
    delete old.goals[0].facts;
    expect(parseReportJson(JSON.stringify(old), true)).toMatchObject({ ok: false });
  });

  it('sees a moved line break as a change', () => {
    const parts = wordDiff('a b\nc', 'a b c');
    expect(parts.some((p) => p.op !== 'same')).toBe(true);
  });
});

describe('diff of a report JSON of schema version 1', () => {
  it('reads it upgraded, equal to itself, and shows an edit made in version 2 per cell', () => {
    const loaded = parseReportJson(v1Json(V1_SEED_EXCERPT));
    expect(loaded).toMatchObject({ ok: true, from: 'json', upgraded: { severity: 'info', code: 'schema-upgraded', params: { from: 1, to: 2 } } });
    if (!loaded.ok) throw new Error('unreachable');
    expect(loaded.warning).toBeUndefined();
    const old = loaded.report;
    expect(diffReports(old, upgraded(V1_SEED_EXCERPT)).equal).toBe(true);

    const next = clone(old);
    setCell(next, REDNING, 'RESULTATER', next.goals[1]!.cells[2]!.text.replace('1,6 mio. kr.', 'ca. 1,8 mio. kr.'));
    const money = byTitle(next, REDNING).facts.find((f) => f.kind === 'money')!;
    Object.assign(money, { text: 'ca. 1,8 mio. kr.', span: [84, 100], value: 1_800_000, approx: true });
    const d = diffReports(old, next);
    const text = renderReportDiff(d, { beforeLabel: 'old.json', afterLabel: 'new.json' });
    expect(text).toContain('--- old.json (report 0f17f6da22a9, 5 goals)');
    expect(text).toContain('RESULTATER (results): … har Ballerup Kommune opnået en årlig besparelse på {+ca. +}1,[-6-]{+8+} mio. kr. på redningsberedskabet.');
    expect(text).toContain('~ money "1,6 mio. kr." → "ca. 1,8 mio. kr." (RESULTATER) = 1600000 DKK per year → ≈ 1800000 DKK per year [text, value, approx]');
  });

  it('pairs the goals of an upgraded report with those of a version-2 report of the same source by key', () => {
    const old = upgraded(V1_NUMBERED);
    // What version 2 reads beyond version 1: facts in every cell, a column's role from its wording.
    const next = clone(old);
    next.tables[0]!.columns[4]!.role = 'responsible';
    for (const g of next.goals) g.cells[4]!.role = 'responsible';
    next.goals[0]!.facts.push({ kind: 'year', cell: 3, column: 'Status', field: 'text', text: 'nået', span: [6, 10], value: 2025 });
    const d = diffReports(old, next);
    expect(d.goals.map((g) => [g.matchedBy, g.renumbered])).toEqual([['key', false]]);
    expect(d.report.map((f) => f.field)).toEqual(['tables[1].columns']);
    const text = renderReportDiff(d);
    expect(text).toContain('    - other: Afd. from header\n    + responsible: Afd. from header');
    expect(text).toContain('+ year "nået" (Status 6–10) = 2025');
    expect(text).not.toContain('Afd. (');
  });

  it('sees no change in a title cell that writes the subtitle with its dash, as the source does', () => {
    const old = upgraded(V1_SEED_EXCERPT);
    const next = clone(old);
    const goal = next.goals.find((g) => g.subtitle !== null)!;
    goal.cells[0] = { ...goal.cells[0]!, text: `${goal.title}\n- ${goal.subtitle}`, blocks: [{ type: 'paragraph', text: goal.title }, { type: 'paragraph', text: `- ${goal.subtitle}` }] };
    expect(diffReports(old, next).equal).toBe(true);
    goal.cells[0]!.text += '\nMere tekst';
    expect(renderReportDiff(diffReports(old, next))).toContain('STRATEGISK MÅLSÆTNING (goal): Strategi for socialt ansvar ¶ {+- +}Revision af strategi for socialt ansvar i foråret 2017 ¶ {+Mere tekst+}');
  });

  it('takes a version-1 JSON that does not quite match version 1 in lenient mode, upgraded, with a warning', () => {
    const data = JSON.parse(v1Json(V1_NUMBERED));
    delete data.committee;
    expect(parseReportJson(JSON.stringify(data))).toMatchObject({ ok: false, error: { code: 'invalid-report', params: { detail: expect.stringMatching(/^committee: /) } } });
    const lenient = parseReportJson(JSON.stringify(data), true);
    expect(lenient).toMatchObject({ ok: true, warning: { code: 'schema-mismatch', severity: 'warning' }, upgraded: { severity: 'info' } });
    if (!lenient.ok) throw new Error('unreachable');
    expect(lenient.report.tables[0]!.columns.map((c) => c.role)).toEqual(['number', 'goal', 'initiatives', 'results', 'other']);
    const d = diffReports(lenient.report, upgraded(V1_NUMBERED));
    expect(d.report).toEqual([expect.objectContaining({ field: 'committee', before: undefined, after: 'Børne- og Ungeudvalget' })]);
  });
});

describe('change categories and provenance', () => {
  it('takes a change of pages, lines, ordinals or the source file alone for no change, and shows it with provenance', () => {
    const next = clone(sample);
    next.id = next.source.sha256 = 'c'.repeat(64);
    next.source.format = 'pdf';
    next.source.pages = 9;
    next.source.path = 'reports/sample.pdf';
    for (const g of next.goals) {
      g.id = `${next.id.slice(0, 12)}-${g.key}`;
      g.provenance = { pages: [1, 1], lines: [g.provenance.lines[0] * 3, g.provenance.lines[1] * 3] };
    }
    for (const d of next.diagnostics) d.line = (d.line ?? 0) + 40;
    const quiet = diffReports(sample, next);
    expect(quiet.equal).toBe(true);
    expect(renderReportDiff(quiet)).toBe('');
    const full = diffReports(sample, next, { provenance: true });
    expect(full.equal).toBe(false);
    expect(full.report.map((f) => [f.field, f.category])).toEqual([
      ['id', 'provenance'], ['source.path', 'provenance'], ['source.sha256', 'provenance'], ['source.format', 'provenance'], ['source.pages', 'provenance'],
    ]);
    expect(full.diagnostics.moved).toHaveLength(sample.diagnostics.length);
    expect(full.diagnostics.added.length + full.diagnostics.removed.length).toBe(0);
    expect(full.summary.changes).toMatchObject({ structure: 0, facts: 0, text: 0, diagnostics: 0 });
    expect(full.summary.changes.provenance).toBeGreaterThan(sample.goals.length);
    expect(renderReportDiff(full)).toMatch(/~ moved info row-continued \(line \d+, page \d+ → line \d+, page \d+\)/);
  });

  it('takes a fact whose offsets alone changed, on the same text, for provenance; a value change for facts', () => {
    const next = clone(sample);
    const goal = byTitle(next, REDNING);
    goal.facts[0]!.span = [goal.facts[0]!.span[0] + 1, goal.facts[0]!.span[1] + 1];
    expect(diffReports(sample, next).equal).toBe(true);
    const full = diffReports(sample, next, { provenance: true });
    expect(full.goals[0]!.facts).toEqual([expect.objectContaining({ change: 'changed', category: 'provenance', fields: ['span'] })]);
    expect(full.summary.changes).toMatchObject({ facts: 0, provenance: 1 });
  });

  it('takes a fact whose boxes alone changed (a PDF of the same report) for provenance', () => {
    const next = clone(sample);
    const fact = byTitle(next, REDNING).facts[0]!;
    fact.boxes = [{ page: 2, x: 56.7, y: 410.2, width: 48.1, height: 9 }];
    expect(diffReports(sample, next).equal).toBe(true);
    const full = diffReports(sample, next, { provenance: true });
    expect(full.goals[0]!.facts).toEqual([expect.objectContaining({ change: 'changed', category: 'provenance', fields: ['boxes'] })]);
    expect(full.summary.changes).toMatchObject({ facts: 0, provenance: 1 });
    // With its figure changed too, it is a change of facts.
    fact.text = `${fact.text}0`;
    expect(diffReports(sample, next).goals[0]!.facts).toEqual([expect.objectContaining({ category: 'facts' })]);
  });

  it('counts each change in its category, and --fail-on picks the categories that fail', () => {
    const next = clone(sample);
    setCell(next, REDNING, INITIATIVES, 'Beredskab Øst blev oprettet.');
    const textOnly = diffReports(sample, next);
    expect(textOnly.summary.changes).toEqual({ structure: 0, facts: 0, text: 1, diagnostics: 0, provenance: 0 });
    expect([diffFails(textOnly, ['any']), diffFails(textOnly, ['facts']), diffFails(textOnly, ['structure', 'facts']), diffFails(textOnly, ['text'])]).toEqual([true, false, false, true]);

    next.goals.splice(next.goals.findIndex((g) => g.title === 'Bandepartnerskab'), 1);
    renumber(next);
    next.sections.push({ ordinal: 4, table: 2, title: 'NYT AFSNIT' });
    next.diagnostics.push({ severity: 'warning', code: 'extra-cells', message: 'the row has 6 cells', params: { cells: 6 }, page: 2, line: 30, column: 1 });
    next.meetingDate = '2018-01-01';
    const gone = byTitle(sample, 'Bandepartnerskab');
    const d = diffReports(sample, next);
    expect(d.summary.changes).toEqual({ structure: 2, facts: gone.facts.length + 1, text: 1, diagnostics: 1, provenance: 0 });
    expect(diffFails(d, ['facts'])).toBe(true);
    expect(diffFails(d, ['diagnostics'])).toBe(true);
    expect(renderReportDiff(d).split('\n')[0]).toBe(
      `2 structure changes (1 goal removed, 1 section added), ${gone.facts.length + 1} fact changes (${gone.facts.length} removed, 1 report date), 1 text change, 1 diagnostic change`,
    );
  });

  it('sees no change in sections renumbered by one inserted above them, only the one inserted', () => {
    const next = clone(sample);
    next.sections = [{ ordinal: 1, table: 1, title: 'NY FØRST' }, ...next.sections.map((s) => ({ ...s, ordinal: s.table === 1 ? s.ordinal + 1 : s.ordinal }))];
    const d = diffReports(sample, next);
    expect(d.sections).toEqual({ added: [{ ordinal: 1, table: 1, title: 'NY FØRST' }], removed: [] });
  });
});

describe('parseReportJson', () => {
  it('names the file and the problem for input that is not a report JSON', () => {
    expect(parseReportJson('{"schemaVersion": 2,')).toMatchObject({ ok: false, error: { code: 'invalid-json', severity: 'error' } });
    expect(parseReportJson('{"hello": "world"}')).toMatchObject({
      ok: false,
      error: { code: 'invalid-report', params: { read: true, detail: expect.stringMatching(/^schemaVersion: .* \(and \d+ more\)$/) } },
    });
    expect(parseReportJson('{"schemaVersion": 1, "hello": "world"}')).toMatchObject({ ok: false, error: { code: 'invalid-report' } });
    const ok = parseReportJson(`\uFEFF${toCanonicalJson(sample)}`);
    expect(ok.ok && ok.report.goals.length).toBe(9);
  });
});
