/**
 * `npm run schema`, second step: writes `schemas/enum-values.ts` from the zod schemas (see
 * `schemas/enum-values-text.ts`).
 */
import { writeFileSync } from 'node:fs';
import { ENUM_VALUES_PATH, enumValuesModuleText } from '../schemas/enum-values-text.js';

writeFileSync(ENUM_VALUES_PATH, enumValuesModuleText());
process.stdout.write(`wrote ${ENUM_VALUES_PATH}\n`);
