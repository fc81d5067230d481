import { BundleKeyError, importBundleKey, type BundleKey } from '../../compile/index.js';
import { CliError } from '../cli-error.js';
import { readText, type CliIo } from '../cli-io.js';
import { resolvePath } from './resolve-path.js';

/** Key files are small; a larger one is not a key. */
const MAX_KEY_BYTES = 64 * 1024;

/**
 * The public key bundles must be signed with: `--verify-key FILE`, else the file named by
 * `SMART_POLICY_VERIFY_KEY`, else none (bundles are then checked by their hash only).
 */
export async function readVerifyKey(io: CliIo, flag: string | undefined): Promise<BundleKey | undefined> {
  const env = process.env['SMART_POLICY_VERIFY_KEY'];
  const path = flag ?? (env !== undefined && env !== '' ? env : undefined);
  if (path === undefined) return undefined;
  const where = flag !== undefined ? '--verify-key' : 'SMART_POLICY_VERIFY_KEY';
  const text = readText(
    { ...io, maxInputBytes: Math.min(MAX_KEY_BYTES, io.maxInputBytes ?? MAX_KEY_BYTES) },
    resolvePath(io, path),
    `the ${where} file`,
  );
  try {
    return await importBundleKey(text, 'verify');
  } catch (error) {
    throw new CliError(`${where}: ${error instanceof BundleKeyError ? error.message : 'the key cannot be used'}`);
  }
}

/** The private key of `compile --sign FILE`. */
export async function readSigningKey(io: CliIo, path: string): Promise<BundleKey> {
  const text = readText(
    { ...io, maxInputBytes: Math.min(MAX_KEY_BYTES, io.maxInputBytes ?? MAX_KEY_BYTES) },
    resolvePath(io, path),
    'the --sign key file',
  );
  try {
    return await importBundleKey(text, 'sign');
  } catch (error) {
    throw new CliError(`--sign: ${error instanceof BundleKeyError ? error.message : 'the key cannot be used'}`);
  }
}
