/**
 * The server never crashes, whatever the text: random and mutated policies, half-typed lines,
 * text that is not a policy at all, and a huge file — each followed by requests of every kind at
 * random positions. Bounded in runs; the server must still answer at the end.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type LspClient } from './lsp-client.js';
import { portalFile } from './policy-fixture.js';

const URI = 'untitled:fuzz.smartpolicy';
const SEED = portalFile('apps.smartpolicy').text;

/** Texts: mutations of a real policy, prefixes (half-typed), random unicode, JSON, binary-ish. */
const texts = fc.oneof(
  fc
    .tuple(fc.nat(SEED.length), fc.nat(40), fc.string({ maxLength: 12 }))
    .map(([at, drop, insert]) => SEED.slice(0, at) + insert + SEED.slice(at + drop)),
  fc.nat(SEED.length).map((cut) => SEED.slice(0, cut)),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{{{{{{', '}}}}', '"unterminated', '# smart-policy-ignore ', 'grant {', 'allow patient/', 'x?=&|\u0000\uffff\ud800'),
);

function requests(uri: string, position: { line: number; character: number }): [string, unknown][] {
  const doc = { textDocument: { uri } };
  const range = { start: { line: 0, character: 0 }, end: position };
  return [
    ['textDocument/hover', { ...doc, position }],
    ['textDocument/completion', { ...doc, position }],
    ['textDocument/definition', { ...doc, position }],
    ['textDocument/references', { ...doc, position, context: { includeDeclaration: true } }],
    ['textDocument/prepareRename', { ...doc, position }],
    ['textDocument/documentSymbol', doc],
    ['workspace/symbol', { query: 'a' }],
    ['textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/rangeFormatting', { ...doc, range, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }],
    ['textDocument/semanticTokens/full', doc],
    ['textDocument/inlayHint', { ...doc, range }],
    ['textDocument/codeLens', doc],
    ['textDocument/foldingRange', doc],
    ['textDocument/selectionRange', { ...doc, positions: [position] }],
  ];
}

describe('protocol fuzz: the server never crashes', () => {
  let client: LspClient;
  let version = 1;
  beforeAll(async () => {
    client = await startClient();
    await client.open(URI, SEED);
  });
  afterAll(async () => {
    await client.stop();
  });

  it('answers every request on random texts', async () => {
    await fc.assert(
      fc.asyncProperty(texts, fc.nat(200), fc.nat(200), async (text, line, character) => {
        version++;
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: URI, version },
          contentChanges: [{ text }],
        });
        for (const [method, params] of requests(URI, { line: line % 60, character })) {
          await client.request(method, params);
        }
        expect(client.exited()).toBe(false);
      }),
      { numRuns: 40, seed: 10 },
    );
  });

  it('survives malformed protocol input: bad params, unknown documents, out-of-range positions', async () => {
    for (const [method, params] of requests('file:///nowhere/missing.smartpolicy', { line: 1e9, character: -5 })) {
      await client.request(method, params).catch(() => undefined);
    }
    await client.request('textDocument/hover', { textDocument: {} }).catch(() => undefined);
    await client.request('textDocument/completion', null).catch(() => undefined);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI }, contentChanges: [{ text: 42 }] });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    expect(client.exited()).toBe(false);
  });

  it('checks a huge file and still answers', async () => {
    const huge = `${SEED}\n${'grant patient_apps {\n  allow patient/Observation.rs\n}\n'.repeat(4000)}${'\u00e9'.repeat(100_000)}`;
    version++;
    const published = client.diagnosticsFor(URI, version);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version },
      contentChanges: [{ text: huge }],
    });
    expect((await published).diagnostics.length).toBeGreaterThan(0);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 20, character: 12 },
    });
    expect(hover === null || typeof hover.contents.value === 'string').toBe(true);
    expect(client.exited()).toBe(false);
  });
});
