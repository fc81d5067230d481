import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const extension = dirname(dirname(fileURLToPath(import.meta.url)));
const repo = dirname(extension);

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  contributes: { commands: { command: string }[]; snippets: { path: string }[]; languages: { configuration: string }[] };
}
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest and package', () => {
  it('contributes the four commands the language server’s code lenses and the palette use', () => {
    expect(manifest.contributes.commands.map((c) => c.command).sort()).toEqual([
      'smartPolicy.previewConsent',
      'smartPolicy.runTests',
      'smartPolicy.showBundle',
      'smartPolicy.whatCanThisAppGet',
    ]);
    const lens = readFileSync(join(repo, 'engine', 'src', 'service', 'code-lens.ts'), 'utf8');
    expect(lens).toContain("'smartPolicy.runTests'");
    expect(lens).toContain("'smartPolicy.previewConsent'");
  });

  it('pins @types/vscode to the oldest VS Code it declares (vsce refuses newer types)', () => {
    expect(manifest.engines.vscode).toBe(`^${manifest.devDependencies['@types/vscode']}`);
  });

  it('points at files that exist', () => {
    for (const file of [...manifest.contributes.snippets.map((s) => s.path), manifest.contributes.languages[0]?.configuration ?? '']) {
      expect(existsSync(join(extension, file)), file).toBe(true);
    }
    for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png']) expect(existsSync(join(extension, doc)), doc).toBe(true);
  });

  it('packs the grammar, snippets and docs, and no sources or tests (vsce ls)', () => {
    const run = spawnSync(join(repo, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], {
      cwd: extension,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const files = run.stdout.split('\n').filter((l) => l !== '');
    for (const file of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'language-configuration.json',
      'syntaxes/smartpolicy.tmLanguage.json',
      'snippets/smartpolicy.code-snippets',
    ]) {
      expect(files).toContain(file);
    }
    // The bundles (dist/, built by `npm run build -w extension`; the e2e test installs them) are
    // not ignored: only sources, tests, scripts and source maps are.
    const ignored = readFileSync(join(extension, '.vscodeignore'), 'utf8');
    expect(ignored).not.toMatch(/^dist/m);
    expect(manifest.main).toBe('./dist/extension.js');
    expect(files.filter((f) => /^(src|test|scripts|node_modules)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
  });
});
