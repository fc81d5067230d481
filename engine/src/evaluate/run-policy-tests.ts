/**
 * The policy-test runner: runs a bundle's test cases (token cases through `decideToken`, access
 * cases through `authorize` with the policy's access options), compares each expectation, and
 * reports which grant rules no case exercised. Pure except for the optional resource reader.
 */
import type { AccessResult, FhirResource } from '../access/access-types.js';
import { authorize } from '../access/authorize.js';
import type { BundleGrant, BundleTestCase, PolicyBundle, SourceSpan, TestExpectations } from '../compile/bundle-types.js';
import { ScopeSet } from '../smart/scope-set.js';
import { createEvaluator, type Evaluator } from './create-evaluator.js';
import { tokenRequestOf } from './test-request.js';
import type { TokenDecision } from './token-types.js';

export interface RunPolicyTestsOptions {
  /** Loads `resource file "…"` fixtures (paths as the bundle holds them); absent: such cases fail. */
  readonly readResource?: (path: string) => unknown;
}

/** One expectation that did not hold. */
export interface TestFailure {
  readonly expectation: 'decision' | 'granted' | 'dropped' | 'error' | 'reason' | 'refresh' | 'run';
  readonly expected: string;
  readonly actual: string;
}

export interface PolicyTestCaseResult {
  readonly id: string;
  readonly name: string;
  readonly row?: number;
  readonly kind: 'token' | 'access';
  readonly passed: boolean;
  readonly failures: readonly TestFailure[];
  /** A `-expected` / `+actual` text diff of the failed expectations (empty when passed). */
  readonly diff: string;
  readonly span: SourceSpan;
  /** The decision the case produced (token or access result). */
  readonly actual?: TokenDecision | AccessResult;
}

export interface UncoveredRule {
  readonly id: string;
  readonly app: string;
  readonly effect: 'allow' | 'deny';
  readonly scope: string;
  readonly span: SourceSpan;
}

