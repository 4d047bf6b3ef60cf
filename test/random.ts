/**
 * Random numbers for tests that need them (kill moments, delays), from a logged seed: a failure can be
 * replayed with `TEST_SEED=<seed> npm test`.
 */

/** A seeded generator of numbers in [0, 1) (mulberry32), and the seed it was made from. */
export function seededRandom(label: string): { seed: number; next: () => number } {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) >>> 0 : (Date.now() ^ (process.pid << 8)) >>> 0;
  console.log(`${label}: random seed ${seed} (replay with TEST_SEED=${seed})`);
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next };
}
