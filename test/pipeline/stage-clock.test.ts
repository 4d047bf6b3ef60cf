/** The stage clock of `parseValidatedReport`: it runs every stage of the chain, and changes nothing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport, parseValidatedReport, type ParseStage, type StageClock } from '../../pipeline/index.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

describe('StageClock', () => {
  it('is handed each stage of a parse, in chain order, and the report is the untimed one', async () => {
    const input = { path: SEED, bytes: readFileSync(SEED) };
    const seen: ParseStage[] = [];
    const clock: StageClock = (stage, run) => {
      if (seen.at(-1) !== stage) seen.push(stage);
      return run();
    };
    const { report } = await parseValidatedReport(input, {}, clock);
    expect(report).toEqual(await parseReport(input));
    expect(seen.slice(0, 2)).toEqual(['decode', 'format read']);
    expect(new Set(seen)).toEqual(new Set(['decode', 'format read', 'rows', 'columns', 'classify', 'stitch', 'goals', 'facts', 'validation']));
    expect(seen.at(-1)).toBe('validation');
  });
});
