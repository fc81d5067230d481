import { describe, expect, it } from 'vitest';
import { BUILTIN_PHRASEBOOKS, QUALIFIER_KEYS } from '../../src/explain/index.js';
import { formatMessage } from '../../src/explain/messages.js';
import { joinList, verbPhrase } from '../../src/explain/phrase-list.js';
import type { MessageKey } from '../../src/explain/phrasebook/index.js';
import { RESOURCE_TYPE_SET } from '../../src/fhir/resource-types.js';

/** The US Core set plus the other types patient-facing apps commonly ask for. */
const COMMON_TYPES = [
  'AllergyIntolerance',
  'CarePlan',
  'CareTeam',
  'Condition',
  'Coverage',
  'Device',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'Goal',
  'Immunization',
  'Location',
  'Medication',
  'MedicationDispense',
  'MedicationRequest',
  'Observation',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Procedure',
  'Provenance',
  'QuestionnaireResponse',
  'RelatedPerson',
  'ServiceRequest',
  'Specimen',
  'Appointment',
  'Basic',
  'Binary',
  'Consent',
  'Communication',
  'ExplanationOfBenefit',
  'FamilyMemberHistory',
  'ImagingStudy',
  'MedicationStatement',
  'Questionnaire',
];

const SAMPLE_ARGS: Record<string, string | number> = {
  letter: 'r',
  a: 'x',
  b: 'y',
  bStartsWithI: 'no',
  whose: 'self',
  noun: 'n',
  nouns: 'n',
  gender: 'feminine',
  number: 'plural',
  quant: 'plain',
  verbs: 'v',
  data: 'd',
  system: 'no',
  write: 'no',
  audience: 'patient',
  text: 't',
  words: 'w',
  role: 'no',
  hasLifetime: 'yes',
  lifetime: 'l',
  hasIdle: 'yes',
  idle: 'i',
  name: 'n',
  scope: 's',
  unit: 'day',
  n: 2,
};

describe.each(BUILTIN_PHRASEBOOKS.map((b) => [b.locale, b] as const))('phrasebook %s', (_locale, book) => {
  it('has a short and long noun for every common patient-facing type', () => {
    for (const type of COMMON_TYPES) {
      const noun = book.types[type];
      expect(noun, type).toBeDefined();
      expect(noun?.short.length, type).toBeGreaterThan(0);
      expect(noun?.long.length, type).toBeGreaterThan(noun?.short.length ?? 0);
    }
  });

  it('only names real R4 types', () => {
    for (const type of Object.keys(book.types)) expect(RESOURCE_TYPE_SET.has(type), type).toBe(true);
  });

  it('has a noun for every built-in qualifier', () => {
    for (const key of QUALIFIER_KEYS) expect(book.qualifiers[key.key], key.key).toBeDefined();
  });

  it('compiles and formats every frame', () => {
    for (const key of Object.keys(book.messages) as MessageKey[]) {
      const text = formatMessage(book, key, SAMPLE_ARGS);
      expect(typeof text, key).toBe('string');
      expect(text, key).not.toMatch(/[{}]/);
    }
  });

  it('uses no FHIR type names or listed jargon in its nouns', () => {
    // Compound names (AllergyIntolerance) are never English words; single-word jargon is in the list.
    const typeNames = [...RESOURCE_TYPE_SET].filter((t) => /[a-z][A-Z]/.test(t)).map((t) => t.toLowerCase());
    for (const noun of [...Object.values(book.types), ...Object.values(book.qualifiers), book.wildcard]) {
      const words = `${noun.short} ${noun.long}`.toLowerCase().split(/[^\p{L}\p{N}-]+/u);
      for (const word of words) {
        expect(book.jargon.includes(word), `${word} in "${noun.short}"`).toBe(false);
        expect(typeNames.includes(word), `${word} in "${noun.short}"`).toBe(false);
      }
    }
  });

  it('gives every Spanish noun a gender and number', () => {
    if (book.locale !== 'es') return;
    for (const [type, noun] of Object.entries({ ...book.types, ...book.qualifiers })) {
      expect(noun.gender, type).toBeDefined();
      expect(noun.number, type).toBeDefined();
    }
  });
});

describe('the phrasebooks agree', () => {
  it('cover the same types', () => {
    const [en, es] = BUILTIN_PHRASEBOOKS;
    expect(Object.keys(es?.types ?? {}).sort()).toEqual(Object.keys(en?.types ?? {}).sort());
  });
});

describe('lists inside one language', () => {
  const [en, es] = BUILTIN_PHRASEBOOKS;
  it('joins verbs in reading order without an Oxford comma', () => {
    if (!en || !es) throw new Error('phrasebooks missing');
    expect(verbPhrase('rs', en)).toBe('see and search');
    expect(verbPhrase('cud', en)).toBe('add, change and delete');
    expect(verbPhrase('cruds', en)).toBe('see, search, add, change and delete');
    expect(verbPhrase('cruds', es)).toBe('ver, buscar, añadir, cambiar y eliminar');
  });

  it('writes Spanish "e" before an /i/ sound, but not before "hie-"', () => {
    if (!es) throw new Error('phrasebooks missing');
    expect(joinList(['alergias', 'imágenes'], es)).toBe('alergias e imágenes');
    expect(joinList(['citas', 'historial'], es)).toBe('citas e historial');
    expect(joinList(['agua', 'hielo'], es)).toBe('agua y hielo');
    expect(joinList(['a', 'b', 'c'], es)).toBe('a, b y c');
  });
});
