/**
 * Which arguments an ICU MessageFormat 1 frame reads, and how (`{x}`, `select`, `plural`, a
 * formatter), with where each is written — and which of those uses the frame's key does not
 * declare (`phrasebook/message-args.ts`). A small scanner of the MessageFormat syntax (apostrophe
 * mode DOUBLE_OPTIONAL, like `@messageformat/core`), meant for messages that compile; on text it
 * cannot follow it returns undefined. Never throws.
 */
import { messageArgs } from './phrasebook/message-args.js';

export type ArgumentHow = 'plain' | 'select' | 'plural' | 'selectordinal' | 'function';

/** One place a frame reads an argument. */
export interface ArgumentUse {
  readonly name: string;
  readonly how: ArgumentHow;
  /** The formatter of `{n, number}`; only when `how` is `function`. */
  readonly fn?: string;
  /** Index of the argument's name in the message, and its length. */
  readonly offset: number;
  readonly length: number;
}

/** Why one argument use is not allowed for the frame's key. */
export interface ArgumentProblem {
  readonly kind: 'unknown-argument' | 'wrong-type';
  readonly use: ArgumentUse;
  /** Plain words for a diagnostic; names only the argument and the key, never message text. */
  readonly message: string;
}

class Scan {
  i = 0;
  readonly uses: ArgumentUse[] = [];
  constructor(readonly src: string) {}

  ws(): void {
    while (this.i < this.src.length && /\s/u.test(this.src[this.i] as string)) this.i++;
  }

  word(): { text: string; offset: number } {
    this.ws();
    const start = this.i;
    while (this.i < this.src.length && !/[\s,{}]/u.test(this.src[this.i] as string)) this.i++;
    return { text: this.src.slice(start, this.i), offset: start };
  }

  /** Message text up to an unmatched `}` (left unconsumed) or the end. */
  text(inPlural: boolean): void {
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === "'") {
        const next = this.src[this.i + 1];
        if (next === "'") this.i += 2;
        else if (next === '{' || next === '}' || (inPlural && next === '#') || next === '|') this.quoted();
        else this.i++;
      } else if (c === '{') {
        this.argument();
      } else if (c === '}') {
        return;
      } else {
        this.i++;
      }
    }
  }

  /** `'{literal}'`: up to the closing apostrophe (`''` inside is one apostrophe). */
  quoted(): void {
    this.i++;
    while (this.i < this.src.length) {
      if (this.src[this.i] === "'") {
        if (this.src[this.i + 1] === "'") this.i += 2;
        else {
          this.i++;
          return;
        }
      } else this.i++;
    }
  }

  expect(c: string): void {
    this.ws();
    if (this.src[this.i] !== c) throw new Error('unexpected');
    this.i++;
  }

  argument(): void {
    this.i++; // {
    const name = this.word();
    if (name.text === '') throw new Error('empty argument');
    this.ws();
    if (this.src[this.i] === '}') {
      this.i++;
      this.uses.push({ name: name.text, how: 'plain', offset: name.offset, length: name.text.length });
      return;
    }
    this.expect(',');
    const type = this.word().text;
    this.ws();
    const selector = type === 'select' || type === 'plural' || type === 'selectordinal';
    if (selector) {
      this.uses.push({ name: name.text, how: type, offset: name.offset, length: name.text.length });
      this.expect(',');
      this.cases(type !== 'select');
      return;
    }
    this.uses.push({ name: name.text, how: 'function', fn: type, offset: name.offset, length: name.text.length });
    if (this.src[this.i] === '}') {
      this.i++;
      return;
    }
    this.expect(',');
    this.style();
  }

  /** `key {…} key {…}` up to the closing `}` of the select or plural. */
  cases(inPlural: boolean): void {
    for (;;) {
      this.ws();
      if (this.i >= this.src.length) throw new Error('unterminated');
      if (this.src[this.i] === '}') {
        this.i++;
        return;
      }
      const key = this.word().text;
      if (key === '') throw new Error('empty case');
      if (key.startsWith('offset:')) continue;
      this.expect('{');
      this.text(inPlural);
      this.expect('}');
    }
  }

  /** A formatter's style (`{n, number, integer}`): skipped with its nested braces. */
  style(): void {
    let depth = 1;
    while (this.i < this.src.length && depth > 0) {
      const c = this.src[this.i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      this.i++;
    }
    if (depth > 0) throw new Error('unterminated');
  }
}

/** Every argument use of a message, in order; undefined when the text cannot be followed. */
export function argumentUses(source: string): ArgumentUse[] | undefined {
  if (typeof source !== 'string') return undefined;
  const scan = new Scan(source);
  try {
    scan.text(false);
    if (scan.i < source.length) return undefined; // a stray `}`
    return scan.uses;
  } catch {
    return undefined;
  }
}

/** The uses of a frame that its key does not allow: unknown names and wrong types. */
export function argumentProblems(key: string, source: string): ArgumentProblem[] {
  const uses = argumentUses(source);
  if (!uses) return [];
  const spec = messageArgs(key);
  const known = Object.keys(spec);
  const out: ArgumentProblem[] = [];
  for (const use of uses) {
    const type = Object.hasOwn(spec, use.name) ? spec[use.name] : undefined;
    if (!type) {
      out.push({
        kind: 'unknown-argument',
        use,
        message: `message ${key} has no argument "${use.name}"; it can use ${known.length === 0 ? 'no arguments' : known.map((k) => `{${k}}`).join(', ')}`,
      });
      continue;
    }
    const wrong = wrongType(use, type.kind);
    if (wrong) out.push({ kind: 'wrong-type', use, message: `message ${key}: ${wrong}` });
  }
  return out;
}

function wrongType(use: ArgumentUse, kind: 'text' | 'number' | 'choice'): string | undefined {
  const { name, how } = use;
  if (how === 'plain') return undefined;
  if (how === 'select') {
    if (kind === 'choice') return undefined;
    return kind === 'number'
      ? `{${name}} is a number: use plural, not select`
      : `{${name}} is a word, not a choice: write {${name}} without select`;
  }
  if (how === 'plural' || how === 'selectordinal') {
    return kind === 'number'
      ? undefined
      : `{${name}} is not a number, so ${how} over it would render "NaN"${kind === 'choice' ? ': use select' : ''}`;
  }
  if (kind === 'number' && use.fn === 'number') return undefined;
  return `{${name}} cannot be formatted as ${use.fn ?? 'that'}: write {${name}} alone`;
}

/** True when a frame that compiles uses only declared arguments of the right types. */
export function argumentsValid(key: string, source: string): boolean {
  return argumentUses(source) !== undefined && argumentProblems(key, source).length === 0;
}
