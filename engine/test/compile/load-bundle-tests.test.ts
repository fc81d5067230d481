/**
 * The bundle loader validates test cases as deeply as the test runner reads them: a bundle it
 * accepts never makes `smart-policy test` report "it threw: Cannot read properties of null".
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBundleHash, loadBundle, type PolicyBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { runPolicyTests } from '../../src/evaluate/index.js';
import { POLICIES_DIR } from './policy-entries.js';

const compiled = compilePolicyFile(join(POLICIES_DIR, 'patient-portal/portal.smartpolicy')).bundle as PolicyBundle;

function rehash(bundle: Record<string, unknown>): Record<string, unknown> {
  const { hash: _old, ...rest } = bundle;
  return { ...rest, hash: computeBundleHash(rest) };
}

type Path = (string | number)[];

function nodePaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

describe('loadBundle validates test cases', () => {
  const firstToken = compiled.tests.findIndex((t) => t.kind === 'token');
  const firstAccess = compiled.tests.findIndex((t) => t.kind === 'access');

  it('refuses a token case whose request is null, with the JSON path', () => {
    const broken = replaceAt(compiled, ['tests', firstToken, 'token'], null) as Record<string, unknown>;
    expect(loadBundle(rehash(broken))).toEqual({
      ok: false,
      errors: [{ path: `$.tests[${firstToken}].token`, pointer: `/tests/${firstToken}/token`, message: 'must be an object' }],
    });
  });

  it('refuses wrong types inside token, access and expect members', () => {
    const cases: [Path, unknown, string][] = [
      [['tests', firstToken, 'token', 'scope'], 7, `$.tests[${firstToken}].token.scope`],
      [['tests', firstToken, 'token', 'bound'], 'dpop', `$.tests[${firstToken}].token.bound`],
      [['tests', firstToken, 'expect', 'dropped'], [null], `$.tests[${firstToken}].expect.dropped[0]`],
      [['tests', firstToken, 'expect', 'decision'], 'maybe', `$.tests[${firstToken}].expect.decision`],
      [['tests', firstToken, 'row'], 0, `$.tests[${firstToken}].row`],
    ];
    if (firstAccess >= 0) {
      cases.push([['tests', firstAccess, 'access', 'request'], null, `$.tests[${firstAccess}].access.request`]);
      cases.push([['tests', firstAccess, 'access', 'context'], { patient: 5 }, `$.tests[${firstAccess}].access.context.patient`]);
    }
    for (const [path, value, errorPath] of cases) {
      const result = loadBundle(rehash(replaceAt(compiled, path, value) as Record<string, unknown>));
      expect(result.ok, errorPath).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(errorPath);
    }
  });

  it('property: a mutated bundle is refused, or its tests run without throwing', () => {
    const paths = nodePaths(compiled.tests).map((p) => ['tests', ...p]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.constantFrom<unknown>(null, 0, -1, 1.5, '', 'x', true, [], {}, [null], { a: null }),
        (index, value) => {
          const mutated = rehash(replaceAt(compiled, paths[index] as Path, value) as Record<string, unknown>);
          const loaded = loadBundle(mutated);
          if (!loaded.ok) return;
          const report = runPolicyTests(loaded.bundle);
          for (const c of report.cases) for (const f of c.failures) expect(f.actual).not.toMatch(/^it threw/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
