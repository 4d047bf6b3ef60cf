/**
 * The JSON files of reports in a folder: a file's name (a slug of the source name and the report id),
 * and writing it atomically, whole or staged (written in a parse worker, placed by the writer). The
 * text is canonical JSON made elsewhere (`json.ts`); nothing here validates, so the main thread of
 * batch ingestion, which only places files, never loads the schemas.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { writeTempTextFile, writeTextFileAtomic } from './files.js';
import type { Report } from '../schemas/report.js';
import { slugify } from '../pipeline/stages/ids.js';

/** File name of a report's JSON: a slug of the source name and the first 12 hex digits of its id. */
export function reportJsonName(report: Pick<Report, 'id' | 'source'>): string {
  return jsonNameFor(report.source.path, report.id);
}

/** File name of the JSON of the report with this source path and id (see `reportJsonName`). */
export function jsonNameFor(sourcePath: string, id: string): string {
  const stem = slugify(basename(sourcePath, extname(sourcePath)));
  return `${stem}.${id.slice(0, 12)}.json`;
}

/** True when the JSON of the report with this source path and id is already in `dir`. */
export function reportJsonExists(dir: string, sourcePath: string, id: string): boolean {
  return existsSync(join(dir, jsonNameFor(sourcePath, id)));
}

/**
 * Writes canonical JSON made already (a parse worker's) as the JSON file of the report with this
 * source path and id, atomically, as `writeReportJson` (`json.ts`) does. Returns the path written.
 */
export function writeReportJsonText(dir: string, sourcePath: string, id: string, json: string): string {
  const target = join(dir, jsonNameFor(sourcePath, id));
  writeTextFileAtomic(target, json);
  return target;
}

/**
 * A report's JSON file written whole to its temporary file, not yet in place: `placeStagedReportJson`
 * renames it over `target`, `discardStagedReportJson` removes it. Batch ingestion stages in the parse
 * worker and places in the writer's turn, so the main thread only renames.
 */
export interface StagedReportJson {
  /** The temporary file (hidden, named after the target, see `files.ts`). */
  temp: string;
  /** The JSON file it becomes: `jsonNameFor(sourcePath, id)` in the folder. */
  target: string;
}

/**
 * The first half of `writeReportJsonText`: the text written to the target's temporary file (the
 * folder made if missing), as atomically as there. Throws as there (a full disk, a folder that is a
 * file), leaving no temporary file.
 */
export function stageReportJsonText(dir: string, sourcePath: string, id: string, json: string): StagedReportJson {
  const target = join(dir, jsonNameFor(sourcePath, id));
  return { temp: writeTempTextFile(target, json), target };
}

/**
 * The second half: the staged file renamed over its target, so a reader sees the old file or the new
 * one, whole. When the rename fails (a folder in the way) the temporary file is removed and the error
 * thrown. Returns the path written.
 */
export function placeStagedReportJson(staged: StagedReportJson): string {
  try {
    renameSync(staged.temp, staged.target);
  } catch (error) {
    discardStagedReportJson(staged);
    throw error;
  }
  return staged.target;
}

/** Removes a staged JSON file that is not to be placed (its report failed, or was stored already). */
export function discardStagedReportJson(staged: StagedReportJson): void {
  rmSync(staged.temp, { force: true });
}
