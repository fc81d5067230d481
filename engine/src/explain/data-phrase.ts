/**
 * "your lab results and prescriptions", "los resultados de laboratorio del paciente": the data a
 * scope touches, with whose it is (level × audience) and how much (all / some / plain), built by
 * the language's `nounItem` and `data` frames so articles and possessives agree.
 */
import type { Audience } from './explain-types.js';
import { formatMessage } from './messages.js';
import { joinList } from './phrase-list.js';
import type { Phrasebook } from './phrasebook/index.js';
import type { NounQuant, ResolvedNoun } from './resolve-noun.js';
import type { ScopeLevel } from '../smart/scope-types.js';

/** Whose data: the patient's own (self), the chosen patient (chosen), user- or system-level. */
export type Whose = 'self' | 'chosen' | 'userSelf' | 'userPatients' | 'system' | 'systemShared';

/**
 * Types that describe the care system rather than a patient: at system level they are "all care
 * locations", not "all patients' care locations".
 */
const SHARED_TYPES: ReadonlySet<string> = new Set([
  'Location',
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Medication',
  'HealthcareService',
  'Questionnaire',
  'Substance',
  'Schedule',
  'Slot',
  'Group',
  'ResearchStudy',
  'Endpoint',
]);

/** Level and audience → whose data the sentence talks about. */
export function whoseFor(level: ScopeLevel, audience: Audience, resourceType = '*'): Whose {
  if (level === 'system') return SHARED_TYPES.has(resourceType) ? 'systemShared' : 'system';
  if (level === 'user') return audience === 'clinician' ? 'userPatients' : 'userSelf';
  // A caregiver acts for someone else: patient-level data is "the patient's", not "your".
  return audience === 'patient' ? 'self' : 'chosen';
}

/** The data phrase for one or more nouns (a list agrees as plural, feminine only if all are). */
export function dataPhrase(nouns: readonly ResolvedNoun[], whose: Whose, quant: NounQuant, book: Phrasebook): string {
  const items = nouns.map((n) => formatMessage(book, 'nounItem', { whose, noun: n.short, gender: n.gender, number: n.number }));
  const single = nouns.length === 1 ? nouns[0] : undefined;
  const gender = single ? single.gender : nouns.every((n) => n.gender === 'feminine') ? 'feminine' : 'masculine';
  const number = single ? single.number : 'plural';
  return formatMessage(book, 'data', {
    whose,
    quant: quant === 'all' || quant === 'some' ? quant : 'plain',
    nouns: joinList(items, book),
    gender,
    number,
  });
}
