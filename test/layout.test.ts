/**
 * The house rules of the source tree, checked on every run: imports run one way (cli → batch and tools
 * → output → library → extractors → schemas), the library's pure parts do no I/O, and no module
 * imports itself round a circle. The README's "Layout" section says the same in words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers from the bottom up; a module may import its own layer and the layers below it. */
const LAYERS: readonly { name: string; match: (path: string) => boolean }[] = [
  { name: 'schemas', match: (p) => p.startsWith('schemas/') },
  { name: 'extractors', match: (p) => p.startsWith('extractors/') },
  {
    name: 'library',
    match: (p) => p.startsWith('pipeline/') && !p.startsWith('pipeline/batch/') && !p.startsWith('pipeline/cli/'),
  },
  { name: 'output', match: (p) => p.startsWith('output/') },
  { name: 'batch', match: (p) => p.startsWith('pipeline/batch/') },
  // The package's public entry: it gathers the library, output and batch APIs, and nothing imports it.
  { name: 'package', match: (p) => p === 'index.ts' },
  { name: 'cli', match: (p) => p.startsWith('pipeline/cli/') },
  { name: 'bench', match: (p) => p.startsWith('bench/') },
];

/**
 * Inside the library: formats and stages both build on the shared modules (word lists, header rules,
 * cell blocks, diagnostics), never on each other: a format must not reach forward into a stage's rules.
 */
const LIBRARY_PEERS: readonly [from: string, forbidden: string][] = [
  ['pipeline/formats/', 'pipeline/stages/'],
  ['pipeline/stages/', 'pipeline/formats/'],
  ['pipeline/vocabulary/', 'pipeline/stages/'],
  ['pipeline/vocabulary/', 'pipeline/formats/'],
  ['pipeline/cells/', 'pipeline/stages/'],
  ['pipeline/cells/', 'pipeline/formats/'],
];

/** Folders whose modules are pure: no file system, no child processes, no process state, no output. */
const PURE = ['pipeline/stages/', 'pipeline/formats/', 'pipeline/cells/', 'pipeline/vocabulary/', 'extractors/', 'schemas/'];
const IMPURE_MODULES = /^(?:node:)?(?:fs|fs\/promises|child_process)$/;

/** One module's source: its path from the project root and its text. */
export interface SourceModule {
  path: string;
  text: string;
}

/** The relative imports of a module (static, dynamic and type-only), resolved to project paths. */
function importsOf(module: SourceModule): { specifier: string; target: string | null }[] {
  const found: { specifier: string; target: string | null }[] = [];
  for (const m of module.text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm)) {
    const specifier = m[1]!;
    const target = specifier.startsWith('.')
      ? posix.normalize(posix.join(posix.dirname(module.path), specifier)).replace(/\.js$/, '.ts')
      : null;
    found.push({ specifier, target });
  }
  return found;
}

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.match(path));
}

/** Every broken house rule in a set of modules, as readable lines (empty when the tree keeps them). */
export function layoutViolations(modules: readonly SourceModule[]): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const module of modules) {
    const own = layerOf(module.path);
    const edges: string[] = [];
    const pure = PURE.some((p) => module.path.startsWith(p));
    for (const { specifier, target } of importsOf(module)) {
      if (pure && IMPURE_MODULES.test(specifier)) problems.push(`${module.path} imports ${specifier} (a pure module does no I/O)`);
      if (!target) continue;
      edges.push(target);
      const theirs = layerOf(target);
      for (const [from, forbidden] of LIBRARY_PEERS) {
        if (module.path.startsWith(from) && target.startsWith(forbidden)) problems.push(`${module.path} imports ${target}: ${from} never imports ${forbidden}`);
      }
      if (own >= 0 && theirs > own) {
        problems.push(`${module.path} (${LAYERS[own]!.name}) imports ${target} (${LAYERS[theirs]!.name}): imports run the other way`);
      }
    }
    // `process.` in code (comments aside): the working directory, the environment, exit codes.
    const code = module.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    if (pure && /\bprocess\.\w/.test(code)) problems.push(`${module.path} reads process state (process.…)`);
    graph.set(module.path, edges);
  }
  problems.push(...importCircles(graph));
  return problems;
}

/** Import circles in a module graph, each named once by the modules on it. */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  // Iterative depth-first search: a deep tree must not overflow the test's own stack.
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'open');
    stack.push(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const to = edges[top.next++]!;
        if (!graph.has(to)) continue;
        if (state.get(to) === 'open') circles.push(`import circle: ${[...stack.slice(stack.indexOf(to)), to].join(' → ')}`);
        else if (!state.has(to)) {
          state.set(to, 'open');
          stack.push(to);
          work.push({ node: to, next: 0 });
        }
      } else {
        state.set(top.node, 'done');
        stack.pop();
        work.pop();
      }
    }
  }
  return circles;
}

function sourceModules(): SourceModule[] {
  const modules: SourceModule[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) modules.push({ path, text: readFileSync(join(...path.split('/')), 'utf8') });
    }
  };
  for (const root of ['schemas', 'extractors', 'pipeline', 'output', 'bench']) walk(root);
  modules.push({ path: 'index.ts', text: readFileSync('index.ts', 'utf8') });
  return modules;
}

describe('source layout', () => {
  it('keeps every house rule', () => {
    const modules = sourceModules();
    expect(modules.length).toBeGreaterThan(40);
    expect(layoutViolations(modules)).toEqual([]);
  });

  it('catches a pure module doing I/O, a backward import, process state and a circle', () => {
    const problems = layoutViolations([
      { path: 'pipeline/stages/a.ts', text: "import { readFileSync } from 'node:fs';\nimport { x } from '../../output/json.js';" },
      { path: 'extractors/b.ts', text: "import { y } from '../pipeline/stages/a.js';\nconst cwd = process.cwd();" },
      { path: 'output/json.ts', text: "import { z } from './c.js';" },
      { path: 'output/c.ts', text: "import type { J } from './json.js';\n// process.exit is fine in a comment" },
      { path: 'schemas/d.ts', text: "const p = await import('node:child_process');" },
      { path: 'pipeline/formats/e.ts', text: "import { isSectionText } from '../stages/classify.js';" },
    ]);
    expect(problems).toEqual([
      'pipeline/stages/a.ts imports node:fs (a pure module does no I/O)',
      'pipeline/stages/a.ts (library) imports output/json.ts (output): imports run the other way',
      'extractors/b.ts (extractors) imports pipeline/stages/a.ts (library): imports run the other way',
      'extractors/b.ts reads process state (process.…)',
      'schemas/d.ts imports node:child_process (a pure module does no I/O)',
      'pipeline/formats/e.ts imports pipeline/stages/classify.ts: pipeline/formats/ never imports pipeline/stages/',
      'import circle: output/json.ts → output/c.ts → output/json.ts',
    ]);
  });
});
