/**
 * A token stream for editors (semantic highlighting) that does not need chevrotain types:
 * every token and comment of a text, classified, with its range. Never throws.
 */
import { lexPolicy } from './lexer.js';
import { tokenRange } from './positions.js';
import type { Range } from './range.js';

export type PolicyTokenKind =
  | 'keyword'
  | 'name'
  | 'string'
  | 'scope'
  | 'number'
  | 'duration'
  | 'variable'
  | 'value'
  | 'comment'
  | 'punctuation';

export interface PolicyToken {
  readonly kind: PolicyTokenKind;
  readonly text: string;
  readonly range: Range;
}

const KIND_BY_TYPE: Readonly<Record<string, PolicyTokenKind>> = {
  Identifier: 'name',
  CompleteString: 'string',
  UnterminatedString: 'string',
  ScopeTok: 'scope',
  UriTok: 'scope',
  NumberTok: 'number',
  DurationTok: 'duration',
  Variable: 'variable',
  BareValue: 'value',
  Comment: 'comment',
};

/** Classifies every token and comment of `text`, in source order. */
export function tokenizePolicy(text: string): PolicyToken[] {
  const lexed = lexPolicy(text);
  const all = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  return all.map((t) => {
    const name = t.tokenType.name;
    const kind = KIND_BY_TYPE[name] ?? (name.startsWith('Kw_') ? 'keyword' : 'punctuation');
    return { kind, text: t.image, range: tokenRange(t) };
  });
}
