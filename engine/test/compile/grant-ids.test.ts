/**
 * Grant rule ids are stable: they depend on the rule itself (its name, or app, effect, canonical
 * scope and condition), never on its position, so edits elsewhere and reordering keep them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/compile-policy-set.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import { formatPolicy } from '../../src/language/format-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { runPolicyTests } from '../../src/evaluate/index.js';

const HEADER = `policy "Ids" { fhir R4 }
app portal { client public; user patient; launch standalone }
context { patient/* requires patient }
`;

function bundleOf(text: string): PolicyBundle {
  const parsed = parsePolicy(text, 'ids.smartpolicy');
  const { bundle, diagnostics } = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics });
  if (bundle === null) throw new Error(JSON.stringify(diagnostics.map((d) => d.code)));
  return bundle;
}

/** id by scope text and effect. */
function ids(bundle: PolicyBundle): Map<string, string> {
  return new Map(bundle.grants.map((g) => [`${g.effect} ${g.scope} ${JSON.stringify(g.when ?? null)}`, g.id]));
}

const RULES = [
  'allow launch/patient, openid, fhirUser',
  'allow patient/Observation.rs',
  'allow patient/Condition.read',
  'deny patient/*.cud because "read only"',
  'allow offline_access when bound by dpop',
  'allow offline_access when client is public',
  'allow as goals patient/Goal.rs',
  'allow as basics patient/Patient.rs, patient/AllergyIntolerance.rs',
];

describe('grant rule ids', () => {
  it('name a rule by its content, or by its name', () => {
    const bundle = bundleOf(`${HEADER}grant portal {\n${RULES.map((r) => `  ${r}`).join('\n')}\n}\n`);
    const all = bundle.grants.map((g) => g.id);
    expect(all).toContain('grant:portal:allow:openid');
    expect(all).toContain('grant:portal:allow:patient/Observation.rs');
    expect(all).toContain('grant:portal:allow:patient/Condition.rs'); // canonical form: v1 .read is .rs
    expect(all).toContain('grant:portal:deny:patient/*.cud');
    expect(all).toContain('grant:portal:goals');
    expect(all).toContain('grant:portal:basics:patient/Patient.rs');
    expect(all).toContain('grant:portal:basics:patient/AllergyIntolerance.rs');
    // Two conditions, two ids, each with its condition's hash.
    const offline = all.filter((id) => id.startsWith('grant:portal:allow:offline_access@'));
    expect(new Set(offline).size).toBe(2);
    expect(new Set(all).size).toBe(all.length);
  });

  it('do not change when rules are reordered, moved between blocks, or other rules are edited', () => {
    const base = ids(bundleOf(`${HEADER}grant portal {\n${RULES.map((r) => `  ${r}`).join('\n')}\n}\n`));
    fc.assert(
      fc.property(fc.shuffledSubarray(RULES, { minLength: 1 }), fc.nat(3), fc.boolean(), (rules, split, extra) => {
        const at = Math.min(split, rules.length);
        const blocks = [rules.slice(0, at), rules.slice(at)].filter((b) => b.length > 0);
        const text = `${HEADER}${extra ? 'grant portal {\n  allow patient/Encounter.rs\n}\n' : ''}${blocks.map((b) => `grant portal {\n${b.map((r) => `  ${r}`).join('\n')}\n}\n`).join('')}`;
        for (const [key, id] of ids(bundleOf(text))) if (base.has(key)) expect(id).toBe(base.get(key));
      }),
      { numRuns: 60 },
    );
  });

  it('number an id that occurs twice in file order (~2)', () => {
    const bundle = bundleOf(
      `${HEADER}grant portal {\n  allow openid\n  allow openid\n  allow as x patient/Goal.rs\n  allow as x patient/Goal.r\n}\n`,
    );
    expect(bundle.grants.map((g) => g.id)).toEqual([
      'grant:portal:allow:openid',
      'grant:portal:allow:openid~2',
      'grant:portal:x',
      'grant:portal:x~2',
    ]);
  });

  it('match `expect reason` by the id, a named rule, or any group prefix', () => {
    const bundle = bundleOf(`${HEADER}grant portal {\n  allow launch/patient, patient/Observation.rs\n  deny as read_only patient/*.cud\n}
test "ids" {
  token { app portal; grant authorization_code; scope "launch/patient patient/Observation.cruds" }
  expect reason "grant:portal:allow:patient/Observation.rs"
  expect reason "grant:portal:read_only"
  expect reason "grant:portal"
}
test "a prefix must end at a separator" {
  token { app portal; grant authorization_code; scope "launch/patient patient/Observation.rs" }
  expect reason "grant:portal:read"
}`);
    const report = runPolicyTests(bundle);
    expect(report.cases.map((c) => c.passed)).toEqual([true, false]);
  });

  it('names are written by the formatter and kept by it', () => {
    const text = `${HEADER}grant portal {\n  allow   as lab   patient/Observation.rs ;deny as  no_writes patient/*.cud\n}\n`;
    const formatted = formatPolicy(text);
    expect(formatted.ok).toBe(true);
    expect(formatted.text).toContain('  allow as lab patient/Observation.rs\n  deny as no_writes patient/*.cud\n');
  });

  it('`as` alone is still a scope word, and `as` may still be a name elsewhere', () => {
    const r = parsePolicy(`${HEADER}app as { user patient }\ngrant as {\n  allow as\n}\n`);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const grant = r.ast.declarations.find((d) => d.kind === 'grant');
    expect(grant?.kind === 'grant' ? grant.rules[0]?.scopes.map((s) => s.text) : []).toEqual(['as']);
  });
});
