/**
 * The progress line of `ingest` on a terminal: files settled out of the files found, the rate and
 * the time left. The file list is streamed, so the total is counted by a second, cheap walk of the
 * same paths (names only, nothing is read) while the ingest runs; until it ends the total and the
 * time left show as "…".
 */
import cliProgress from 'cli-progress';
import { listSourceFiles, type ListOptions } from '../batch/sources.js';

/** What the line shows of the run so far. */
export interface ProgressCounts {
  ingested: number;
  skipped: number;
  failed: number;
}

/** Files per second, for people: one decimal below 10, whole numbers above. */
export function formatRate(files: number, seconds: number): string {
  if (seconds <= 0 || files === 0) return '…';
  const rate = files / seconds;
  return rate < 10 ? rate.toFixed(1) : String(Math.round(rate));
}

/**
 * The time left at the rate so far, for people ("42 s", "3 min 5 s", "1 h 2 min"); "…" while the
 * total or the rate is not known yet.
 */
export function formatTimeLeft(settled: number, total: number | null, seconds: number): string {
  if (total === null || settled === 0 || seconds <= 0) return '…';
  const left = Math.max(0, total - settled) * (seconds / settled);
  const s = Math.round(left);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The progress line of one ingest run. */
export class IngestProgress {
  private readonly bar = new cliProgress.SingleBar(
    {
      format: 'ingest {value}{of} files | {rate} files/s | {left} left | {ingested} ingested | {skipped} skipped | {failed} failed',
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  private readonly started = performance.now();
  private total: number | null = null;
  private settled = 0;
  private counting = true;

  /** Starts the line and the count of the files under `paths`. */
  constructor(paths: readonly string[], options: ListOptions) {
    this.bar.start(0, 0, this.payload({ ingested: 0, skipped: 0, failed: 0 }));
    void this.count(paths, options);
  }

  /** One more file settled. */
  update(counts: ProgressCounts): void {
    this.settled = counts.ingested + counts.skipped + counts.failed;
    this.bar.setTotal(Math.max(this.total ?? 0, this.settled));
    this.bar.update(this.settled, this.payload(counts));
  }

  /** Clears the line (and stops the count). */
  stop(): void {
    this.counting = false;
    this.bar.stop();
  }

  private payload(counts: ProgressCounts): Record<string, string | number> {
    const seconds = (performance.now() - this.started) / 1000;
    return {
      ...counts,
      of: this.total === null ? '/…' : `/${this.total}`,
      rate: formatRate(this.settled, seconds),
      left: formatTimeLeft(this.settled, this.total, seconds),
    };
  }

  private async count(paths: readonly string[], options: ListOptions): Promise<void> {
    let n = 0;
    try {
      for await (const _ of listSourceFiles(paths, options)) {
        if (!this.counting) return;
        n++;
      }
      this.total = n;
    } catch {
      // The count is for the display only; the ingest's own listing reports what cannot be read.
    }
  }
}
