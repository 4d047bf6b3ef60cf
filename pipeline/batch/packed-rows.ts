/**
 * The rows of a report (`output/sqlite/rows.ts`) packed for the trip from a parse worker to the
 * single writer, and unpacked in the writer's turn. Apart from `worker.ts` so that the writer's
 * thread unpacks without loading the parse chain (an unchanged re-run never loads it).
 */
import { deserialize, serialize } from 'node:v8';
import type { ReportRows } from '../../output/sqlite/rows.js';

/**
 * A report's rows as one buffer (V8's serialisation, what a structured clone makes too), for the
 * trip from a parse worker to the writer. Handed over as objects, the rows of every report waiting
 * for the writer lived on its heap and outlived a young-generation collection or two, so the writer's
 * heap grew by about 35 MB between full collections; packed, they wait as bytes off the heap, and
 * are unpacked (`unpackReportRows`) in the writer's turn, just before they are written. Peak RSS
 * of an ingest of 1,000 seed-like reports, the same build with and without packing: 242-247 MB and
 * 231-235 MB (four runs each).
 */
export function packReportRows(rows: ReportRows): Uint8Array {
  return serialize(rows);
}

/** The rows `packReportRows` packed. */
export function unpackReportRows(packed: Uint8Array): ReportRows {
  return deserialize(packed) as ReportRows;
}
