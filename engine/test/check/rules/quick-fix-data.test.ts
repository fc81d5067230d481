/**
 * The structured `data` of each rule's diagnostics, from which the language server builds quick
 * fixes: replacements are valid scopes, insertion points sit on the right character, and applying
 * the fix makes the finding go away.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/language/parse-policy.js';
import { checkPolicy } from '../../../src/check/check-policy.js';
import type { Diagnostic } from '../../../src/language/diagnostic.js';

const HEAD = `policy "Q" {
  fhir R4
  locales en, es
}
app portal {
  client public
  user patient
}
context {
  patient/* requires patient
}
`;

function check(text: string): readonly Diagnostic[] {
  const parsed = parsePolicy(text, 'q.smartpolicy');
  return checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics }).diagnostics;
}

function only(text: string, code: string): Diagnostic {
  const found = check(text).filter((d) => d.code === code);
  expect(found, code).toHaveLength(1);
  return found[0]!;
}

/** Replaces the whole scope token that `d` is about with `data.replacement`. */
function applyReplacement(text: string, d: Diagnostic): string {
  const scope = String(d.data?.['scope'] ?? d.data?.['found']);
  const replacement = String(d.data?.['replacement']);
  const at = text.lastIndexOf(scope, d.range.end.offset);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at) + replacement + text.slice(at + scope.length);
}

/** Inserts `data.insert` at `data.at` on its own line. */
function applyInsert(text: string, d: Diagnostic): string {
  const at = d.data?.['at'] as { offset: number };
  return `${text.slice(0, at.offset)}  ${String(d.data?.['insert'])}\n${text.slice(at.offset)}`;
}

describe('quick-fix data', () => {
  it.each([
    ['semantic.invalid-scope', 'allow patient/Observation.sr', 'patient/Observation.rs'],
    ['semantic.unknown-resource-type', 'allow patient/observation.rs', 'patient/Observation.rs'],
    [
      'semantic.unknown-search-parameter',
      'allow patient/Observation.rs?categroy=http://x.org|a',
      'patient/Observation.rs?category=http://x.org|a',
    ],
    ['security.write-without-read', 'allow patient/Observation.cu', 'patient/Observation.cru'],
    ['style.prefer-v2-scope', 'allow patient/Observation.read', 'patient/Observation.rs'],
  ])('%s replaces the scope with a valid one', (code, rule, replacement) => {
    const text = `${HEAD}grant portal {\n  ${rule}\n}\n`;
    const d = only(text, code);
    expect(d.data?.['replacement']).toBe(replacement);
    expect(check(applyReplacement(text, d)).map((x) => x.code)).not.toContain(code);
  });

  it('system-wildcard-write suggests the read part', () => {
    const text = `${HEAD}app bulk { client confidential-asymmetric; user none }\ngrant bulk {\n  allow system/*.cruds\n}\n`;
    const d = only(text, 'security.system-wildcard-write');
    expect(d.data?.['replacement']).toBe('system/*.rs');
    expect(check(applyReplacement(text, d)).map((x) => x.code)).not.toContain('security.system-wildcard-write');
  });

  it('unknown app class names the close declared one', () => {
    const text = `${HEAD}grant portl {\n  allow patient/Observation.rs\n}\n`;
    const d = only(text, 'semantic.unknown-app-class');
    expect(d.data).toMatchObject({ found: 'portl', replacement: 'portal', known: ['portal'] });
  });

  it('search-value-shape gives an example of the right shape', () => {
    const d = only(`${HEAD}grant portal {\n  allow patient/Observation.rs?date=yesterday\n}\n`, 'semantic.search-value-shape');
    expect(d.data).toMatchObject({ parameter: 'date', parameterType: 'date', found: 'yesterday', example: 'ge2024-01-01' });
    expect(d.range.end.offset - d.range.start.offset).toBe('yesterday'.length);
  });

  it('offline-access-unbound inserts the binding just before the refresh block closes', () => {
    const text = `${HEAD}grant portal {\n  allow offline_access\n}\nrefresh portal {\n  rotate on every use\n}\n`;
    const d = only(text, 'security.offline-access-unbound');
    expect(d.data?.['insert']).toBe('bind dpop required');
    const at = d.data?.['at'] as { offset: number };
    expect(text[at.offset]).toBe('}');
    expect(check(applyInsert(text, d)).map((x) => x.code)).not.toContain('security.offline-access-unbound');
  });

  it('refresh-without-rotation proposes a new refresh block when there is none', () => {
    const text = `${HEAD}grant portal {\n  allow offline_access\n}\n`;
    const d = only(text, 'security.refresh-without-rotation');
    expect(d.data).toMatchObject({ newBlock: true });
    const fixed = `${text}${String(d.data?.['insert'])}\n`;
    expect(check(fixed).map((x) => x.code)).not.toContain('security.refresh-without-rotation');
  });

  it('patient-scope-without-context inserts the requirement into the global context block', () => {
    const text = `${HEAD.replace('  patient/* requires patient\n', '  user/* requires encounter\n')}grant portal {\n  allow patient/Observation.rs\n}\n`;
    const d = only(text, 'security.patient-scope-without-context');
    expect(d.data?.['insert']).toBe('patient/* requires patient');
    expect(check(applyInsert(text, d)).map((x) => x.code)).not.toContain('security.patient-scope-without-context');
  });

  it('duplicates, covered allows and stale ignores are marked for removal', () => {
    expect(only(`${HEAD}grant portal {\n  allow openid\n  allow openid\n}\n`, 'semantic.duplicate-grant').data?.['remove']).toBe(true);
    expect(only(`${HEAD}grant portal {\n  allow openid\n  deny openid\n}\n`, 'semantic.allow-denied').data).toMatchObject({
      remove: true,
      deniedBy: 'openid',
    });
    expect(
      only(`${HEAD}grant portal {\n  # smart-policy-ignore semantic.duplicate-grant\n  allow openid\n}\n`, 'semantic.unused-ignore').data,
    ).toMatchObject({ remove: true, code: 'semantic.duplicate-grant' });
  });

  it('every diagnostic message says how to fix it', () => {
    const text = `${HEAD}grant portal {\n  allow patient/*.cu, offline_access\n}\n`;
    for (const d of check(text)) expect(d.message, d.code).toMatch(/add|write|use|remove|list|allow|declare|ignore|grant/i);
  });
});

describe('unknown ignore codes', () => {
  it.each([
    ['security.wildcard-patient-facng', 'security.wildcard-patient-facing'],
    ['lint.write-without-read', 'security.write-without-read'],
    ['lint.wildcard-patient', 'security.wildcard-patient-facing'],
  ])('%s suggests %s', (written, expected) => {
    const d = only(`${HEAD}grant portal {\n  # smart-policy-ignore ${written}\n  allow openid\n}\n`, 'semantic.unknown-ignore-code');
    expect(d.data?.['replacement']).toBe(expected);
  });
});
