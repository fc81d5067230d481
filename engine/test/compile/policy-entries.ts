/** The entry files of the example policy sets: every `policies/**` file with a `policy` header. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy } from '../../src/language/parse-policy.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const POLICIES_DIR = join(REPO_ROOT, 'policies');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walk(path);
    return e.name.endsWith('.smartpolicy') ? [path] : [];
  });
}

/** Absolute paths of entry files, sorted. */
export function policyEntries(): string[] {
  return walk(POLICIES_DIR)
    .filter((path) => parsePolicy(readFileSync(path, 'utf8'), path).ast.declarations.some((d) => d.kind === 'policy'))
    .sort();
}

/** `policies/x/y.smartpolicy` → `policies/x/y.bundle.golden.json` (absolute). */
export function goldenPathOf(entry: string): string {
  return entry.replace(/\.smartpolicy$/, '.bundle.golden.json');
}

export function repoRelative(path: string): string {
  return relative(REPO_ROOT, path);
}
