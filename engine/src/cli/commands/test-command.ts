import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runPolicyTests, type PolicyTestReport } from '../../evaluate/index.js';
import { maxInputBytes, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { singlePolicyEntry } from './policy-entries.js';
import { testResourceReader } from './test-resource-reader.js';
import { readVerifyKey } from './verify-key-flag.js';
import { resolvePath } from './resolve-path.js';
import { singlePolicyArgument } from './single-policy-argument.js';
import { appendAll } from '../../util/append-all.js';

/**
 * `smart-policy test <policy> [--json]`: runs the policy's own test cases, reports each, and lists
 * the grant rules no case exercised. Exit 0 all passed, 2 a case failed, 3 the policy is invalid.
 */
export async function testCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'verify-key': { type: 'string' } },
  });
  const entry = singlePolicyArgument(positionals, 'test', 'source-or-bundle');
  const bundle = await loadPolicyBundle(io, entry, { verifyKey: await readVerifyKey(io, values['verify-key']) });
  const baseDir = entry.endsWith('.json') ? dirname(resolvePath(io, entry)) : dirname(singlePolicyEntry(io, entry));
  const report = runPolicyTests(bundle, { readResource: testResourceReader(baseDir, maxInputBytes(io)) });
  io.out(values.json ? JSON.stringify(report, null, 2) : humanReport(report));
  return report.failed > 0 ? EXIT.deny : EXIT.ok;
}

function humanReport(report: PolicyTestReport): string {
  const lines: string[] = [];
  for (const testCase of report.cases) {
    const where = `${testCase.span.uri}:${testCase.span.start.line}`;
    const name = testCase.row === undefined ? testCase.name : `${testCase.name} [row ${testCase.row}]`;
    lines.push(`${testCase.passed ? '✓' : '✗'} ${name}  (${where})`);
    if (!testCase.passed)
      appendAll(
        lines,
        testCase.diff.split('\n').map((line) => `    ${line}`),
      );
  }
  if (report.uncovered.length > 0) {
    lines.push('', `Rules no test exercises (${report.uncovered.length}):`);
    for (const rule of report.uncovered) {
      lines.push(`  ${rule.id}  ${rule.effect} ${rule.scope}  (${rule.span.uri}:${rule.span.start.line})`);
    }
  }
  lines.push('', `${report.passed} of ${report.total} policy tests passed${report.failed > 0 ? `, ${report.failed} failed` : ''}`);
  return lines.join('\n');
}
