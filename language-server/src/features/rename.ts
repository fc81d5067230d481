/**
 * Rename of an app class, grant rule name, locale or table column: every definition and use
 * across the set's files. A name the language would not read back is refused with why.
 */
import {
  ResponseError,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, toLspRange } from '../positions.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const RENAMABLE = new Set(['app', 'rule', 'locale', 'column']);

export function prepareRename(context: ServerContext, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const offset = offsetAt(doc.text, params.position);
  const hit = context.workspace.service.linked(doc.entry).references.at(doc.key, offset);
  if (!hit || !RENAMABLE.has(hit.symbol.kind)) return null;
  return { range: toLspRange(hit.location.range), placeholder: hit.symbol.name };
}

export function rename(context: ServerContext, params: RenameParams): WorkspaceEdit | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const offset = offsetAt(doc.text, params.position);
  const symbol = context.workspace.service.symbolAt(doc.key, offset, doc.entry);
  if (!symbol || !RENAMABLE.has(symbol.kind)) return null;
  const valid = symbol.kind === 'locale' ? LOCALE.test(params.newName) : NAME.test(params.newName);
  if (!valid) {
    throw new ResponseError(
      -32602,
      symbol.kind === 'locale'
        ? 'A locale is a language tag such as es or pt-BR.'
        : 'A name is letters, digits and _ and starts with a letter or _.',
    );
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const location of [...symbol.definitions, ...symbol.references]) {
    const uri = context.workspace.uriOf(location.uri);
    const edits = changes[uri] ?? [];
    changes[uri] = edits;
    if (
      !edits.some(
        (e) => e.range.start.line === location.range.start.line - 1 && e.range.start.character === location.range.start.column - 1,
      )
    ) {
      edits.push({ range: toLspRange(location.range), newText: params.newName });
    }
  }
  return { changes };
}

export function registerRename(context: ServerContext): void {
  context.connection.onPrepareRename(guarded(context, 'prepare rename', (p: PrepareRenameParams) => prepareRename(context, p)));
  context.connection.onRenameRequest((p: RenameParams) => {
    try {
      return rename(context, p);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      context.connection.console.error(`rename failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      return null;
    }
  });
}
