import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../../src/node/index.js';
import { allowedScopesFromBundle, catalogFromBundle } from '../../src/explain/catalog-from-bundle.js';
import { allowedScopesFromAst, catalogFromAst } from '../../src/explain/catalog-from-ast.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';
import {
  findJargon,
  fleschKincaidGrade,
  lintConsent,
  lintJargon,
  lintLength,
  lintMissingTranslation,
  lintQueryUnexplained,
  lintReadingLevel,
  lintUntranslated,
  sentences,
  syllables,
} from '../../src/explain/lint/index.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

function catalog(entries: ExplanationCatalog['entries'], locales = ['en', 'es']): ExplanationCatalog {
  return { locales, defaultLocale: 'en', entries };
}

describe('reading level', () => {
  it('counts syllables and sentences like readability tools', () => {
    expect(['cat', 'table', 'visits', 'medicine', 'allergies', 'results'].map(syllables)).toEqual([1, 2, 2, 3, 3, 2]);
    expect(sentences('One. Two, e.g. this! Three?')).toEqual(['One.', 'Two, e.g. this!', 'Three?']);
  });

  it('scores plain text low and dense text high', () => {
    expect(fleschKincaidGrade('The app can see your lab results.')).toBeLessThan(6);
    expect(fleschKincaidGrade('Documented pathological conditions, comorbidities and diagnostic determinations.')).toBeGreaterThan(12);
  });
});

describe('consent lints', () => {
  it('finds FHIR type names and listed terms, and suggests the plain noun', () => {
    expect(findJargon('Your Encounters and AllergyIntolerance entries', 'en')).toEqual(['Encounters', 'AllergyIntolerance']);
    expect(findJargon('sus encuentros', 'es')).toEqual(['encuentros']);
    expect(findJargon('your visits', 'en')).toEqual([]);
    const [f] = lintJargon(catalog({ Encounter: { target: 'Encounter', texts: { en: { short: 'encounters' } }, queries: [] } }));
    expect(f?.code).toBe('consent.jargon');
    expect(f?.data).toMatchObject({ term: 'encounters', replacement: 'visits', locale: 'en' });
  });

  it('flags untranslated text only across languages', () => {
    const c = catalog(
      {
        Goal: {
          target: 'Goal',
          texts: { en: { short: 'health goals' }, 'en-GB': { short: 'health goals' }, es: { short: 'Health goals' } },
          queries: [],
        },
      },
      ['en', 'en-GB', 'es'],
    );
    expect(lintUntranslated(c).map((f) => f.data['locale'])).toEqual(['es']);
  });

  it('limits short length and long sentences', () => {
    const c = catalog({
      Goal: { target: 'Goal', texts: { en: { short: 'x'.repeat(61), long: 'One. Two. Three.' } }, queries: [] },
    });
    expect(lintLength(c).map((f) => f.code)).toEqual(['consent.short-too-long', 'consent.long-too-many-sentences']);
    expect(lintLength(c, { shortMaxLength: 80, maxLongSentences: 3 })).toEqual([]);
  });

  it('warns on English long forms above grade 8 and Spanish ones below 50 (Szigriszt-Pazos)', () => {
    const c = catalog({
      Condition: {
        target: 'Condition',
        texts: {
          en: { short: 'comorbidities', long: 'Documented pathological conditions, comorbidities and diagnostic determinations.' },
          es: { short: 'x', long: 'Documentación patológica de comorbilidades y determinaciones diagnósticas.' },
        },
        queries: [],
      },
      Goal: {
        target: 'Goal',
        texts: {
          en: { short: 'goals', long: 'Goals you set with your care team.' },
          es: { short: 'metas', long: 'Metas que fijó con su equipo.' },
        },
        queries: [],
      },
    });
    const found = lintReadingLevel(c);
    expect(found.map((f) => [f.data['locale'], f.data['formula'], f.data['target']])).toEqual([
      ['en', 'flesch-kincaid', 'Condition'],
      ['es', 'szigriszt-pazos', 'Condition'],
    ]);
    expect(found[0]?.data['grade']).toBeGreaterThan(8);
    expect(found[1]?.data['score']).toBeLessThan(50);
  });

  it('requires text in every declared locale for allowed scopes, using the phrasebook for en and es', () => {
    const c = catalog({ Condition: { target: 'Condition', texts: { fr: { short: 'problèmes de santé' } }, queries: [] } }, [
      'en',
      'es',
      'fr',
    ]);
    const allowed = [
      { app: 'portal', scope: 'patient/Observation.rs' },
      { app: 'portal', scope: 'patient/Condition.rs' },
      { app: 'portal', scope: 'patient/ChargeItem.rs' },
    ];
    const found = lintMissingTranslation(c, allowed).map((f) => `${f.data['locale']} ${f.data['insertInto']}`);
    expect(found).toEqual(['fr explain Observation', 'en explain ChargeItem', 'es explain ChargeItem', 'fr explain ChargeItem']);
  });

  it('asks for words for allowed extension scopes in every locale', () => {
    const c = catalog({ __photo: { target: '__photo', texts: { en: { short: 'change your profile photo' } }, queries: [] } });
    const found = lintMissingTranslation(c, [
      { app: 'a', scope: '__photo' },
      { app: 'a', scope: 'openid' },
    ]);
    expect(found.map((f) => `${f.data['locale']} ${f.data['insertInto']}`)).toEqual(['es explain __photo']);
  });

  it('requires a plain explanation of every allowed query', () => {
    const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
    const c = catalog({
      Condition: {
        target: 'Condition',
        texts: {},
        queries: [{ param: 'code', value: 'http://snomed.info/sct|44054006', texts: { en: { short: 'diabetes' } } }],
      },
    });
    const allowed = [
      { app: 'a', scope: `patient/Observation.rs?category=${LAB}` },
      { app: 'a', scope: 'patient/Observation.rs?code=http://loinc.org|4548-4' },
      { app: 'a', scope: 'patient/Condition.rs?code=http://snomed.info/sct|44054006' },
      { app: 'a', scope: `patient/Observation.rs?category=${LAB}&date=ge2020` },
      { app: 'a', scope: 'patient/Observation.rs?category=laboratory,vital-signs' },
    ];
    const found = lintQueryUnexplained(c, allowed);
    expect(found.map((f) => f.data['scope'])).toEqual([allowed[1]?.scope, allowed[3]?.scope]);
    expect(found[0]?.data['insert']).toBe('where code = http://loinc.org|4548-4 { en "" }');
    expect(found[1]?.data['compound']).toBe(true);
    // The Condition query has English text only, so Spanish is missing.
    expect(lintMissingTranslation(c, allowed).map((f) => `${f.data['locale']} ${f.data['insertInto']}`)).toEqual([
      'es explain Condition where code = http://snomed.info/sct|44054006',
    ]);
  });
});

