/**
 * `ingest --reviews FILE…`: the decisions of exported `<report>.review.json` files into the database
 * (`output/sqlite/reviews.ts`, `output/postgres/reviews.ts`), after the reports of the run, and the carry of decisions to
 * re-parsed reports that every ingest does. Kept apart from `ingest.ts`, which runs the batch.
 */
import { formatDiagnostic } from '../diagnostics.js';
import type { ReviewStore } from '../../output/store.js';
import { readInput } from './shared.js';

/** Largest review file read (a decision is a few hundred bytes; 100 000 goals fit). */
const MAX_REVIEW_BYTES = 50 * 1024 * 1024;

/**
 * Stores every review file given (each one whole, or not at all when it cannot be read or is no
 * review file: an error naming it), then carries decisions to goals that have none. Returns false
 * when some file could not be used.
 */
export async function ingestReviewFiles(store: ReviewStore, files: readonly string[]): Promise<boolean> {
  let ok = true;
  let stored = 0;
  for (const file of files) {
    const bytes = readInput(file, MAX_REVIEW_BYTES);
    if (!bytes) {
      ok = false;
      continue;
    }
    // The review file's schema (and zod) load with the first file: every ingest comes here to carry.
    const { readReviewFile } = await import('../../output/review-file.js');
    const read = readReviewFile(Buffer.from(bytes).toString('utf8'));
    if (!read.ok) {
      process.stderr.write(`${formatDiagnostic(file, read.error)}\n`);
      ok = false;
      continue;
    }
    const result = await store.storeReviews(read.file, file);
    for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
    stored += result.stored;
  }
  const carried = await store.carryReviews();
  const carriedText = `carried ${carried} ${carried === 1 ? 'decision' : 'decisions'} to re-parsed reports`;
  if (files.length > 0) process.stderr.write(`reviews: stored ${stored} decisions from ${files.length} ${files.length === 1 ? 'file' : 'files'}, ${carriedText}\n`);
  else if (carried > 0) process.stderr.write(`reviews: ${carriedText}\n`);
  return ok;
}

