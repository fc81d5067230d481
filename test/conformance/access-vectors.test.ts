/**
 * Every `access` vector of the shared SMART conformance sample must decide as expected, and the
 * classifier must name the interaction as the vector does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../engine/src/access/authorize.js';
import type { AccessRequest } from '../../engine/src/access/access-types.js';

const file = fileURLToPath(new URL('../../../shared/conformance/smart-vectors.jsonl', import.meta.url));

interface AccessVector extends AccessRequest {
  readonly id: string;
  readonly kind: 'access';
  readonly interaction: string;
  readonly expect: 'allow' | 'deny';
  readonly why: string;
}

function load(): AccessVector[] {
  if (!existsSync(file)) throw new Error(`conformance vectors not found at ${file}: the shared folder must sit beside the project`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as { kind: string })
    .filter((v): v is AccessVector => v.kind === 'access');
}

const vectors = load();

describe('shared conformance vectors: access', () => {
  it('has access vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(50);
  });
  for (const v of vectors) {
    it(`${v.id}: ${v.request.method} ${v.request.path}${v.request.query ? '?' + v.request.query : ''} → ${v.expect}`, () => {
      const result = authorize(v);
      expect(result.decision, `${v.why}\n${JSON.stringify(result.reasons, null, 1)}`).toBe(v.expect);
      expect(result.interaction).toBe(v.interaction);
      expect(result.reasons.length).toBeGreaterThan(0);
    });
  }
});
