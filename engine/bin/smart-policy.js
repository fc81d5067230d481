#!/usr/bin/env node
// The `smart-policy` command as npm links it. It exists before the build (npm links bins at
// install time, when engine/dist does not exist yet) and starts the compiled CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("smart-policy: the engine is not built yet; run 'npm run build' first.\n");
  process.exitCode = 3;
} else {
  await import(main.href);
}
