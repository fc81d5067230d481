// Packages dist/ (built by build.mjs), the grammar, snippets and docs into an installable .vsix,
// offline: the bundles carry every dependency, so vsce needs no npm look-up.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'smart-policy-vscode.vsix');
const vsce = join(root, '..', 'node_modules', '.bin', 'vsce');
const run = spawnSync(
  vsce,
  // Relative README links stay relative: there is no public repository URL to rewrite them to.
  ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out],
  { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_yes: 'false' } },
);
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`package: ${out}`);
