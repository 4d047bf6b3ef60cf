import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardStagedReportJson, jsonNameFor, placeStagedReportJson, stageReportJsonText } from '../../output/json-files.js';

const ID = 'ab'.repeat(32);

describe('staged report JSON', () => {
  it('is written whole to a hidden temporary file, and replaces the old file only when placed', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'si-json-')), 'json');
    const staged = stageReportJsonText(dir, 'in/Rapport 1.txt', ID, '{"new":true}\n');
    const target = join(dir, jsonNameFor('in/Rapport 1.txt', ID));
    expect(staged.target).toBe(target);
    writeFileSync(target, '{"old":true}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"old":true}\n');
    expect(readFileSync(staged.temp, 'utf8')).toBe('{"new":true}\n');
    expect(placeStagedReportJson(staged)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}\n');
    expect(readdirSync(dir)).toEqual([jsonNameFor('in/Rapport 1.txt', ID)]);
  });

  it('leaves nothing when discarded, or when the rename fails (a folder in the way), and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-json-'));
    const dropped = stageReportJsonText(dir, 'a.txt', ID, '{}\n');
    discardStagedReportJson(dropped);
    expect(readdirSync(dir)).toEqual([]);

    const staged = stageReportJsonText(dir, 'b.txt', ID, '{}\n');
    mkdirSync(join(staged.target, 'in-the-way'), { recursive: true });
    expect(() => placeStagedReportJson(staged)).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(existsSync(staged.temp)).toBe(false);
    expect(readdirSync(dir)).toEqual([jsonNameFor('b.txt', ID)]);
  });

  it('fails to stage into a folder under a regular file, naming the cause', () => {
    const parent = join(mkdtempSync(join(tmpdir(), 'si-json-')), 'a-file');
    writeFileSync(parent, '');
    expect(() => stageReportJsonText(join(parent, 'json'), 'a.txt', ID, '{}\n')).toThrow(/ENOTDIR|EEXIST/);
  });
});
