/**
 * `review --out` leaves no temporary page behind (issue 11): SIGINT and SIGTERM at any moment end the
 * command with no temp file in the folder, and the next write removes the ones a SIGKILLed or dead
 * writer left (its process gone, or the file over an hour old), never a live writer's or a link.
 */
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../cli-runner.js';
import { seededRandom } from '../../random.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const TEMP = /\.tmp$/;

/** A process id no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 1000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free process id found');
}

describe('review --out and its temporary file', () => {
  it('ends on SIGINT or SIGTERM at a random moment with no temp file left, the page whole or absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-review-kill-'));
    const whole = runCli(['review', SEED, '--out', join(dir, 'whole.html')]);
    expect(whole.code).toBe(0);
    const page = readFileSync(join(dir, 'whole.html'), 'utf8');
    const random = seededRandom('review kill moments');
    for (let attempt = 0; attempt < 6; attempt++) {
      const out = join(dir, `page-${attempt}.html`);
      const child = startCli(['review', SEED, '--out', out]);
      // Listened for from the start: the review may be done before the signal is sent.
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])));
      const signal = attempt % 2 ? 'SIGTERM' : 'SIGINT';
      await new Promise((r) => setTimeout(r, Math.floor(random.next() * 1200)));
      child.kill(signal);
      const [code, got] = await exited;
      // Ended by the signal (128 + its number), or it had finished before the signal came.
      expect(got === signal || code === 0, `exit ${code} signal ${got}`).toBe(true);
      expect(readdirSync(dir).filter((f) => TEMP.test(f))).toEqual([]);
      if (readdirSync(dir).includes(`page-${attempt}.html`)) expect(readFileSync(out, 'utf8')).toBe(page);
    }
  }, 60_000);

  it('removes temp files of dead writers and over an hour old, keeps a live writer’s and never touches a link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-review-stale-'));
    const victim = join(mkdtempSync(join(tmpdir(), 'si-victim-')), 'precious.txt');
    writeFileSync(victim, 'precious');
    const names = {
      dead: `.page.html.${deadPid()}.0123456789abcdef.tmp`,
      old: `.page.html.${process.pid}.00112233445566ff.tmp`,
      live: `.page.html.${process.pid}.fedcba9876543210.tmp`,
      link: `.other.html.${deadPid()}.aabbccddeeff0011.tmp`,
      mine: 'notes.tmp',
    };
    for (const name of [names.dead, names.old, names.live, names.mine]) writeFileSync(join(dir, name), '<html>');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(dir, names.old), twoHoursAgo, twoHoursAgo);
    symlinkSync(victim, join(dir, names.link));
    const r = runCli(['review', SEED, '--out', join(dir, 'page.html')]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([names.live, names.link, names.mine, 'page.html'].sort());
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
});
