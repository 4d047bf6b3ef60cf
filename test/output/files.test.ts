import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tempFileWriter, writeTempTextFile, writeTextFileAtomic } from '../../output/files.js';
import { removeStaleTempFiles } from '../../output/files.js';

const base = mkdtempSync(join(tmpdir(), 'si-files-'));
let dir: string;
let victim: string;
let n = 0;

beforeEach(() => {
  dir = join(base, `case-${n++}`);
  mkdirSync(dir);
  // A file outside the output folder that a planted link points at: it must never change.
  victim = join(base, `victim-${n}.txt`);
  writeFileSync(victim, 'precious');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A process id that was alive a moment ago and is gone now. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('writeTempTextFile', () => {
  it('writes the text whole to a temporary file of the target, which it leaves as it was', () => {
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    const temp = writeTempTextFile(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readFileSync(temp, 'utf8')).toBe('new');
    // Named so that a later run tells this live writer's file from a dead one's.
    expect(tempFileWriter(temp.slice(dir.length + 1))).toBe(process.pid);
    expect(readdirSync(dir).sort()).toEqual([temp.slice(dir.length + 1), 'out.json'].sort());
  });

  it('throws when it cannot write (its folder cannot be made), leaving nothing', () => {
    const target = join(dir, 'sub', 'out.json');
    writeFileSync(join(dir, 'sub'), 'a file where the folder goes');
    expect(() => writeTempTextFile(target, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['sub']);
  });
});

describe('writeTextFileAtomic', () => {
  it('writes the file whole and leaves no temporary file', () => {
    writeTextFileAtomic(join(dir, 'nested', 'out.html'), '<p>x</p>');
    expect(readFileSync(join(dir, 'nested', 'out.html'), 'utf8')).toBe('<p>x</p>');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['out.html']);
  });

  it('never writes through a link planted at the temporary name an earlier version used', () => {
    const target = join(dir, 'report.json');
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    writeTextFileAtomic(target, 'new');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('replaces a link at the target itself, not the file it points to', () => {
    const target = join(dir, 'review.html');
    symlinkSync(victim, target);
    writeTextFileAtomic(target, 'page');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('page');
  });

  it('names each temporary file anew, with its writer, and removes it when the write fails', () => {
    // A folder where the file should go: the rename fails after the temporary file was written.
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => writeTextFileAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes a dead writer’s temporary files (both name patterns), keeps a live one’s, never touches links', () => {
    const dead = deadPid();
    const names = {
      deadNew: `.a.json.${dead}.0123456789abcdef.tmp`,
      deadOld: `b.json.${dead}.tmp`,
      live: `.c.json.${process.pid}.fedcba9876543210.tmp`,
      link: `.d.json.${dead}.00112233445566aa.tmp`,
      report: 'e.0123456789ab.json',
    };
    for (const name of [names.deadNew, names.deadOld, names.live, names.report]) writeFileSync(join(dir, name), '{}');
    symlinkSync(victim, join(dir, names.link));
    expect(tempFileWriter(names.deadNew)).toBe(dead);
    expect(tempFileWriter(names.report)).toBeNull();
    removeStaleTempFiles(dir);
    expect(readdirSync(dir).sort()).toEqual([names.live, names.link, names.report].sort());
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });
});
