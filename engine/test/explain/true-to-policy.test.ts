/**
 * Consent text that is true to the policy and right for its reader (issue 11): audience
 * variants, duration placeholders, unreachable scopes, query-restricted wildcards, risky
 * letters, refresh conflicts and the announced locale fallback. Each rule has a property test
 * over the whole class it covers, besides the examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, catalogFromBundle } from '../../src/explain/index.js';
import { runExplainCommand } from '../../src/cli/commands/run-explain-command.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { parsePolicy, formatPolicy } from '../../src/language/index.js';
import { R4_NEVER_IN_PATIENT_COMPARTMENT } from '../../src/fhir/patient-compartment.js';
import { fileURLToPath } from 'node:url';

const PORTAL = fileURLToPath(new URL('../../../policies/patient-portal/portal.smartpolicy', import.meta.url));

function portal(): ExplanationCatalog {
  const compiled = compilePolicyFile(PORTAL);
  if (!compiled.bundle) throw new Error('the portal policy does not compile');
  return catalogFromBundle(compiled.bundle);
}

describe('texts that know their reader', () => {
  it('a caregiver reads the caregiver variant; a patient the general text (the portal example)', () => {
    const catalog = portal();
    const proxy = explain('patient/Immunization.rs', { catalog, appClass: 'proxy_apps' });
    expect(proxy.audience).toBe('caregiver');
    expect(proxy.scopes[0]?.long).toBe('The app can see and search the patient’s vaccines. Vaccines the patient has had and when.');
    const own = explain('patient/Immunization.rs', { catalog, appClass: 'patient_apps' });
    expect(own.scopes[0]?.long).toBe('The app can see and search your vaccines. Vaccines you have had and when you had them.');
  });

  it('variants parse, print and compile: `for caregiver, clinician` round-trips through the formatter', () => {
    const src = 'explain Immunization {\n  en "vaccines" plural\n  en long "Vaccines the patient has had." for caregiver, clinician\n}\n';
    const parsed = parsePolicy(src, 'x.smartpolicy');
    expect(parsed.diagnostics).toEqual([]);
    expect(formatPolicy(src, 'x.smartpolicy').text).toBe(src);
    const bad = parsePolicy('explain Immunization {\n  en long "x" for nurse\n}\n', 'x.smartpolicy');
    expect(bad.diagnostics.map((d) => d.code)).toContain('syntax.value.unknown');
  });
});

describe('texts true to the policy', () => {
  it('{lifetime} and {idle} are filled per app class (30 days for proxy_apps, 90 for patient_apps)', () => {
    const catalog = portal();
    expect(explain('offline_access', { catalog, appClass: 'proxy_apps' }).scopes[0]?.short).toBe(
      'Keep access when the app is closed, for up to 30 days',
    );
    expect(explain('offline_access', { catalog, appClass: 'patient_apps', locale: 'es' }).scopes[0]?.short).toBe(
      'Mantener el acceso hasta 90 días, aun sin usar la aplicación',
    );
  });

  it('a placeholder with no known limit falls back to the built-in sentence, with a warning', () => {
    const catalog: ExplanationCatalog = {
      locales: ['en'],
      defaultLocale: 'en',
      entries: { offline_access: { target: 'offline_access', texts: { en: { short: 'Keep access for {lifetime}' } }, queries: [] } },
    };
    const r = explain('offline_access', { catalog });
    expect(r.scopes[0]?.short).toBe('Keep access even when the app is closed');
    expect(r.scopes[0]?.warnings?.map((w) => w.code)).toEqual(['explain.text.placeholder']);
  });

  it('every type outside the Patient compartment is unreachable at patient level under deny: marked, and left out of the summary', () => {
    const catalog: ExplanationCatalog = { locales: ['en'], defaultLocale: 'en', entries: {}, patientNonCompartmentTypes: 'deny' };
    fc.assert(
      fc.property(
        fc.constantFrom(...R4_NEVER_IN_PATIENT_COMPARTMENT),
        fc.subarray(['c', 'r', 'u', 'd', 's'], { minLength: 1 }),
        (type, letters) => {
          const scope = `patient/${type}.${letters.join('')}`;
          const r = explain(`${scope} patient/Observation.rs`, { catalog });
          expect(r.scopes[0]?.unreachable?.letters).toBe(letters.join(''));
          expect(r.omitted?.map((o) => o.scope)).toEqual([scope]);
          expect(r.summary.flatMap((l) => l.scopes)).not.toContain(scope);
          // The same scope at user level is reachable.
          expect(explain(`user/${type}.${letters.join('')}`, { catalog }).scopes[0]?.unreachable).toBeUndefined();
        },
      ),
      { numRuns: 120, seed: 11 },
    );
    const readSearch = explain('patient/Device.cruds', { catalog: { ...catalog, patientNonCompartmentTypes: 'read-search' } });
    expect(readSearch.scopes[0]?.unreachable?.letters).toBe('cud');
    expect(readSearch.summary[0]?.text).toBe('See and search your medical devices');
  });

  it('a query-restricted wildcard never says "all", in any language or audience', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('patient', 'user', 'system'),
        fc.stringMatching(/^[a-z][a-z_-]{0,12}$/),
        fc.stringMatching(/^[a-z0-9|.:/-]{1,30}$/),
        fc.constantFrom('en', 'es'),
        fc.constantFrom('patient', 'caregiver', 'clinician'),
        (level, param, value, locale, audience) => {
          const r = explain(`${level}/*.rs?${param}=${encodeURIComponent(value)}`, { locale, audience });
          // "all patients" says whose data at system level; the amount of data must never be "all".
          const texts = [r.scopes[0]?.short ?? '', r.scopes[0]?.long ?? '', ...r.summary.map((l) => l.text)]
            .join(' ')
            .toLowerCase()
            .replace(/all patients|todos los pacientes/g, '');
          expect(texts).not.toMatch(/\b(all|todos|todas|toda|todo)\b/);
          expect(texts).not.toMatch(/added later|se añadan/);
        },
      ),
      { numRuns: 150, seed: 11 },
    );
    expect(explain('patient/*.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory').scopes[0]?.short).toBe(
      'See and search some of your health information',
    );
  });

  it('risky letters carry their consequence: deletes always, "adds" only with c, search results with s alone', () => {
    fc.assert(
      fc.property(
        fc.subarray(['c', 'r', 'u', 'd', 's'], { minLength: 1 }),
        fc.constantFrom('patient', 'user', 'system'),
        fc.constantFrom('en', 'es'),
        (letters, level, locale) => {
          const p = letters.join('');
          const long = explain(`${level}/Immunization.${p}`, { locale }).scopes[0]?.long ?? '';
          const en = locale === 'en';
          expect(long.includes(en ? 'what it deletes can be gone for good' : 'lo que elimine puede desaparecer')).toBe(p.includes('d'));
          expect(long.includes(en ? 'adds or changes' : 'añada o cambie')).toBe(p.includes('c') && level !== 'system');
          expect(long.includes(en ? 'search results show the records' : 'la búsqueda muestra los registros')).toBe(
            p.includes('s') && !p.includes('r'),
          );
        },
      ),
      { numRuns: 200, seed: 11 },
    );
    expect(explain('patient/Immunization.s').scopes[0]?.long).toContain('search results show the records it finds');
    expect(explain('patient/Immunization.u').scopes[0]?.long).not.toContain('adds');
  });

  it('offline_access with online_access: one summary line for both, a warning on each and on the result', () => {
    for (const scopes of ['offline_access online_access', 'online_access offline_access openid']) {
      const r = explain(scopes);
      const refresh = r.summary.filter((l) => l.scopes.includes('offline_access') || l.scopes.includes('online_access'));
      expect(refresh).toHaveLength(1);
      expect([...(refresh[0]?.scopes ?? [])].sort()).toEqual(['offline_access', 'online_access']);
      expect(r.warnings?.map((w) => w.code)).toEqual(['explain.refresh.conflict']);
      expect(r.scopes.filter((s) => s.warnings?.some((w) => w.code === 'explain.refresh.conflict'))).toHaveLength(2);
    }
    expect(explain('offline_access').warnings).toBeUndefined();
  });
});

describe('locale fallback is announced', () => {
  it('explain --locale fr says it used English; the JSON carries locale, requestedLocale, audience', () => {
    const out = runExplainCommand({ scopes: ['openid'], locale: 'fr', json: true });
    const json = JSON.parse(out.output) as Record<string, unknown>;
    expect([json['locale'], json['requestedLocale'], json['localeFallback'], json['audience']]).toEqual(['en', 'fr', true, 'patient']);
    expect(out.note).toBe('smart-policy explain: note: no consent text in fr; used en\n');
    expect(runExplainCommand({ scopes: ['openid'], acceptLanguage: 'es-MX,es;q=0.9' }).note).toBeUndefined();
    // The note names only the language subtag, never the rest of what was typed.
    expect(runExplainCommand({ scopes: ['openid'], locale: 'zz-<script>' }).note).toBe(
      'smart-policy explain: note: no consent text in zz; used en\n',
    );
  });
});
