/**
 * Decision layers keep no state at module level: every mutable container or variable at the top
 * of a file in `access/` or `evaluate/` is on this list, with the reason it is not decision
 * state. A new module-level cache fails here; it belongs in an evaluator (`AccessCaches`,
 * `EvaluatorIndex`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');

/** `folder/file.ts:name` → why it may live at module level. */
const ALLOWED: Readonly<Record<string, string>> = {
  'access/authorize.ts:defaultCaches': 'the caches of the default evaluator behind the authorize() convenience',
  'evaluate/index.ts:evaluators':
    'the default evaluator per bundle behind the decideToken(bundle, request) convenience (weak: it goes with the bundle)',
  'access/type-facts.ts:FACTS': 'static FHIR facts per resource type, built on first use',
  'access/write-links.ts:cache': 'static FHIR facts (write links) per resource type',
  'access/patient-compartment.ts:linksCompartment': 'static FHIR facts (compartment links) per resource type',
  'access/patient-compartment.ts:linksPrimary': 'static FHIR facts (primary links) per resource type',
  'access/patient-filter.ts:filterCache': 'static FHIR facts (the patient filter parameter) per type and membership mode',
  'access/element-accessor.ts:model': 'the fhirpath R4 model, loaded on first use',
  'access/element-accessor.ts:fhirpathLib': 'the fhirpath library, loaded on first use',
  'access/element-accessor.ts:cache': 'accessors compiled from the R4 search-parameter expressions (static data)',
  'evaluate/decision-parts.ts:allowMessages': 'a weak identity memo of a pure function of an immutable bundle rule',
  'evaluate/scope-sets.ts:sets': 'a weak identity memo of a pure function of an immutable parsed scope',
  'evaluate/work-counter.ts:steps': 'a work counter that tests read to check growth; decisions never read it',
};

/** Top-level `let` declarations and top-level `const` holding a new Map, WeakMap or empty Set. */
const MUTABLE =
  /^(?:export\s+)?(?:let\s+([A-Za-z_$][\w$]*)|const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*new\s+(?:Weak)?(?:Map|Set)\b[^;(]*\(\s*\))/gm;

function filesIn(folder: string): string[] {
  return readdirSync(join(src, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${folder}/${f.split('\\').join('/')}`);
}

function moduleState(): string[] {
  const found: string[] = [];
  for (const file of [...filesIn('access'), ...filesIn('evaluate')]) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const m of text.matchAll(MUTABLE)) found.push(`${file}:${m[1] ?? m[2]}`);
  }
  return found.sort();
}

describe('module-level state in the decision layers', () => {
  it('is only what the list allows (a new module-level cache belongs in an evaluator)', () => {
    expect(moduleState()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('the scan finds what it looks for (it is not vacuous)', () => {
    const sample =
      'let a = 1;\nconst b = new Map<string, Array<Map<string, number>>>();\nexport const c: WeakMap<object, string> = new WeakMap();\nconst d = new Set();\nconst e = new Set([1]);\n  let f = 2;';
    expect([...sample.matchAll(MUTABLE)].map((m) => m[1] ?? m[2])).toEqual(['a', 'b', 'c', 'd']);
  });
});
