/** Semantic tokens, inlay hints and code lenses from the language service. */
import { describe, expect, it } from 'vitest';
import { POLICY, serviceAt } from './cursor.js';

const TEST = `test "labs are readable" {
  token {
    app portal
    grant authorization_code
    launch standalone
    user patient
    scope "patient/Observation.rs"
  }
  expect granted "patient/Observation.rs"
}
`;

describe('semantic tokens', () => {
  it('tells keywords, strings, scopes, app classes, types and locales apart', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY}`);
    const lines = text.split('\n');
    const tokens = service.semanticTokens(uri).map((t) => [lines[t.line - 1]?.slice(t.column - 1, t.column - 1 + t.length), t.type]);
    expect(tokens).toContainEqual(['policy', 'keyword']);
    expect(tokens).toContainEqual(['"P"', 'string']);
    expect(tokens).toContainEqual(['patient/Observation.rs', 'macro']);
    expect(tokens).toContainEqual(['portal', 'class']);
    expect(tokens).toContainEqual(['Observation', 'type']);
    expect(tokens).toContainEqual(['es', 'enumMember']);
  });
});

describe('inlay hints', () => {
  it('shows the short explanation after each scope, in the default or a chosen locale', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY}`);
    const hints = service.inlayHints(uri, 0, text.length);
    const after = text.indexOf('patient/Observation.rs') + 'patient/Observation.rs'.length;
    expect(hints.find((h) => h.offset === after)?.label).toBe('See and search your lab results');
    expect(service.inlayHints(uri, 0, text.length, { locale: 'es' }).find((h) => h.offset === after)?.label).toBe(
      'Ver y buscar sus resultados',
    );
    expect(hints.some((h) => h.label.startsWith('not: '))).toBe(true);
  });

  it('only for the scopes in the asked range', () => {
    const { service, uri } = serviceAt(`<|>${POLICY}`);
    expect(service.inlayHints(uri, 0, 10)).toEqual([]);
  });
});

describe('code lenses', () => {
  it('puts "preview consent" above app classes and a result above each test', () => {
    const { service, uri } = serviceAt(`<|>${POLICY}${TEST}`);
    const lenses = service.codeLenses(uri);
    expect(lenses.map((l) => [l.command, l.title, l.arguments[1]])).toEqual([
      ['smartPolicy.previewConsent', 'Preview consent screen', 'portal'],
      ['smartPolicy.runTests', '▶ Run test — passed', 'labs are readable'],
    ]);
  });

  it('says failed for a failing test and "does not compile" for a broken set', () => {
    const failing = TEST.replace('expect granted "patient/Observation.rs"', 'expect granted "patient/Observation.cruds"');
    const { service, uri } = serviceAt(`<|>${POLICY}${failing}`);
    expect(service.codeLenses(uri)[1]?.title).toBe('▶ Run test — failed');
    service.update(uri, `${POLICY.replace('grant portal', 'grant nobody')}${TEST}`);
    expect(service.codeLenses(uri)[1]?.title).toBe('▶ Run test — policy does not compile');
  });
});
