/**
 * Schema-first wire formats: the published schemas (engine/schemas/*.schema.json) are the one
 * source; the generated module (schema objects + TypeScript types) must match them, the hand-kept
 * validators are gone, and a problem is reported at the JSON pointer of the first thing wrong,
 * without the value found.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { generateValidator, generateWireSchemas, PRECOMPILED, WIRE_AJV_OPTIONS as SCRIPT_OPTIONS } from '../../scripts/wire-schemas.mjs';
import { validateAccessRequest } from '../../src/schema/validate-access-request.js';
import { pointerToPath, WIRE_AJV_OPTIONS } from '../../src/schema/wire-validator.js';
import { validateTokenRequest } from '../../src/evaluate/validate-token-request.js';

const engineDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = join(engineDir, 'schemas');

/** Follows an RFC 6901 pointer; `missing` when a step does not exist (the problem is a missing key). */
function at(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, token)) return 'missing';
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

const validAccess = { granted: ['patient/Observation.rs'], context: { patient: '1' }, request: { method: 'GET', path: 'Observation/1' } };
const validToken = { grantType: 'authorization_code', client: { clientId: 'app', type: 'public', authMethod: 'none' } };

describe('wire schemas', () => {
  it('the generated module matches engine/schemas/*.schema.json (run npm run generate:schemas -w engine)', () => {
    const committed = readFileSync(join(engineDir, 'src/schema/generated/wire-schemas.ts'), 'utf8');
    expect(committed === generateWireSchemas(schemaDir)).toBe(true);
  });

  it('the validators generated ahead of time match their schemas, compiled with the run-time options', () => {
    expect(SCRIPT_OPTIONS).toEqual(WIRE_AJV_OPTIONS);
    for (const [stem, file] of Object.entries(PRECOMPILED as Record<string, string>)) {
      const committed = readFileSync(join(engineDir, 'src/schema/generated', file), 'utf8');
      expect(committed === generateValidator(schemaDir, stem), file).toBe(true);
    }
  });

  it('every published schema is valid JSON with an $id and a title', () => {
    const names = readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json'));
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      const schema = JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as { $id?: string; title?: string };
      expect(schema.$id, name).toMatch(/^https:\/\//);
      expect(schema.title, name).toBeTruthy();
    }
  });

  it('the hand validators are gone: the request validators compile the published schemas', () => {
    for (const file of ['src/schema/validate-access-request.ts', 'src/evaluate/validate-token-request.ts', 'src/compile/load-bundle.ts']) {
      const text = readFileSync(join(engineDir, file), 'utf8');
      expect(text, file).toMatch(/wireValidator<[A-Za-z]+>\([A-Z_]+_SCHEMA\)|precompiledValidator<[A-Za-z]+>\(/);
      expect(text, file).not.toMatch(/typeof [a-zA-Z.[\]'"]+ !== 'string'/);
    }
  });

  it('names the JSON pointer of the first problem, and the path the CLI prints', () => {
    const missing = validateAccessRequest({ granted: [], request: { path: 'Observation' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]).toMatchObject({ pointer: '/request/method', path: '$.request.method' });
    const wrongType = validateAccessRequest({ granted: ['a', 7], request: { method: 'GET', path: '' } });
    if (!wrongType.ok) expect(wrongType.problems[0]).toMatchObject({ pointer: '/granted/1', path: '$.granted[1]' });
    else expect.unreachable('a number in granted is refused');
    const token = validateTokenRequest({ ...validToken, client: { ...validToken.client, type: 'secret-agent' } });
    expect(token).toEqual([expect.objectContaining({ code: 'request.client', pointer: '/client/type', path: '$.client.type' })]);
    expect(validateTokenRequest({ ...validToken, grantType: 'password' })[0]).toMatchObject({
      code: 'request.grant-type',
      pointer: '/grantType',
    });
  });

  it('accepts what the schema describes, including the null-means-absent fields', () => {
    expect(validateAccessRequest(validAccess).ok).toBe(true);
    expect(validateAccessRequest({ ...validAccess, context: null, request: { method: 'GET', path: '', query: null } }).ok).toBe(true);
    const granted = validateAccessRequest({ ...validAccess, granted: 'a b' });
    expect(granted.ok && granted.value.granted).toEqual(['a', 'b']);
    expect(validateTokenRequest(validToken)).toEqual([]);
    expect(validateTokenRequest({ ...validToken, user: null, availableContext: null, binding: null })).toEqual([]);
  });

  it('pointers convert to the CLI paths', () => {
    expect(pointerToPath('')).toBe('$');
    expect(pointerToPath('/resources/Patient~11')).toBe('$.resources["Patient/1"]');
    expect(pointerToPath('/a~0b/0')).toBe('$["a~b"][0]');
  });

  // The rule: whatever is wrong, the pointer leads to a place in the input (or to a missing key
  // whose parent exists), and the message never contains the value found there.
  it('every refusal points into the input and never echoes a value (property)', () => {
    const secret = fc.string({ minLength: 6, maxLength: 12 }).map((s) => `SECRET${s.replace(/[^A-Za-z0-9]/g, 'x')}`);
    const mutate = (base: Record<string, unknown>) =>
      fc
        .tuple(
          fc.constantFrom(...paths(base)),
          fc.oneof(
            secret,
            fc.integer(),
            fc.constant(null),
            fc.array(secret, { maxLength: 2 }),
            fc.dictionary(secret, secret, { maxKeys: 2 }),
          ),
        )
        .map(([path, value]) => setAt(base, path, value));
    fc.assert(
      fc.property(fc.oneof(mutate(validAccess), mutate(validToken)), (input) => {
        const access = validateAccessRequest(input);
        const token = validateTokenRequest(input);
        const problems = [...(access.ok ? [] : access.problems), ...token];
        for (const p of problems) {
          const pointer = (p as { pointer?: string }).pointer ?? '';
          const parent = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
          expect(at(input, pointer) !== 'missing' || at(input, parent) !== 'missing', pointer).toBe(true);
          expect(p.message).not.toMatch(/SECRET/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

function paths(value: unknown, prefix: string[] = []): string[][] {
  const out: string[][] = [prefix];
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out.filter((p) => p.length > 0);
}

function setAt(base: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path[path.length - 1] as string] = value;
  return copy;
}
