import type { Command } from 'commander';
import { reportJsonSchemaText } from '../../schemas/json-schema.js';
import { writeTextFileAtomic } from '../../output/files.js';

/** `schema [--out FILE]`: the JSON Schema (draft 2020-12) of the report JSON, generated from the zod schemas. */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of the report JSON, generated from the zod schemas')
    .option('--out <file>', 'write the schema to a file instead of standard output')
    .action((opts: { out?: string }) => {
      const text = reportJsonSchemaText();
      if (opts.out) writeTextFileAtomic(opts.out, text);
      else process.stdout.write(text);
    });
}
