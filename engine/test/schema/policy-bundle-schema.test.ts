/**
 * The PolicyBundle is schema first: engine/schemas/policy-bundle.schema.json is the published
 * contract, loadBundle validates with it (no hand validator), every bundle the compiler writes
 * matches it, a broken bundle is refused at the JSON pointer of the problem, and the options
 * part agrees with the options registry. The generated `PolicyBundleWire` and the hand-written
 * `PolicyBundle` are the same type (checked at compile time below).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { computeBundleHash, loadBundle, type PolicyBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { ALL_OPTIONS, type OptionGroup } from '../../src/options/option-registry.js';
import type { OptionDefinition } from '../../src/options/option-definition.js';
import type { PolicyBundleWire } from '../../src/schema/generated/wire-schemas.js';
import { MAX_CONDITION_DEPTH } from '../../src/compile/condition-depth.js';
import { goldenPathOf, policyEntries, repoRelative } from '../compile/policy-entries.js';

const engineDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(join(engineDir, 'schemas/policy-bundle.schema.json'), 'utf8')) as {
  $defs: Record<string, { required: string[]; properties: Record<string, Record<string, unknown>> }>;
};

// One source of truth: the generated wire type and the hand-written bundle types are mutually
// assignable, so neither can gain, lose or retype a member without the other (tsc fails here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameBundle: Same<PolicyBundle, PolicyBundleWire> = true;

// The mutations below reach into any member of a copied bundle, whatever its type.
// biome-ignore lint/suspicious/noExplicitAny: a test's free-form edits of plain JSON
type Loose = any;

function rehash(bundle: Record<string, unknown>): Record<string, unknown> {
  const { hash: _old, ...rest } = bundle;
  return { ...rest, hash: computeBundleHash(rest) };
}

const compiled = policyEntries().map((entry) => {
  const result = compilePolicyFile(entry);
  if (result.bundle === undefined) throw new Error(`${repoRelative(entry)} does not compile`);
  return { entry, bundle: JSON.parse(JSON.stringify(result.bundle)) as Record<string, unknown> & PolicyBundle };
});

describe('policy-bundle.schema.json', () => {
  it('types agree', () => expect(sameBundle).toBe(true));

  it('is a valid JSON Schema (2020-12) that every example bundle and golden matches', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    expect(compiled.length).toBeGreaterThanOrEqual(3);
    for (const { entry, bundle } of compiled) {
      expect(validate(bundle), `${repoRelative(entry)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      const golden = JSON.parse(readFileSync(goldenPathOf(entry), 'utf8')) as unknown;
      expect(validate(golden), `${repoRelative(goldenPathOf(entry))}`).toBe(true);
      expect(loadBundle(JSON.stringify(bundle)), repoRelative(entry)).toMatchObject({ ok: true });
    }
  });

  it('refuses a mutated bundle at the JSON pointer of the problem, without the value', () => {
    const bundle = compiled.find((c) => c.bundle.grants.length > 0 && c.bundle.tests.length > 0)?.bundle;
    if (bundle === undefined) return expect.unreachable('an example bundle with grants and tests');
    const cases: [string, (b: Loose) => void, string][] = [
      ['an unknown member', (b) => (b.apps[0].colourSECRET = 'x'), '/apps/0/colourSECRET'],
      ['an unknown top-level member', (b) => (b.extraSECRET = 1), '/extraSECRET'],
      ['a wrong effect', (b) => (b.grants[0].effect = 'permitSECRET'), '/grants/0/effect'],
      ['a condition field that does not exist', (b) => (b.grants[0].when = { field: 'moodSECRET', in: [] }), '/grants/0/when/field'],
      [
        'a condition with two operators',
        (b) => (b.grants[0].when = { not: { field: 'user', in: [] }, field: 'user', in: [] }),
        '/grants/0/when',
      ],
      ['a client type the language has not', (b) => (b.apps[0].clientTypes = ['publicSECRET']), '/apps/0/clientTypes/0'],
      ['a span line of 0', (b) => (b.grants[0].span.start.line = 0), '/grants/0/span/start/line'],
      ['a missing option', (b) => delete b.policy.options.access.capabilities, '/policy/options/access/capabilities'],
      [
        'a lifetime beyond the maximum',
        (b) => (b.policy.options.token.accessTokenLifetime = 10 ** 9),
        '/policy/options/token/accessTokenLifetime',
      ],
      [
        'a server base that is not a URL',
        (b) => (b.policy.options.access.serverBase = 'ftp://SECRET'),
        '/policy/options/access/serverBase',
      ],
      [
        'a fhirContext need without a type',
        (b) => (b.context.requirements = [{ ...ctx(b), requires: [{ kind: 'fhirContext' }] }]),
        '/context/requirements/0/requires/0/type',
      ],
      ['a token test without its request', (b) => delete b.tests[tokenTest(b)].token, `/tests/${tokenTest(bundle)}/token`],
      ['NaN in a number', (b) => (b.refresh = [{ ...refreshOf(b), graceSeconds: Number.NaN }]), '/refresh/0/graceSeconds'],
    ];
    for (const [name, mutate, pointer] of cases) {
      const copy = structuredClone(bundle) as Loose;
      mutate(copy);
      const result = loadBundle(Number.isNaN(copy.refresh?.[0]?.graceSeconds) ? copy : rehash(copy));
      expect(result.ok, name).toBe(false);
      if (result.ok) continue;
      expect(result.errors[0]?.pointer, name).toBe(pointer);
      expect(result.errors[0]?.path, name).toMatch(/^\$/);
      for (const e of result.errors) expect(e.message, name).not.toMatch(/SECRET/);
    }
  });

  it(`refuses conditions nested deeper than ${MAX_CONDITION_DEPTH}, and deep input without throwing`, () => {
    const bundle = compiled[0]?.bundle as Loose;
    let condition: unknown = { field: 'user', in: ['patient'] };
    for (let i = 0; i <= MAX_CONDITION_DEPTH; i++) condition = { not: condition };
    const deep = { ...structuredClone(bundle), grants: [{ ...bundle.grants[0], when: condition }] };
    const result = loadBundle(rehash(deep));
    expect(result).toMatchObject({ ok: false, errors: [{ pointer: '/grants/0/when' + '/not'.repeat(MAX_CONDITION_DEPTH + 1) }] });
    for (let i = 0; i < 20_000; i++) condition = { not: condition };
    const deeper = loadBundle({ ...deep, grants: [{ ...bundle.grants[0], when: condition }] });
    expect(deeper.ok).toBe(false);
  });

  it('lists exactly the options of the registry, with their values', () => {
    for (const group of ['access', 'token'] as const) {
      const def = schema.$defs[`${group}Options`];
      const members = ALL_OPTIONS.filter((o) => o.group === group);
      expect(def?.required).toEqual(members.map((o) => o.member));
      expect(Object.keys(def?.properties ?? {})).toEqual(members.map((o) => o.member));
      for (const o of members) expect(def?.properties[o.member], `${group}.${o.member}`).toEqual(expectedOptionSchema(group, o.definition));
    }
  });
});

/** What the schema must say of one registry entry (URL options: checked by behaviour below). */
function expectedOptionSchema(group: OptionGroup, d: OptionDefinition): unknown {
  switch (d.kind) {
    case 'choice':
      return { enum: [...d.values] };
    case 'fixed':
      return { const: d.value };
    case 'seconds':
      return { type: 'integer', minimum: 1, maximum: d.max };
    case 'operations':
      return { type: 'object', additionalProperties: { type: 'string' } };
    case 'url': {
      const written = String(schema.$defs[`${group}Options`]?.properties['serverBase']?.['pattern']);
      const pattern = new RegExp(written, 'u');
      const samples = ['', 'https://fhir.example.org/r4', 'HTTP://a:8080', 'http://x/y?z', 'ftp://a', 'https://a b', 'https://a/#f', 'x'];
      for (const s of samples) expect(pattern.test(s), s).toBe(s === '' || d.pattern.test(s));
      return { type: 'string', pattern: written };
    }
  }
}

function ctx(b: Loose): Record<string, unknown> {
  const span = b.grants[0].span;
  return { id: 'context#1', pattern: 'patient/*', requires: [], span };
}

function tokenTest(b: Loose): number {
  return (b.tests as { kind: string }[]).findIndex((t) => t.kind === 'token');
}

function refreshOf(b: Loose): Record<string, unknown> {
  return {
    id: 'refresh:x',
    app: 'x',
    offline: true,
    online: false,
    lifetime: null,
    idle: null,
    rotate: 'every-use',
    reuse: 'revoke-grant',
    binding: { methods: [], required: false },
    graceSeconds: 0,
    remindEvery: null,
    reminderCap: null,
    span: b.grants[0].span,
  };
}
