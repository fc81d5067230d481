/**
 * Neovim (Debian's, headless) as a real LSP client of the built language server: it opens a
 * policy with problems and receives the checker's diagnostics, hover shows the Spanish
 * explanation, formatting returns the expected edit, and go-to-definition lands on the app
 * class. Fails (never skips) without Neovim: CI installs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const NVIM = '/usr/bin/nvim';
const SERVER = fileURLToPath(new URL('../../language-server/bin/smart-policy-language-server.js', import.meta.url));
const SESSION = fileURLToPath(new URL('./neovim/lsp-session.lua', import.meta.url));

const APPS = `app kiosk "Kiosk apps" {
  client public
  user patient
  launch standalone
}
`;
// Problems on purpose: a misspelt keyword is not here (it would stop formatting); instead a
// deny without a reason (a warning) and an unknown resource type (an error), badly indented.
const MAIN = `import "apps.smartpolicy"

policy "Clínica" {
  fhir R4
  locales en, es
  default locale en
}

context {
  patient/* requires patient
}

grant kiosk {
      allow patient/Observation.rs, patient/Obsrvation.rs
  deny patient/*.cud
}

explain Observation {
  en "your test results"
  es "sus resultados de pruebas"
}
`;

interface Session {
  readonly diagnostics: string[];
  readonly results: Map<string, unknown>;
  readonly output: string;
}

function runSession(file: string, requests: readonly { method: string; params: Record<string, unknown> }[]): Session {
  const output = execFileSync(NVIM, ['--headless', '--clean', '-c', `luafile ${SESSION}`], {
    env: { ...process.env, LSP_SERVER: SERVER, LSP_FILE: file, LSP_REQUESTS: JSON.stringify(requests) },
    input: '',
    timeout: 60_000,
    encoding: 'utf8',
  });
  const results = new Map<string, unknown>();
  for (const line of output.split('\n')) {
    const m = /^RESULT (\S+) (.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) results.set(m[1], JSON.parse(m[2]));
  }
  return { diagnostics: output.split('\n').filter((l) => l.startsWith('DIAG ')), results, output };
}

describe('Neovim as an LSP client', () => {
  let session: Session;
  let dir = '';
  beforeAll(() => {
    expect(existsSync(NVIM), `Neovim is required at ${NVIM} (apt-get install neovim)`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'sp-nvim-'));
    writeFileSync(join(dir, 'apps.smartpolicy'), APPS);
    writeFileSync(join(dir, 'main.smartpolicy'), MAIN);
    const lines = MAIN.split('\n');
    const scopeLine = lines.findIndex((l) => l.includes('patient/Observation.rs'));
    const grantLine = lines.findIndex((l) => l.startsWith('grant kiosk'));
    session = runSession(join(dir, 'main.smartpolicy'), [
      {
        method: 'textDocument/hover',
        params: { position: { line: scopeLine, character: (lines[scopeLine] ?? '').indexOf('Observation') } },
      },
      { method: 'textDocument/formatting', params: { options: { tabSize: 2, insertSpaces: true } } },
      { method: 'textDocument/definition', params: { position: { line: grantLine, character: 8 } } },
    ]);
  }, 90_000);

  it('receives the checker diagnostics: code, position and message', () => {
    expect(session.diagnostics).toContainEqual(
      expect.stringMatching(/^DIAG 14:45 severity=1 code=semantic\.unknown-resource-type message=.*Obsrvation/),
    );
    expect(session.diagnostics).toContainEqual(expect.stringMatching(/^DIAG 15:3 severity=3 code=style\.deny-without-reason /));
  });

  it('receives exactly what smart-policy check reports for the file', () => {
    const cli = fileURLToPath(new URL('../../engine/bin/smart-policy.js', import.meta.url));
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, [cli, 'check', join(dir, 'main.smartpolicy'), '--format', 'json'], { encoding: 'utf8' });
    } catch (error) {
      stdout = String((error as { stdout?: unknown }).stdout ?? ''); // exit 3: the policy has errors
    }
    const report = JSON.parse(stdout) as {
      diagnostics: { code: string; uri?: string; message: string; range: { start: { line: number; column: number } } }[];
    };
    const expected = report.diagnostics
      .filter((d) => d.uri === undefined || d.uri.endsWith('main.smartpolicy'))
      .map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)
      .sort();
    const received = session.diagnostics.map((l) => l.replace(/^DIAG (\S+) severity=\d+ code=(\S+) message=/, '$1 $2 ')).sort();
    expect(received).toEqual(expected);
  });

  it('shows the Spanish explanation on hover', () => {
    const hover = session.results.get('textDocument/hover') as { contents: { value: string } };
    expect(hover.contents.value).toContain('*es*: Ver y buscar sus resultados de pruebas');
    expect(hover.contents.value).toContain('*en*: See and search your test results');
  });

  it('formats: one edit re-indents the rule', () => {
    const edits = session.results.get('textDocument/formatting') as { range: { start: { line: number } }; newText: string }[];
    expect(edits).toEqual([
      {
        range: { start: { line: 13, character: 0 }, end: { line: 14, character: 0 } },
        newText: '  allow patient/Observation.rs, patient/Obsrvation.rs\n',
      },
    ]);
  });

  it('goes to the definition of the app class in the imported file', () => {
    const locations = session.results.get('textDocument/definition') as {
      uri: string;
      range: { start: { line: number; character: number } };
    }[];
    expect(locations).toHaveLength(1);
    expect(locations[0]?.uri).toBe(`file://${join(dir, 'apps.smartpolicy')}`);
    expect(locations[0]?.range.start).toEqual({ line: 0, character: 4 });
  });
});
