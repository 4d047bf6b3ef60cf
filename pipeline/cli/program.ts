/**
 * The status-ingest command line: a thin adapter over the library API, one module per command in
 * `pipeline/cli/`. Exit codes: 0 success, 1 a document failed (or warned, with --strict),
 * 2 usage errors. Never a stack trace for bad input. `main.ts` starts it (from the build's bundle of
 * this module, see `bundle.ts`).
 */
import { Command, CommanderError } from 'commander';
import { PIPELINE_VERSION } from '../version.js';
import { isOneDocumentCommand } from './bundle.js';

/** The commands, each loaded only when it is run (or for `--help`), so that start-up stays fast. */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  parse: async () => (await import('./parse.js')).registerParseCommand,
  ingest: async () => (await import('./ingest.js')).registerIngestCommand,
  facts: async () => (await import('./facts.js')).registerFactsCommand,
  schema: async () => (await import('./schema.js')).registerSchemaCommand,
  diff: async () => (await import('./diff.js')).registerDiffCommand,
  review: async () => (await import('./review.js')).registerReviewCommand,
  search: async () => (await import('./search.js')).registerSearchCommand,
  export: async () => (await import('./export.js')).registerExportCommand,
  enqueue: async () => (await import('./enqueue.js')).registerEnqueueCommand,
  worker: async () => (await import('./worker.js')).registerWorkerCommand,
  queue: async () => (await import('./queue.js')).registerQueueCommand,
};

/**
 * Runs the command line on `argv` (`process.argv`: node, script, then the arguments); the outcome is
 * `process.exitCode`.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`status-ingest parse x | head`) is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  const program = new Command();
  program
    .name('status-ingest')
    .description('Parse Danish municipal status reports into validated goal records and facts.')
    .version(PIPELINE_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const requested = argv[2];
  if (isOneDocumentCommand(argv)) {
    // Before the schemas are built: zod's fast path for a schema (code compiled with `new Function`
    // at its first parse) costs more to build than it saves on one document's validation.
    (await import('zod')).z.config({ jitless: true });
  }
  const names = requested !== undefined && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]!())(program);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      // Unexpected failures are reported in one line; the stack is for STATUS_INGEST_DEBUG only.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`status-ingest: error: ${message}\n`);
      if (process.env.STATUS_INGEST_DEBUG) console.error(error);
      process.exitCode = 1;
    }
  }
}
