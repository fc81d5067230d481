/** Completion: the engine's items at the cursor, replacing the partial word it computed. */
import { CompletionItemKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { CompletionKind } from 'smart-policy';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, positionAt } from '../positions.js';

const KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  keyword: CompletionItemKind.Keyword,
  type: CompletionItemKind.Class,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  property: CompletionItemKind.Property,
  code: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
};

export function completion(context: ServerContext, params: CompletionParams): CompletionList | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const offset = offsetAt(doc.text, params.position);
  const result = context.workspace.service.completions(doc.key, offset, doc.entry);
  const range = { start: positionAt(doc.text, result.replaceFrom), end: params.position };
  const items: CompletionItem[] = result.items.map((item) => ({
    label: item.label,
    kind: KIND[item.kind],
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(item.sortText !== undefined ? { sortText: item.sortText } : {}),
    ...(item.kind === 'snippet' ? {} : { filterText: item.insertText ?? item.label }),
    textEdit: { range, newText: item.insertText ?? item.label },
  }));
  return { isIncomplete: false, items };
}

export function registerCompletion(context: ServerContext): void {
  context.connection.onCompletion(guarded(context, 'completion', (p: CompletionParams) => completion(context, p)));
}

/** Characters after which a client should ask again (scope separators, option and comment words). */
export const COMPLETION_TRIGGERS = ['/', '.', '?', '&', '=', ' ', ','];
