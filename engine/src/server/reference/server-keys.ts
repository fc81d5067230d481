/**
 * The key the server signs its access tokens and id_tokens with: ES256 (P-256 signs and verifies
 * several times faster than P-384 here; clients' own keys may still be RS384 or ES384).
 * `createServerKeys()` makes one for this process only (tests, the memory store);
 * `loadOrCreateServerKeys(file)` keeps it in a file (a private JWK, mode 0600, made on first
 * start), so tokens stay valid across restarts, as the refresh-token families in a persistent
 * store do. Rotation: move the file aside and restart (tokens signed with the old key then stop
 * verifying; a production server would publish old and new keys side by side from a key store).
 */
import { chmodSync, closeSync, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';

export const SIGNING_ALG = 'ES256';

export interface ServerKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
  /** The public JWKS published at `/.well-known/jwks.json`. */
  readonly jwks: { readonly keys: readonly JWK[] };
}

/** A key file is a few hundred bytes; anything much larger is not one. */
const MAX_KEY_FILE_BYTES = 16 * 1024;

/** The key file cannot be used; the message says why and never quotes the file. */
export class ServerKeyFileError extends Error {
  override readonly name = 'ServerKeyFileError';
}

async function keysOf(privateKey: CryptoKey, publicKey: CryptoKey): Promise<ServerKeys> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, jwks: { keys: [{ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' }] } };
}

/** A fresh key for this process only. */
export async function createServerKeys(): Promise<ServerKeys> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG);
  return keysOf(privateKey, publicKey);
}

/**
 * The key kept in `file`: read when the file exists (it must be a P-256 private JWK readable by
 * its owner only), else made and written (mode 0600, through a temporary file and a rename, so a
 * crash never leaves half a key).
 */
export async function loadOrCreateServerKeys(file: string): Promise<ServerKeys> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ServerKeyFileError(`the key file ${file} cannot be read`);
    return createKeyFile(file);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    // Like ssh: a private key others can read is refused rather than used.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
      throw new ServerKeyFileError(`the key file ${file} is readable by others; make it private (chmod 600) or remove it`);
    if (stat.size > MAX_KEY_FILE_BYTES) throw new ServerKeyFileError(`the key file ${file} is too large to be a key`);
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new ServerKeyFileError(`the key file ${file} is not JSON`);
  }
  if (!isPrivateP256(jwk)) throw new ServerKeyFileError(`the key file ${file} does not hold a P-256 (ES256) private JWK`);
  const { d: _private, ...publicJwk } = jwk;
  try {
    const privateKey = (await importJWK({ ...jwk, ext: false }, SIGNING_ALG)) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, SIGNING_ALG)) as CryptoKey;
    return keysOf(privateKey, publicKey);
  } catch {
    throw new ServerKeyFileError(`the key file ${file} does not hold a usable ES256 key`);
  }
}

function isPrivateP256(value: unknown): value is JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const jwk = value as Record<string, unknown>;
  return jwk['kty'] === 'EC' && jwk['crv'] === 'P-256' && ['x', 'y', 'd'].every((k) => typeof jwk[k] === 'string');
}

async function createKeyFile(file: string): Promise<ServerKeys> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const { kty, crv, x, y, d } = await exportJWK(privateKey);
  const temporary = `${file}.${process.pid}.tmp`;
  // 'wx': never through a file (or link) someone else put there; 0600 from the start.
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ kty, crv, x, y, d })}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(temporary, 0o600);
  try {
    // A link, not a rename: if another process made the file meanwhile, its key wins and is used.
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ServerKeyFileError(`the key file ${file} cannot be written`);
  } finally {
    unlinkSync(temporary);
  }
  // Read back: the process keeps a non-extractable key, as for a key read from the file.
  return loadOrCreateServerKeys(file);
}
