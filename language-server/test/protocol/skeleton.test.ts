/** The built server over stdio: diagnostics as the CLI reports them, and a hover. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type LspClient } from './lsp-client.js';

const URI = 'file:///nonexistent-folder/bad.smartpolicy';
const TEXT = [
  'policy "x" {',
  '  fhir R4',
  '  locales en',
  '}',
  'app a {',
  '  client public',
  '  user patient',
  '}',
  'grant a {',
  '  alow patient/Observation.rs',
  '}',
  '',
].join('\n');

describe('language server over stdio', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await startClient();
  });
  afterAll(async () => {
    await client.stop();
  });

  it('publishes the syntax error with the CLI code, range and message', async () => {
    const published = await client.open(URI, TEXT);
    expect(published.version).toBe(1);
    const d = published.diagnostics.find((x) => x.code === 'syntax.unexpected-token');
    expect(d?.range.start).toEqual({ line: 9, character: 2 });
    expect(d?.message).toContain('did you mean `allow`?');
  });

  it('answers a hover on a scope with its v2 form', async () => {
    const fixed = TEXT.replace('alow', 'allow');
    await client.change(URI, fixed, 2);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 9, character: 12 },
    });
    expect(hover?.contents.value).toContain('patient/Observation.rs');
    expect(hover?.contents.value).toContain('`r` read');
  });
});
