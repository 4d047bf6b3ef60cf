/**
 * Sidecar meta files: `<report file>.meta.json` next to a report holds what the document does not say
 * (`{ "title", "committee", "meetingDate", "municipality" }`), as an agenda system knows it. Read at the
 * I/O boundary; the library takes the result as `ParseOptions.meta`.
 */
import { statSync } from 'node:fs';
import { diagnose } from '../diagnostics.js';
import type { ReportMeta } from '../../schemas/meta.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import { readReportFile } from './read.js';

/** The sidecar path of a report file. */
export function metaPathOf(reportPath: string): string {
  return `${reportPath}.meta.json`;
}

/** Largest sidecar read: it holds four short strings. */
const MAX_META_BYTES = 64 * 1024;

/**
 * Reads the sidecar of a report file: no sidecar gives `{}`; an unreadable or invalid one gives an
 * `invalid-meta` error naming it (a wrong meeting date must not pass quietly).
 */
export async function readSidecarMeta(reportPath: string, label = metaPathOf(reportPath)): Promise<{ meta: ReportMeta; problem: DiagnosticRecord | null }> {
  const metaPath = metaPathOf(reportPath);
  if (!mayExist(metaPath)) return { meta: {}, problem: null };
  // Read as a report is (a FIFO named like a sidecar must not hang the run), and bounded.
  const read = await readReportFile(metaPath, MAX_META_BYTES);
  if ('problem' in read) {
    if (read.errorCode === 'ENOENT') return { meta: {}, problem: null };
    const detail = read.problem.code === 'too-large' ? `larger than ${MAX_META_BYTES} bytes` : read.problem.message;
    return { meta: {}, problem: diagnose('invalid-meta', { file: label, detail }) };
  }
  const text = new TextDecoder().decode(read.bytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { meta: {}, problem: diagnose('invalid-meta', { file: label, detail: `not JSON (${error instanceof Error ? error.message : String(error)})` }) };
  }
  // The schema (and zod) load with the first sidecar: batch ingestion's main thread validates nothing else.
  const parsed = (await import('../../schemas/meta.js')).ReportMeta.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'invalid';
    return { meta: {}, problem: diagnose('invalid-meta', { file: label, detail }) };
  }
  return { meta: parsed.data, problem: null };
}

/**
 * False when nothing is at the path. Most reports have no sidecar, and batch ingestion asks for every
 * file: a synchronous stat that makes no error object answers in microseconds, where the read's
 * promise-based stat cost about half a millisecond of the main thread (its ENOENT error built in
 * JavaScript). Any other answer (there is something, or the stat failed otherwise) goes to the read.
 */
function mayExist(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}
