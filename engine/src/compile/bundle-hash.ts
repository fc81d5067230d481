/** The content hash of a bundle: SHA-256 over the canonical JSON of everything but `hash`. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** Computes `sha256:<hex>` for a bundle-shaped object, ignoring any `hash` member it has. */
export function computeBundleHash(bundle: object): string {
  const { hash: _ignored, ...rest } = bundle as Record<string, unknown>;
  return `sha256:${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}`;
}