describe('catalog adapters', () => {
  it('reads the example patient portal from its bundle and from its AST alike', () => {
    const compiled = compilePolicyFile('policies/patient-portal/portal.smartpolicy');
    expect(compiled.bundle).not.toBeNull();
    if (!compiled.bundle) return;
    const fromBundle = catalogFromBundle(compiled.bundle);
    expect(fromBundle.locales).toEqual(['en', 'es']);
    expect(fromBundle.entries['Observation']?.queries.length).toBeGreaterThan(0);
    expect(fromBundle.appClasses?.map((a) => a.audience)).toContain('patient');
    expect(fromBundle.offlineAccess?.lifetimeSeconds).toBeGreaterThan(0);
    expect(allowedScopesFromBundle(compiled.bundle).length).toBeGreaterThan(5);
    // No consent errors in the shipped example; warnings are allowed.
    expect(
      lintConsent(fromBundle, allowedScopesFromBundle(compiled.bundle)).filter((f) => f.code === 'consent.missing-translation'),
    ).toEqual([]);
  });

  it('builds a catalog from an AST, with source offsets for quick fixes', () => {
    const text = `policy "P" {\n  fhir R4\n  locales en, es\n  default locale es\n}\napp portal { user patient }\ngrant portal {\n  allow patient/Observation.rs\n  deny patient/*.cud because "no"\n}\nrefresh portal {\n  offline_access allowed\n  lifetime 90d\n  idle 30d\n}\nexplain Observation {\n  en "your test results" plural\n  en long "Lab and other results."\n  es "resultados" masculine plural\n  where category = laboratory {\n    en "lab results"\n  }\n}\n`;
    const { ast } = parsePolicy(text, 'p.smartpolicy');
    const c = catalogFromAst([ast]);
    expect(c.defaultLocale).toBe('es');
    expect(c.entries['Observation']?.texts['en']).toMatchObject({
      short: 'your test results',
      long: 'Lab and other results.',
      number: 'plural',
    });
    expect(c.entries['Observation']?.texts['en']?.span?.start.offset).toBeGreaterThan(0);
    expect(c.entries['Observation']?.queries[0]).toMatchObject({ param: 'category', value: 'laboratory' });
    expect(c.appClasses).toEqual([
      {
        name: 'portal',
        audience: 'patient',
        allowed: ['patient/Observation.rs'],
        denied: [{ scope: 'patient/*.cud', reason: 'no' }],
        offlineAccess: { lifetimeSeconds: 7_776_000, idleSeconds: 2_592_000 },
      },
    ]);
    expect(allowedScopesFromAst([ast]).map((a) => a.scope)).toEqual(['patient/Observation.rs']);
  });
});
