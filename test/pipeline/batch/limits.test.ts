/**
 * How many parse workers an ingest runs (issue 11: `--concurrency 64` took 2 GB): never more than the
 * cores, or than half the memory holds at the per-worker budget, and it says when it lowered a request.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LARGE_FILE_HEAP_LIMITS, machineLimits, WORKER_HEAP_LIMITS, workerCount, WORKER_MEMORY_MB, WORKER_MEMORY_SHARE } from '../../../pipeline/batch/limits.js';

const GiB = 1024 ** 3;

describe('workerCount', () => {
  it('runs one worker per core by default, and as many as asked for up to the cores', () => {
    const machine = { cores: 8, memoryBytes: 32 * GiB };
    expect(workerCount(undefined, machine)).toEqual({ workers: 8, requested: null, lowered: null });
    expect(workerCount(3, machine)).toEqual({ workers: 3, requested: 3, lowered: null });
    expect(workerCount(8, machine).lowered).toBeNull();
  });

  it('lowers a request past the cores, and says by what', () => {
    const machine = { cores: 2, memoryBytes: 32 * GiB };
    const byMemory = Math.floor((32 * GiB * WORKER_MEMORY_SHARE) / (WORKER_MEMORY_MB * 1024 * 1024));
    expect(workerCount(64, machine)).toEqual({ workers: 2, requested: 64, lowered: { cores: 2, byMemory } });
  });

  it('lowers it to what the memory holds on a machine of many cores and little memory, and never below one', () => {
    const small = { cores: 64, memoryBytes: 2 * GiB };
    const count = workerCount(64, small);
    expect(count.workers).toBe(Math.floor((2 * GiB * WORKER_MEMORY_SHARE) / (WORKER_MEMORY_MB * 1024 * 1024)));
    expect(count.workers * WORKER_MEMORY_MB).toBeLessThanOrEqual(2 * 1024 * WORKER_MEMORY_SHARE);
    expect(count.lowered).toMatchObject({ cores: 64, byMemory: count.workers });
    // The default is capped the same way, without a notice (nothing was asked for).
    expect(workerCount(undefined, small)).toMatchObject({ workers: count.workers, lowered: null });
    expect(workerCount(4, { cores: 4, memoryBytes: 64 * 1024 * 1024 })).toMatchObject({ workers: 1, lowered: { byMemory: 1 } });
  });

  it('reads this machine: at least one core and some memory', () => {
    const here = machineLimits();
    expect(here.cores).toBeGreaterThanOrEqual(1);
    expect(here.memoryBytes).toBeGreaterThan(0);
    expect(here.memoryBytes).toBeLessThan(2 ** 60);
  });
});

describe('the parse workers\' heap', () => {
  it('is counted whole when --concurrency is capped: both generations\' limits, and room for code and buffers', () => {
    const heap = WORKER_HEAP_LIMITS.maxOldGenerationSizeMb + WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb;
    expect(WORKER_MEMORY_MB).toBeGreaterThan(heap);
    // Two workers at their limits and the writer stay in a 256 MB budget's reach, not a gigabyte's.
    expect(WORKER_HEAP_LIMITS.maxOldGenerationSizeMb).toBeLessThanOrEqual(128);
  });

  it('is what the CLI\'s --max-semi-space-size gives every thread, so that the flag, which overrides resource limits, changes nothing', () => {
    const shebang = readFileSync('pipeline/cli/main.ts', 'utf8').split('\n', 1)[0]!;
    const semiSpaceMb = Number(/--max-semi-space-size=(\d+)\b/.exec(shebang)?.[1]);
    expect(semiSpaceMb).toBeGreaterThan(0);
    // V8's young generation is two semi-spaces and a large-object space of the same size.
    expect(WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb).toBe(3 * semiSpaceMb);
    expect(LARGE_FILE_HEAP_LIMITS.maxYoungGenerationSizeMb).toBe(3 * semiSpaceMb);
  });
});
