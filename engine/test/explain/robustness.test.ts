/**
 * The consent code never throws on what recovery-parsed or hand-built input can hold: ASTs with
 * fields removed, nulled or of the wrong type (the checker runs the consent rules on them), and
 * catalogs with strange locale tags.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedScopesFromAst, catalogFromAst, explain, lintConsent } from '../../src/explain/index.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';
import type { PolicyFile } from '../../src/language/ast.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

const TEXT =
  readFileSync('policies/patient-portal/explanations.smartpolicy', 'utf8') +
  readFileSync('policies/patient-portal/apps.smartpolicy', 'utf8');
const BASE = parsePolicy(TEXT, 'p.smartpolicy').ast;

/** All object paths of a value, to pick one to damage. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

const ALL_PATHS = paths(BASE);

function damaged(path: readonly (string | number)[], replacement: unknown): PolicyFile {
  const copy = structuredClone(BASE) as unknown as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) node[last] = replacement;
  return copy as unknown as PolicyFile;
}

describe('consent robustness', () => {
  it('never throws on damaged ASTs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: ALL_PATHS.length - 1 }),
        fc.constantFrom<unknown>(undefined, null, 0, -1, '', 'x', '!!', [], {}, [null], { kind: 'explain.text' }, true),
        (index, replacement) => {
          const file = damaged(ALL_PATHS[index] ?? [], replacement);
          const catalog = catalogFromAst([file]);
          expect(() => lintConsent(catalog, allowedScopesFromAst([file]))).not.toThrow();
          expect(() => explain('patient/Observation.rs offline_access __x', { catalog, acceptLanguage: 'es' })).not.toThrow();
        },
      ),
      { numRuns: 250, seed: 11 },
    );
  });

  it('tolerates locale tags Intl rejects', () => {
    const catalog: ExplanationCatalog = {
      locales: ['en-!!', 'es_MX', ''],
      defaultLocale: 'en-!!',
      entries: { Goal: { target: 'Goal', texts: { 'en-!!': { short: 'Goals' }, es_MX: { short: 'metas' } }, queries: [] } },
    };
    expect(() => explain('patient/Goal.rs', { catalog, acceptLanguage: 'es-MX' })).not.toThrow();
    expect(() => lintConsent(catalog, [{ app: 'a', scope: 'patient/Goal.rs' }])).not.toThrow();
  });
});
