#!/usr/bin/env -S node --no-regexp-tier-up
/**
 * The `status-ingest` command (see `program.ts`). It runs the build's bundle of the command line with
 * its code cache for `parse` and `facts` when there is one (`bundle.ts`: a cold `parse` of the seed
 * takes about 40% less CPU time), else the modules themselves (the other commands; the source tree
 * through tsx).
 *
 * `--no-regexp-tier-up` (in the line above) compiles regular expressions to machine code at once
 * instead of interpreting them first: a cold `parse` of the seed is about 150 ms faster. It must be
 * given when Node starts: set later with `v8.setFlagsFromString`, as it once was, it crashed Node 20
 * with SIGSEGV in about 3% of HTML parses. The bundle's code cache is made with the same flags (V8
 * refuses a cache made with others).
 */
import { isOneDocumentCommand, loadCliBundle, type LoadedBundle } from './bundle.js';

/** The bundle for `parse` and `facts`; the other commands run from tsc's modules, as they load most of the library anyway (see bundle.ts). */
function bundleForThisCommand(): LoadedBundle | null {
  if (!isOneDocumentCommand(process.argv)) return null;
  try {
    return loadCliBundle(import.meta.url);
  } catch (error) {
    // A damaged bundle (cut short, not this project's) only costs the fast start.
    process.stderr.write(`status-ingest: warning: not using the command line bundle (${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}); run npm run build\n`);
    return null;
  }
}

const { runCli } = bundleForThisCommand() ?? (await import('./program.js'));
await runCli(process.argv);
