/**
 * Parses one file in a process of its own and prints what the hostile-input tests check: how long the
 * parse took, the process's peak resident memory, and the report in brief (its diagnostics' codes and
 * params, goal and fact counts, and a hash of the whole report, to compare runs). Run by
 * `hostile-input.e2e.test.ts` as `node --import tsx test/pipeline/parse-measured.ts FILE`, with Node
 * flags (a small `--stack-size`) where a test needs them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../pipeline/index.js';

const path = process.argv[2]!;
const bytes = readFileSync(path);
const start = performance.now();
const report = await parseReport({ path: 'input', bytes });
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    diagnostics: report.diagnostics.map((d) => ({ code: d.code, params: d.params })),
    goals: report.goals.length,
    facts: report.goals.reduce((n, g) => n + g.facts.length, 0),
    sha256: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
  }),
);
