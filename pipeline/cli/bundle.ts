/**
 * The build's bundle of the command line, and V8's code cache for it: what makes a cold start fast.
 *
 * `npm run build` (`scripts/bundle-cli.mjs`) bundles `program.js` with what `parse` and `facts` load
 * into one CommonJS file next to `main.js` ({@link BUNDLE_FILE}: no module is looked up, read and
 * linked one at a time), runs a parse with it and saves the code V8 compiled meanwhile
 * ({@link CACHE_FILE}). Node 20 keeps no compile cache of its own (`module.enableCompileCache` is
 * Node 22), so the bundle is compiled here, as a `vm.Script` given that cache: its functions are not
 * parsed or compiled again. The cache begins with the bundle's id (the first line of the bundle), so a
 * cache left from another build is never used; V8 itself refuses one from another Node version or
 * with other V8 flags (`cachedDataRejected`), and the code is then compiled as usual.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * The commands a user runs on one document from a cold start: the bundle holds them (the other
 * commands stay tsc's modules), `main.js` runs the bundle only for them, and they run zod without
 * its compiled fast path (`program.ts`). A batch command run from the bundle would load the library
 * twice (the bundle's copy and its own modules'), about 15 MB more of peak memory for `ingest`.
 */
export const ONE_DOCUMENT_COMMANDS: readonly string[] = ['parse', 'facts'];

/** Whether `argv` (`process.argv`) runs one of `ONE_DOCUMENT_COMMANDS`. */
export function isOneDocumentCommand(argv: readonly string[]): boolean {
  const requested = argv[2];
  return requested !== undefined && ONE_DOCUMENT_COMMANDS.includes(requested);
}

/** The bundle's file name, next to `main.js`. */
export const BUNDLE_FILE = 'cli.bundle.cjs';
/**
 * The file next to `main.js` listing the modules the bundle was made from (paths relative to it, as
 * esbuild read them from `dist`): a bundle older than any of them is not run (see `loadCliBundle`).
 */
export const INPUTS_FILE = 'cli.bundle.inputs.json';
/** The code cache's file name, next to `main.js`. */
export const CACHE_FILE = 'cli.bundle.cache';
/** The name the bundle's `import()` calls were given (the function that imports for them). */
export const IMPORT_FUNCTION = '__statusIngestImport';
/** How the bundle's first line begins; the id (sha256 of the rest, in hex) follows it. */
export const BUNDLE_ID_PREFIX = '// status-ingest cli bundle ';

/** The loaded bundle: its `runCli`, the script (to save its code cache from) and what became of the cache. */
export interface LoadedBundle {
  runCli: (argv: readonly string[]) => Promise<void>;
  script: vm.Script;
  /** The bundle's id: what its code cache must begin with. */
  id: string;
  /** `accepted`: V8 used the cache; `rejected`: V8 refused it; `absent`: none of this build. */
  cache: 'accepted' | 'rejected' | 'absent';
}

/**
 * Loads and runs the bundle in the folder `dir` (a file URL, e.g. `import.meta.url` of `main.js`).
 * Null when there is none (the source tree run through tsx, or a build without the bundle step), or
 * when it is older than the modules tsc built next to it.
 */
export function loadCliBundle(dir: string | URL): LoadedBundle | null {
  const file = fileURLToPath(new URL(BUNDLE_FILE, dir));
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (olderThanModules(file, dir)) return null;
  // A bundle cut short (a build interrupted while writing it) fails here, and main.js says so.
  const id = source.slice(0, source.indexOf('\n'));
  if (!id.startsWith(BUNDLE_ID_PREFIX)) throw new Error(`${file} is not a bundle of the status-ingest command line`);
  const cachedData = cacheOf(fileURLToPath(new URL(CACHE_FILE, dir)), id);
  // Node's wrapper for a CommonJS module, on the first line (line numbers stay the bundle's), and the
  // function the bundle's `import()` calls were turned into: code from a code cache cannot `import()`
  // in Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so this module's `import()` does it for it.
  const wrapped = `(function (exports, require, module, __filename, __dirname, ${IMPORT_FUNCTION}) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} as { runCli?: LoadedBundle['runCli'] } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, fileURLToPath(new URL('.', dir)), (specifier: string) =>
    import(specifier.startsWith('.') ? new URL(specifier, dir).href : specifier),
  );
  if (typeof module.exports.runCli !== 'function') throw new Error(`${file} does not export runCli`);
  return { runCli: module.exports.runCli, script, id, cache: cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted' };
}

/**
 * Whether tsc wrote any of the modules the bundle was made from after it (`tsc` or `tsc --watch` run
 * alone after a build): the bundle is then older than the code and is not used, so `parse` never runs
 * other code than `ingest`. Without its list of modules the bundle counts as old. Two seconds of
 * slack, for a copy of `dist` that wrote its files in another order (`cp -r`); a packed package gives
 * all its files one time.
 */
function olderThanModules(bundle: string, dir: string | URL): boolean {
  let inputs: unknown;
  try {
    inputs = JSON.parse(readFileSync(new URL(INPUTS_FILE, dir), 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(inputs)) return true;
  const made = statSync(bundle).mtimeMs + 2000;
  return inputs.some((input) => typeof input !== 'string' || (statSync(new URL(input, dir), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > made);
}

/** The Node flags of a `#!` line that runs node (`#!/usr/bin/env -S node --flag …`): what the code cache is made and used under. */
export function nodeFlagsOf(mainSource: string): string[] {
  const shebang = mainSource.split('\n', 1)[0] ?? '';
  return /^#!.*\bnode\b(.*)$/.exec(shebang)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/** The code cache in `file` when it was made for the bundle `id`, else undefined. */
function cacheOf(file: string, id: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = Buffer.from(`${id}\n`, 'latin1');
  return bytes.length > head.length && bytes.subarray(0, head.length).equals(head) ? bytes.subarray(head.length) : undefined;
}
