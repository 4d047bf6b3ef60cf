/** Helpers for the extractor tests: table-driven checks of facts against their source text. */
import { expect } from 'vitest';
import { extractFacts, type ExtractOptions } from '../../extractors/index.js';
import { Fact } from '../../schemas/fact.js';

/** A fact as a test expects it: kind and text always, any other field optionally. */
export type Expected = { kind: Fact['kind']; text: string } & Record<string, unknown>;

/**
 * Extracts facts and checks the invariants every fact must hold: schema-valid, span slices to text,
 * sorted, non-overlapping.
 */
export function factsOf(source: string, options?: ExtractOptions): Fact[] {
  const facts = extractFacts(source, options);
  let lastEnd = 0;
  for (const f of facts) {
    expect(() => Fact.parse(f)).not.toThrow();
    expect(source.slice(f.span[0], f.span[1])).toBe(f.text);
    expect(f.span[0]).toBeGreaterThanOrEqual(lastEnd);
    expect(f.span[1]).toBeGreaterThan(f.span[0]);
    lastEnd = f.span[1];
  }
  return facts;
}

/**
 * Asserts that `source` (read with `options`, if any) yields a fact matching `expected` (its span is where `expected.text` first occurs,
 * unless `expected.span` is given), and returns it.
 */
export function expectFact(source: string, expected: Expected, options?: ExtractOptions): Fact {
  const facts = factsOf(source, options);
  const at = source.indexOf(expected.text);
  expect(at, `"${expected.text}" must occur in the source`).toBeGreaterThanOrEqual(0);
  const span = (expected.span as [number, number] | undefined) ?? [at, at + expected.text.length];
  const hit = facts.find((f) => f.span[0] === span[0] && f.span[1] === span[1]);
  expect(hit, `no fact at ${JSON.stringify(span)} ("${expected.text}") in ${JSON.stringify(facts)}`).toBeDefined();
  expect(hit).toMatchObject({ ...expected, span });
  return hit!;
}

/** Asserts that `source` yields no fact of `kind` (any kind when omitted) overlapping `part`. */
export function expectNoFact(source: string, part: string, kind?: Fact['kind'], options?: ExtractOptions): void {
  const facts = factsOf(source, options);
  const at = source.indexOf(part);
  expect(at, `"${part}" must occur in the source`).toBeGreaterThanOrEqual(0);
  const end = at + part.length;
  const hits = facts.filter((f) => (!kind || f.kind === kind) && f.span[0] < end && at < f.span[1]);
  expect(hits, `unexpected facts on "${part}"`).toEqual([]);
}
