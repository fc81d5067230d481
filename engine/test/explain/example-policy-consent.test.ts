/**
 * The example policies' consent texts are true to them and right for their readers: no consent
 * lint finds anything in `policies/` (issue 11: the patient portal told caregivers the data was
 * theirs and quoted 90 days to a class limited to 30).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/node/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../policies');

function entries(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.smartpolicy'));
  const imported = new Set<string>();
  for (const f of files) for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^\s*import\s+"([^"]+)"/gm)) imported.add(m[1]!);
  return files.filter((f) => !imported.has(f)).map((f) => join(dir, f));
}

const sets = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(ROOT, d.name))
  : [];

describe('example policies have no consent findings', () => {
  for (const set of sets) {
    for (const entry of entries(set)) {
      it(entry.slice(ROOT.length + 1), () => {
        const found = runCheck(entry, { cwd: ROOT }).diagnostics.filter((d) => d.code.startsWith('consent.'));
        expect(found.map((d) => `${d.uri}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
      });
    }
  }
});
