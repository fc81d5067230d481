/**
 * Code actions: the engine's quick fixes for the diagnostics the client hands back (their
 * `data` carries the code and facts) and refactorings of the rule under the cursor.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import type { DiagnosticRef } from 'smart-policy';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, positionAt } from '../positions.js';

function factsOf(data: unknown): Readonly<Record<string, unknown>> | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const facts = Object.hasOwn(data, 'facts') ? (data as { facts?: unknown }).facts : undefined;
  return facts !== null && typeof facts === 'object' ? (facts as Record<string, unknown>) : undefined;
}

export function codeActions(context: ServerContext, params: CodeActionParams): CodeAction[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const refs: DiagnosticRef[] = params.context.diagnostics
    .filter((d) => d.source === 'smart-policy' && typeof d.code === 'string')
    .slice(0, 100)
    .map((d) => {
      const data = factsOf(d.data);
      return {
        code: d.code as string,
        start: offsetAt(doc.text, d.range.start),
        end: offsetAt(doc.text, d.range.end),
        ...(data ? { data } : {}),
      };
    });
  const start = offsetAt(doc.text, params.range.start);
  const end = offsetAt(doc.text, params.range.end);
  const service = context.workspace.service;
  const actions = service.codeActions(doc.key, start, end, refs, doc.entry);
  const only = params.context.only;
  return actions
    .filter((a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(`${k}.`)))
    .map((action) => {
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of action.edits) {
        const text = edit.uri === doc.key ? doc.text : (service.parsed(edit.uri)?.text ?? '');
        const uri = context.workspace.uriOf(edit.uri);
        const list = changes[uri] ?? [];
        changes[uri] = list;
        list.push({ range: { start: positionAt(text, edit.start), end: positionAt(text, edit.end) }, newText: edit.newText });
      }
      const fixed = action.fixes !== undefined ? params.context.diagnostics.filter((d) => d.code === action.fixes) : [];
      return {
        title: action.title,
        kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        ...(fixed.length > 0 ? { diagnostics: fixed } : {}),
        ...(action.preferred ? { isPreferred: true } : {}),
        edit: { changes },
      };
    });
}

export function registerCodeActions(context: ServerContext): void {
  context.connection.onCodeAction(guarded(context, 'code actions', (p: CodeActionParams) => codeActions(context, p)));
}
