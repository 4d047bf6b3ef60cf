import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { GOLDEN } from './corpus-sentences.js';
import { factsOf } from './helpers.js';

describe('real sentences', () => {
  it.each(GOLDEN.map(([source, facts]) => [source.slice(0, 90), source, facts] as const))('%s', (_, source, expected) => {
    factsOf(source); // invariants
    expect(extractFacts(source).map((f) => [f.kind, f.text])).toEqual(expected);
  });
});
