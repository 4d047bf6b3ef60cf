/**
 * The JSON Schema of the report JSON: generated from zod, committed, never stale, and every golden
 * expected.json is valid against it (checked by ajv, a validator that does not know zod).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_PATH, reportJsonSchema, reportJsonSchemaText } from '../../schemas/json-schema.js';
import { parseReport } from '../../pipeline/index.js';
import { toCanonicalJson } from '../../output/json.js';
import type { Report } from '../../schemas/report.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

const expectedFiles = readdirSync('fixtures', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join('fixtures', d.name, 'expected.json'))
  .filter((f) => existsSync(f));

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')));
}

let seed: Report;
beforeAll(async () => {
  seed = JSON.parse(toCanonicalJson(await parseReport({ path: SEED, bytes: readFileSync(SEED) }))) as Report;
});

describe('report JSON Schema', () => {
  it(`${REPORT_SCHEMA_PATH} is what the zod schemas generate (run "npm run schema" when this fails)`, () => {
    const committed = readFileSync(REPORT_SCHEMA_PATH, 'utf8');
    expect(committed, `${REPORT_SCHEMA_PATH} is stale: run "npm run schema" and commit it`).toBe(reportJsonSchemaText());
  });

  it('is draft 2020-12 with a stable $id and named parts', () => {
    const schema = reportJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(Object.keys(schema.$defs as object)).toEqual(expect.arrayContaining(['Goal', 'Fact', 'MoneyFact', 'Series', 'Diagnostic']));
  });

  it('accepts every golden expected.json and a freshly parsed report', () => {
    expect(expectedFiles.length, 'no fixtures/*/expected.json found').toBeGreaterThan(0);
    const validate = validator();
    for (const file of expectedFiles) {
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(validate(seed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects what zod rejects: a wrong currency, an unknown field, a bad span, a missing field', () => {
    const validate = validator();
    const goal = seed.goals.find((g) => g.facts.some((f) => f.kind === 'money'))!;
    const gi = seed.goals.indexOf(goal);
    const fi = goal.facts.findIndex((f) => f.kind === 'money');
    const mutate = (edit: (r: any) => void) => {
      const copy = structuredClone(seed) as any;
      edit(copy);
      return copy;
    };
    const bad = {
      currency: mutate((r) => (r.goals[gi].facts[fi].currency = 'EUR')),
      unknownField: mutate((r) => (r.goals[gi].extra = 1)),
      unknownCode: mutate((r) => r.diagnostics.push({ ...r.diagnostics[0], code: 'made-up-code' })),
      span: mutate((r) => (r.goals[gi].facts[fi].span = [3])),
      missing: mutate((r) => delete r.goals[gi].provenance),
      kind: mutate((r) => (r.goals[gi].facts[fi].kind = 'euro')),
      id: mutate((r) => (r.id = 'not-a-sha')),
    };
    for (const [name, report] of Object.entries(bad)) {
      expect(validate(report), name).toBe(false);
    }
  });
});
