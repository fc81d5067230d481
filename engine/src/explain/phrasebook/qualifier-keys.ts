/**
 * Query values the built-in phrasebook can say plainly. A query pair `param=value` matches when
 * the parameter is written without modifiers and the value is `system|code` with one of the
 * listed systems, or a bare `code` (FHIR: any system). `|code` (explicitly no system) does not.
 */

/** One explainable query value. `key` names its noun in every phrasebook. */
export interface QualifierKey {
  readonly key: string;
  readonly resourceType: string;
  readonly param: string;
  readonly systems: readonly string[];
  readonly code: string;
}

const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const US_CORE_CONDITION_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/condition-category';
const US_CORE_DOCREF_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const LOINC = 'http://loinc.org';
const MEDREQ_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';

function q(resourceType: string, param: string, systems: readonly string[], code: string): QualifierKey {
  return { key: `${resourceType}.${param}.${code}`, resourceType, param, systems, code };
}

/** Every built-in qualifier; each phrasebook has a noun for every key (a test checks). */
export const QUALIFIER_KEYS: readonly QualifierKey[] = [
  q('Observation', 'category', [OBS_CATEGORY], 'laboratory'),
  q('Observation', 'category', [OBS_CATEGORY], 'vital-signs'),
  q('Observation', 'category', [OBS_CATEGORY], 'social-history'),
  q('Observation', 'category', [OBS_CATEGORY], 'survey'),
  q('Observation', 'category', [OBS_CATEGORY], 'imaging'),
  q('Observation', 'category', [OBS_CATEGORY], 'exam'),
  q('Observation', 'category', [OBS_CATEGORY], 'procedure'),
  q('Observation', 'category', [OBS_CATEGORY], 'therapy'),
  q('Observation', 'category', [OBS_CATEGORY], 'activity'),
  q('Observation', 'category', [US_CORE_CATEGORY], 'sdoh'),
  q('Condition', 'category', [CONDITION_CATEGORY], 'problem-list-item'),
  q('Condition', 'category', [CONDITION_CATEGORY], 'encounter-diagnosis'),
  q('Condition', 'category', [US_CORE_CONDITION_CATEGORY, CONDITION_CATEGORY], 'health-concern'),
  q('DocumentReference', 'category', [US_CORE_DOCREF_CATEGORY], 'clinical-note'),
  q('DiagnosticReport', 'category', [V2_0074], 'LAB'),
  q('DiagnosticReport', 'category', [V2_0074], 'RAD'),
  q('DiagnosticReport', 'category', [LOINC], 'LP29684-5'),
  q('DiagnosticReport', 'category', [LOINC], 'LP29708-2'),
  q('DiagnosticReport', 'category', [LOINC], 'LP7839-6'),
  q('MedicationRequest', 'category', [MEDREQ_CATEGORY], 'inpatient'),
  q('MedicationRequest', 'category', [MEDREQ_CATEGORY], 'outpatient'),
  q('MedicationRequest', 'category', [MEDREQ_CATEGORY], 'community'),
  q('MedicationRequest', 'category', [MEDREQ_CATEGORY], 'discharge'),
];

/** The built-in qualifier a query pair names, if any. */
export function findQualifierKey(resourceType: string, param: string, value: string): QualifierKey | undefined {
  const bar = value.indexOf('|');
  const system = bar < 0 ? null : value.slice(0, bar);
  const code = bar < 0 ? value : value.slice(bar + 1);
  return QUALIFIER_KEYS.find(
    (k) => k.resourceType === resourceType && k.param === param && k.code === code && (system === null || k.systems.includes(system)),
  );
}
