import type { Command } from 'commander';
import { formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import { PIPELINE_VERSION } from '../version.js';
import { openQueueStore, positiveWhole } from './queue-shared.js';

/**
 * `worker --db postgres://… [--concurrency N]`: takes jobs from the queue until stopped (SIGTERM or
 * SIGINT: no new job is taken, the jobs in hand finish, exit 0; a second signal exits at once) or,
 * with `--until-empty`, until no job is pending or running. One line per quarantined file and per
 * retry on stderr. Exit 2 when the database cannot be used.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take report jobs from the PostgreSQL queue, parse them and write their reports (run one on each machine)')
    .option('--db <url>', 'PostgreSQL URL (default: $DATABASE_URL)')
    .option('--concurrency <n>', 'jobs at once (parse threads)', positiveWhole, 1)
    .option('--until-empty', 'exit once no job is pending or running', false)
    .option('--quiet', 'print only quarantined files and the summary', false)
    .action(async (opts: { db?: string; concurrency: number; untilEmpty: boolean; quiet: boolean }) => {
      const opened = await openQueueStore(opts.db, { supervise: true, connections: opts.concurrency + 1 });
      if (!opened) return;
      const { store, boss } = opened;
      const { startWorker } = await import('../batch/queue-worker.js');
      const counts = { ingested: 0, unchanged: 0, retrying: 0, quarantined: 0 };
      const worker = await startWorker({
        store,
        boss,
        pipelineVersion: PIPELINE_VERSION,
        concurrency: opts.concurrency,
        untilEmpty: opts.untilEmpty,
        onJob: (event) => {
          counts[event.outcome]++;
          if (event.outcome === 'quarantined') {
            process.stderr.write(`${formatDiagnostic(event.path, event.problem)} (attempt ${event.attempt}, quarantined)\n`);
          } else if (event.outcome === 'retrying' && !opts.quiet) {
            process.stderr.write(`${formatDiagnostic(event.path, event.problem)} (attempt ${event.attempt}, retried)\n`);
          }
        },
      });
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        if (++signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
        process.stderr.write(`${signal}: finishing the jobs in hand…\n`);
        void worker.stop();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      await worker.done;
      await store.close();
      process.stderr.write(
        `worker: ingested ${counts.ingested}, unchanged ${counts.unchanged}, retried ${counts.retrying}, quarantined ${counts.quarantined} → ${quoteForTerminal(store.name)}\n`,
      );
    });
}
