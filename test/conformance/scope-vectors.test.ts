import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScope, parseScopeList, toNormalized } from '../../engine/src/smart/parse-scope.js';
import { ScopeSet } from '../../engine/src/smart/scope-set.js';
import { v1ToV2 } from '../../engine/src/smart/v1-to-v2.js';

/** The shared corpus lives beside the project (../shared from the repo root); never copied in. */
const vectorsPath = fileURLToPath(new URL('../../../shared/conformance/smart-vectors.jsonl', import.meta.url));

interface ParseVector {
  id: string;
  kind: 'parse';
  scope: string;
  valid: boolean;
  normalized: unknown;
}
interface V1ToV2Vector {
  id: string;
  kind: 'v1-to-v2';
  scope: string;
  expect: string | null;
}
type Vector = ParseVector | V1ToV2Vector | { id: string; kind: string };

function loadVectors(): Vector[] {
  if (!existsSync(vectorsPath)) {
    throw new Error(`conformance vectors not found at ${vectorsPath}: the shared corpus must be checked out beside the project`);
  }
  return readFileSync(vectorsPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Vector);
}

const vectors = loadVectors();
const parseVectors = vectors.filter((v): v is ParseVector => v.kind === 'parse');
const v1Vectors = vectors.filter((v): v is V1ToV2Vector => v.kind === 'v1-to-v2');

describe('conformance: parse vectors', () => {
  it('the corpus has parse vectors', () => expect(parseVectors.length).toBeGreaterThan(0));
  it.each(parseVectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const result = parseScope(vector.scope);
    expect(result.ok, JSON.stringify(result)).toBe(vector.valid);
    if (result.ok) expect(toNormalized(result.scope)).toEqual(vector.normalized);
    else expect(vector.normalized).toBeNull();
  });
});

describe('conformance: v1-to-v2 vectors', () => {
  it('the corpus has v1-to-v2 vectors', () => expect(v1Vectors.length).toBeGreaterThan(0));
  it.each(v1Vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const converted = v1ToV2(vector.scope);
    if (vector.expect === null) {
      // An invalid scope has no v2 form: it must not be converted (never reinterpreted).
      expect(converted.ok).toBe(false);
      return;
    }
    expect(converted.ok, JSON.stringify(converted)).toBe(true);
    if (!converted.ok) return;
    const expected = parseScopeList(vector.expect);
    expect(expected.ok).toBe(true);
    // Compared as permission sets: equal when each covers the other.
    expect(ScopeSet.fromParameter(converted.value).set.equivalent(ScopeSet.of(...expected.scopes))).toBe(true);
  });
});
