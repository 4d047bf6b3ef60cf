/** Runs the CLI from source in a child process, as a user would run it. */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Absolute path of the CLI entry (so tests may run it from another working directory). */
export const CLI = resolve('pipeline/cli.ts');
/** Node arguments that load the TypeScript sources. */
export const NODE_ARGS = ['--import', pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href, CLI];

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
