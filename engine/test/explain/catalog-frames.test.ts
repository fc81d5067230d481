import { describe, expect, it } from 'vitest';
import { explain, localeChoice } from '../../src/explain/index.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';
import { FR_FRAMES } from './fixtures/fr-phrasebook.js';

const base: ExplanationCatalog = {
  locales: ['en', 'fr'],
  defaultLocale: 'en',
  offlineAccess: { lifetimeSeconds: 90 * 86_400, idleSeconds: null },
  entries: {
    Immunization: {
      target: 'Immunization',
      texts: { fr: { short: 'vaccins', long: 'Les vaccins reçus et leurs dates.', gender: 'masculine', number: 'plural' } },
      queries: [],
    },
    Appointment: { target: 'Appointment', texts: { fr: { short: 'rendez-vous', gender: 'masculine', number: 'plural' } }, queries: [] },
  },
};

describe('sentence frames from the catalog', () => {
  it('without frames, a declared French locale falls back to the default', () => {
    expect(localeChoice(base).available).toEqual(['en']);
    expect(explain('patient/Immunization.rs', { acceptLanguage: 'fr', catalog: base }).locale).toBe('en');
  });

  it('with complete frames, French is rendered from catalog frames and nouns', () => {
    const catalog = { ...base, phrasebooks: { fr: FR_FRAMES } };
    expect(localeChoice(catalog).available).toEqual(['en', 'fr']);
    const r = explain('patient/Immunization.rs patient/Appointment.rs offline_access patient/*.rs', {
      acceptLanguage: 'fr-CA,fr;q=0.9',
      catalog,
    });
    expect(r.locale).toBe('fr');
    expect(r.scopes[0]?.short).toBe('Voir et rechercher vos vaccins');
    expect(r.scopes[0]?.long).toBe('L’application peut voir et rechercher vos vaccins. Les vaccins reçus et leurs dates.');
    expect(r.scopes[2]?.short).toBe('Garder l’accès jusqu’à 90 jours, même quand vous n’utilisez pas l’application');
    expect(r.scopes[3]?.short).toBe('Voir et rechercher toutes vos informations de santé');
    expect(explain('patient/Immunization.rs', { locale: 'fr', audience: 'clinician', catalog }).scopes[0]?.short).toBe(
      'Voir et rechercher les vaccins du patient',
    );
  });

  it('incomplete or broken frames are not used', () => {
    const { verb: _verb, ...partial } = FR_FRAMES.messages;
    const missing = { ...base, phrasebooks: { fr: { ...FR_FRAMES, messages: partial } } };
    expect(localeChoice(missing).available).toEqual(['en']);
    const broken = {
      ...base,
      phrasebooks: { fr: { ...FR_FRAMES, messages: { ...FR_FRAMES.messages, verb: '{letter, select, r {voir}' } } },
    };
    expect(localeChoice(broken).available).toEqual(['en']);
  });

  it('frames can override a built-in language', () => {
    const catalog: ExplanationCatalog = {
      locales: ['en'],
      defaultLocale: 'en',
      entries: {},
      phrasebooks: { en: { messages: { openidShort: 'Check that it is you' } } },
    };
    expect(explain('openid fhirUser', { catalog }).scopes.map((s) => s.short)).toEqual([
      'Check that it is you',
      'Know who you are in the health record',
    ]);
  });
});
