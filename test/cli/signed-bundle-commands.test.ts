/**
 * `compile --sign KEY` and `--verify-key` on every command that loads a bundle: a signed bundle
 * loads, and one edited after signing (denies flipped, hash recomputed) is refused everywhere.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeBundleHash } from '../../engine/src/compile/index.js';
import { cli } from './cli-harness.js';

const PORTAL = 'policies/patient-portal/portal.smartpolicy';
const TOKEN_REQUEST = JSON.stringify({
  grantType: 'authorization_code',
  client: { clientId: 'c', type: 'public', authMethod: 'none' },
  user: { type: 'patient' },
  launch: 'standalone',
  requestedScope: 'launch/patient patient/Observation.rs',
});

let dir: string;
let signed: string;
let unsigned: string;
let tampered: string;
let publicPem: string;
let publicJwk: string;
let otherPublic: string;

/** Every command that loads a bundle, given the bundle's path. */
const loaders = (bundle: string): string[][] => [
  ['test', bundle],
  ['check', bundle],
  ['eval', 'token', '--policy', bundle, '--request', join(dir, 'request.json')],
  ['explain', '--policy', bundle, 'patient/Observation.rs'],
  ['docs', bundle, '--out', join(dir, 'site'), '--no-screenshots'],
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smart-policy-signed-'));
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  writeFileSync(join(dir, 'key.pem'), await exportPKCS8(privateKey));
  publicPem = join(dir, 'pub.pem');
  writeFileSync(publicPem, await exportSPKI(publicKey));
  publicJwk = join(dir, 'pub.jwk');
  writeFileSync(publicJwk, JSON.stringify(await exportJWK(publicKey)));
  const other = await generateKeyPair('EdDSA', { extractable: true });
  otherPublic = join(dir, 'other.pem');
  writeFileSync(otherPublic, await exportSPKI(other.publicKey));
  writeFileSync(join(dir, 'request.json'), TOKEN_REQUEST);

  signed = join(dir, 'signed.json');
  const run = await cli(['compile', PORTAL, '--sign', join(dir, 'key.pem'), '--out', signed]);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/signed ES256/);
  unsigned = join(dir, 'unsigned.json');
  expect((await cli(['compile', PORTAL, '--out', unsigned])).code).toBe(0);

  // The attack the unkeyed hash cannot stop: flip every deny to allow and recompute the hash.
  const envelope = JSON.parse(readFileSync(signed, 'utf8')) as { bundle: Record<string, unknown> & { grants: { effect: string }[] } };
  const grants = envelope.bundle.grants.map((g) => ({ ...g, effect: 'allow' }));
  const { hash: _old, ...rest } = { ...envelope.bundle, grants } as Record<string, unknown>;
  tampered = join(dir, 'tampered.json');
  writeFileSync(tampered, JSON.stringify({ ...envelope, bundle: { ...rest, hash: computeBundleHash(rest) } }));
});

describe('signed bundles on the command line', () => {
  it('writes a signed envelope with a detached JWS', () => {
    const envelope = JSON.parse(readFileSync(signed, 'utf8')) as Record<string, unknown>;
    expect(envelope).toMatchObject({ format: 'smart-policy-signed-bundle', version: 1 });
    expect(envelope['signature']).toMatch(/^[\w-]+\.\.[\w-]+$/);
  });

  it('loads the signed bundle in every command that loads a bundle, with a PEM or a JWK key', async () => {
    for (const key of [publicPem, publicJwk]) {
      for (const argv of loaders(signed)) {
        const run = await cli([...argv, '--verify-key', key]);
        expect(run.code, `${argv[0]} ${run.stderr}`).toBeLessThan(3);
      }
    }
  });

  it('refuses the tampered bundle in every command, with --verify-key or SMART_POLICY_VERIFY_KEY', async () => {
    for (const argv of loaders(tampered)) {
      const run = await cli([...argv, '--verify-key', publicPem]);
      expect(run.code, argv[0]).toBe(3);
      expect(`${run.stdout}${run.stderr}`).toMatch(/\$\.signature: does not verify/);
    }
    process.env['SMART_POLICY_VERIFY_KEY'] = publicPem;
    try {
      const run = await cli(['test', tampered]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/does not verify/);
    } finally {
      delete process.env['SMART_POLICY_VERIFY_KEY'];
    }
  });

  it('refuses an unsigned bundle and a bundle checked against another key', async () => {
    for (const argv of loaders(unsigned)) {
      const run = await cli([...argv, '--verify-key', publicPem]);
      expect(run.code, argv[0]).toBe(3);
      expect(`${run.stdout}${run.stderr}`).toMatch(/not a signed bundle/);
    }
    const other = await cli(['test', signed, '--verify-key', otherPublic]);
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/ES256, but the verify key is a EdDSA key/);
  });

  it('refuses a private key as --verify-key and a public key as --sign, without quoting them', async () => {
    const verify = await cli(['test', signed, '--verify-key', join(dir, 'key.pem')]);
    expect(verify.code).toBe(3);
    expect(verify.stderr).toMatch(/private key/);
    const sign = await cli(['compile', PORTAL, '--sign', publicPem]);
    expect(sign.code).toBe(3);
    expect(sign.stderr).toMatch(/must be a private key/);
    expect(`${verify.stderr}${sign.stderr}`).not.toMatch(/BEGIN/);
  });

  it('without a key, loads bundles by their hash, and the refusal of a changed hash does not print the expected one', async () => {
    expect((await cli(['test', signed])).code).toBe(0);
    const changed = JSON.parse(readFileSync(unsigned, 'utf8')) as Record<string, unknown> & { grants: { effect: string }[] };
    const path = join(dir, 'changed.json');
    writeFileSync(path, JSON.stringify({ ...changed, grants: changed.grants.map((g) => ({ ...g, effect: 'allow' })) }));
    const run = await cli(['test', path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\$\.hash: does not match the content/);
    expect(run.stderr).not.toMatch(/sha256:[0-9a-f]{64}/);
  });
});
