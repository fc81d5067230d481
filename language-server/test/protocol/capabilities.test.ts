/**
 * Every capability the server advertises answers a real request with a real answer (not an
 * error, not empty where the portal policy has something to say).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type LspClient } from './lsp-client.js';
import { portalFile, positionOf, PORTAL_ROOT_URI } from './policy-fixture.js';

const apps = portalFile('apps.smartpolicy');
const portal = portalFile('portal.smartpolicy');
const tests = portalFile('tests.smartpolicy');

/** Each advertised capability → a request that exercises it and what its answer must hold. */
const REQUESTS: Record<string, { method: string; params: () => unknown; check: (answer: unknown) => void }> = {
  hoverProvider: {
    method: 'textDocument/hover',
    params: () => ({ textDocument: { uri: apps.uri }, position: positionOf(apps.text, 'patient/Observation.rs', 3) }),
    check: (a) => expect(JSON.stringify(a)).toContain('Observation'),
  },
  completionProvider: {
    method: 'textDocument/completion',
    params: () => ({ textDocument: { uri: apps.uri }, position: positionOf(apps.text, 'patient/Patient.rs', 'patient/'.length) }),
    check: (a) => expect((a as { items: { label: string }[] }).items.map((i) => i.label)).toContain('Observation'),
  },
  definitionProvider: {
    method: 'textDocument/definition',
    params: () => ({ textDocument: { uri: apps.uri }, position: positionOf(apps.text, 'grant patient_apps', 7) }),
    check: (a) => expect((a as { uri: string }[])[0]?.uri).toBe(apps.uri),
  },
  referencesProvider: {
    method: 'textDocument/references',
    params: () => ({
      textDocument: { uri: apps.uri },
      position: positionOf(apps.text, 'app patient_apps', 5),
      context: { includeDeclaration: true },
    }),
    check: (a) => expect(new Set((a as { uri: string }[]).map((l) => l.uri))).toEqual(new Set([apps.uri, tests.uri])),
  },
  renameProvider: {
    method: 'textDocument/rename',
    params: () => ({ textDocument: { uri: apps.uri }, position: positionOf(apps.text, 'app patient_apps', 5), newName: 'own_record_apps' }),
    check: (a) => expect(Object.keys((a as { changes: Record<string, unknown> }).changes)).toContain(tests.uri),
  },
  documentSymbolProvider: {
    method: 'textDocument/documentSymbol',
    params: () => ({ textDocument: { uri: apps.uri } }),
    check: (a) => expect((a as { name: string }[]).map((s) => s.name)).toContain('app patient_apps'),
  },
  workspaceSymbolProvider: {
    method: 'workspace/symbol',
    params: () => ({ query: 'proxy' }),
    check: (a) => expect((a as { name: string }[]).map((s) => s.name)).toContain('proxy_apps'),
  },
  documentFormattingProvider: {
    method: 'textDocument/formatting',
    params: () => ({ textDocument: { uri: apps.uri }, options: { tabSize: 2, insertSpaces: true } }),
    check: (a) => expect(Array.isArray(a)).toBe(true),
  },
  documentRangeFormattingProvider: {
    method: 'textDocument/rangeFormatting',
    params: () => ({
      textDocument: { uri: apps.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
      options: { tabSize: 2, insertSpaces: true },
    }),
    check: (a) => expect(Array.isArray(a)).toBe(true),
  },
  codeActionProvider: {
    method: 'textDocument/codeAction',
    params: () => {
      const start = positionOf(apps.text, 'patient/Patient.rs, patient/AllergyIntolerance.rs');
      return {
        textDocument: { uri: apps.uri },
        range: { start, end: start },
        context: {
          diagnostics: [
            {
              range: { start, end: { line: start.line, character: start.character + 18 } },
              code: 'style.prefer-v2-scope',
              source: 'smart-policy',
              message: 'v1',
              data: { code: 'style.prefer-v2-scope', facts: { scope: 'patient/Patient.read', replacement: 'patient/Patient.rs' } },
            },
          ],
        },
      };
    },
    check: (a) => expect((a as { title: string }[]).map((x) => x.title)).toContain('Write "patient/Patient.rs" (v2 syntax)'),
  },
  semanticTokensProvider: {
    method: 'textDocument/semanticTokens/full',
    params: () => ({ textDocument: { uri: apps.uri } }),
    check: (a) => expect((a as { data: number[] }).data.length).toBeGreaterThan(50),
  },
  inlayHintProvider: {
    method: 'textDocument/inlayHint',
    params: () => ({ textDocument: { uri: apps.uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } }),
    check: (a) => expect((a as { label: string }[]).some((h) => h.label.includes('test results'))).toBe(true),
  },
  codeLensProvider: {
    method: 'textDocument/codeLens',
    params: () => ({ textDocument: { uri: tests.uri } }),
    check: (a) => {
      const lenses = a as { command: { title: string; command: string } }[];
      expect(lenses.some((l) => l.command.command === 'smartPolicy.runTests' && l.command.title.includes('passed'))).toBe(true);
    },
  },
  foldingRangeProvider: {
    method: 'textDocument/foldingRange',
    params: () => ({ textDocument: { uri: apps.uri } }),
    check: (a) => expect((a as unknown[]).length).toBeGreaterThan(3),
  },
  selectionRangeProvider: {
    method: 'textDocument/selectionRange',
    params: () => ({ textDocument: { uri: apps.uri }, positions: [positionOf(apps.text, 'patient/Observation.rs', 3)] }),
    check: (a) => expect((a as { parent?: unknown }[])[0]?.parent).toBeDefined(),
  },
};

describe('every advertised capability answers a real request', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await startClient({ rootUri: PORTAL_ROOT_URI });
    await client.open(portal.uri, portal.text);
    await client.open(apps.uri, apps.text);
    await client.open(tests.uri, tests.text);
  });
  afterAll(async () => {
    await client.stop();
  });

  it('advertises nothing without a request here', () => {
    const advertised = Object.keys(client.capabilities).filter((k) => k !== 'textDocumentSync');
    expect(advertised.sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  it.each(Object.entries(REQUESTS))('%s', async (_capability, { method, params, check }) => {
    const answer = await client.request(method, params());
    check(answer);
  });

  it('prepares a rename on an app class and refuses a name the language cannot read', async () => {
    const position = positionOf(apps.text, 'app patient_apps', 5);
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: apps.uri },
      position,
    });
    expect(prepared.placeholder).toBe('patient_apps');
    await expect(
      client.request('textDocument/rename', { textDocument: { uri: apps.uri }, position, newName: 'has space' }),
    ).rejects.toThrow(/letters, digits/);
  });
});
