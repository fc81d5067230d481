import { describe, expect, it } from 'vitest';
import { compartmentParamNames, isInPatientCompartment } from '../../src/access/patient-compartment.js';
import { refersTo, parseReference, referenceHasType } from '../../src/access/fhir-reference.js';

const C = { patientMembership: 'compartment', patientLink: 'compartment' } as const;
const P = { patientMembership: 'primary', patientLink: 'compartment' } as const;

describe('references', () => {
  it.each([
    ['Patient/123', true],
    ['Patient/123/_history/4', true],
    // Absolute URLs count only under the server's own base (see server-base.test.ts).
    ['https://ehr.example.org/fhir/Patient/123', false],
    ['http://x/fhir/Patient/123/_history/1', false],
    ['Patient/123/_history/1/Patient/123', false],
    ['Patient/123/_history/', false],
    ['Patient/1234', false],
    ['Patient/12', false],
    ['Group/123', false],
    ['#123', false],
    ['123', false],
    ['urn:uuid:123', false],
    ['xPatient/123', false],
    ['Patient/123/extra', false],
  ])('%s refers to Patient/123: %s', (ref, want) => {
    expect(refersTo(ref, 'Patient', '123')).toBe(want);
  });

  it('parses literal references and refuses the rest', () => {
    expect(parseReference('Observation/o1/_history/2')).toEqual({ type: 'Observation', id: 'o1' });
    expect(parseReference('https://x/fhir/Patient/9')).toEqual({ type: 'Patient', id: '9' });
    expect(parseReference('#contained')).toBeUndefined();
    expect(parseReference('urn:uuid:1')).toBeUndefined();
    expect(parseReference('Foo/1')).toBeUndefined();
    expect(parseReference('a/Patient/1')).toBeUndefined();
  });

  it('referenceHasType agrees with parseReference', () => {
    for (const r of ['Patient/1', 'Patient/1/_history/2', 'http://x/Patient/1', 'Group/1', 'Patient/', '#p', 'http://x/Group/Patient/1']) {
      expect(referenceHasType(r, 'Patient'), r).toBe(parseReference(r)?.type === 'Patient');
    }
  });
});

describe('Patient compartment membership', () => {
  it('any linking parameter counts (Observation subject OR performer)', () => {
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: { reference: 'Patient/123' } }, '123', C)).toBe(true);
    expect(
      isInPatientCompartment(
        { resourceType: 'Observation', subject: { reference: 'Patient/9' }, performer: [{ reference: 'Patient/123' }] },
        '123',
        C,
      ),
    ).toBe(true);
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: { reference: 'Patient/9' } }, '123', C)).toBe(false);
  });

  it('primary membership uses only patient/subject links', () => {
    const r = { resourceType: 'Observation', subject: { reference: 'Patient/9' }, performer: [{ reference: 'Patient/123' }] };
    expect(isInPatientCompartment(r, '123', P)).toBe(false);
    expect(compartmentParamNames('Observation', 'primary')).toEqual(['subject']);
    expect(compartmentParamNames('AllergyIntolerance', 'primary')).toEqual(['patient']);
    // Appointment links by actor; its own `patient` parameter is the primary link.
    expect(compartmentParamNames('Appointment', 'primary')).toEqual(['patient']);
    expect(isInPatientCompartment({ resourceType: 'Appointment', participant: [{ actor: { reference: 'Patient/123' } }] }, '123', P)).toBe(
      true,
    );
  });

  it('where(resolve() is Patient) links only count Patient references', () => {
    expect(isInPatientCompartment({ resourceType: 'Condition', subject: { reference: 'Patient/123' } }, '123', C)).toBe(true);
    expect(isInPatientCompartment({ resourceType: 'Encounter', subject: { reference: 'Group/123' } }, '123', C)).toBe(false);
    expect(
      isInPatientCompartment({ resourceType: 'Encounter', subject: { reference: 'https://x/fhir/Patient/123/_history/3' } }, '123', {
        ...C,
        serverBase: 'https://x/fhir',
      }),
    ).toBe(true);
    expect(
      isInPatientCompartment({ resourceType: 'Encounter', subject: { reference: 'https://x/fhir/Patient/123/_history/3' } }, '123', C),
    ).toBe(false);
  });

  it('nested and repeated links (CarePlan activity performer, AuditEvent agent)', () => {
    expect(
      isInPatientCompartment({ resourceType: 'CarePlan', activity: [{ detail: { performer: [{ reference: 'Patient/123' }] } }] }, '123', C),
    ).toBe(true);
    expect(
      isInPatientCompartment(
        { resourceType: 'AuditEvent', agent: [{ who: { reference: 'Practitioner/1' } }, { who: { reference: 'Patient/123' } }] },
        '123',
        C,
      ),
    ).toBe(true);
    expect(isInPatientCompartment({ resourceType: 'Coverage', beneficiary: { reference: 'Patient/123' } }, '123', C)).toBe(true);
  });

  it('a Patient is in its own compartment; Patient.link per option', () => {
    expect(isInPatientCompartment({ resourceType: 'Patient', id: '123' }, '123', C)).toBe(true);
    expect(isInPatientCompartment({ resourceType: 'Patient', id: '9' }, '123', C)).toBe(false);
    const linked = { resourceType: 'Patient', id: '9', link: [{ other: { reference: 'Patient/123' }, type: 'seealso' }] };
    expect(isInPatientCompartment(linked, '123', C)).toBe(true);
    expect(isInPatientCompartment(linked, '123', { patientMembership: 'compartment', patientLink: 'ignore' })).toBe(false);
  });

  it('contained, identifier-only and malformed references do not count', () => {
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: { reference: '#p1' } }, 'p1', C)).toBe(false);
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: { identifier: { value: '123' } } }, '123', C)).toBe(false);
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: 'Patient/123' }, '123', C)).toBe(false);
    expect(isInPatientCompartment({ resourceType: 'Observation', subject: [null, 5, { reference: 7 }] }, '123', C)).toBe(false);
  });

  it('types never in the compartment are never members', () => {
    expect(isInPatientCompartment({ resourceType: 'Medication', id: '123' }, '123', C)).toBe(false);
    expect(isInPatientCompartment({ resourceType: 'Task', for: { reference: 'Patient/123' } }, '123', C)).toBe(false);
    expect(isInPatientCompartment(null, '123', C)).toBe(false);
    expect(isInPatientCompartment({ resourceType: 'Nope' }, '123', C)).toBe(false);
  });
});
