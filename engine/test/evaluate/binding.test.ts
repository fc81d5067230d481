/**
 * Issue 5: a binding counts only with a well-formed key thumbprint (43 base64url characters).
 * An empty or junk thumbprint is no binding: `bound by dpop` does not hold, `offline_access`
 * that needs it is dropped, and no refresh token is ever bound to the junk value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { isThumbprint } from '../../src/evaluate/binding.js';
import { allow, app, makeBundle, refreshPolicy, rules } from './bundle-fixture.js';

const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
const CLIENT_JKT = '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I';
const JUNK = [
  '',
  ' ',
  'k',
  'jkt-1',
  `${JKT}=`,
  `${JKT}A`,
  JKT.slice(1),
  `${JKT.slice(1)}+`,
  `${JKT.slice(1)}/`,
  `${JKT.slice(1)} `,
  `${JKT.slice(1)}\n`,
  '.'.repeat(43),
  `${JKT.slice(1)}é`,
];

/** offline_access and an extension scope only when bound; the refresh policy requires a binding too. */
const evaluator = createEvaluator(
  makeBundle({
    apps: [app('portal', { clientTypes: ['public', 'confidential-asymmetric'] })],
    grants: rules('portal', [
      allow('patient/Patient.rs', 'launch/patient'),
      { effect: 'allow', scopes: ['offline_access', '__bound'], when: { field: 'bound', in: ['dpop', 'client-key'] } },
    ]),
    refresh: [refreshPolicy('portal', { binding: { methods: ['dpop', 'client-key'], required: true } })],
  }),
);

const publicApp = (binding: TokenRequest['binding']): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'phr', type: 'public', authMethod: 'none' },
  user: { type: 'patient' },
  launch: 'standalone',
  requestedScope: 'launch/patient patient/Patient.rs offline_access __bound',
  availableContext: { patient: '123' },
  ...(binding !== undefined ? { binding } : {}),
});

const asymmetricApp = (binding: TokenRequest['binding']): TokenRequest => ({
  ...publicApp(binding),
  client: { clientId: 'svc', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
});

describe('thumbprints', () => {
  it('accepts exactly 43 base64url characters', () => {
    expect(isThumbprint(JKT)).toBe(true);
    expect(isThumbprint(CLIENT_JKT)).toBe(true);
    for (const junk of JUNK) expect(isThumbprint(junk), JSON.stringify(junk)).toBe(false);
    expect(isThumbprint(undefined)).toBe(false);
    expect(isThumbprint(43)).toBe(false);
  });
});

describe('DPoP binding', () => {
  it('binds with a well-formed thumbprint', () => {
    const d = evaluator.decideToken(publicApp({ dpopJkt: JKT }));
    expect(d.granted.scopes).toEqual(expect.arrayContaining(['offline_access', '__bound']));
    expect(d.refresh).toMatchObject({ binding: 'dpop', jkt: JKT });
  });

  it.each(JUNK.map((j) => [JSON.stringify(j), j]))(
    'an empty or malformed thumbprint (%s) is no binding, with a reason and never echoed',
    (_name, junk) => {
      const d = evaluator.decideToken(publicApp({ dpopJkt: junk }));
      expect(d.decision).toBe('allow');
      expect(d.granted.scopes).toEqual(['launch/patient', 'patient/Patient.rs']);
      expect(d.refresh).toBeNull();
      expect(d.dropped.map((x) => x.scope).sort()).toEqual(['__bound', 'offline_access']);
      const malformed = d.reasons.find((r) => r.rule === 'token.binding.malformed');
      expect(malformed?.message).toContain('$.binding.dpopJkt');
      if (junk.length > 2) expect(JSON.stringify(d)).not.toContain(junk);
    },
  );

  it('does not let a refresh continue on a junk thumbprint', () => {
    const d = evaluator.decideToken({
      ...publicApp({ dpopJkt: '' }),
      grantType: 'refresh_token',
      requestedScope: null,
      originalScope: 'launch/patient patient/Patient.rs offline_access',
    });
    expect(d.oauthError?.error).toBe('invalid_grant');
    expect(d.reasons.map((r) => r.rule)).toContain('token.binding.malformed');
  });
});

describe('client-key binding', () => {
  it('needs a confidential-asymmetric client and a well-formed thumbprint of its key', () => {
    const d = evaluator.decideToken(asymmetricApp({ clientKeyJkt: CLIENT_JKT }));
    expect(d.granted.scopes).toContain('offline_access');
    expect(d.refresh).toMatchObject({ binding: 'client-key', jkt: CLIENT_JKT });
  });

  it('is not bound without the thumbprint, saying what is missing', () => {
    const d = evaluator.decideToken(asymmetricApp(undefined));
    expect(d.refresh).toBeNull();
    expect(d.dropped.find((x) => x.scope === 'offline_access')?.reason).toContain('needs DPoP binding or a confidential-asymmetric client');
  });

  it.each(JUNK.map((j) => [JSON.stringify(j), j]))('is not bound with a malformed thumbprint (%s)', (_name, junk) => {
    const d = evaluator.decideToken(asymmetricApp({ clientKeyJkt: junk }));
    expect(d.refresh).toBeNull();
    expect(d.granted.scopes).not.toContain('offline_access');
    expect(d.reasons.find((r) => r.rule === 'token.binding.malformed')?.message).toContain('$.binding.clientKeyJkt');
  });

  it('a public client cannot claim a client-key binding', () => {
    const d = evaluator.decideToken(publicApp({ clientKeyJkt: CLIENT_JKT }));
    expect(d.granted.scopes).not.toContain('offline_access');
    expect(d.reasons.map((r) => r.rule)).toContain('token.binding.malformed');
  });
});

describe('property: a binding is only ever accepted with a well-formed thumbprint', () => {
  const thumbprintLike = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.stringMatching(/^[A-Za-z0-9_-]{40,46}$/),
    fc.stringMatching(/^[A-Za-z0-9_+/=.-]{43}$/),
    fc.constant(JKT),
    fc.constant(''),
  );
  it('never throws; bound grants and refresh bindings come only from well-formed thumbprints', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('public', 'confidential-asymmetric', 'confidential-symmetric'),
        fc.option(thumbprintLike, { nil: undefined }),
        fc.option(thumbprintLike, { nil: undefined }),
        (type, dpopJkt, clientKeyJkt) => {
          const binding = { ...(dpopJkt !== undefined ? { dpopJkt } : {}), ...(clientKeyJkt !== undefined ? { clientKeyJkt } : {}) };
          const request: TokenRequest = {
            ...publicApp(binding),
            client: { clientId: 'x', type, authMethod: type === 'public' ? 'none' : 'private_key_jwt' },
          };
          const d = evaluator.decideToken(request);
          const dpopOk = isThumbprint(dpopJkt);
          const keyOk = isThumbprint(clientKeyJkt) && type === 'confidential-asymmetric';
          if (d.granted.scopes.includes('__bound') || d.granted.scopes.includes('offline_access')) expect(dpopOk || keyOk).toBe(true);
          if (d.refresh !== null) {
            expect(d.refresh.binding).not.toBe('none');
            expect(isThumbprint(d.refresh.jkt)).toBe(true);
            expect(d.refresh.jkt).toBe(d.refresh.binding === 'dpop' ? dpopJkt : clientKeyJkt);
          }
          if (d.decision === 'allow' && ((dpopJkt !== undefined && !dpopOk) || (clientKeyJkt !== undefined && !keyOk))) {
            expect(d.reasons.map((r) => r.rule)).toContain('token.binding.malformed');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
