/**
 * Semantic tokens from the engine's lexer, with names resolved against the linked set: app class
 * names, resource types and declared locales are told apart from other words.
 */
import { lexPolicy } from '../language/lexer.js';
import { isResourceType } from '../fhir/resource-types.js';
import { textOf } from '../model/safe.js';
import type { LinkedSet, ParsedDocument } from './service-types.js';

/** Token types, in legend order (the language server advertises this list). */
export const SEMANTIC_TOKEN_TYPES = [
  'keyword',
  'string',
  'comment',
  'number',
  'variable',
  'type',
  'class',
  'enumMember',
  'macro',
  'operator',
] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export interface SemanticToken {
  /** 1-based line and column, UTF-16 length; a token never spans lines. */
  readonly line: number;
  readonly column: number;
  readonly length: number;
  readonly type: SemanticTokenType;
}

export function semanticTokens(set: LinkedSet, doc: ParsedDocument): SemanticToken[] {
  const apps = new Set(set.index.apps.map((a) => textOf(a.node.name) ?? ''));
  const locales = new Set(set.index.locales.map((l) => textOf(l.node) ?? ''));
  const lexed = lexPolicy(doc.text);
  const tokens = [...lexed.tokens];
  for (const c of lexed.groups['comments'] ?? []) tokens.push(c);
  tokens.sort((a, b) => a.startOffset - b.startOffset);
  const out: SemanticToken[] = [];
  for (const t of tokens) {
    const type = classify(t.tokenType.name, t.image, apps, locales);
    if (!type || t.startLine === undefined || t.startColumn === undefined) continue;
    if (t.image.includes('\n')) continue;
    out.push({ line: t.startLine, column: t.startColumn, length: t.image.length, type });
  }
  return out;
}

function classify(name: string, image: string, apps: ReadonlySet<string>, locales: ReadonlySet<string>): SemanticTokenType | undefined {
  if (name.startsWith('Kw_')) return 'keyword';
  switch (name) {
    case 'CompleteString':
    case 'UnterminatedString':
      return 'string';
    case 'Comment':
      return 'comment';
    case 'DurationTok':
    case 'NumberTok':
      return 'number';
    case 'Variable':
      return 'variable';
    case 'ScopeTok':
    case 'UriTok':
      return 'macro';
    case 'Equals':
    case 'Pipe':
      return 'operator';
    case 'Identifier':
      if (apps.has(image)) return 'class';
      if (locales.has(image)) return 'enumMember';
      if (isResourceType(image)) return 'type';
      return undefined;
    default:
      return undefined;
  }
}
