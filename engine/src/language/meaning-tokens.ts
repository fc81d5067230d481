/**
 * The formatter's second soundness check, independent of the parser's AST: the words, values
 * and structural punctuation of the input must come out of the printer unchanged and in order.
 * Comparing ASTs alone cannot see a token the parser dropped without a word (the AST of the
 * input already lacks it, so printing and re-parsing agree); counting tokens can.
 *
 * Only what the canonical layout may legitimately change is normalised away:
 * - whitespace and comments (comments are compared through the AST);
 * - `;` separators, `,` list separators and condition parentheses (the AST compares list
 *   items and condition structure);
 * - the spelling of strings (compared by decoded value: quoted values are re-quoted);
 * - `decision` in `expect decision allow` (written `expect allow`).
 */
import { lexPolicy } from './lexer.js';
import type { IToken } from './lexer.js';
import { decodeString } from './strings.js';

/** One meaningful token: its normalised text and where it starts in its source. */
export interface MeaningToken {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const LAYOUT_ONLY = new Set(['Semicolon', 'Comma', 'LParen', 'RParen']);

/** The meaningful tokens of a policy text, in order. Never throws. */
export function meaningTokens(text: string): MeaningToken[] {
  const tokens = lexPolicy(text).tokens;
  const out: MeaningToken[] = [];
  let previous: IToken | undefined;
  for (const t of tokens) {
    const name = t.tokenType.name;
    const afterExpect = previous?.tokenType.name === 'Kw_expect';
    previous = t;
    if (LAYOUT_ONLY.has(name)) continue;
    if (name === 'Kw_decision' && afterExpect) continue;
    const isString = name === 'CompleteString' || name === 'UnterminatedString';
    // A string and a word never compare equal, even when their text does.
    const value = isString ? `"${decodeString(t.image).value}` : t.image;
    out.push({ text: value, line: t.startLine ?? 0, column: t.startColumn ?? 0 });
  }
  return out;
}

/**
 * Where the meaningful tokens of `before` and `after` first differ, as a description without
 * the tokens' text (inputs are never echoed), or undefined when they agree.
 */
export function firstTokenDifference(before: string, after: string): string | undefined {
  const a = meaningTokens(before);
  const b = meaningTokens(after);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x?.text === y?.text) continue;
    if (x === undefined) return `token ${i + 1} (the output has more tokens than the input)`;
    return `token ${i + 1} (input line ${x.line}, column ${x.column})`;
  }
  return undefined;
}
