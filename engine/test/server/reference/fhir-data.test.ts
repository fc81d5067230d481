import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFhirData, parseQueryPairs } from '../../../src/server/reference/fhir/fhir-data.js';
import { DEMO_PATIENTS, syntheticResources } from '../../../src/server/reference/fhir/synthetic-patients.js';

describe('the sandbox FHIR data', () => {
  const data = createFhirData(syntheticResources());

  it('holds each demo patient with encounters, conditions, observations in three categories and a medication request', () => {
    for (const p of DEMO_PATIENTS) {
      expect(data.read('Patient', p.id)?.id).toBe(p.id);
      expect(data.search('Encounter', [{ name: 'patient', value: p.id }])).toHaveLength(2);
      expect(data.search('Observation', [{ name: 'patient', value: p.id }])).toHaveLength(5);
      expect(data.search('MedicationRequest', [{ name: 'subject', value: `Patient/${p.id}` }])).toHaveLength(1);
    }
    const lab = data.search(
      'Observation',
      parseQueryPairs('patient=ana&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory'),
    );
    expect(lab.map((r) => r.id).sort()).toEqual(['ana-obs-chol', 'ana-obs-hba1c']);
    expect(data.search('Observation', parseQueryPairs('patient=ana&_count=1&_sort=date'))).toHaveLength(5);
    expect(data.read('Patient', '__proto__')).toBeNull();
  });

  it('parses any query string without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (q) => {
        const pairs = parseQueryPairs(q);
        expect(Array.isArray(pairs)).toBe(true);
        data.search('Observation', pairs);
      }),
      { numRuns: 300 },
    );
  });
});
