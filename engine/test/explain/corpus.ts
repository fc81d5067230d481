/**
 * The golden corpus: scopes whose short and long text are checked in for review
 * (`golden/scopes.<locale>.json`). Built deterministically so that adding a noun adds a case:
 * every built-in type (cycling through all three levels and all 31 permission sets), wildcards,
 * every built-in query qualifier, unexplained and experimental queries, v1 forms, and every
 * non-resource scope kind; a subset again for clinicians.
 */
import { BUILTIN_PHRASEBOOKS, QUALIFIER_KEYS } from '../../src/explain/index.js';
import type { Audience } from '../../src/explain/index.js';

export interface CorpusCase {
  readonly scope: string;
  readonly audience: Audience;
}

const LEVELS = ['patient', 'user', 'system'] as const;

/** All 31 non-empty subsets of `cruds`, in canonical order. */
export const PERMISSION_SETS: readonly string[] = Array.from({ length: 31 }, (_, i) =>
  ['c', 'r', 'u', 'd', 's'].filter((_, bit) => ((i + 1) >> (4 - bit)) & 1).join(''),
);

function typeCases(): string[] {
  const types = Object.keys(BUILTIN_PHRASEBOOKS[0]?.types ?? {}).sort();
  return types.map((type, i) => `${LEVELS[i % 3]}/${type}.${PERMISSION_SETS[i % PERMISSION_SETS.length]}`);
}

function qualifierCases(): string[] {
  return QUALIFIER_KEYS.flatMap((k, i) => {
    const full = `${LEVELS[i % 3]}/${k.resourceType}.rs?${k.param}=${k.systems[0]}|${k.code}`;
    return i % 4 === 0 ? [full, `patient/${k.resourceType}.s?${k.param}=${k.code}`] : [full];
  });
}

const FIXED: readonly string[] = [
  'patient/*.rs',
  'patient/*.cruds',
  'patient/*.r',
  'user/*.cruds',
  'user/*.rs',
  'system/*.rs',
  'system/*.cud',
  'patient/*.read',
  'user/*.*',
  'system/*.write',
  'patient/Observation.read',
  'patient/MedicationRequest.write',
  'user/Appointment.*',
  'patient/Patient.read',
  'patient/Observation.rs',
  'patient/Patient.r',
  'patient/Observation.c',
  'user/Observation.rs',
  'user/Appointment.cruds',
  'user/Patient.rs',
  'system/Observation.rs',
  'system/Encounter.cud',
  'patient/AllergyIntolerance.cruds',
  'user/Basic.cuds',
  'patient/Basic.cuds?code=https://myapp.example.org|encrypted-phr-access-keys',
  'patient/Observation.rs?code=http://loinc.org|4548-4',
  'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes',
  'patient/Observation.rs?patient.birthdate=1990',
  'patient/Observation.rs?_filter=code eq 1234',
  'patient/Observation.rs?category=laboratory&date=ge2020-01-01',
  'patient/Observation.rs?category=http://example.org/other-system|laboratory',
  'patient/Condition.rs?clinical-status=active',
  'patient/Observation.rs?category=laboratory,vital-signs',
  'patient/Condition.rs?category=problem-list-item,health-concern',
  'patient/Observation.rs?category=laboratory,unknown-thing',
  'patient/ChargeItem.r',
  'user/ChargeItemDefinition.rs',
  'system/TestScript.cruds',
  'launch',
  'launch/patient',
  'launch/encounter',
  'launch/diagnosticreport',
  'launch/imagingstudy',
  'launch/list?role=https://example.org/med-list-at-home',
  'launch/questionnaire',
  'launch/widget',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  'system/DynamicClient.register',
  '__profilePhoto.manage',
  'https://ehr.example.org/scopes/profilePhoto.manage',
  'patient/Observation.sr',
  'patient/observation.rs',
  'patient/Observation.read?category=laboratory',
  'Patient/Observation.rs',
  'patient/Observation.',
  'patient/Foo.rs',
  'launch/',
  'patient/Observation.rs?',
];

const CLINICIAN: readonly string[] = [
  'patient/*.rs',
  'patient/*.cruds',
  'user/*.cruds',
  'user/Patient.rs',
  'user/Observation.rs',
  'system/*.rs',
  'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
  'patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis',
  'patient/MedicationRequest.cruds',
  'patient/Encounter.r',
  'user/Appointment.cruds',
  'patient/DocumentReference.cu',
  'patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes',
  'patient/Basic.cuds',
  'launch',
  'launch/patient',
  'launch/encounter',
  'launch/imagingstudy',
  'launch/list?role=https://example.org/med-list-at-home',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  'system/DynamicClient.register',
  '__darkMode.manage',
  'user/Observation.cud',
  'user/*.read',
  'patient/Immunization.rs',
  'user/ServiceRequest.crus',
];

const CAREGIVER: readonly string[] = [
  'patient/*.rs',
  'patient/Immunization.rs',
  'patient/AllergyIntolerance.cruds',
  'user/Patient.rs',
  'launch/patient',
  'openid',
  'fhirUser',
  'offline_access',
  'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs',
];

/** Every case of the golden corpus, patient audience first. */
export function corpusCases(): CorpusCase[] {
  const patient = [...typeCases(), ...qualifierCases(), ...FIXED].map((scope) => ({ scope, audience: 'patient' as const }));
  const clinician = CLINICIAN.map((scope) => ({ scope, audience: 'clinician' as const }));
  const caregiver = CAREGIVER.map((scope) => ({ scope, audience: 'caregiver' as const }));
  const seen = new Set<string>();
  return [...patient, ...clinician, ...caregiver].filter((c) => {
    const key = `${c.audience} ${c.scope}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
