import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/index.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

const catalog: ExplanationCatalog = {
  name: 'Example Health',
  locales: ['en', 'es', 'fr'],
  defaultLocale: 'es',
  offlineAccess: { lifetimeSeconds: 90 * 86_400, idleSeconds: 30 * 86_400 },
  entries: {
    Observation: {
      target: 'Observation',
      texts: {
        en: { short: 'your health measurements and test results', long: 'Measurements such as blood pressure, and test results.' },
        es: { short: 'sus mediciones de salud y resultados de pruebas', gender: 'feminine', number: 'plural' },
      },
      queries: [
        {
          param: 'code:in',
          value: 'http://valueset.example.org/ValueSet/diabetes-codes',
          texts: {
            en: { short: 'diabetes test results' },
            es: { short: 'resultados de pruebas de diabetes', gender: 'masculine', number: 'plural' },
          },
        },
      ],
    },
    __profilePhoto: {
      target: '__profilePhoto',
      texts: { en: { short: 'change your profile photo', long: 'The app can replace the photo shown on your profile.' } },
      queries: [],
    },
  },
};

describe('explain', () => {
  it('renders short and long text for each scope, and merges the summary', () => {
    const result = explain(`patient/Observation.rs?category=${LAB} patient/MedicationRequest.rs patient/Observation.rs?category=${LAB}`, {
      locale: 'en',
    });
    expect(result.locale).toBe('en');
    expect(result.scopes).toHaveLength(2);
    expect(result.summary.map((l) => l.text)).toEqual(['See and search your lab results and prescriptions']);
  });

  it('merges letters split across scopes and v1/v2 forms', () => {
    const result = explain(['patient/Observation.rs', 'patient/Observation.cud', 'patient/Condition.read', 'patient/Condition.write'], {
      locale: 'en',
    });
    expect(result.summary.map((l) => l.text)).toEqual([
      'See, search, add, change and delete your test results and measurements and health problems',
    ]);
  });

  it('drops what a wildcard already covers and lists the scope under it', () => {
    const result = explain('patient/*.rs patient/Observation.rs patient/AllergyIntolerance.cruds', { locale: 'en' });
    expect(result.summary.map((l) => l.text)).toEqual([
      'See and search all of your health information',
      'Add, change and delete your allergies',
    ]);
    expect(result.summary[0]?.scopes).toContain('patient/Observation.rs');
  });

  it('says a wildcard covers kinds of data added later', () => {
    const [en] = explain('patient/*.rs', { locale: 'en' }).scopes;
    const [es] = explain('patient/*.rs', { locale: 'es' }).scopes;
    expect(en?.long).toMatch(/added later/);
    expect(es?.long).toMatch(/más adelante/);
  });

  it('changes wording with the audience', () => {
    const patient = explain('patient/Observation.rs', { locale: 'en', audience: 'patient' }).scopes[0];
    const clinician = explain('patient/Observation.rs', { locale: 'en', audience: 'clinician' }).scopes[0];
    expect(patient?.short).toBe('See and search your test results and measurements');
    expect(clinician?.short).toBe('See and search the patient’s test results and measurements');
    const es = explain('patient/Encounter.r', { locale: 'es', audience: 'clinician' }).scopes[0];
    expect(es?.short).toBe('Ver las visitas del paciente');
  });

  it('tells caregivers whose data it is', () => {
    const r = explain('patient/Immunization.rs fhirUser', { locale: 'en', audience: 'caregiver' });
    expect(r.audience).toBe('caregiver');
    expect(r.scopes[0]?.short).toBe('See and search the patient’s vaccines');
    expect(r.scopes[1]?.long).toMatch(/parent or caregiver/);
    expect(explain('patient/Immunization.rs', { locale: 'es', audience: 'caregiver' }).scopes[0]?.short).toBe(
      'Ver y buscar las vacunas del paciente',
    );
  });

  it('agrees Spanish articles and quantifiers with the noun', () => {
    expect(explain('user/*.rs', { locale: 'es' }).scopes[0]?.short).toBe(
      'Ver y buscar toda la información de salud a la que usted tiene acceso',
    );
    expect(explain('user/Appointment.rs', { locale: 'es' }).scopes[0]?.short).toBe('Ver y buscar las citas a las que usted tiene acceso');
    expect(explain('user/Provenance.rs', { locale: 'es' }).scopes[0]?.short).toBe(
      'Ver y buscar el historial de cambios del expediente al que usted tiene acceso',
    );
    expect(explain('system/Location.rs', { locale: 'es' }).scopes[0]?.short).toBe(
      'Ver y buscar todos los lugares de atención, sin que nadie haya iniciado sesión',
    );
  });

  it('quotes the policy’s offline lifetime', () => {
    const en = explain('offline_access', { locale: 'en', catalog }).scopes[0];
    expect(en?.short).toBe('Keep access for up to 90 days, even when the app is closed');
    expect(en?.long).toMatch(/for up to 90 days or until you remove its access\. Access ends if the app is not used for 30 days\./);
    const es = explain('offline_access', { locale: 'es', catalog }).scopes[0];
    expect(es?.short).toBe('Mantener el acceso hasta 90 días, aun sin usar la aplicación');
  });

  it('uses the policy catalog: nouns without their possessive, query text, scope-word sentences', () => {
    const r = explain(
      ['patient/Observation.rs', 'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes', '__profilePhoto'],
      { locale: 'en', catalog },
    );
    expect(r.scopes[0]?.short).toBe('See and search your health measurements and test results');
    expect(r.scopes[0]?.long).toBe(
      'The app can see and search your health measurements and test results. Measurements such as blood pressure, and test results.',
    );
    expect(r.scopes[1]?.short).toBe('See and search your diabetes test results');
    expect(r.scopes[1]?.warnings).toBeUndefined();
    expect(r.scopes[2]).toEqual({
      scope: '__profilePhoto',
      short: 'Change your profile photo',
      long: 'The app can replace the photo shown on your profile.',
    });
  });

  it('negotiates among the catalog’s renderable locales, with its default', () => {
    expect(explain('openid', { acceptLanguage: 'fr-CA, fr', catalog }).locale).toBe('es');
    expect(explain('openid', { acceptLanguage: 'en-US', catalog }).locale).toBe('en');
    expect(explain('openid', { acceptLanguage: 'es-MX,es;q=0.9', catalog }).scopes[0]?.short).toBe('Confirmar quién es usted');
  });

  it('says an OR list of query values as a list of nouns', () => {
    const cat = 'http://terminology.hl7.org/CodeSystem/observation-category';
    const r = explain(`patient/Observation.rs?category=${cat}|laboratory,${cat}|vital-signs`, { locale: 'en' });
    expect(r.scopes[0]?.short).toBe('See and search your lab results and vital signs');
    expect(r.scopes[0]?.warnings).toBeUndefined();
    const es = explain('patient/Observation.rs?category=laboratory,vital-signs', { locale: 'es' });
    expect(es.scopes[0]?.short).toBe('Ver y buscar sus resultados de laboratorio y signos vitales');
    const partly = explain('patient/Observation.rs?category=laboratory,unknown-thing', { locale: 'en' });
    expect(partly.scopes[0]?.warnings?.[0]?.code).toBe('explain.query.unexplained');
  });

  it('reads the URI form of scopes like the scopes themselves', () => {
    const r = explain(
      [
        'http://smarthealthit.org/fhir/scopes/patient/Immunization.rs',
        'http://openid.net/specs/openid-connect-core-1_0#openid',
        'http://smarthealthit.org/fhir/scopes/offline_access',
      ],
      { locale: 'en', catalog },
    );
    expect(r.scopes.map((s) => s.short)).toEqual([
      'See and search your vaccines',
      'Confirm who you are',
      'Keep access for up to 90 days, even when the app is closed',
    ]);
  });

  it('flags queries it cannot say plainly', () => {
    const r = explain(['patient/Observation.rs?code=http://loinc.org|4548-4', 'patient/Observation.rs?patient.birthdate=1990'], {
      locale: 'en',
    });
    expect(r.scopes.map((s) => s.warnings?.[0]?.code)).toEqual(['explain.query.unexplained', 'explain.query.experimental']);
    expect(r.scopes[0]?.short).toBe('See and search some of your test results and measurements');
  });

  it('warns on invalid scopes instead of failing', () => {
    const r = explain(['patient/Observation.sr', 'launch/'], { locale: 'es' });
    expect(r.scopes.every((s) => s.warnings?.[0]?.code === 'explain.scope.invalid')).toBe(true);
    expect(r.scopes[0]?.short).toBe('Solicitud no reconocida («patient/Observation.sr»)');
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 6 }), fc.constantFrom('en', 'es', 'xx', ''), (scopes, locale) => {
        const r = explain(scopes, { locale, catalog });
        for (const s of r.scopes) {
          expect(s.short.length).toBeGreaterThan(0);
          expect(s.long.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
