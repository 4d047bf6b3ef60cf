/** `status-ingest schema`, run as a user runs it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reportJsonSchemaText } from '../../../schemas/json-schema.js';
import { NODE_ARGS } from '../../cli-runner.js';

describe('status-ingest schema', () => {
  it('prints the JSON Schema the zod schemas generate', () => {
    const r = spawnSync(process.execPath, [...NODE_ARGS, 'schema'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(reportJsonSchemaText());
  });
});
