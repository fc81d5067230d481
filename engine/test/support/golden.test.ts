/**
 * Golden honesty: a normal run never writes a golden (a missing one fails), and no test writes
 * into the repository except through `readGolden` under the explicit update command.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readGolden } from './golden.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HELPER = fileURLToPath(new URL('./golden.ts', import.meta.url));

describe('readGolden', () => {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a missing golden without writing it, and names the update command', () => {
    const path = join(dir, 'nested', 'missing.golden');
    expect(() => readGolden(path, 'actual', false)).toThrow(/missing golden file .*npm run goldens:update/);
    expect(existsSync(path)).toBe(false);
  });

  it('reads an existing golden without changing it', () => {
    const path = join(dir, 'kept.golden');
    readGolden(path, 'reviewed', true);
    expect(readGolden(path, 'changed output', false)).toBe('reviewed');
    expect(readFileSync(path, 'utf8')).toBe('reviewed');
  });

  it('writes (creating folders) only when asked to update', () => {
    const path = join(dir, 'a', 'b', 'new.golden');
    expect(readGolden(path, 'fresh', true)).toBe('fresh');
  });
});

/** Every test source of the workspace (the folders vitest runs). */
function testSources(): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name === 'node_modules' || name === 'golden' || name === 'fixtures') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push(path);
    }
  };
  for (const root of ['engine/test', 'test', 'language-server/test']) walk(join(REPO_ROOT, root));
  return out;
}

// File-system writes a test might use to put output into the repository.
const WRITES = /\b(writeFileSync|appendFileSync|copyFileSync|cpSync|createWriteStream|writeFile|appendFile)\b/;

describe('no test writes into the repository on a normal run', () => {
  it('finds the test sources', () => {
    expect(testSources().length).toBeGreaterThan(50);
  });

  it('writes files only into a fresh temporary folder or the ignored e2e artifacts; goldens go through readGolden', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.gitignore'), 'utf8').split('\n');
    const writesArtifacts = (path: string, text: string) =>
      relative(REPO_ROOT, path).startsWith('test/e2e/') &&
      text.includes("new URL('./artifacts/") &&
      ignored.includes('test/e2e/artifacts/');
    const offenders = testSources()
      .filter((path) => path !== HELPER)
      .filter((path) => {
        const text = readFileSync(path, 'utf8');
        return WRITES.test(text) && !/\bmkdtempSync\b|\bmkdtemp\b/.test(text) && !writesArtifacts(path, text);
      })
      .map((path) => relative(REPO_ROOT, path));
    expect(offenders).toEqual([]);
  });

  it('reads the update switch only in the golden helper', () => {
    const offenders = testSources()
      .filter((path) => path !== HELPER && /process\.env(\.|\[')UPDATE_GOLDEN/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(REPO_ROOT, path));
    expect(offenders).toEqual([]);
  });
});
