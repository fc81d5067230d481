/** RFC 7662 + SMART introspection: what an active response carries; anything else is exactly {active: false}. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIntrospectionResponse, type IssuedTokenFacts } from '../../../src/runtime/index.js';

const NOW = 1_800_000_000;
const facts: IssuedTokenFacts = {
  scope: 'launch/patient patient/Observation.rs openid fhirUser',
  clientId: 'app-1',
  issuedAt: NOW - 10,
  expiresAt: NOW + 3590,
  issuer: 'https://as.example.org',
  subject: 'user-1',
  idToken: { iss: 'https://as.example.org', sub: 'user-1', fhirUser: 'https://fhir.example.org/Patient/p1' },
  context: {
    patient: 'p1',
    encounter: 'e1',
    fhirContext: [{ reference: 'Encounter/e1', role: 'https://example.org/role' }],
    need_patient_banner: true,
    smart_style_url: 'https://as.example.org/style.json',
    intent: 'reconcile-medications',
    tenant: 't1',
    __darkMode: true,
  },
};

describe('introspection response', () => {
  it('carries scope exactly, client, times, identity and every launch-context member', () => {
    expect(buildIntrospectionResponse(facts, NOW)).toEqual({
      active: true,
      scope: facts.scope,
      client_id: 'app-1',
      exp: NOW + 3590,
      iat: NOW - 10,
      iss: 'https://as.example.org',
      sub: 'user-1',
      fhirUser: 'https://fhir.example.org/Patient/p1',
      ...facts.context,
    });
  });

  it('carries cnf.jkt and token_type DPoP for bound tokens', () => {
    const bound = buildIntrospectionResponse({ ...facts, boundJkt: 'J'.repeat(43), tokenType: 'Bearer' }, NOW);
    expect(bound).toMatchObject({ cnf: { jkt: 'J'.repeat(43) }, token_type: 'DPoP' });
  });

  it('lets no context member override a standard one', () => {
    const sneaky = buildIntrospectionResponse(
      { ...facts, context: { patient: 'p1', active: false, scope: 'x', exp: 1, client_id: 'evil' } },
      NOW,
    );
    expect(sneaky).toMatchObject({ active: true, scope: facts.scope, exp: facts.expiresAt, client_id: 'app-1', patient: 'p1' });
  });

  it('gives exactly {active: false} for unknown, expired and revoked tokens', () => {
    expect(buildIntrospectionResponse(null, NOW)).toEqual({ active: false });
    expect(buildIntrospectionResponse(facts, facts.expiresAt)).toEqual({ active: false });
    expect(buildIntrospectionResponse({ ...facts, revoked: true }, NOW)).toEqual({ active: false });
  });

  it('property: inactive exactly when now is outside [iat - skew, exp) or the grant is revoked', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.boolean(), (offset, revoked) => {
        const response = buildIntrospectionResponse({ ...facts, revoked }, NOW + offset);
        const active = !revoked && NOW + offset < facts.expiresAt && NOW + offset >= facts.issuedAt - 60;
        if (active) expect(response.active).toBe(true);
        else expect(response).toEqual({ active: false });
      }),
      { numRuns: 300 },
    );
  });
});
