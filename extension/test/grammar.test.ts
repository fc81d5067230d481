import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const extension = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = dirname(extension);

describe('TextMate grammar', () => {
  it('passes the scope assertions of test/grammar/*.test.smartpolicy (vscode-tmgrammar-test)', () => {
    const bin = join(repo, 'node_modules', '.bin', 'vscode-tmgrammar-test');
    const run = spawnSync(bin, ['-g', 'syntaxes/smartpolicy.tmLanguage.json', 'test/grammar/*.test.smartpolicy'], {
      cwd: extension,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stdout + run.stderr).not.toContain('failed');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('blocks.test.smartpolicy run successfuly');
    expect(run.stdout).toContain('scopes.test.smartpolicy run successfuly');
  });

  it('is the grammar the manifest contributes for .smartpolicy', () => {
    const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as {
      contributes: { grammars: { language: string; scopeName: string; path: string }[]; languages: { id: string; extensions: string[] }[] };
    };
    const grammar = JSON.parse(readFileSync(join(extension, 'syntaxes', 'smartpolicy.tmLanguage.json'), 'utf8')) as { scopeName: string };
    expect(manifest.contributes.languages[0]).toMatchObject({ id: 'smartpolicy', extensions: ['.smartpolicy'] });
    expect(manifest.contributes.grammars[0]).toEqual({
      language: 'smartpolicy',
      scopeName: grammar.scopeName,
      path: './syntaxes/smartpolicy.tmLanguage.json',
    });
  });
});
