/** Reading a report file: report JSON of version 2 as it is, of version 1 upgraded, shapes the tools accept. */
import { describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../output/json.js';
import { asComparableReport, hasReportShape, hasReportShapeV1, hasReportShapeV2, loadReport, parseReportJson } from '../../output/report-file.js';
import { V1_NUMBERED, V1_SEED_EXCERPT, upgraded, v1Json } from './diff/diff-fixtures.js';
import { sampleReport } from './v2-report.js';

const v2 = JSON.parse(toCanonicalJson(sampleReport()));
const v1 = JSON.parse(v1Json(V1_SEED_EXCERPT));

describe('hasReportShape', () => {
  it('accepts the version-1 and the version-2 shape, each for itself', () => {
    expect(hasReportShape(v2) && hasReportShapeV2(v2) && !hasReportShapeV1(v2)).toBe(true);
    expect(hasReportShape(v1) && hasReportShapeV1(v1) && !hasReportShapeV2(v1)).toBe(true);
  });

  it('refuses data without the parts the tools read', () => {
    for (const broken of [
      { ...v2, tables: undefined },
      { ...v2, goals: [{ ...v2.goals[0], cells: undefined }] },
      { ...v2, goals: [{ ...v2.goals[0], facts: [{ kind: 'money' }] }] },
      { ...v1, columns: 'x' },
      { ...v1, goals: [{ ...v1.goals[0], results: null }] },
      { hello: 'world' },
      [],
      null,
    ]) {
      expect(hasReportShape(broken)).toBe(false);
    }
  });
});

describe('asComparableReport', () => {
  it('gives a version-2 shape as it is, a version-1 shape upgraded, anything else null', () => {
    expect(asComparableReport(v2)).toBe(v2);
    expect(asComparableReport(v1)).toEqual(upgraded(V1_SEED_EXCERPT));
    expect(asComparableReport({ ...v1, committee: undefined })).toMatchObject({ schemaVersion: 2, committee: undefined, tables: [expect.any(Object)] });
    expect(asComparableReport({ hello: 'world' })).toBeNull();
  });
});

describe('loadReport', () => {
  it('reads a version-1 report JSON file upgraded, with an info that it was', async () => {
    const loaded = await loadReport('old.json', new TextEncoder().encode(v1Json(V1_NUMBERED)));
    expect(loaded).toMatchObject({ ok: true, from: 'json', upgraded: { severity: 'info', code: 'schema-upgraded', params: { from: 1, to: 2 } } });
    if (!loaded.ok) throw new Error('unreachable');
    expect(loaded.report).toEqual(upgraded(V1_NUMBERED));
    expect(loaded.upgraded!.message).toContain('schema version 1, upgraded to version 2');
  });

  it('reads a version-2 report JSON as it is', () => {
    const loaded = parseReportJson(toCanonicalJson(sampleReport()));
    expect(loaded).toEqual({ ok: true, report: sampleReport(), from: 'json' });
  });

  it('gives the goals of a version-2 report JSON written before goals had keys their keys, from their ids, without a warning', () => {
    const keyless = { ...v2, goals: v2.goals.map(({ key: _key, ...g }: Record<string, unknown>) => g) };
    expect(keyless.goals[0]).not.toHaveProperty('key');
    const loaded = parseReportJson(JSON.stringify(keyless));
    expect(loaded).toEqual({ ok: true, report: sampleReport(), from: 'json' });
    expect(asComparableReport(keyless)?.goals.map((g) => g.key)).toEqual(sampleReport().goals.map((g) => g.key));
  });
});
