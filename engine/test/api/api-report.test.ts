/**
 * Widening (or narrowing) the public API is a visible decision: the exported names of every
 * entry point must equal the committed report `engine/api/smart-policy.api.txt`. Only the
 * explicit update command (`npm run api:report`) writes the report; a missing report
 * fails.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiReport, entryPoints } from './api-report.js';

const ENGINE = fileURLToPath(new URL('../..', import.meta.url));
const REPORT = fileURLToPath(new URL('../../api/smart-policy.api.txt', import.meta.url));

describe('public API report', () => {
  const entries = entryPoints(ENGINE);
  const actual = apiReport('smart-policy', entries);

  it('has the root and one subpath per library layer, node/, runtime/ and server/', () => {
    expect([...entries.keys()].sort()).toEqual([
      '.',
      './access',
      './check',
      './compile',
      './evaluate',
      './explain',
      './language',
      './node',
      './runtime',
      './server',
      './smart',
    ]);
    for (const file of entries.values()) expect(existsSync(file), file).toBe(true);
  });

  it('matches the committed report (run `npm run api:report` to accept a change)', () => {
    if (process.env['UPDATE_API_REPORT'] === '1') writeFileSync(REPORT, actual);
    expect(existsSync(REPORT), 'engine/api/smart-policy.api.txt is missing; create it with npm run api:report').toBe(true);
    expect(actual).toBe(readFileSync(REPORT, 'utf8'));
  });

  it('lists the whole API (guards against an empty report)', () => {
    expect(actual.split('\n').filter((l) => /^(value|type ) /.test(l)).length).toBeGreaterThan(400);
  });

  it('resolves re-exports, export *, aliases and kinds, so a new export of any form shows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-report-'));
    writeFileSync(join(dir, 'inner.ts'), 'export const a = 1;\nexport interface B { x: number }\nexport function c(): void {}\n');
    writeFileSync(
      join(dir, 'entry.ts'),
      "export * from './inner.js';\nexport { a as renamed } from './inner.js';\nexport type { B as C2 } from './inner.js';\n",
    );
    const report = apiReport('pkg', new Map([['.', join(dir, 'entry.ts')]]));
    expect(report.split('\n').slice(3)).toEqual(['## pkg', 'type  B', 'type  C2', 'value a', 'value c', 'value renamed', '']);
  });

  it('exports no name twice under different kinds in one entry', () => {
    for (const section of actual.split('\n## ').slice(1)) {
      const names = section
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.slice(6));
      expect(new Set(names).size, section.split('\n')[0]).toBe(names.length);
    }
  });
});
