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
import { isOneDocumentCommand, loadCliBundle } from './bundle.js';

// The other commands run from tsc's modules: they load most of the library anyway (see bundle.ts).
const { runCli } = (isOneDocumentCommand(process.argv) ? loadCliBundle(import.meta.url) : null) ?? (await import('./program.js'));
await runCli(process.argv);
