#!/usr/bin/env node
// Writes the options table and details, generated from the options registry
// (engine/src/options/), into the docs that carry their markers. Reads the built engine, so run
// it through `npm run generate:options-docs -w engine` (which builds first).
// test/options/options-docs.test.ts fails when a committed doc differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const table = await import(join(here, '../dist/options/options-table.js'));

const docs = [
  { file: join(here, '../../README.md'), regions: [[table.TABLE_BEGIN, table.TABLE_END, table.optionsTable()]] },
  { file: join(here, '../docs/language.md'), regions: [[table.TABLE_BEGIN, table.TABLE_END, table.optionsTable()]] },
  {
    file: join(here, '../src/options/README.md'),
    regions: [
      [table.TABLE_BEGIN, table.TABLE_END, table.optionsTable()],
      [table.DETAILS_BEGIN, table.DETAILS_END, table.optionsDetails()],
    ],
  },
];

for (const { file, regions } of docs) {
  let text = readFileSync(file, 'utf8');
  for (const [begin, end, content] of regions) {
    const next = table.replaceRegion(text, begin, end, content);
    if (next === undefined) throw new Error(`${file}: the markers of a generated region are missing`);
    text = next;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
