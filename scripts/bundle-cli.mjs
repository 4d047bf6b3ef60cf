/**
 * The second step of `npm run build` (after `tsc`): the command line's bundle and its code cache
 * (see `pipeline/cli/bundle.ts`, which loads them).
 *
 * Why: a cold `parse` spent about half its time loading some 190 ES modules one file at a time and
 * compiling them (zod alone is 94 modules, 65 of them locales). The bundle
 * (`dist/pipeline/cli/cli.bundle.cjs`) holds `program.js`, commander and the commands a user runs on
 * one document from a cold start (`parse`, `facts`), with everything they import from this project,
 * zod and htmlparser2 (the HTML and PDF readers too, evaluated only when used). The other commands
 * stay tsc's modules next to it (`./ingest.js`, …), loaded when run, as before: batch ingestion, its
 * workers (`dist/pipeline/batch/worker.js`) and the library (`dist/index.js`) are the very modules tsc
 * built. Packages that load files of their own or native code (pdfjs-dist, better-sqlite3, piscina,
 * …) load from node_modules when used.
 *
 * Then a parse of the seed text and of its HTML runs in a child Node with the bundle, started with the
 * Node flags of `main.js`'s `#!` line (V8 refuses a code cache made under other flags), and the code
 * V8 compiled for it is saved (`cli.bundle.cache`).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIR = 'dist/pipeline/cli';
const DIR_URL = pathToFileURL(`${resolve(DIR)}/`).href;
const { BUNDLE_FILE, CACHE_FILE, INPUTS_FILE, BUNDLE_ID_PREFIX, IMPORT_FUNCTION, ONE_DOCUMENT_COMMANDS, nodeFlagsOf } = await import(`${DIR_URL}bundle.js`);

/** The commands bundled; every other `./<command>.js` that program.js loads (by `import()`) stays a module of its own. */
const BUNDLED_COMMANDS = new Set(ONE_DOCUMENT_COMMANDS.map((name) => `./${name}.js`));

/** What `import.meta.url` of `module-source.js` is in the bundle: its own file (see moduleSourceUrl and the banner). */
const META_URL = '__statusIngestModuleUrl';

/** Packages loaded from node_modules at run time, never bundled. */
const EXTERNAL_PACKAGES = ['pdfjs-dist', 'pdf-parse', '@napi-rs/canvas', 'better-sqlite3', 'piscina', 'pg', 'pg-boss', 'playwright-core'];

/** What the code cache is made on: a parse of each (the text path, and the HTML reader's code). */
const TRAINING = ['fixtures/oekonomiudvalget-2014-2017/input.txt', 'fixtures/oekonomiudvalget-2014-2017-html/input.html'];

/** @type {import('esbuild').Plugin} */
const commandsApart = {
  name: 'commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (args) =>
      args.importer.endsWith(`/${DIR}/program.js`) && args.kind === 'dynamic-import' && !BUNDLED_COMMANDS.has(args.path) ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * `import.meta.url` of `pipeline/module-source.js` (which resolves pdfjs's worker code by it) is the
 * bundle's file in the bundle: packages resolve from there as from the module's own (both are under
 * the project). Only there: a URL of a file beside the module (`new URL('./worker.js', …)`) would not
 * be found beside the bundle, so any other bundled `import.meta` is left to esbuild, which warns.
 * @type {import('esbuild').Plugin}
 */
const moduleSourceUrl = {
  name: 'module-source-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]pipeline[\\/]module-source\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', META_URL),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [`${DIR}/program.js`],
  outfile: `${DIR}/${BUNDLE_FILE}`,
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL_PACKAGES,
  plugins: [commandsApart, moduleSourceUrl],
  legalComments: 'none',
  // The bundle's own file, for module-source.js's `import.meta.url` (see moduleSourceUrl); strict mode
  // first, as esbuild's own "use strict" would no longer be a directive after the banner.
  banner: { js: `"use strict";const ${META_URL} = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'warning',
  metafile: true,
});
/** Writes `file` whole or not at all (a build stopped midway leaves no bundle cut short). */
const writeAtomically = (file, data) => {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
};
// What is left of `import(…)` in the bundle loads a module outside it (a command not bundled, pdfjs,
// node:zlib); `bundle.ts` gives the bundle the function that does it (see there why).
// The rewrite is textual, so it is checked against what esbuild says it left: the calls with a
// string (a path esbuild knows) must be as many as the import() calls of modules outside the bundle
// in its metafile, or the build fails (a call with a variable, `import(WORKER_MODULE)`, it cannot know).
let imports = 0;
let named = 0;
const code = result.outputFiles[0].text.replace(/(?<![\w$.])import\((?=(["'`\w$]))/g, (_, first) => {
  imports++;
  if (first !== '`' && /["']/.test(first)) named++;
  return `${IMPORT_FUNCTION}(`;
});
const external = Object.values(result.metafile.outputs)[0].imports.filter((i) => i.kind === 'dynamic-import' && i.external).length;
if (imports === 0 || named !== external) {
  throw new Error(`bundle-cli: ${named} import() calls of a named module rewritten, but esbuild left ${external}: the rewrite no longer matches esbuild's output`);
}
const id = `${BUNDLE_ID_PREFIX}${createHash('sha256').update(code).digest('hex')}`;
rmSync(`${DIR}/${CACHE_FILE}`, { force: true });
// The project's modules the bundle holds (packages are not rebuilt by tsc), for its age check.
const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/')).map((p) => relative(DIR, p)).sort();
writeAtomically(`${DIR}/${INPUTS_FILE}`, `${JSON.stringify(inputs)}\n`);
writeAtomically(`${DIR}/${BUNDLE_FILE}`, `${id}\n${code}`);

const nodeFlags = nodeFlagsOf(readFileSync(`${DIR}/main.js`, 'utf8'));
const trainer = `
const { loadCliBundle } = await import(${JSON.stringify(`${DIR_URL}bundle.js`)});
const { writeFileSync } = await import('node:fs');
const bundle = loadCliBundle(${JSON.stringify(DIR_URL)});
for (const file of ${JSON.stringify(TRAINING)}) {
  await bundle.runCli([process.execPath, 'main.js', 'parse', file]);
  if (process.exitCode) throw new Error('the training parse of ' + file + ' failed');
}
writeFileSync(${JSON.stringify(`${DIR}/${CACHE_FILE}.tmp`)}, Buffer.concat([Buffer.from(bundle.id + '\\n', 'latin1'), bundle.script.createCachedData()]));
`;
const trained = spawnSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', trainer], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (trained.status !== 0) throw new Error(`bundle-cli: the code cache was not made (exit ${trained.status})`);
renameSync(`${DIR}/${CACHE_FILE}.tmp`, `${DIR}/${CACHE_FILE}`);
