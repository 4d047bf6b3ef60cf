/**
 * The report id: the sha256 of the source bytes. A module of its own, so that what only hashes files
 * (an unchanged re-run of `ingest`, which parses nothing) does not load the whole parse chain.
 */
import { createHash } from 'node:crypto';

/** sha256 hex of bytes: the report id. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
