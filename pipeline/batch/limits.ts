/**
 * Limits of batch ingestion that the CLI shows as defaults. Apart from `ingest.ts` so that the CLI can
 * name them without loading the batch machinery (worker pool, database) before a command needs it.
 */

/** Default `--max-bytes`: larger inputs are refused (`too-large`). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
