/** Quick fixes from diagnostic data and the collapse refactoring, through the language service. */
import { describe, expect, it } from 'vitest';
import type { CodeAction, LanguageService } from '../../src/service/index.js';
import { POLICY, serviceAt } from './cursor.js';

function apply(text: string, action: CodeAction | undefined, uri: string): string {
  if (!action) throw new Error('no action');
  const edits = [...action.edits].filter((e) => e.uri === uri).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function fixesFor(service: LanguageService, uri: string, code: string, start = 0, end = 0): CodeAction[] {
  const diagnostics = service.check(uri).diagnostics.filter((d) => d.code === code);
  expect(diagnostics.length).toBeGreaterThan(0);
  return [
    ...service.codeActions(
      uri,
      start,
      end,
      diagnostics.map((d) => ({ code: d.code, start: d.range.start.offset, end: d.range.end.offset, ...(d.data ? { data: d.data } : {}) })),
    ),
  ];
}

describe('code actions', () => {
  it('rewrites a v1 scope to v2', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY.replace('patient/Observation.rs', 'patient/Observation.read')}`);
    const fix = fixesFor(service, uri, 'style.prefer-v2-scope').find((a) => a.title.includes('v2'));
    expect(apply(text, fix, uri)).toContain('allow as labs patient/Observation.rs\n');
  });

  it('adds a missing locale text as a stub', () => {
    const withLong = POLICY.replace('  en "your lab results"\n', '  en "your lab results"\n  en long "Results of the tests you had."\n');
    const { service, uri, text } = serviceAt(`<|>${withLong}`);
    const fix = fixesFor(service, uri, 'consent.missing-translation').find((a) => a.title.includes('stub'));
    const fixed = apply(text, fix, uri);
    expect(fixed).toContain('  es "sus resultados"\n  es long ""\n}');
    // The stub is where the text goes: once written, the finding is gone.
    service.update(uri, fixed.replace('es long ""', 'es long "Resultados de sus análisis."'));
    expect(service.check(uri).diagnostics.filter((d) => d.code === 'consent.missing-translation')).toEqual([]);
  });

  it('replaces a jargon word with the plain word', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY.replace('your lab results', 'your Observation resources')}`);
    const fix = fixesFor(service, uri, 'consent.jargon').find((a) => a.title.startsWith('Replace'));
    expect(fix?.title).toMatch(/^Replace "Observation" with ".+"$/);
    expect(apply(text, fix, uri)).not.toContain('your Observation resources');
  });

  it('adds the patient-context requirement a patient-level grant needs', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY.replace('context {\n  patient/* requires patient\n}\n', '')}`);
    const fix = fixesFor(service, uri, 'security.patient-scope-without-context').find((a) => a.title.startsWith('Require'));
    const fixed = apply(text, fix, uri);
    service.update(uri, fixed);
    expect(service.check(uri).diagnostics.filter((d) => d.code === 'security.patient-scope-without-context')).toEqual([]);
  });

  it('adds an ignore comment with a reason above the finding, and the finding goes away', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY.replace(' because "read only"', '')}`);
    const fix = fixesFor(service, uri, 'style.deny-without-reason').find((a) => a.title.startsWith('Ignore'));
    const fixed = apply(text, fix, uri);
    expect(fixed).toContain('  # smart-policy-ignore style.deny-without-reason reviewed: say why this is safe\n  deny patient/*.cud');
    service.update(uri, fixed);
    expect(service.check(uri).diagnostics.filter((d) => d.code === 'style.deny-without-reason')).toEqual([]);
  });

  it('uses the suggested keyword of a syntax error', () => {
    const { service, uri, text } = serviceAt(`<|>${POLICY.replace('allow as labs', 'alow as labs')}`);
    const fix = fixesFor(service, uri, 'syntax.unexpected-token').find((a) => a.title.includes('allow'));
    expect(apply(text, fix, uri)).toContain('  allow as labs');
  });

  it('collapses redundant scopes of the rule under the cursor', () => {
    const policy = POLICY.replace(
      'allow as labs patient/Observation.rs',
      'allow as labs patient/Observation.r, patient/Observation.<|>s, patient/Observation.rs',
    );
    const { service, uri, offset, text } = serviceAt(policy);
    const collapse = service.codeActions(uri, offset, offset, []).find((a) => a.kind === 'refactor.rewrite');
    expect(collapse?.title).toBe('Collapse redundant scopes (3 → 1)');
    expect(apply(text, collapse, uri)).toContain('allow as labs patient/Observation.rs\n');
  });
});
