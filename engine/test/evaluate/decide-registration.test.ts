import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../../src/evaluate/create-evaluator.js';
import { REGISTRATION_RULES, type RegistrationRequest } from '../../src/evaluate/decide-registration.js';
import { INPUTS, policyBundle } from '../server/decision-fixtures.js';

const evaluator = createEvaluator(policyBundle());
const base = INPUTS['/v1/decide/registration'] as RegistrationRequest;
const SECRET = 'wallet-secret-software-id';

function decide(change: Partial<RegistrationRequest>) {
  return evaluator.decideRegistration({ ...base, ...change });
}

describe('the trusted-registration decision', () => {
  it('registers a fresh key for the wallet, for the JWT bearer grant only, with the policy lifetime', () => {
    const decision = decide({});
    expect(decision.decision).toBe('allow');
    expect(decision.registration).toMatchObject({
      rule: 'registration:wallet',
      app: 'wallet',
      tokenEndpointAuthMethod: 'none',
      grantTypes: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      instanceLifetime: 365 * 86400,
      algorithms: ['ES384', 'RS384'],
    });
  });

  const refusals: [string, Partial<RegistrationRequest>, string, string, number][] = [
    ['a used initial token', { initialToken: { ...base.initialToken, used: true } }, REGISTRATION_RULES.tokenUsed, 'invalid_token', 401],
    [
      'a stale initial token',
      { initialToken: { ...base.initialToken, ageSeconds: 601 } },
      REGISTRATION_RULES.tokenStale,
      'invalid_token',
      401,
    ],
    [
      'a token without the registration scope',
      { initialToken: { ...base.initialToken, scope: 'patient/Observation.rs' } },
      REGISTRATION_RULES.scope,
      'insufficient_scope',
      403,
    ],
    ['a software id not paired with the client', { softwareId: SECRET }, REGISTRATION_RULES.softwareId, 'invalid_client_metadata', 400],
    [
      'a software id the policy does not list',
      { softwareId: SECRET, client: { ...base.client, softwareId: SECRET } },
      REGISTRATION_RULES.noClass,
      'invalid_token',
      401,
    ],
    [
      'a client of another app class',
      { client: { clientId: 'x', type: 'confidential-symmetric', authMethod: 'client_secret_basic' } },
      REGISTRATION_RULES.noClass,
      'invalid_token',
      401,
    ],
    [
      'a key seen before',
      {
        keys: [
          { alg: 'ES384', seenBefore: false },
          { alg: 'ES384', seenBefore: true },
        ],
      },
      REGISTRATION_RULES.keyReused,
      'invalid_client_metadata',
      400,
    ],
    [
      'an algorithm the policy does not allow',
      { keys: [{ alg: 'HS256', seenBefore: false }] },
      REGISTRATION_RULES.algorithm,
      'invalid_client_metadata',
      400,
    ],
    ['a user at the instance cap', { instancesOfUser: 5 }, REGISTRATION_RULES.instances, 'invalid_client_metadata', 400],
  ];
  for (const [what, change, rule, error, status] of refusals) {
    it(`refuses ${what}, saying which check failed and echoing nothing`, () => {
      const decision = decide(change);
      expect(decision.decision).toBe('deny');
      expect(decision.registration).toBeNull();
      expect(decision.reasons[0]?.rule).toBe(rule);
      expect(decision.oauthError?.error).toBe(error);
      expect(decision.httpStatus).toBe(status);
      expect(JSON.stringify(decision)).not.toContain(SECRET);
      expect(JSON.stringify(decision)).not.toContain('HS256');
    });
  }

  it('refuses malformed input as invalid_request with its pointer, and never throws', () => {
    for (const input of [null, 7, [], { ...base, keys: [] }, { ...base, extra: 1 }, { ...base, initialToken: { scope: 1 } }]) {
      const decision = evaluator.decideRegistration(input as RegistrationRequest);
      expect(decision.decision).toBe('deny');
      expect(decision.oauthError?.error).toBe('invalid_request');
      expect(typeof decision.errors[0]?.pointer).toBe('string');
    }
  });
});
