import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { createHash } from 'node:crypto';
import { CORPUS_GOLDEN, GOLDEN } from './corpus-sentences.js';
import { corpusPlainText, corpusSkipReason, skippedBecause } from '../corpus.js';
import { factsOf } from './helpers.js';

describe('real sentences', () => {
  it.each(GOLDEN.map(([source, facts]) => [source.slice(0, 90), source, facts] as const))('%s', (_, source, expected) => {
    factsOf(source); // invariants
    expect(extractFacts(source).map((f) => [f.kind, f.text])).toEqual(expected);
  });
});

describe('real sentences of the corpus, read in place', () => {
  const skip = corpusSkipReason();
  const texts = new Map<string, string>();
  const textOf = (doc: string): string => texts.get(doc) ?? texts.set(doc, corpusPlainText(doc)).get(doc)!;

  it.skipIf(skip).each(CORPUS_GOLDEN.map(([doc, at, length, digest, facts]) => [`${doc} @${at}+${length}${skippedBecause(skip)}`, doc, at, length, digest, facts] as const))(
    '%s',
    (_, doc, at, length, digest, expected) => {
      const sentence = textOf(doc).slice(at, at + length);
      expect(createHash('sha256').update(sentence).digest('hex').slice(0, 12), 'the sentence reviewed is no longer at this place').toBe(digest);
      factsOf(sentence); // invariants
      expect(extractFacts(sentence).map((f) => [f.kind, f.text])).toEqual(expected);
    },
  );
});