export interface PolicyTestReport {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly cases: readonly PolicyTestCaseResult[];
  /** Grant rules that no case's decision named (as reason, dropped or narrowed rule). */
  readonly uncovered: readonly UncoveredRule[];
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Rule ids a decision names; a test's `expect reason "grant:portal"` matches `grant:portal:allow:openid`. */
function ruleIdsOfToken(d: TokenDecision): string[] {
  const ids = [...d.reasons.map((r) => r.rule), ...d.dropped.map((x) => x.rule), ...d.narrowed.flatMap((n) => n.rule.split(', '))];
  if (d.refresh !== null) ids.push(d.refresh.rule);
  return ids;
}

/**
 * `wanted` names the rule itself or a group of rules: `grant:portal` matches every grant of the
 * app class, `grant:portal:lab_read` a named rule (and its `:<scope>` parts and `~2` duplicates),
 * `grant:portal:allow:patient/*.rs` that rule also under a condition (`@<hash>`).
 */
function hasRule(ids: readonly string[], wanted: string): boolean {
  return ids.some((id) => id === wanted || (id.startsWith(wanted) && '#:~@'.includes(id.charAt(wanted.length))));
}

/** Safe set from text (invalid tokens grant nothing). */
function setOfText(text: string): ScopeSet {
  return ScopeSet.fromParameter(text).set;
}

/**
 * `expect dropped X`: X was asked for (some requested scope overlaps it) and nothing granted
 * overlaps it — whether the whole requested scope was dropped or only X was narrowed away.
 */
function wasDropped(scope: string, requested: string, d: TokenDecision): boolean {
  if (d.dropped.some((x) => x.scope === scope)) return true;
  const x = setOfText(scope);
  if (x.isEmpty) return false;
  return !setOfText(requested).intersection(x).isEmpty && setOfText(d.granted.scope).intersection(x).isEmpty;
}

function checkToken(e: TestExpectations, requested: string, d: TokenDecision): TestFailure[] {
  const f: TestFailure[] = [];
  if (e.decision !== undefined && e.decision !== d.decision) f.push({ expectation: 'decision', expected: e.decision, actual: d.decision });
  if (e.granted !== undefined && !sameSet(words(e.granted), d.granted.scopes)) {
    f.push({ expectation: 'granted', expected: words(e.granted).join(' '), actual: d.granted.scopes.join(' ') });
  }
  for (const s of e.dropped ?? []) {
    if (!wasDropped(s, requested, d))
      f.push({
        expectation: 'dropped',
        expected: s,
        actual: `granted: ${d.granted.scope}; dropped: ${d.dropped.map((x) => x.scope).join(' ')}`,
      });
  }
  if (e.error !== undefined && e.error !== d.oauthError?.error)
    f.push({ expectation: 'error', expected: e.error, actual: d.oauthError?.error ?? '(no error)' });
  const ids = ruleIdsOfToken(d);
  for (const r of e.reasons ?? [])
    if (!hasRule(ids, r)) f.push({ expectation: 'reason', expected: r, actual: [...new Set(ids)].join(', ') });
  if (e.refresh !== undefined) {
    const issued = d.refresh?.issue === true ? 'issued' : 'none';
    if (issued !== e.refresh) f.push({ expectation: 'refresh', expected: e.refresh, actual: issued });
  }
  return f;
}

function checkAccess(e: TestExpectations, r: AccessResult): TestFailure[] {
  const f: TestFailure[] = [];
  if (e.decision !== undefined && e.decision !== r.decision) f.push({ expectation: 'decision', expected: e.decision, actual: r.decision });
  const ids = r.reasons.map((x) => x.rule);
  for (const want of e.reasons ?? []) if (!hasRule(ids, want)) f.push({ expectation: 'reason', expected: want, actual: ids.join(', ') });
  for (const key of ['granted', 'dropped', 'error', 'refresh'] as const) {
    if (e[key] !== undefined) f.push({ expectation: key, expected: `expect ${key} (token tests only)`, actual: 'an access test' });
  }
  return f;
}

function diffOf(failures: readonly TestFailure[]): string {
  return failures.map((x) => `${x.expectation}:\n- ${x.expected}\n+ ${x.actual}`).join('\n');
}

function runAccess(c: BundleTestCase, bundle: PolicyBundle, options: RunPolicyTestsOptions): AccessResult | string {
  const a = c.access;
  if (a === undefined) return 'the test has no access request';
  let resource: FhirResource | null | undefined;
  if (a.resource !== undefined) resource = a.resource as unknown as FhirResource;
  else if (a.resourceFile !== undefined) {
    const loaded = options.readResource?.(a.resourceFile);
    if (loaded === undefined) return `resource file ${a.resourceFile} could not be read`;
    resource = loaded as FhirResource;
  }
  return authorize({
    granted: words(a.scope),
    ...(a.context !== undefined ? { context: a.context } : {}),
    request: a.request,
    ...(resource !== undefined ? { resource } : {}),
    options: bundle.policy.options.access,
  });
}

function runCase(
  c: BundleTestCase,
  bundle: PolicyBundle,
  evaluator: Evaluator,
  options: RunPolicyTestsOptions,
  exercised: Set<string>,
): PolicyTestCaseResult {
  const base = { id: c.id, name: c.name, ...(c.row !== undefined ? { row: c.row } : {}), kind: c.kind, span: c.span };
  let failures: TestFailure[];
  let actual: TokenDecision | AccessResult | undefined;
  try {
    if (c.kind === 'token') {
      const request = c.token === undefined ? 'the test has no token request' : tokenRequestOf(bundle, c.token);
      if (typeof request === 'string') failures = [{ expectation: 'run', expected: 'a runnable token request', actual: request }];
      else {
        const d = evaluator.decideToken(request);
        actual = d;
        for (const id of ruleIdsOfToken(d)) exercised.add(id);
        const requested = request.requestedScope ?? request.originalScope ?? '';
        failures = checkToken(c.expect, requested, d);
      }
    } else {
      const r = runAccess(c, bundle, options);
      if (typeof r === 'string') failures = [{ expectation: 'run', expected: 'a runnable access request', actual: r }];
      else {
        actual = r;
        failures = checkAccess(c.expect, r);
      }
    }
  } catch (err) {
    failures = [
      { expectation: 'run', expected: 'the case to run', actual: `it threw: ${err instanceof Error ? err.message : String(err)}` },
    ];
  }
  return { ...base, passed: failures.length === 0, failures, diff: diffOf(failures), ...(actual !== undefined ? { actual } : {}) };
}

/** Runs every test case of `bundle`. Never throws. */
export function runPolicyTests(bundle: PolicyBundle, options: RunPolicyTestsOptions = {}): PolicyTestReport {
  const evaluator = createEvaluator(bundle);
  const exercised = new Set<string>();
  const cases = bundle.tests.map((c) => runCase(c, bundle, evaluator, options, exercised));
  const uncovered = bundle.grants
    .filter((g: BundleGrant) => !exercised.has(g.id))
    .map((g) => ({ id: g.id, app: g.app, effect: g.effect, scope: g.scope, span: g.span }));
  const passed = cases.filter((c) => c.passed).length;
  return { total: cases.length, passed, failed: cases.length - passed, cases, uncovered };
}
