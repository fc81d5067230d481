/**
 * Code lenses: "run test" above each policy test with its last result, and "preview consent"
 * above each app class. The command ids are shared with the VS Code extension.
 */
import type { Range } from '../language/range.js';
import type { PolicyTestReport } from '../evaluate/run-policy-tests.js';
import { list, textOf } from '../model/safe.js';
import type { ParsedDocument } from './service-types.js';

export const RUN_TESTS_COMMAND = 'smartPolicy.runTests';
export const PREVIEW_CONSENT_COMMAND = 'smartPolicy.previewConsent';

export interface CodeLens {
  readonly range: Range;
  readonly title: string;
  readonly command: typeof RUN_TESTS_COMMAND | typeof PREVIEW_CONSENT_COMMAND;
  /** Command arguments: the document uri, then the test name or the app class name. */
  readonly arguments: readonly string[];
}

/**
 * Lenses of `doc`. `report` is the set's test run (undefined when the set does not compile:
 * then the lens says so instead of a result).
 */
export function codeLenses(doc: ParsedDocument, report: PolicyTestReport | undefined): CodeLens[] {
  const out: CodeLens[] = [];
  for (const d of list(doc.ast.declarations)) {
    if (d?.kind === 'app') {
      const name = textOf(d.name);
      if (name) out.push({ range: d.range, title: 'Preview consent screen', command: PREVIEW_CONSENT_COMMAND, arguments: [doc.uri, name] });
    } else if (d?.kind === 'test') {
      const name = d.name?.value;
      if (name === undefined) continue;
      out.push({ range: d.range, title: `▶ Run test — ${resultOf(report, name)}`, command: RUN_TESTS_COMMAND, arguments: [doc.uri, name] });
    }
  }
  return out;
}

function resultOf(report: PolicyTestReport | undefined, name: string): string {
  if (!report) return 'policy does not compile';
  const cases = report.cases.filter((c) => c.name === name);
  if (cases.length === 0) return 'not run';
  const failed = cases.filter((c) => !c.passed).length;
  if (failed === 0) return cases.length > 1 ? `passed (${cases.length} rows)` : 'passed';
  return cases.length > 1 ? `failed (${failed} of ${cases.length} rows)` : 'failed';
}
