/** Semantic tokens: the engine's classified lexer tokens, delta-encoded for LSP. */
import type { SemanticTokens, SemanticTokensParams } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_TYPES } from 'smart-policy';
import { guarded, openPolicy, type ServerContext } from '../context.js';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [] as string[] };

export function semanticTokens(context: ServerContext, params: SemanticTokensParams): SemanticTokens {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return { data: [] };
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of context.workspace.service.semanticTokens(doc.key, doc.entry)) {
    const l = t.line - 1;
    const c = t.column - 1;
    data.push(l - line, l === line ? c - character : c, t.length, SEMANTIC_TOKEN_TYPES.indexOf(t.type), 0);
    line = l;
    character = c;
  }
  return { data };
}

export function registerSemanticTokens(context: ServerContext): void {
  context.connection.languages.semanticTokens.on(
    guarded(context, 'semantic tokens', (p: SemanticTokensParams) => semanticTokens(context, p)),
  );
}
