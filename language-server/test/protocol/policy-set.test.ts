/**
 * Diagnostics across the files of a policy set, versions, and settings, through the protocol:
 * an edit in an imported file re-checks its importer; a burst of edits never ends with a stale
 * publish; lint levels from the editor's settings apply.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startClient, type LspClient } from './lsp-client.js';

const MAIN = `import "apps.smartpolicy"
policy "P" {
  fhir R4
  locales en
}
context {
  patient/* requires patient
}
grant portal {
  allow patient/Observation.rs
  deny patient/*.cud
}
`;
const APPS = 'app portal {\n  client public\n  user patient\n  launch standalone\n}\n';

function policySet(): { dir: string; main: string; apps: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sp-ls-set-'));
  writeFileSync(join(dir, 'main.smartpolicy'), MAIN);
  writeFileSync(join(dir, 'apps.smartpolicy'), APPS);
  return { dir, main: pathToFileURL(join(dir, 'main.smartpolicy')).href, apps: pathToFileURL(join(dir, 'apps.smartpolicy')).href };
}

const codes = (p: { diagnostics: readonly { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

describe('diagnostics of a policy set over the protocol', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('re-checks the importer when an imported file changes', async () => {
    const set = policySet();
    client = await startClient({ rootUri: pathToFileURL(set.dir).href });
    const first = await client.open(set.main, MAIN);
    expect(codes(first)).not.toContain('semantic.unknown-app-class');
    await client.open(set.apps, APPS);
    await client.change(set.apps, APPS.replace('app portal', 'app kiosk'), 2);
    const c = client;
    await expect
      .poll(
        () =>
          c.published
            .filter((p) => p.uri === set.main)
            .map(codes)
            .pop(),
        { timeout: 10_000 },
      )
      .toContain('semantic.unknown-app-class');
  });

  it('reads an imported file from disk when it is not open', async () => {
    const set = policySet();
    client = await startClient({ rootUri: pathToFileURL(set.dir).href });
    const published = await client.open(set.main, MAIN);
    expect(published.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it('after a burst of edits publishes the last version last, never an older one after a newer', async () => {
    const set = policySet();
    client = await startClient({ rootUri: pathToFileURL(set.dir).href });
    await client.open(set.main, MAIN);
    const last = client.diagnosticsFor(set.main, 30);
    for (let v = 2; v <= 30; v++) {
      const text = v % 2 === 0 ? MAIN.replace('allow patient', 'alow patient') : MAIN;
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: set.main, version: v },
        contentChanges: [{ text }],
      });
    }
    const final = await last;
    expect(codes(final)).toContain('syntax.unexpected-token');
    await new Promise((r) => setTimeout(r, 200));
    const versions = client.published.filter((p) => p.uri === set.main).map((p) => p.version ?? 0);
    expect(versions[versions.length - 1]).toBe(30);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('applies lint levels from the settings, at start and when they change', async () => {
    const set = policySet();
    client = await startClient({
      rootUri: pathToFileURL(set.dir).href,
      initializationOptions: { smartPolicy: { lint: { 'style.deny-without-reason': 'off' } } },
    });
    expect(codes(await client.open(set.main, MAIN))).not.toContain('style.deny-without-reason');
    const next = client.diagnosticsFor(set.main, 1);
    client.published.length = 0;
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { smartPolicy: { lint: { 'style.deny-without-reason': 'error' } } },
    });
    const changed = await next;
    expect(changed.diagnostics.find((d) => d.code === 'style.deny-without-reason')?.severity).toBe(1);
  });
});
