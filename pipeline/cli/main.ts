#!/usr/bin/env -S node --no-regexp-tier-up --max-semi-space-size=8 --no-allocation-site-pretenuring
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
 *
 * `--max-semi-space-size=8` caps every thread's young generation at 24 MB (two semi-spaces of 8 MB and
 * a large-object space as big): the same as the parse workers' `WORKER_HEAP_LIMITS` (`limits.ts`),
 * which a V8 flag overrides, and below the main thread's default of 48 MB, whose share of an ingest's
 * peak RSS pays for the workers' larger young generation.
 *
 * `--no-allocation-site-pretenuring` keeps V8 from allocating the objects of an allocation site whose
 * objects often survived a young-generation collection straight in the old generation. A parse's
 * objects live for one report: with a scavenge every few reports, the report in hand survives one,
 * V8 takes its sites for long-lived ones, and their objects then fill the old generation, which it
 * collects in full (marking on the platform threads) every 45 reports or so. Without pretenuring, one
 * thread parsing 2,000 seed-like reports ran 5 full collections instead of 44; interleaved ingests
 * took 80.3 and 75.9 s against 84.8 and 90.9 s at N = 10,000 (CPU 122.6 and 117.9 s against 134.0 and
 * 144.6 s), and at N = 1,000 a median 10.9 s against 11.3 s with peak RSS 207-214 MB against
 * 222-230 MB (README, "Where a batch's CPU goes").
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
