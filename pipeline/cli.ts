#!/usr/bin/env node
/**
 * The status-ingest command line: a thin adapter over the library API, one module per command in
 * `pipeline/commands/`. Exit codes: 0 success, 1 a document failed (or warned, with --strict),
 * 2 usage errors. Never a stack trace for bad input.
 */
import { Command, CommanderError } from 'commander';
import { PIPELINE_VERSION } from './index.js';
import { registerParseCommand } from './commands/parse.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerFactsCommand } from './commands/facts.js';

const program = new Command();
program
  .name('status-ingest')
  .description('Parse Danish municipal status reports into validated goal records and facts.')
  .version(PIPELINE_VERSION)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerParseCommand(program);
registerIngestCommand(program);
registerFactsCommand(program);

try {
  await program.parseAsync(process.argv);
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
