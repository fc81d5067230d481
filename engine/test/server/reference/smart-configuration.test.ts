import { describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../../../src/node/compile-policy-file.js';
import { compileDemoPolicy } from '../../../src/server/reference/demo-policy.js';
import { urlsOf } from '../../../src/server/reference/reference-types.js';
import { smartConfiguration } from '../../../src/server/reference/smart-configuration.js';

const urls = urlsOf('http://127.0.0.1:9999/');

describe('smartConfiguration is generated from the policy', () => {
  it('the demo policy: every grant type, S256 only, the allowed scopes, registration', () => {
    const c = smartConfiguration(compileDemoPolicy(), urls);
    expect(c['issuer']).toBe('http://127.0.0.1:9999');
    expect(c['token_endpoint']).toBe('http://127.0.0.1:9999/token');
    expect(c['code_challenge_methods_supported']).toEqual(['S256']);
    expect(c['grant_types_supported']).toEqual([
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    ]);
    expect(c['registration_endpoint']).toBe('http://127.0.0.1:9999/register');
    expect(c['scopes_supported']).toContain('system/DynamicClient.register');
    expect(c['token_endpoint_auth_signing_alg_values_supported']).toEqual(['RS384', 'ES384']);
    expect(c['capabilities']).toEqual(
      expect.arrayContaining(['launch-standalone', 'client-public', 'client-confidential-asymmetric', 'permission-v2']),
    );
  });

  it('a policy without backend or dynamic classes offers neither client_credentials nor registration', () => {
    const { bundle } = compilePolicyFile(new URL('../../../../policies/patient-portal/portal.smartpolicy', import.meta.url).pathname);
    if (bundle === null) throw new Error('the portal policy does not compile');
    const c = smartConfiguration(bundle, urls);
    expect(c['grant_types_supported']).toEqual(['authorization_code', 'refresh_token']);
    expect(c).not.toHaveProperty('registration_endpoint');
    expect(c['scopes_supported']).not.toContain('patient/Observation.cud');
  });
});
