/**
 * The three steps of persistent access under the patient-access-api policy's wallet, through the
 * real compiler and evaluator: launch with the registration scope, register a device key, then JWT
 * bearer grants never wider than the launch's grant, with no refresh or identity scopes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../../../src/evaluate/index.js';
import { compilePolicyFile } from '../../../src/node/index.js';
import { createMemoryStore, jwtBearerTokenRequest, registerClientInstance, verifyJwtBearerGrant } from '../../../src/runtime/index.js';
import { signAssertion, testKey } from '../verify/keys.js';

const POLICY = fileURLToPath(new URL('../../../../policies/patient-access-api/api.smartpolicy', import.meta.url));
const NOW = 1_800_000_000;
const AUD = 'https://as.example.org/token';

describe('persistent access for the wallet (patient-access-api policy)', () => {
  it('launch → register → JWT bearer grants within the launch grant', async () => {
    const { bundle } = compilePolicyFile(POLICY);
    if (bundle === null) throw new Error('the policy did not compile');
    const evaluator = createEvaluator(bundle);
    const store = createMemoryStore();

    // Step 1: the public wallet's PKCE launch asks for the registration scope.
    const launch = evaluator.decideToken({
      grantType: 'authorization_code',
      client: { clientId: 'wallet-app', type: 'public', authMethod: 'none', softwareId: 'org.summithealth.wallet' },
      user: { type: 'patient', id: 'pat-7' },
      launch: 'standalone',
      requestedScope: 'launch/patient openid fhirUser patient/Observation.rs patient/Condition.rs system/DynamicClient.register',
      availableContext: { patient: 'p7' },
    });
    expect(launch.decision).toBe('allow');
    expect(launch.granted.scopes).toContain('system/DynamicClient.register');

    // Step 2: register a fresh device key with the initial access token.
    const device = await testKey('ES384');
    const policy = bundle.registration.find((r) => r.app === 'wallet');
    if (policy === undefined) throw new Error('no registration rule for wallet');
    const { response, instance } = await registerClientInstance(
      { software_id: 'org.summithealth.wallet', jwks: { keys: [device.publicJwk] } },
      {
        jti: 'initial-1',
        clientId: 'wallet-app',
        userId: 'pat-7',
        issuedAt: NOW - 60,
        expiresAt: NOW + 240,
        scope: launch.granted.scope,
        context: { ...launch.tokenResponse.members },
        launch: 'standalone',
        app: 'wallet',
      },
      { store, clock: () => NOW, policy, softwareClients: new Map([['org.summithealth.wallet', 'wallet-app']]) },
    );
    expect(response.client_id_expires_at).toBe(NOW + 365 * 86_400);
    expect(instance.scope.split(' ').sort()).toEqual(['patient/Condition.rs', 'patient/Observation.rs']);

    // Step 3: JWT bearer grants signed by the device key.
    const assertion = await signAssertion(device, response.client_id, AUD, NOW);
    const grant = await verifyJwtBearerGrant(assertion, { tokenEndpoint: AUD, clock: () => NOW, store });
    const token = evaluator.decideToken(jwtBearerTokenRequest(grant.instance, null));
    expect(token.decision).toBe('allow');
    expect(token.granted.scopes.slice().sort()).toEqual(['patient/Condition.rs', 'patient/Observation.rs']);
    expect(token.tokenResponse.members).toEqual({ patient: 'p7' });
    expect(token.refresh?.issue ?? false).toBe(false);
    expect(token.tokenResponse.mustInclude).not.toContain('id_token');

    const narrower = evaluator.decideToken(jwtBearerTokenRequest(grant.instance, 'patient/Observation.rs'));
    expect(narrower.granted.scope).toBe('patient/Observation.rs');
    const wider = evaluator.decideToken(jwtBearerTokenRequest(grant.instance, 'patient/Observation.rs patient/Immunization.rs'));
    expect([wider.decision, wider.oauthError?.error]).toEqual(['deny', 'invalid_scope']);
  });
});
