import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateServerKeys, SIGNING_ALG } from '../../../src/server/reference/server-keys.js';

const dirs: string[] = [];
function keyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'server-keys-'));
  dirs.push(dir);
  return join(dir, 'key.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the reference server’s signing key file', () => {
  it('is made once (a private P-256 JWK, mode 0600) and read back: tokens signed before a restart verify after it', async () => {
    const file = keyFile();
    const first = await loadOrCreateServerKeys(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
    const jwt = await new SignJWT({ scope: 'patient/Patient.rs' })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: first.kid })
      .setIssuer('https://sandbox.example')
      .setExpirationTime('5m')
      .sign(first.privateKey);
    const second = await loadOrCreateServerKeys(file);
    expect(second.kid).toBe(first.kid);
    expect(second.jwks).toEqual(first.jwks);
    // The published JWKS never carries the private part.
    expect(JSON.stringify(second.jwks)).not.toContain('"d"');
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(second.jwks as Parameters<typeof createLocalJWKSet>[0]), {
      algorithms: [SIGNING_ALG],
      issuer: 'https://sandbox.example',
    });
    expect(payload['scope']).toBe('patient/Patient.rs');
  });

  it('refuses a key file others can read, or one that is not a P-256 private JWK, without quoting it', async () => {
    const open = keyFile();
    await loadOrCreateServerKeys(open);
    chmodSync(open, 0o644);
    await expect(loadOrCreateServerKeys(open)).rejects.toThrow(/readable by others/);
    const cases: Record<string, string> = {
      notJson: 'secret-not-json{',
      rsa: JSON.stringify({ kty: 'RSA', n: 'secret-n', e: 'AQAB', d: 'secret-d' }),
      publicOnly: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'secret-x', y: 'secret-y' }),
      badPoint: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'secret-x', y: 'secret-y', d: 'secret-d' }),
      huge: JSON.stringify({ kty: 'EC', pad: 'secret-'.repeat(5000) }),
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = keyFile();
      writeFileSync(file, text, { mode: 0o600 });
      const error = await loadOrCreateServerKeys(file).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.name, name).toBe('ServerKeyFileError');
      expect(error?.message, name).not.toContain('secret');
    }
  });
});
