import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintAccessToken, verifyAccessToken } from '../../../src/server/reference/access-token.js';
import { createServerKeys } from '../../../src/server/reference/server-keys.js';

const ISS = 'http://127.0.0.1:1';
const AUD = 'http://127.0.0.1:1/fhir';
const NOW = 1_800_000_000;

describe('access tokens', () => {
  it('carry the scope and context, and verify only for this issuer, audience, key and time', async () => {
    const keys = await createServerKeys();
    const other = await createServerKeys();
    const { jwt, claims } = await mintAccessToken(keys, ISS, AUD, NOW, {
      sub: 'ana',
      client_id: 'app',
      scope: 'launch/patient patient/Patient.rs',
      ctx: { patient: 'ana', need_patient_banner: true },
      expiresIn: 3600,
      grant: 'family:abc',
    });
    expect(decodeJwt(jwt)['scope']).toBe('launch/patient patient/Patient.rs');
    expect(claims.exp).toBe(NOW + 3600);
    expect((await verifyAccessToken(keys, ISS, AUD, jwt, NOW + 10))?.ctx).toEqual({ patient: 'ana', need_patient_banner: true });
    expect(await verifyAccessToken(keys, ISS, AUD, jwt, NOW + 3600)).toBeNull();
    expect(await verifyAccessToken(keys, 'http://evil', AUD, jwt, NOW)).toBeNull();
    expect(await verifyAccessToken(keys, ISS, 'http://other/fhir', jwt, NOW)).toBeNull();
    expect(await verifyAccessToken(other, ISS, AUD, jwt, NOW)).toBeNull();
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const widened = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), scope: 'patient/*.cruds' })).toString('base64url');
    expect(await verifyAccessToken(keys, ISS, AUD, `${h}.${widened}.${s}`, NOW)).toBeNull();
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${p}.`;
    expect(await verifyAccessToken(keys, ISS, AUD, none, NOW)).toBeNull();
    // An id_token-like JWT signed by the same key is not an access token (typ).
    const idLike = await new SignJWT(decodeJwt(jwt)).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(keys.privateKey);
    expect(await verifyAccessToken(keys, ISS, AUD, idLike, NOW)).toBeNull();
    expect(await verifyAccessToken(keys, ISS, AUD, 'x'.repeat(20_000), NOW)).toBeNull();
  });
});
