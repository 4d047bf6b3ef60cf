/**
 * Runs the CLI in a child process, as a user runs it: the built `dist/pipeline/cli/main.js` (`npm test`
 * builds first). Not through tsx: its loader in worker threads crashes Node 20 now and then.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeFlagsOf } from '../pipeline/cli/bundle.js';

/** Absolute path of the CLI entry (so tests may run it from another working directory). */
export const CLI = resolve('dist/pipeline/cli/main.js');
/** Node arguments that run the CLI: the Node flags of its `#!` line (as the installed bin runs), then the entry. */
export const NODE_ARGS = [...nodeFlagsOf(readFileSync(CLI, 'utf8')), CLI];

/** Runs `status-ingest ARGS…` to completion. */
export function runCli(args: readonly string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8', ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Starts `status-ingest ARGS…` and returns the child (for killing it mid-run). */
export function startCli(args: readonly string[], cwd?: string) {
  return spawn(process.execPath, [...NODE_ARGS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The `--json` summary an ingest printed; fails with what the command said on stderr when there is none. */
export function summaryOf(r: { code: number | null; stdout: string; stderr: string }): Record<string, unknown> {
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`no JSON summary (exit ${r.code}); stderr:\n${r.stderr}`);
  }
}

/** Runs `status-ingest ARGS…` without blocking, so several runs can overlap. */
export function runCliAsync(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** What `runCliMeasured` gives: the run's output, how long it took, and the peak memory of its process. */
export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the CLI's process (all its threads), read from `/proc/<pid>/status` (`VmHWM`). */
  peakRssMb: number;
}

/** How often `runCliMeasured` reads the child's peak memory (a high-water mark: a late read still sees the peak). */
const RSS_POLL_MS = 20;

/**
 * Runs `status-ingest ARGS…` and measures it from outside: wall time, and the process's peak resident
 * memory (Linux `VmHWM`, read until it exits; the last read before the exit is kept). Killed after
 * `timeoutMs`, which then shows as a null code and the time it ran.
 */
export function runCliMeasured(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<MeasuredRun> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const readPeak = () => {
      try {
        const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      } catch {
        // The process has just exited: its last reading stands.
      }
    };
    const poll = setInterval(readPeak, RSS_POLL_MS);
    const kill = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('exit', readPeak);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(kill);
      resolvePromise({ code, stdout, stderr, ms: performance.now() - started, peakRssMb: Math.round(peakKb / 1024) });
    });
  });
}
