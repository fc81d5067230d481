#!/usr/bin/env node
// Writes the engine's FHIR R4 data (engine/src/fhir/data/*.json) from ../shared/fhir (beside the
// project). The output is committed so that an installed engine never reads ../shared at run time;
// engine/test/fhir/generated-data.test.ts fails when it no longer matches its source.
// Usage: node engine/scripts/generate-fhir-data.mjs [path-to-shared-fhir]
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFhirData } from './fhir-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(process.argv[2] ?? join(here, '../../../shared/fhir'));
const outDir = join(here, '../src/fhir/data');

for (const [name, text] of generateFhirData(sourceDir)) writeFileSync(join(outDir, name), text);
console.log(`wrote FHIR R4 data to ${outDir}`);
