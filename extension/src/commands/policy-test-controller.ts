/**
 * "Run policy tests": the policy's `test` blocks in the Test Explorer (testing API). Items come
 * from the parsed files (one per `test`, one child per table row once run); a run compiles the
 * set as the editor holds it and reports each case with its diff at the test's location.
 */
import * as vscode from 'vscode';
import type { PolicyTestCaseResult } from 'smart-policy';
import { runTestsOf } from '../core/policy-tests.js';
import type { PolicyWorkspace } from '../core/policy-workspace.js';
import { commandTarget, NO_POLICY_MESSAGE } from '../command-target.js';

interface EngineRange {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

function toRange(r: EngineRange): vscode.Range {
  return new vscode.Range(
    Math.max(0, r.start.line - 1),
    Math.max(0, r.start.column - 1),
    Math.max(0, r.end.line - 1),
    Math.max(0, r.end.column - 1),
  );
}

export function registerPolicyTests(context: vscode.ExtensionContext, workspace: PolicyWorkspace): void {
  const controller = vscode.tests.createTestController('smartPolicy', 'smart-policy tests');
  context.subscriptions.push(controller);

  /** Test items of one file, from its parsed `test` blocks. */
  function discover(path: string): vscode.TestItem | undefined {
    const parsed = workspace.serviceFor(path).parsed(path);
    const tests = parsed?.ast.declarations.filter((d) => d.kind === 'test') ?? [];
    if (tests.length === 0) {
      controller.items.delete(path);
      return undefined;
    }
    const uri = vscode.Uri.file(path);
    const file = controller.items.get(path) ?? controller.createTestItem(path, vscode.workspace.asRelativePath(uri), uri);
    const children: vscode.TestItem[] = [];
    for (const test of tests) {
      if (test.kind !== 'test' || test.name.missing) continue;
      const id = `${path}\n${test.name.value}`;
      const item = file.children.get(id) ?? controller.createTestItem(id, test.name.value, uri);
      item.range = toRange(test.range);
      children.push(item);
    }
    file.children.replace(children);
    controller.items.add(file);
    return file;
  }

  function discoverDocument(document: vscode.TextDocument): void {
    if (document.languageId === 'smartpolicy' && document.uri.scheme === 'file') discover(document.uri.fsPath);
  }

  async function run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const roots: vscode.TestItem[] = [];
    if (request.include !== undefined) for (const item of request.include) roots.push(item);
    else
      controller.items.forEach((item) => {
        roots.push(item);
      });
    const files = new Set(roots.map((item) => item.uri?.fsPath).filter((p): p is string => p !== undefined));
    const testRun = controller.createTestRun(request);
    try {
      const entries = new Set([...files].map((f) => workspace.entryFor(f)));
      for (const entry of entries) {
        if (token.isCancellationRequested) break;
        const result = runTestsOf(workspace.serviceFor(entry), entry);
        if (!result.ok) {
          for (const root of roots)
            testRun.errored(root, new vscode.TestMessage(`The policy set does not compile:\n${result.errors.join('\n')}`));
          continue;
        }
        for (const testCase of result.report.cases) report(testRun, testCase, request);
      }
    } finally {
      testRun.end();
    }
  }

  function report(testRun: vscode.TestRun, testCase: PolicyTestCaseResult, request: vscode.TestRunRequest): void {
    const path = testCase.span.uri;
    const file = controller.items.get(path) ?? discover(path);
    const parent = file?.children.get(`${path}\n${testCase.name}`);
    if (parent === undefined || !included(parent, request)) return;
    let item = parent;
    if (testCase.row !== undefined) {
      const id = `${parent.id}\nrow ${testCase.row}`;
      item = parent.children.get(id) ?? controller.createTestItem(id, `row ${testCase.row}`, parent.uri);
      item.range = parent.range;
      parent.children.add(item);
    }
    testRun.started(item);
    if (testCase.passed) {
      testRun.passed(item);
    } else {
      const message = new vscode.TestMessage(testCase.diff !== '' ? testCase.diff : 'the test failed');
      message.location = new vscode.Location(vscode.Uri.file(path), toRange(testCase.span));
      testRun.failed(item, message);
    }
  }

  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) => run(request, token), true);
  controller.resolveHandler = async (item) => {
    if (item === undefined) for (const document of vscode.workspace.textDocuments) discoverDocument(document);
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(discoverDocument),
    vscode.workspace.onDidSaveTextDocument(discoverDocument),
    vscode.commands.registerCommand('smartPolicy.runTests', async (...args: unknown[]) => {
      const target = commandTarget(args);
      if (target === undefined) return void vscode.window.showWarningMessage(NO_POLICY_MESSAGE);
      const entry = workspace.entryFor(target.path);
      const files = workspace
        .serviceFor(entry)
        .linked(entry)
        .documents.map((d) => d.uri);
      const items = files.map((f) => discover(f)).filter((i): i is vscode.TestItem => i !== undefined);
      const include = target.name !== undefined ? items.flatMap((i) => childNamed(i, target.name ?? '')) : items;
      await vscode.commands.executeCommand('workbench.view.testing.focus');
      const request = new vscode.TestRunRequest(include.length > 0 ? include : undefined);
      const source = new vscode.CancellationTokenSource();
      try {
        await run(request, source.token);
      } finally {
        source.dispose();
      }
    }),
  );
  for (const document of vscode.workspace.textDocuments) discoverDocument(document);
}

function childNamed(file: vscode.TestItem, name: string): vscode.TestItem[] {
  const found: vscode.TestItem[] = [];
  file.children.forEach((c) => {
    if (c.label === name) found.push(c);
  });
  return found;
}

/** True when the item is in the request (or under an included item) and not excluded. */
function included(item: vscode.TestItem, request: vscode.TestRunRequest): boolean {
  for (let at: vscode.TestItem | undefined = item; at !== undefined; at = at.parent) {
    if (request.exclude?.includes(at)) return false;
  }
  if (request.include === undefined) return true;
  for (let at: vscode.TestItem | undefined = item; at !== undefined; at = at.parent) {
    if (request.include.includes(at)) return true;
  }
  return false;
}
