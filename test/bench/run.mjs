#!/usr/bin/env node
// Runs every benchmark suite in this folder (`*.bench.mjs`), one after another, against the built
// engine (`npm run bench` builds first). Each suite prints its own figures and ratios.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const suites = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => !only || name.includes(only))
  .sort();
for (const name of suites) {
  console.log(`\n=== ${name}`);
  const suite = await import(pathToFileURL(join(here, name)).href);
  await suite.run();
}
