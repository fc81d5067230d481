/** The policy-test runner: pass/fail per case with a diff, table rows, access cases, coverage. */
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/index.js';
import { runPolicyTests } from '../../src/evaluate/index.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

const POLICY = `policy "Runner" { fhir R4 }
app portal { client public; user patient; launch standalone }
grant portal {
  allow launch/patient, patient/Patient.rs, patient/Observation.rs, openid
  allow patient/Goal.rs
  deny patient/*.cud because "read only"
}
context { patient/* requires patient }
refresh portal { offline_access allowed when bound by dpop; rotate on every use; bind dpop required }
`;

function bundleOf(tests: string) {
  const parsed = parsePolicy(POLICY + tests, 'runner.smartpolicy');
  const { bundle, diagnostics } = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics });
  if (bundle === null) throw new Error(JSON.stringify(diagnostics));
  return bundle;
}

describe('runPolicyTests', () => {
  it('passes cases whose expectations hold', () => {
    const report = runPolicyTests(
      bundleOf(`
test "narrowed" {
  token { app portal; grant authorization_code; scope "launch/patient patient/Observation.cruds openid offline_access" }
  expect allow
  expect granted "openid launch/patient patient/Observation.rs"
  expect dropped patient/Observation.cud, offline_access
  expect reason "grant:portal:allow:patient/Observation.rs"
  expect reason "grant:portal:deny"
  expect reason "grant:portal"
  expect refresh none
}`),
    );
    expect(report.cases.map((c) => c.diff)).toEqual(['']);
    expect(report).toMatchObject({ total: 1, passed: 1, failed: 0 });
  });

  it('fails a case with a diff of each expectation that did not hold', () => {
    const report = runPolicyTests(
      bundleOf(`
test "wrong" {
  token { app portal; grant authorization_code; scope "patient/Observation.rs" }
  expect deny
  expect granted "patient/Observation.rs patient/Goal.rs"
  expect error invalid_scope
  expect refresh issued
}`),
    );
    const c = report.cases[0];
    expect(c?.passed).toBe(false);
    expect(c?.failures.map((f) => f.expectation)).toEqual(['decision', 'granted', 'error', 'refresh']);
    expect(c?.diff).toContain('granted:\n- patient/Observation.rs patient/Goal.rs\n+ patient/Observation.rs');
    expect(c?.span.uri).toBe('runner.smartpolicy');
    expect(report.failed).toBe(1);
  });

  it('runs one case per table row', () => {
    const report = runPolicyTests(
      bundleOf(`
test "rows" with rows {
  | asked                    | outcome |
  | "patient/Patient.rs"     | allow   |
  | "patient/Condition.rs"   | deny    |
} {
  token { app portal; grant authorization_code; scope "$asked" }
  expect decision $outcome
}`),
    );
    expect(report.cases.map((c) => [c.id, c.passed])).toEqual([
      ['test:rows#1', true],
      ['test:rows#2', true],
    ]);
  });

  it('runs access cases through authorize with the policy options', () => {
    const report = runPolicyTests(
      bundleOf(`
test "own record" {
  access { scope "patient/Patient.rs"; context patient "1"; request GET "Patient/1"; resource {"resourceType": "Patient", "id": "1"} }
  expect allow
}
test "other record" {
  access { scope "patient/Patient.rs"; context patient "1"; request GET "Patient/2"; resource {"resourceType": "Patient", "id": "2"} }
  expect deny
}`),
    );
    expect(report.cases.map((c) => c.passed)).toEqual([true, true]);
  });

  it('reads resource files through the given reader, and fails the case without one', () => {
    const bundle = bundleOf(`
test "fixture" {
  access { scope "patient/Patient.rs"; context patient "1"; request GET "Patient/1"; resource file "fixtures/p1.json" }
  expect allow
}`);
    const withReader = runPolicyTests(bundle, {
      readResource: (path) => (path === 'fixtures/p1.json' ? { resourceType: 'Patient', id: '1' } : undefined),
    });
    expect(withReader.cases[0]?.passed).toBe(true);
    const without = runPolicyTests(bundle);
    expect(without.cases[0]?.failures[0]?.expectation).toBe('run');
  });

  it('reports grant rules no case exercised', () => {
    const report = runPolicyTests(
      bundleOf(`
test "patient only" {
  token { app portal; grant authorization_code; scope "launch/patient patient/Patient.rs patient/Patient.cud" }
  expect granted "launch/patient patient/Patient.rs"
}`),
    );
    expect(report.uncovered.map((u) => u.id)).toEqual([
      'grant:portal:allow:patient/Observation.rs',
      'grant:portal:allow:openid',
      'grant:portal:allow:patient/Goal.rs',
    ]);
    expect(report.uncovered[0]).toMatchObject({ app: 'portal', effect: 'allow', scope: 'patient/Observation.rs' });
  });

  it('reports a test that names an unknown app class as a failed run', () => {
    const parsed = parsePolicy(`${POLICY}\ntest "x" { token { app portal; scope "openid" } }`, 'r.smartpolicy');
    const { bundle } = compilePolicySet({ files: [parsed.ast] });
    const b = bundle === null ? null : { ...bundle, tests: bundle.tests.map((t) => ({ ...t, token: { ...t.token, app: 'ghost' } })) };
    const report = runPolicyTests(b ?? bundleOf(''));
    expect(report.cases[0]?.failures[0]).toMatchObject({ expectation: 'run' });
  });
});
