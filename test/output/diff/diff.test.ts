/**
 * The semantic diff: goals matched by id then title, word diffs, facts with values, report-level
 * fields, the CLI. Each change is also checked as it reads in text; the renderer's own rules are in
 * render.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffReports, wordDiff, type GoalChange } from '../../../output/diff/diff.js';
import { renderReportDiff } from '../../../output/diff/render.js';
import { goalId } from '../../../pipeline/stages/ids.js';
import { parseReportJson } from '../../../output/report-file.js';
import { toCanonicalJson } from '../../../output/json.js';
import { Report } from '../../../schemas/report.js';
import { parseText, syntheticReport } from '../../helpers.js';
import { clone, seedReport } from './diff-fixtures.js';

let seed: Report;

beforeAll(async () => {
  seed = await seedReport();
});

const byTitle = (r: Report, title: string) => r.goals.find((g) => g.title === title)!;

/** Renumbers goals as the pipeline would: ordinal = position, and the id that follows from it. */
function renumber(r: Report): Report {
  r.goals.forEach((g, i) => {
    g.ordinal = i + 1;
    g.id = goalId(r.id, g.ordinal, g.title);
  });
  return r;
}

describe('diffReports', () => {
  it('finds nothing between a report and itself, or its JSON round trip', () => {
    expect(diffReports(seed, clone(seed)).equal).toBe(true);
    const roundTrip = Report.parse(JSON.parse(toCanonicalJson(seed)));
    const d = diffReports(seed, roundTrip);
    expect(d.equal).toBe(true);
    expect(renderReportDiff(d)).toBe('');
  });

  it('shows a changed word in a cell as a word diff, and the changed fact value', () => {
    const next = clone(seed);
    const goal = byTitle(next, 'Samle redningsberedskaberne i nyt § 60-selskab efter styrelsesloven');
    goal.results.text = goal.results.text.replace('årlig besparelse', 'samlet besparelse');
    goal.results.blocks = [{ type: 'paragraph', text: goal.results.text }];
    const money = goal.facts.find((f) => f.kind === 'money')!;
    if (money.kind !== 'money') throw new Error('unreachable');
    money.value = 1_700_000;
    const d = diffReports(seed, next);
    expect(d.equal).toBe(false);
    expect(d.goals).toHaveLength(1);
    const change = d.goals[0]!;
    expect(change).toMatchObject({ change: 'changed', matchedBy: 'id', moved: false, renumbered: false });
    expect(change.fields.map((f) => f.field)).toEqual(['results']);
    expect(change.fields[0]!.words).toEqual(
      expect.arrayContaining([
        { op: 'del', text: 'årlig' },
        { op: 'add', text: 'samlet' },
      ]),
    );
    expect(change.facts).toEqual([
      expect.objectContaining({ change: 'changed', fields: ['value'], before: expect.objectContaining({ value: '1600000 DKK per year' }), after: expect.objectContaining({ value: '1700000 DKK per year' }) }),
    ]);
    const text = renderReportDiff(d);
    expect(text).toContain('results: Med oprettelsen af Beredskab Øst har Ballerup Kommune opnået en [-årlig-]{+samlet+} besparelse');
    expect(text).toContain('~ money "1,6 mio. kr." (results) = 1600000 DKK per year → 1700000 DKK per year [value]');
    expect(text).toMatch(/summary: goals 0 added, 0 removed, 1 changed, 0 moved, 0 renumbered; facts 0 added, 0 removed, 1 changed/);
  });

  it('reads an inserted goal as one addition (the goals below are renumbered, not changed)', () => {
    const next = clone(seed);
    const extra = { ...clone(seed).goals[0]!, id: 'x-new', title: 'Helt ny målsætning om cykelstier', facts: [], series: [] };
    next.goals.splice(4, 0, extra);
    renumber(next);
    const d = diffReports(seed, next);
    expect(d.summary).toMatchObject({ goalsAdded: 1, goalsRemoved: 0, goalsChanged: 0, goalsMoved: 0 });
    expect(d.summary.goalsRenumbered).toBe(seed.goals.length - 4);
    expect(d.goals.find((g) => g.change === 'added')!.after).toMatchObject({ ordinal: 5, title: 'Helt ny målsætning om cykelstier' });
    // The others were matched by title, since their ids (ordinal) changed.
    expect(d.goals.filter((g) => g.change === 'changed').every((g) => g.matchedBy === 'title' && g.renumbered)).toBe(true);
    const text = renderReportDiff(d);
    expect(text).toContain('+ added #5 "Helt ny målsætning om cykelstier"');
    expect(text).toMatch(/renumbered only \(ordinal and id shifted, nothing else changed\): 36: #5→#6, #6→#7/);
  });

  it('reads a removed goal with its facts', () => {
    const next = clone(seed);
    const [gone] = next.goals.splice(12, 1);
    renumber(next);
    const d = diffReports(seed, next);
    const removed = d.goals.filter((g) => g.change === 'removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.before!.title).toBe(gone!.title);
    expect(d.summary.factsRemoved).toBe(gone!.facts.length);
    expect(renderReportDiff(d)).toContain(`- removed #13 ${JSON.stringify(gone!.title)}`);
  });

  it('reads a goal moved to another place and section as a move', () => {
    const next = clone(seed);
    const [moving] = next.goals.splice(2, 1);
    moving!.section = 'ØKONOMI';
    next.goals.splice(20, 0, moving!);
    renumber(next);
    const d = diffReports(seed, next);
    const moved = d.goals.filter((g) => g.moved);
    expect(moved.map((g) => g.after!.title)).toEqual([moving!.title]);
    expect(moved[0]).toMatchObject({ before: { ordinal: 3, section: 'POLITISK ORGANISERING' }, after: { ordinal: 21, section: 'ØKONOMI' } });
    expect(d.summary.goalsAdded + d.summary.goalsRemoved).toBe(0);
    expect(renderReportDiff(d)).toContain('moved: section "POLITISK ORGANISERING" → "ØKONOMI"');
  });

  it('pairs a retitled goal by a similar title and shows the title as a word diff', () => {
    const next = clone(seed);
    const goal = byTitle(next, 'Styrelsesvedtægt for Ballerup Kommune');
    goal.title = 'Ny styrelsesvedtægt for Ballerup Kommune';
    goal.id = goalId(next.id, goal.ordinal, goal.title);
    const d = diffReports(seed, next);
    expect(d.goals).toHaveLength(1);
    const c = d.goals[0] as GoalChange;
    expect(c.matchedBy).toBe('similar-title');
    expect(renderReportDiff(d)).toContain('title: [-Styrelsesvedtægt-]{+Ny styrelsesvedtægt+} for Ballerup Kommune');
  });

  it('matches goals across an edited source (another report id) without listing every goal', async () => {
    const a = await parseText(syntheticReport([['Mål A', 'Tiltag A.', 'Besparelse på 2 mio. kr.'], ['Mål B', 'Tiltag B.', 'Resultat B.']]));
    const b = await parseText(syntheticReport([['Mål A', 'Tiltag A.', 'Besparelse på 3 mio. kr.'], ['Mål B', 'Tiltag B.', 'Resultat B.']]));
    const d = diffReports(a, b);
    expect(d.report.map((f) => f.field)).toEqual(['id', 'source.sha256', 'source.bytes'].filter((f) => d.report.some((x) => x.field === f)));
    expect(d.goals).toHaveLength(1);
    expect(d.goals[0]!.after!.title).toBe('Mål A');
    expect(d.goals[0]!.facts).toEqual([
      expect.objectContaining({ change: 'changed', fields: ['text', 'value'], before: expect.objectContaining({ text: '2 mio. kr.' }), after: expect.objectContaining({ text: '3 mio. kr.' }) }),
    ]);
  });

  it('lists facts added and removed, sections, diagnostics and report fields', () => {
    const next = clone(seed);
    const goal = next.goals[0]!;
    const dropped = goal.facts.shift()!;
    goal.facts.push({ kind: 'percent', column: 'results', text: '5 pct.', span: [0, 6], value: 5, min: null, max: null, approx: false, qualifier: null });
    next.sections.push({ ordinal: 14, title: 'NYT AFSNIT' });
    next.diagnostics.push({ severity: 'warning', code: 'extra-cells', message: 'the row has 4 cells', page: 2, line: 30, column: 1 });
    next.intro = next.intro.replace('væsentligste', 'vigtigste');
    next.committee = null;
    const d = diffReports(seed, next);
    expect(d.goals[0]!.facts.map((f) => f.change).sort()).toEqual(['added', 'removed']);
    expect(d.goals[0]!.facts.find((f) => f.change === 'removed')!.before!.text).toBe(dropped.text);
    expect(d.sections.added).toEqual([{ ordinal: 14, title: 'NYT AFSNIT' }]);
    expect(d.diagnostics.added).toHaveLength(1);
    expect(d.report.map((f) => f.field)).toEqual(['intro', 'committee']);
    const text = renderReportDiff(d);
    expect(text).toContain('+ 14 NYT AFSNIT');
    expect(text).toContain('+ warning extra-cells (line 30:1, page 2): the row has 4 cells');
    expect(text).toContain('[-væsentligste-]{+vigtigste+}');
    expect(text).toContain('committee: "Økonomiudvalget" → (none)');
    expect(text).toContain('+ percent "5 pct." (results 0–6) = 5 %');
  });

  it('notices block structure changes that keep the text, and fields it does not model', () => {
    const next = clone(seed) as Report & { extra?: string };
    const goal = next.goals.find((g) => g.results.blocks.some((b) => b.type === 'list'))!;
    goal.results.blocks = goal.results.text.split('\n').map((text) => ({ type: 'paragraph' as const, text }));
    next.extra = 'x';
    const d = diffReports(seed, next);
    expect(d.goals[0]!.fields.map((f) => f.field)).toEqual(['results.blocks']);
    expect(d.other.map((f) => f.field)).toEqual(['extra']);
    expect(d.equal).toBe(false);
  });

  it('shows a field that every goal gained once, not once per goal', () => {
    const next = clone(seed);
    for (const g of next.goals) Object.assign(g, { confidence: 'high' });
    Object.assign(next.goals[3]!, { confidence: 'low' });
    const d = diffReports(seed, next);
    expect(d.other).toEqual([expect.objectContaining({ field: 'goals[*].confidence', before: undefined, after: 'high', goals: 39 })]);
    expect(d.goals.map((g) => g.after!.ordinal)).toEqual([4]);
    const text = renderReportDiff(d);
    expect(text).toContain('goals[*].confidence (in 39 goals): (absent) → "high"');
    expect(text).toContain('confidence: (absent) → "low"');
  });

  it('compares a report JSON of another schema version as it is, with a warning (lenient mode only)', () => {
    const old = JSON.parse(toCanonicalJson(seed));
    delete old.committee;
    const text = JSON.stringify(old);
    expect(parseReportJson(text)).toMatchObject({ ok: false, error: { code: 'invalid-report', params: { read: true } } });
    const lenient = parseReportJson(text, true);
    expect(lenient).toMatchObject({ ok: true, warning: { code: 'schema-mismatch', params: { detail: expect.stringMatching(/^committee: /) } } });
    if (!lenient.ok) throw new Error('unreachable');
    const d = diffReports(lenient.report, seed);
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

describe('parseReportJson', () => {
  it('names the file and the problem for input that is not a report JSON', () => {
    expect(parseReportJson('{"schemaVersion": 1,')).toMatchObject({ ok: false, error: { code: 'invalid-json', severity: 'error' } });
    expect(parseReportJson('{"hello": "world"}')).toMatchObject({
      ok: false,
      error: { code: 'invalid-report', params: { read: true, detail: expect.stringMatching(/^schemaVersion: .* \(and \d+ more\)$/) } },
    });
    const ok = parseReportJson(`\uFEFF${toCanonicalJson(seed)}`);
    expect(ok.ok && ok.report.goals.length).toBe(40);
  });
});
