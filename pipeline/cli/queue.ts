import type { Command } from 'commander';
import { escapeForTerminal } from '../diagnostics.js';
import { openQueueStore, positiveWhole } from './queue-shared.js';

/** `queue --db postgres://…`: the queue per run (one run per `enqueue`), newest first: pending, running, done, failed. */
export function registerQueueCommand(program: Command): void {
  program
    .command('queue')
    .description('show the PostgreSQL queue per run: pending, running, done and failed jobs')
    .option('--db <url>', 'PostgreSQL URL (default: $DATABASE_URL)')
    .option('--runs <n>', 'most runs to show', positiveWhole, 20)
    .option('--json', 'print the runs as JSON', false)
    .action(async (opts: { db?: string; runs: number; json: boolean }) => {
      const opened = await openQueueStore(opts.db, { supervise: false, connections: 1, boss: false });
      if (!opened) return;
      const { store } = opened;
      const { queueStatus } = await import('../batch/queue.js');
      try {
        const status = await queueStatus(store, opts.runs);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        const head = ['run', 'started', 'host', 'files', 'enqueued', 'unchanged', 'pending', 'running', 'done', 'failed'];
        const rows = status.runs.map((r) => [r.run, r.startedAt.slice(0, 19).replace('T', ' '), escapeForTerminal(r.host), r.files, r.added, r.unchanged, r.pending, r.running, r.done, r.failed].map(String));
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (cells: string[]) => cells.map((c, i) => (i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
        process.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n${status.quarantined} file(s) in quarantine\n`);
      } catch (error) {
        process.stderr.write(`status-ingest: error: ${escapeForTerminal(`${store.name}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
        process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
}
