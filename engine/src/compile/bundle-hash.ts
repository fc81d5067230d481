/** The content hash of a bundle: SHA-256 over the canonical JSON of everything but `hash`. */
import { createHash } from 'node:crypto';
import { writeCanonicalJson } from './canonical-json.js';

/** Pieces are batched before hashing: one `update` per piece would dominate the cost. */
const BATCH = 4096;

/** Computes `sha256:<hex>` for a bundle-shaped object, ignoring any `hash` member it has. */
export function computeBundleHash(bundle: object): string {
  const { hash: _ignored, ...rest } = bundle as Record<string, unknown>;
  const hash = createHash('sha256');
  let batch: string[] = [];
  writeCanonicalJson(rest, (piece) => {
    batch.push(piece);
    if (batch.length >= BATCH) {
      hash.update(batch.join(''), 'utf8');
      batch = [];
    }
  });
  hash.update(batch.join(''), 'utf8');
  return `sha256:${hash.digest('hex')}`;
}
