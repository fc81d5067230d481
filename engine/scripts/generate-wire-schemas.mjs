#!/usr/bin/env node
// Writes engine/src/schema/generated/wire-schemas.ts from engine/schemas/*.schema.json (the published
// contract). engine/test/schema/wire-schemas.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidator, generateWireSchemas, PRECOMPILED } from './wire-schemas.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '../src/schema/generated/wire-schemas.ts');
writeFileSync(target, generateWireSchemas(join(here, '../schemas')));
console.log(`wrote ${target}`);
for (const [stem, file] of Object.entries(PRECOMPILED)) {
  const validator = join(here, '../src/schema/generated', file);
  writeFileSync(validator, generateValidator(join(here, '../schemas'), stem));
  console.log(`wrote ${validator}`);
}
