/** Test keys and signers for the verification tests (jose, real keys, no mocks). */
import { randomBytes } from 'node:crypto';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface TestKey {
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly jkt: string;
}

export async function testKey(alg: string, kid = `kid-${alg}-${randomBytes(3).toString('hex')}`): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid };
  return { alg, privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk) };
}

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface AssertionParts {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  omit?: string[];
  omitHeader?: string[];
}

/** A signed client assertion: valid for `clientId` at `aud` unless parts change it. */
export async function signAssertion(key: TestKey, clientId: string, aud: string, now: number, parts: AssertionParts = {}): Promise<string> {
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud,
    exp: now + 240,
    iat: now,
    jti: randomBytes(12).toString('hex'),
    ...parts.claims,
  };
  for (const name of parts.omit ?? []) delete claims[name];
  const header: Record<string, unknown> = { alg: key.alg, typ: 'JWT', kid: key.publicJwk.kid, ...parts.header };
  for (const name of parts.omitHeader ?? []) delete header[name];
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
}
