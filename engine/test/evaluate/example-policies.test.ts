/** Every example policy set passes its own policy tests and the checker reports no errors on it. */
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/index.js';
import { readFileSync } from 'node:fs';
import { loadBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { runPolicyTests } from '../../src/evaluate/index.js';
import { loadPolicySet } from '../../src/node/load-policy-set.js';
import { goldenPathOf, policyEntries, REPO_ROOT, repoRelative } from '../compile/policy-entries.js';

describe.each(policyEntries().map((e) => [repoRelative(e), e]))('%s', (_name, entry) => {
  it('passes every policy test', () => {
    const { bundle } = compilePolicyFile(entry, { relativeTo: REPO_ROOT });
    expect(bundle).not.toBeNull();
    if (bundle === null) return;
    const report = runPolicyTests(bundle);
    const failed = report.cases.filter((c) => !c.passed).map((c) => `${c.id}\n${c.diff}`);
    expect(failed).toEqual([]);
    expect(report.total).toBeGreaterThanOrEqual(10);
  });

  it('passes every policy test from its checked-in bundle, loaded without the parser', () => {
    const loaded = loadBundle(readFileSync(goldenPathOf(entry), 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const report = runPolicyTests(loaded.bundle);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(loaded.bundle.tests.length);
  });

  it('has no checker errors or warnings', () => {
    const set = loadPolicySet(entry);
    const result = checkPolicy({ files: set.files.map((f) => f.ast), parseDiagnostics: set.diagnostics });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.uri ?? ''}:${d.range.start.line} ${d.message}`)).toEqual([]);
  });
});
